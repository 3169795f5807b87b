import { BarChart, LineChart } from '@mantine/charts';
import { Anchor, Table } from '@mantine/core';
import type { Dashboard, RiskMatrix } from '../../../../electron/contract/index.ts';
import { listHref } from '../../routing/list-href.ts';
import { formatMonthShort } from '../../text/format.ts';
import { ChartFigure } from './ChartFigure.tsx';

const labelOf = (matrix: RiskMatrix, band: string) => matrix.bands.find((b) => b.id === band)?.label ?? band;
// The tables carry the figures to assistive technology: the charts' own keyboard layer would be a second, wordless copy.
const noChartFocus = { accessibilityLayer: false };

/** Open risks by band before safeguards (inherent) and after (residual). */
export function BandsChart({ dashboard, matrix }: { dashboard: Dashboard; matrix: RiskMatrix }) {
  const data = dashboard.bands.map((b) => ({ band: labelOf(matrix, b.band), inherent: b.inherent, residual: b.residual }));
  const words = dashboard.bands.map((b) => `${labelOf(matrix, b.band)} ${b.inherent} before, ${b.residual} after`).join('; ');
  return (
    <ChartFigure
      id="bands"
      title="Open risks by band, before and after safeguards"
      summary={`Bar chart of open risks by band: ${words}.`}
      link={{ href: listHref('risks', { openOnly: true }), label: 'Open risks in the register' }}
      chart={
        <BarChart
          h={220}
          data={data}
          dataKey="band"
          withLegend
          barChartProps={noChartFocus}
          series={[
            { name: 'inherent', label: 'Before safeguards', color: 'gray.6' },
            { name: 'residual', label: 'After safeguards', color: 'indigo.7' },
          ]}
        />
      }
      alternative={
        <Table withTableBorder aria-label="Open risks by band">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Band</Table.Th>
              <Table.Th>Before safeguards</Table.Th>
              <Table.Th>After safeguards</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {dashboard.bands.map((b) => (
              <Table.Tr key={b.band}>
                <Table.Th scope="row">{labelOf(matrix, b.band)}</Table.Th>
                <Table.Td>{b.inherent}</Table.Td>
                <Table.Td>
                  <Anchor href={listHref('risks', { band: b.band, openOnly: true })} aria-label={`${b.residual} open ${labelOf(matrix, b.band)} risks after safeguards`}>
                    {b.residual}
                  </Anchor>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      }
    />
  );
}

/** Open risks by residual band at the end of each of the last twelve months. */
export function TrendChart({ dashboard, matrix }: { dashboard: Dashboard; matrix: RiskMatrix }) {
  const bands = dashboard.bands.map((b) => b.band);
  const data = dashboard.bandTrend.map((p) => ({ month: formatMonthShort(p.month), ...p.counts }));
  const first = dashboard.bandTrend[0];
  const last = dashboard.bandTrend.at(-1);
  const change = (band: string) => `${labelOf(matrix, band)} ${first?.counts[band] ?? 0} to ${last?.counts[band] ?? 0}`;
  return (
    <ChartFigure
      id="trend"
      title="Open risks by band over the last 12 months"
      summary={`Line chart of open risks by band at the end of each month from ${first ? formatMonthShort(first.month) : ''} to ${last ? formatMonthShort(last.month) : ''}: ${bands.map(change).join('; ')}.`}
      link={{ href: listHref('risks', { openOnly: true }), label: 'Open risks in the register' }}
      collapsed
      chart={
        <LineChart
          h={220}
          data={data}
          dataKey="month"
          withLegend
          lineChartProps={noChartFocus}
          series={matrix.bands.map((b) => ({ name: b.id, label: b.label, color: b.color }))}
        />
      }
      alternative={
        <Table withTableBorder aria-label="Open risks by band at the end of each month">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Month</Table.Th>
              {bands.map((band) => (
                <Table.Th key={band}>{labelOf(matrix, band)}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {dashboard.bandTrend.map((p) => (
              <Table.Tr key={p.month}>
                <Table.Th scope="row">{formatMonthShort(p.month)}</Table.Th>
                {bands.map((band) => (
                  <Table.Td key={band}>{p.counts[band] ?? 0}</Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      }
    />
  );
}
