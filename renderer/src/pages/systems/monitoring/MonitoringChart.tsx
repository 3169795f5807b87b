import { LineChart } from '@mantine/charts';
import '@mantine/charts/styles.css';
import { Group, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactElement } from 'react';
import { formatMeasure, formatNumber } from '../../../text/format.ts';
import type { MetricChart } from './monitoring-model.ts';

// The table carries the figures to assistive technology: the chart's own keyboard layer would be a second, wordless copy.
const noChartFocus = { accessibilityLayer: false };
// Each hue's "text" shade: the theme keeps it readable on the page in both schemes (theme.ts), lines and points included.
const lineColors = ['indigo', 'teal', 'grape', 'orange', 'cyan', 'pink', 'lime', 'gray'].map((hue) => `var(--mantine-color-${hue}-text)`);
// Subgroups differ by dash as well as colour, so two lines are told apart without colour.
const dashes = [undefined, '6 3', '2 3', '8 3 2 3', '1 2', '10 4'];
const breachColor = 'var(--mantine-color-red-text)';

interface DotRender {
  cx?: number | null;
  cy?: number | null;
  payload?: Record<string, unknown>;
  index?: number;
}

/**
 * A point on a line: a small circle, or for a value outside its acceptance criteria a larger
 * triangle in red with an outline, so a breach is told by its shape and not by colour alone.
 */
const dotFor = (key: string, color: string) =>
  function Dot({ cx, cy, payload, index }: DotRender): ReactElement {
    if (typeof cx !== 'number' || typeof cy !== 'number' || payload?.[key] === null || payload?.[key] === undefined) return <g key={`${key}-${index ?? 0}`} />;
    if (payload[`${key}Breached`] === true) {
      return (
        <path
          key={`${key}-${index ?? 0}`}
          d={`M ${cx} ${cy - 7} L ${cx + 7} ${cy + 5} L ${cx - 7} ${cy + 5} Z`}
          fill={breachColor}
          stroke="var(--mantine-color-body)"
          strokeWidth={1.5}
          data-breached="true"
        />
      );
    }
    return <circle key={`${key}-${index ?? 0}`} cx={cx} cy={cy} r={3} fill={color} stroke={color} />;
  };

/** One metric over the months: the overall and subgroup lines, the thresholds, breaches marked; its table behind "Show as table". */
const colorOf = (index: number): string => lineColors[index % lineColors.length] ?? 'var(--mantine-color-text)';

export function MonitoringChart({ chart }: { chart: MetricChart }) {
  const id = `monitoring-${chart.metric}`;
  const series = chart.lines.map((line, i) => ({
    name: line.key,
    label: line.label,
    color: colorOf(i),
    strokeDasharray: dashes[i % dashes.length],
  }));
  return (
    <Stack gap="xs" component="section" aria-labelledby={`${id}-title`}>
      <Title order={3} size="h5" id={`${id}-title`}>
        {chart.label}
      </Title>
      <Text size="sm" id={`${id}-summary`}>
        {chart.summary}
      </Text>
      {chart.data.length > 0 ? (
        <>
          <div role="img" aria-labelledby={`${id}-title ${id}-summary`} aria-describedby={`${id}-key`}>
            <LineChart
              h={240}
              data={chart.data}
              dataKey="month"
              withLegend
              curveType="linear"
              connectNulls={false}
              yAxisProps={{ domain: chart.domain, ticks: chart.ticks }}
              // Room at both ends so the first and last months' markers are not cut by the edge.
              xAxisProps={{ padding: { left: 16, right: 16 } }}
              lineChartProps={noChartFocus}
              series={series}
              lineProps={(s) => ({ dot: dotFor(s.name, s.color ?? colorOf(0)) })}
              referenceLines={chart.thresholds.map((t) => ({ y: t.y, label: t.label, color: 'var(--mantine-color-red-text)', strokeDasharray: '4 4', labelPosition: 'insideTopRight' }))}
              valueFormatter={formatMeasure}
            />
          </div>
          <Group gap={6} id={`${id}-key`}>
            <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">
              <path d="M 7 1 L 13 12 L 1 12 Z" fill={breachColor} />
            </svg>
            <Text size="xs">A red triangle marks a value outside its acceptance criteria; dashed red lines are the thresholds.</Text>
          </Group>
          <details>
            <summary>Show {chart.label} as a table</summary>
            <Table withTableBorder striped mt="xs" captionSide="top">
              <caption>
                {chart.label} by month and subgroup ({chart.unit})
              </caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Month</Table.Th>
                  <Table.Th scope="col">Subgroup</Table.Th>
                  <Table.Th scope="col">Value</Table.Th>
                  <Table.Th scope="col">Patients or encounters (n)</Table.Th>
                  <Table.Th scope="col">Against the criteria</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {chart.rows.map((row) => (
                  <Table.Tr key={`${row.period}-${row.subgroup}`}>
                    <Table.Th scope="row">{row.month}</Table.Th>
                    <Table.Td>{row.subgroup}</Table.Td>
                    <Table.Td>{row.value}</Table.Td>
                    <Table.Td>{formatNumber(row.n)}</Table.Td>
                    <Table.Td fw={row.breached ? 700 : undefined}>{row.status}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </details>
        </>
      ) : null}
    </Stack>
  );
}
