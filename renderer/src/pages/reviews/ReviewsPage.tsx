import { Anchor, Badge, Loader, Paper, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { useCatalog, useReviewQueue } from '../../api/queries.ts';
import { BandBadge } from '../../components/BandBadge.tsx';
import { useActingAs } from '../../acting/acting-as.ts';
import { roleLabels } from '../../text/labels.ts';
import { hrefFor, navigate, type ReviewsTab } from '../../routing/use-hash-route.ts';
import { ErrorNotice } from '../../shell/ErrorNotice.tsx';
import { formatDateTime, stageLabels } from '../assessments/assessment-model.ts';
import { ReviewLog } from './ReviewLog.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';

/**
 * Reviews: what awaits the person acting (the default tab), and the review log of every
 * assessment sent to review (#/reviews/log?…).
 */
export function ReviewsPage({ tab = 'queue' }: { tab?: ReviewsTab | undefined }) {
  return (
    <Stack gap="md">
      <div>
        <Title order={1}>Reviews</Title>
        <Text c="dimmed">What awaits you, and the log of every review.</Text>
      </div>
      <Tabs
        value={tab}
        onChange={(next) => {
          navigate({ page: 'reviews', tab: next === 'log' ? 'log' : undefined });
        }}
        keepMounted={false}
      >
        <Tabs.List>
          <Tabs.Tab value="queue">Awaiting you</Tabs.Tab>
          <Tabs.Tab value="log">Review log</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="queue" pt="lg">
          <ReviewQueue />
        </Tabs.Panel>
        <Tabs.Panel value="log" pt="lg">
          <ReviewLog />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

/** What awaits the person acting: assessments to review or revise, risks to treat or decide. */
function ReviewQueue() {
  const { by, person, people, ready } = useActingAs();
  const queue = useReviewQueue(by?.name ?? null);
  const catalog = useCatalog();
  const matrix = catalog.data?.matrix;

  const intro = <Text c="dimmed">Assessments to review or revise, and risks to treat or decide on.</Text>;
  if (!ready) return <Loader aria-label="Loading people" />;
  if (!by || !person) {
    return (
      <Stack>
        {intro}
        {people.length === 0 ? (
          <Text>
            Nobody is set up yet. <Anchor href={hrefFor({ page: 'settings' })}>Add people in Settings</Anchor>, then choose who you are under
            &ldquo;Acting as&rdquo; at the top.
          </Text>
        ) : (
          <Text>Choose who you are under &ldquo;Acting as&rdquo; at the top of the page to see what awaits you.</Text>
        )}
      </Stack>
    );
  }

  return (
    <Stack gap="lg">
      {intro}
      <Text size="sm">
        For <strong>{person.name}</strong> ({person.roles.map((r) => roleLabels[r]).join(', ')}).
      </Text>
      {queue.isPending ? (
        <Loader aria-label="Loading your queue" />
      ) : queue.isError ? (
        <ErrorNotice error={queue.error} title="Your queue could not be loaded" />
      ) : (
        <>
          <Paper withBorder p="md" radius="md" component="section" aria-labelledby="queue-assessments">
            <Stack gap="sm">
              <Title order={2} id="queue-assessments">
                Assessments awaiting you{' '}
                <Badge variant="light" size="lg" ml={4}>
                  {queue.data.assessments.length}
                </Badge>
              </Title>
              {queue.data.assessments.length === 0 ? (
                <Text c="dimmed">No assessment awaits you.</Text>
              ) : (
                <Table withTableBorder striped aria-label="Assessments awaiting you" verticalSpacing="xs">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Assessment</Table.Th>
                      <Table.Th>System</Table.Th>
                      <Table.Th>Stage</Table.Th>
                      <Table.Th>Status</Table.Th>
                      <Table.Th>Why it is here</Table.Th>
                      <Table.Th>Updated</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {queue.data.assessments.map((a) => (
                      <Table.Tr key={a.id}>
                        <Table.Td>
                          <Anchor href={hrefFor({ page: 'assessment', id: a.id })}>{a.title}</Anchor>
                        </Table.Td>
                        <Table.Td>
                          <Anchor href={hrefFor({ page: 'system', id: a.systemId })}>{a.systemName}</Anchor>
                        </Table.Td>
                        <Table.Td>{stageLabels[a.stage]}</Table.Td>
                        <Table.Td>
                          <StatusBadge kind="assessment" status={a.status} />
                        </Table.Td>
                        <Table.Td>{a.reason}</Table.Td>
                        <Table.Td>
                          <Text size="sm">{formatDateTime(a.updatedAt)}</Text>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Stack>
          </Paper>
          <Paper withBorder p="md" radius="md" component="section" aria-labelledby="queue-risks">
            <Stack gap="sm">
              <Title order={2} id="queue-risks">
                Risks awaiting you{' '}
                <Badge variant="light" size="lg" ml={4}>
                  {queue.data.risks.length}
                </Badge>
              </Title>
              {queue.data.risks.length === 0 ? (
                <Text c="dimmed">No risk awaits you.</Text>
              ) : (
                <Table withTableBorder striped aria-label="Risks awaiting you" verticalSpacing="xs">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Risk</Table.Th>
                      <Table.Th>System</Table.Th>
                      <Table.Th>Residual</Table.Th>
                      <Table.Th>Status</Table.Th>
                      <Table.Th>Why it is here</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {queue.data.risks.map((r) => (
                      <Table.Tr key={r.id}>
                        <Table.Td>
                          <Anchor href={hrefFor({ page: 'risks', id: r.id })}>{r.threatName}</Anchor>
                          <Text size="xs" c="dimmed" ff="monospace">
                            {r.id}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <Anchor href={hrefFor({ page: 'system', id: r.systemId })}>{r.systemName}</Anchor>
                        </Table.Td>
                        <Table.Td>{matrix ? <BandBadge matrix={matrix} band={r.band} /> : r.band}</Table.Td>
                        <Table.Td>
                          <StatusBadge kind="risk" status={r.status} />
                        </Table.Td>
                        <Table.Td>{r.reason}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Stack>
          </Paper>
        </>
      )}
    </Stack>
  );
}
