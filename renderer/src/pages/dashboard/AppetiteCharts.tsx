import { BarChart } from '@mantine/charts';
import { Anchor, Table, Text } from '@mantine/core';
import type { Dashboard } from '../../../../electron/contract/index.ts';
import { listHref } from '../../routing/list-href.ts';
import { ChartFigure, plural } from './ChartFigure.tsx';

const noChartFocus = { accessibilityLayer: false };
const allAbove = listHref('risks', { aboveAppetite: true, openOnly: true });

/** "Showing 10 of 14 systems", when a part lists only its first rows. */
function Shown({ shown, total, noun }: { shown: number; total: number; noun: string }) {
  return total > shown ? (
    <Text size="sm" c="dimmed">
      The {shown} with the most shown, of {plural(total, noun)}.
    </Text>
  ) : null;
}

/** Open risks above appetite per system (the ten with the most). */
export function AboveBySystemChart({ dashboard }: { dashboard: Dashboard }) {
  const { rows, total } = dashboard.aboveAppetiteBySystem;
  if (total === 0) return null;
  return (
    <ChartFigure
      id="above-system"
      title="Above appetite by system"
      summary={`Bar chart of open risks above appetite per system: ${rows.map((r) => `${r.systemName} ${r.count}`).join('; ')}.`}
      link={{ href: allAbove, label: 'All risks above appetite' }}
      chart={
        <BarChart
          h={Math.max(120, rows.length * 32)}
          data={rows.map((r) => ({ system: r.systemName, count: r.count }))}
          dataKey="system"
          orientation="vertical"
          yAxisProps={{ width: 180 }}
          barChartProps={noChartFocus}
          series={[{ name: 'count', label: 'Open risks above appetite', color: 'red.8' }]}
        />
      }
      alternative={
        <>
          <Table withTableBorder aria-label="Open risks above appetite by system">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>System</Table.Th>
                <Table.Th>Vendor</Table.Th>
                <Table.Th>Above appetite</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.systemId}>
                  <Table.Th scope="row">{r.systemName}</Table.Th>
                  <Table.Td>{r.vendor}</Table.Td>
                  <Table.Td>
                    <Anchor href={listHref('risks', { systemId: r.systemId, aboveAppetite: true, openOnly: true })} aria-label={`${plural(r.count, 'risk')} above appetite in ${r.systemName}`}>
                      {r.count}
                    </Anchor>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Shown shown={rows.length} total={total} noun="system" />
        </>
      }
    />
  );
}

/** Open risks above appetite per vendor (the ten with the most). */
export function AboveByVendorChart({ dashboard }: { dashboard: Dashboard }) {
  const { rows, total } = dashboard.aboveAppetiteByVendor;
  if (total === 0) return null;
  return (
    <ChartFigure
      id="above-vendor"
      title="Above appetite by vendor"
      summary={`Bar chart of open risks above appetite per vendor: ${rows.map((r) => `${r.vendor} ${r.count}`).join('; ')}.`}
      link={{ href: allAbove, label: 'All risks above appetite' }}
      chart={
        <BarChart
          h={Math.max(120, rows.length * 32)}
          data={rows.map((r) => ({ vendor: r.vendor, count: r.count }))}
          dataKey="vendor"
          orientation="vertical"
          yAxisProps={{ width: 180 }}
          barChartProps={noChartFocus}
          series={[{ name: 'count', label: 'Open risks above appetite', color: 'red.8' }]}
        />
      }
      alternative={
        <>
          <Table withTableBorder aria-label="Open risks above appetite by vendor">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Vendor</Table.Th>
                <Table.Th>Systems</Table.Th>
                <Table.Th>Above appetite</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.vendor}>
                  <Table.Th scope="row">{r.vendor}</Table.Th>
                  <Table.Td>{r.systems}</Table.Td>
                  <Table.Td>
                    <Anchor href={listHref('risks', { vendor: r.vendor, aboveAppetite: true, openOnly: true })} aria-label={`${plural(r.count, 'risk')} above appetite from ${r.vendor}`}>
                      {r.count}
                    </Anchor>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Shown shown={rows.length} total={total} noun="vendor" />
        </>
      }
    />
  );
}
