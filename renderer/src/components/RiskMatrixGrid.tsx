import { Table, Text } from '@mantine/core';
import type { RiskMatrix } from '../../../electron/contract/index.ts';
import { readableTextColor } from './readable-text-color.ts';

/**
 * The 5 × 5 matrix, likelihood rising upwards and impact to the right, each cell coloured by
 * its band. `counts` (optional) puts a number in each cell — the heat map of a profile.
 */
export function RiskMatrixGrid({ matrix, counts, caption }: { matrix: RiskMatrix; counts?: number[][]; caption: string }) {
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
              return (
                <Table.Td
                  key={i.level}
                  style={{ background: band?.color, color: ink, textAlign: 'center' }}
                  aria-label={`Likelihood ${l.level}, impact ${i.level}: ${band?.label ?? ''}${count !== undefined ? `, ${count} threats` : ''}`}
                >
                  <Text size="sm" fw={700} c={ink}>
                    {count !== undefined ? count : band?.label}
                  </Text>
                </Table.Td>
              );
            })}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
