import { BarChart } from '@mantine/charts';
import { Anchor, Table, Text } from '@mantine/core';
import type { Dashboard } from '../../../../electron/contract/index.ts';
import { listHref, type ListParams } from '../../routing/list-href.ts';
import { ChartFigure, plural } from './ChartFigure.tsx';

const noChartFocus = { accessibilityLayer: false };
const aboveOnly = { aboveAppetite: true, openOnly: true };

/** One bar of an above-appetite chart: who, the columns the table shows for it, its count and its risks' filter. */
interface AboveRow {
  key: string;
  name: string;
  columns: string[];
  count: number;
  filter: ListParams;
}

/** Open risks above appetite per system or per vendor: the ten with the most, as bars and as a table. */
function AboveAppetiteChart({ id, noun, headers, rows, total, linkWords }: { id: string; noun: 'system' | 'vendor'; headers: string[]; rows: AboveRow[]; total: number; linkWords: string }) {
  if (total === 0) return null;
  const title = `Above appetite by ${noun}`;
  return (
    <ChartFigure
      id={id}
      title={title}
      summary={`Bar chart of open risks above appetite per ${noun}: ${rows.map((r) => `${r.name} ${r.count}`).join('; ')}.`}
      link={{ href: listHref('risks', aboveOnly), label: 'All risks above appetite' }}
      chart={
        <BarChart
          h={Math.max(120, rows.length * 32)}
          data={rows.map((r) => ({ name: r.name, count: r.count }))}
          dataKey="name"
          orientation="vertical"
          yAxisProps={{ width: 180 }}
          barChartProps={noChartFocus}
          series={[{ name: 'count', label: 'Open risks above appetite', color: 'red.8' }]}
        />
      }
      alternative={
        <>
          <Table withTableBorder aria-label={`Open risks above appetite by ${noun}`}>
            <Table.Thead>
              <Table.Tr>
                {[...headers, 'Above appetite'].map((h) => (
                  <Table.Th key={h}>{h}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.key}>
                  <Table.Th scope="row">{r.name}</Table.Th>
                  {r.columns.map((c, i) => (
                    <Table.Td key={i}>{c}</Table.Td>
                  ))}
                  <Table.Td>
                    <Anchor href={listHref('risks', { ...r.filter, ...aboveOnly })} aria-label={`${plural(r.count, 'risk')} above appetite ${linkWords} ${r.name}`}>
                      {r.count}
                    </Anchor>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {total > rows.length ? (
            <Text size="sm" c="dimmed">
              The {rows.length} with the most shown, of {plural(total, noun)}.
            </Text>
          ) : null}
        </>
      }
    />
  );
}

export function AboveBySystemChart({ dashboard }: { dashboard: Dashboard }) {
  const { rows, total } = dashboard.aboveAppetiteBySystem;
  return (
    <AboveAppetiteChart
      id="above-system"
      noun="system"
      headers={['System', 'Vendor']}
      linkWords="in"
      total={total}
      rows={rows.map((r) => ({ key: r.systemId, name: r.systemName, columns: [r.vendor], count: r.count, filter: { systemId: r.systemId } }))}
    />
  );
}

export function AboveByVendorChart({ dashboard }: { dashboard: Dashboard }) {
  const { rows, total } = dashboard.aboveAppetiteByVendor;
  return (
    <AboveAppetiteChart
      id="above-vendor"
      noun="vendor"
      headers={['Vendor', 'Systems']}
      linkWords="from"
      total={total}
      rows={rows.map((r) => ({ key: r.vendor, name: r.vendor, columns: [String(r.systems)], count: r.count, filter: { vendor: r.vendor } }))}
    />
  );
}
