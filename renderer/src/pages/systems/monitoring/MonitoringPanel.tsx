import { Alert, Anchor, Badge, Button, CopyButton, Group, List, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { AiSystem, MonitoringSummary } from '../../../../../electron/contract/index.ts';
import { hrefFor } from '../../../routing/use-hash-route.ts';
import { ErrorNotice } from '../../../shell/ErrorNotice.tsx';
import { formatDateTime, formatMonth, formatNumber } from '../../../text/format.ts';
import { criterionWords, metricCharts, shortHash } from './monitoring-model.ts';
import { useMonitoringSummary } from './monitoring-queries.ts';
import { MonitoringChart } from './MonitoringChart.tsx';
import { MonitoringUpload } from './MonitoringUpload.tsx';

/** Why the core would refuse an import for this system now (monitoring-service), or null. */
const uploadBlocked = (system: AiSystem): string | null =>
  system.archived
    ? 'This system is archived: bring it back into the inventory to import its monitoring.'
    : system.lifecycleStage === 'retired'
      ? 'This system is retired: it is not monitored any more.'
      : null;

const reviewWords = { monthly: 'every month', quarterly: 'every quarter' } as const;

/** The criteria in force, read-only, with the validation assessment that records them. */
function CriteriaInForce({ summary }: { summary: MonitoringSummary }) {
  const set = summary.criteria;
  if (set === null || set.criteria.length === 0) {
    return <Text size="sm">No acceptance criteria are recorded yet. They are set on the system’s local validation assessment, while it is being filled in.</Text>;
  }
  return (
    <Stack gap={4}>
      <Text size="sm">
        Acceptance criteria in force, reviewed {reviewWords[set.reviewPeriod]}, from the{' '}
        <Anchor href={hrefFor({ page: 'assessment', id: set.assessmentId })}>local validation assessment ({set.assessmentId})</Anchor>, recorded by {set.recordedBy} on{' '}
        {formatDateTime(set.recordedAt)}:
      </Text>
      <List size="sm" aria-label="Acceptance criteria in force">
        {set.criteria.map((c) => (
          <List.Item key={c.id}>
            {criterionWords(c)}
            {c.rationale ? ` — ${c.rationale}` : ''}
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}

function Breaches({ summary }: { summary: MonitoringSummary }) {
  if (summary.breaches.length === 0) return <Text size="sm">No value has breached the acceptance criteria.</Text>;
  return (
    <List size="sm" aria-label="Breaches, newest first">
      {summary.breaches.map((b) => (
        <List.Item key={`${b.criterionId}-${b.period}`}>
          <Text size="sm" span fw={600}>
            {formatMonth(b.period)}:
          </Text>{' '}
          {b.words}
          {b.eventId ? ` Recorded as drift event ${b.eventId}` : ''}
          {b.eventId && b.assessmentId ? (
            <>
              {'; re-assessment '}
              <Anchor href={hrefFor({ page: 'assessment', id: b.assessmentId })}>{b.assessmentId}</Anchor>.
            </>
          ) : b.eventId ? ' (see the history below).' : ''}
        </List.Item>
      ))}
    </List>
  );
}

function Imports({ summary }: { summary: MonitoringSummary }) {
  if (summary.imports.length === 0) return <Text size="sm">No monitoring data imported yet.</Text>;
  return (
    <Table withTableBorder striped captionSide="top">
      <caption>Monitoring files imported, newest first</caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">File</Table.Th>
          <Table.Th scope="col">Rows</Table.Th>
          <Table.Th scope="col">Imported by</Table.Th>
          <Table.Th scope="col">When</Table.Th>
          <Table.Th scope="col">SHA-256</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {summary.imports.map((i) => (
          <Table.Tr key={i.id}>
            <Table.Th scope="row" style={{ fontWeight: 'normal', wordBreak: 'break-all' }}>
              {i.fileName}
            </Table.Th>
            <Table.Td>{formatNumber(i.rows)}</Table.Td>
            <Table.Td>{i.importedBy}</Table.Td>
            <Table.Td>{formatDateTime(i.importedAt)}</Table.Td>
            <Table.Td>
              <Group gap={6} wrap="nowrap">
                <Text size="sm" ff="monospace" span title={i.sha256} data-sha256={i.sha256}>
                  {shortHash(i.sha256)}
                </Text>
                <CopyButton value={i.sha256}>
                  {({ copied, copy }) => (
                    <Button size="compact-xs" variant="subtle" onClick={copy} aria-label={`Copy the SHA-256 of ${i.fileName}`}>
                      {copied ? 'Copied' : 'Copy'}
                    </Button>
                  )}
                </CopyButton>
              </Group>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/**
 * The system page's monitoring (issue 20, docs/monitoring.md): the criteria in force, the
 * upload, one chart per metric with its table, the breaches and the imports.
 */
export function MonitoringPanel({ system }: { system: AiSystem }) {
  const summary = useMonitoringSummary(system.id);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="monitoring-title">
      <Stack gap="sm">
        <Group gap="sm">
          <Title order={2} size="h3" id="monitoring-title">
            Monitoring
          </Title>
          {summary.data?.latestPeriod ? <Badge variant="light">Data up to {formatMonth(summary.data.latestPeriod)}</Badge> : null}
        </Group>
        {summary.isPending ? <Loader size="sm" aria-label="Loading monitoring" /> : null}
        {summary.isError ? <ErrorNotice error={summary.error} title="The monitoring could not be loaded" /> : null}
        {summary.data ? (
          <>
            {summary.data.overdue ? (
              <Alert color="orange" title="Monitoring data is overdue" role="note">
                The latest month with data is {summary.data.latestPeriod ? formatMonth(summary.data.latestPeriod) : 'none'}; the criteria ask for a review{' '}
                {summary.data.criteria ? reviewWords[summary.data.criteria.reviewPeriod] : 'every review period'}. Import the months since.
              </Alert>
            ) : null}
            <CriteriaInForce summary={summary.data} />
            <MonitoringUpload systemId={system.id} blocked={uploadBlocked(system)} />
            {metricCharts(summary.data).map((chart) => (
              <MonitoringChart key={chart.metric} chart={chart} />
            ))}
            <Title order={3} size="h5">
              Breaches
            </Title>
            <Breaches summary={summary.data} />
            <Title order={3} size="h5">
              Imports
            </Title>
            <Imports summary={summary.data} />
          </>
        ) : null}
      </Stack>
    </Paper>
  );
}
