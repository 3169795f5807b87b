import { Anchor, List, Table, Text } from '@mantine/core';
import type { Dashboard } from '../../../../electron/contract/index.ts';
import { hrefFor } from '../../routing/use-hash-route.ts';
import { formatDate } from '../../text/format.ts';
import { DashboardPart } from './ChartFigure.tsx';

/** Systems whose clinicians' training falls short (docs/readiness.md): each group in words, with the earliest refresher date. */
export function ReadinessPart({ dashboard }: { dashboard: Dashboard }) {
  const { total, rows } = dashboard.readiness;
  return (
    <DashboardPart id="readiness" title={`Clinician training short of target (${total})`}>
      {total === 0 ? (
        <Text size="sm">Every role group with training records meets the target, and no refresher is overdue.</Text>
      ) : (
        <Table withTableBorder aria-label="Systems whose clinician training falls short, earliest refresher first">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Refresher</Table.Th>
              <Table.Th>System</Table.Th>
              <Table.Th>What falls short</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.systemId}>
                <Table.Td>
                  {formatDate(r.due)}
                  <Text size="xs" c="dimmed">
                    {r.due < dashboard.asOf ? 'overdue' : 'due'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Anchor href={hrefFor({ page: 'system', id: r.systemId })}>{r.systemName}</Anchor>
                </Table.Td>
                <Table.Td>
                  <List size="sm" spacing={2}>
                    {r.words.map((w) => (
                      <List.Item key={w}>{w}</List.Item>
                    ))}
                  </List>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </DashboardPart>
  );
}
