import { Anchor, Table, Text } from '@mantine/core';
import type { RiskMatrix } from '../../../electron/contract/index.ts';
import { readableTextColor } from './readable-text-color.ts';

/**
 * The 5 × 5 matrix, likelihood rising upwards and impact to the right, each cell coloured by
 * its band. `counts` (optional) puts a number in each cell — the heat map of a profile, or of
 * the portfolio's open risks, whose cells (`cellHref`) link to the risks in them.
 */
export function RiskMatrixGrid({
  matrix,
  counts,
  caption,
  noun = 'threats',
  cellHref,
}: {
  matrix: RiskMatrix;
  counts?: number[][];
  caption: string;
  /** What the counts count, in words ("threats", "open risks"). */
  noun?: string;
  cellHref?: (likelihood: number, impact: number) => string;
}) {
  const bands = new Map(matrix.bands.map((b) => [b.id, b]));
  const rows = [...matrix.likelihood].reverse();
  return (
    <Table withTableBorder withColumnBorders aria-label={caption} maw={760} layout="fixed">
      <Table.Caption>{caption}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={150}>Likelihood \ Impact</Table.Th>
          {matrix.impact.map((i) => (
            <Table.Th key={i.level} title={i.description}>
              {i.level} {i.label}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((l) => (
          <Table.Tr key={l.level}>
            <Table.Th title={l.description}>
              {l.level} {l.label}
            </Table.Th>
            {matrix.impact.map((i) => {
              const band = bands.get(matrix.cells[l.level - 1]?.[i.level - 1] ?? '');
              const count = counts?.[l.level - 1]?.[i.level - 1];
              const ink = band ? readableTextColor(band.color) : '#000000';
              const label = `Likelihood ${l.level}, impact ${i.level}: ${band?.label ?? ''}${count !== undefined ? `, ${count} ${noun}` : ''}`;
              const text = count !== undefined ? count : band?.label;
              return (
                <Table.Td key={i.level} style={{ background: band?.color, color: ink, textAlign: 'center' }} aria-label={cellHref ? undefined : label}>
                  {cellHref ? (
                    <Anchor href={cellHref(l.level, i.level)} aria-label={label} size="sm" fw={700} c={ink} underline="always" display="block">
                      {text}
                    </Anchor>
                  ) : (
                    <Text size="sm" fw={700} c={ink}>
                      {text}
                    </Text>
                  )}
                </Table.Td>
              );
            })}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
