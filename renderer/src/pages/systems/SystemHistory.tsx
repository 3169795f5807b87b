import { Anchor, Button, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { AiSystem } from '../../../../electron/contract/index.ts';
import { useSystemHistory } from '../../api/queries.ts';
import { auditActionLabel, formatDate, systemEventLabels } from '../../text/labels.ts';
import { hrefFor } from '../../routing/use-hash-route.ts';
import { ErrorNotice } from '../../shell/ErrorNotice.tsx';
import { formatDateTime } from '../assessments/assessment-model.ts';

const ledgerPage = 25;

/** Changes and incidents, the model-version history and the audit trail of one system. */
export function SystemHistory({ system }: { system: AiSystem }) {
  const history = useSystemHistory(system.id);
  const [showAll, setShowAll] = useState(false);

  return (
    <Stack gap="md" component="section" aria-labelledby="history-heading">
      <Title order={2} id="history-heading">
        History
      </Title>
      {history.isPending ? (
        <Loader size="sm" aria-label="Loading history" />
      ) : history.isError ? (
        <ErrorNotice error={history.error} title="The history could not be loaded" />
      ) : (
        (() => {
          const { events, ledger } = history.data;
          const versions = events.filter((e) => e.kind === 'modelVersion');
          const newestFirst = [...ledger].sort((a, b) => b.seq - a.seq);
          const shown = showAll ? newestFirst : newestFirst.slice(0, ledgerPage);
          return (
            <>
              <Stack gap="xs">
                <Title order={3} size="h4">
                  Changes and incidents
                </Title>
                {events.length === 0 ? (
                  <Text c="dimmed" size="sm">
                    No change or incident recorded.
                  </Text>
                ) : (
                  <Table withTableBorder striped aria-label="Changes and incidents" verticalSpacing={6}>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>Date</Table.Th>
                        <Table.Th>What</Table.Th>
                        <Table.Th>Description</Table.Th>
                        <Table.Th>Recorded</Table.Th>
                        <Table.Th>Re-assessment</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {[...events].reverse().map((e) => (
                        <Table.Tr key={e.id}>
                          <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(e.occurredAt)}</Table.Td>
                          <Table.Td>{systemEventLabels[e.kind]}</Table.Td>
                          <Table.Td style={{ whiteSpace: 'pre-wrap' }}>
                            {e.description}
                            {e.modelVersion ? <Text size="xs" c="dimmed">Model version {e.modelVersion}</Text> : null}
                          </Table.Td>
                          <Table.Td>
                            <Text size="sm">{e.recordedBy}</Text>
                            <Text size="xs" c="dimmed">
                              {formatDateTime(e.recordedAt)}
                            </Text>
                          </Table.Td>
                          <Table.Td>{e.assessmentId ? <Anchor href={hrefFor({ page: 'assessment', id: e.assessmentId })}>{e.assessmentId}</Anchor> : '—'}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                )}
              </Stack>

              <Stack gap="xs">
                <Title order={3} size="h4">
                  Model versions
                </Title>
                <Text size="sm">
                  In use now: <strong>{system.modelVersion || 'not recorded'}</strong>
                </Text>
                {versions.length === 0 ? (
                  <Text c="dimmed" size="sm">
                    No new model version recorded since the system was registered.
                  </Text>
                ) : (
                  <Table withTableBorder aria-label="Model versions" verticalSpacing={6}>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>Version</Table.Th>
                        <Table.Th>Date</Table.Th>
                        <Table.Th>Training-data provenance</Table.Th>
                        <Table.Th>Data-set digest</Table.Th>
                        <Table.Th>Change notice / PCCP</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {[...versions].reverse().map((e) => (
                        <Table.Tr key={e.id}>
                          <Table.Td ff="monospace">{e.modelVersion || '—'}</Table.Td>
                          <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(e.occurredAt)}</Table.Td>
                          <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{e.provenance || '—'}</Table.Td>
                          <Table.Td ff="monospace" style={{ wordBreak: 'break-all' }}>
                            {e.datasetDigest || '—'}
                          </Table.Td>
                          <Table.Td>{e.changeNotice || '—'}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                )}
              </Stack>

              <Stack gap="xs">
                <Title order={3} size="h4">
                  Audit trail
                </Title>
                <Text size="sm" c="dimmed">
                  Every recorded step about this system, its assessments and its risks, newest first, from the hash-chained ledger.
                </Text>
                <Table withTableBorder striped aria-label="Audit trail" verticalSpacing={4} fz="sm">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th w={60}>#</Table.Th>
                      <Table.Th w={170}>Time</Table.Th>
                      <Table.Th>Actor</Table.Th>
                      <Table.Th>Action</Table.Th>
                      <Table.Th>Detail</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {shown.map((l) => (
                      <Table.Tr key={l.seq}>
                        <Table.Td ff="monospace">{l.seq}</Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(l.at)}</Table.Td>
                        <Table.Td>{l.actor}</Table.Td>
                        <Table.Td title={l.action} data-action={l.action}>
                          {auditActionLabel(l.action)}
                        </Table.Td>
                        <Table.Td>{l.summary}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
                {newestFirst.length > ledgerPage ? (
                  <Group>
                    <Button variant="subtle" size="compact-sm" onClick={() => setShowAll((v) => !v)}>
                      {showAll ? `Show the latest ${ledgerPage}` : `Show all ${newestFirst.length} entries`}
                    </Button>
                  </Group>
                ) : null}
              </Stack>
            </>
          );
        })()
      )}
    </Stack>
  );
}
