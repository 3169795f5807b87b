import { Alert, Anchor, Button, FileButton, Group, List, Stack, Text } from '@mantine/core';
import { useRef, useState } from 'react';
import { maxMonitoringFileBytes, type MonitoringImportResult } from '../../../../../electron/contract/index.ts';
import { ApiError } from '../../../api/api-client.ts';
import { unavailableButtonProps } from '../../../components/step-availability.ts';
import { useApi } from '../../../api/api-context.tsx';
import { readTextFile } from '../../../files/read-text-file.ts';
import { hrefFor } from '../../../routing/use-hash-route.ts';
import { ErrorNotice } from '../../../shell/ErrorNotice.tsx';
import { formatNumber } from '../../../text/format.ts';
import { errorWords, issueWords } from '../../../text/messages.ts';
import { plural } from '../../dashboard/ChartFigure.tsx';
import { fileProblemWords } from './monitoring-model.ts';
import { useMonitoringMutation } from './monitoring-queries.ts';

/** A refused file: the catalogue's title, the core's sentence, and each problem by row and column. */
function FileRefusal({ error }: { error: ApiError }) {
  const shown = errorWords(error);
  const issues = error.error.details?.issues ?? [];
  return (
    <Alert color="red" title={shown.title} role="alert">
      <Stack gap={4}>
        <Text size="sm">{shown.message}</Text>
        {issues.length > 0 ? (
          <List size="sm" aria-label="Problems in the file">
            {issues.map((issue, i) => (
              <List.Item key={i}>{fileProblemWords(issue, (m) => issueWords({ message: m }))}</List.Item>
            ))}
          </List>
        ) : null}
        <Text size="sm">{shown.todo}</Text>
      </Stack>
    </Alert>
  );
}

/** What an import did, in words: rows, rows already recorded, the new breaches and the re-assessment they opened. */
function ImportDone({ fileName, result }: { fileName: string; result: MonitoringImportResult }) {
  const fresh = result.rows - result.alreadyRecorded;
  return (
    <Alert color="green" title={`${fileName} was imported`} role="status">
      <Stack gap={4}>
        <Text size="sm">
          {plural(result.rows, 'row')} read: {formatNumber(fresh)} new, {formatNumber(result.alreadyRecorded)} already recorded.
        </Text>
        {result.newBreaches.length === 0 ? (
          <Text size="sm">No new breach of the acceptance criteria.</Text>
        ) : (
          <>
            <Text size="sm">{result.newBreaches.length === 1 ? 'One new breach of the acceptance criteria:' : `${formatNumber(result.newBreaches.length)} new breaches of the acceptance criteria:`}</Text>
            <List size="sm">
              {result.newBreaches.map((b) => (
                <List.Item key={`${b.criterionId}-${b.period}`}>{b.words}</List.Item>
              ))}
            </List>
          </>
        )}
        {result.assessmentId ? (
          <Text size="sm">
            The system is due for re-assessment:{' '}
            {/* In the alert's own ink, underlined: the primary colour does not read on the green in dark. */}
            <Anchor href={hrefFor({ page: 'assessment', id: result.assessmentId })} c="inherit" underline="always">open the re-assessment ({result.assessmentId})</Anchor>
          </Text>
        ) : null}
      </Stack>
    </Alert>
  );
}

/**
 * The upload (`blocked`: why the core would refuse it now, or null): a monitoring file read as strict UTF-8 (as the CLI reads it) and sent whole to
 * monitoring.import, which checks every row before anything is written. A refusal lists the
 * problems by row and column; nothing else on the page changes.
 */
export function MonitoringUpload({ systemId, blocked }: { systemId: string; blocked: string | null }) {
  const api = useApi();
  const resetRef = useRef<() => void>(null);
  const [fileName, setFileName] = useState('');
  const importing = useMonitoringMutation(async (file: File) => {
    if (file.size > maxMonitoringFileBytes) throw new Error(`${file.name} is ${formatNumber(Math.ceil(file.size / 1048576))} MB; a monitoring file may be at most 20 MB.`);
    return api.call('monitoring.import', { systemId, fileName: file.name, text: await readTextFile(file) });
  });
  const choose = (file: File | null) => {
    if (!file) return;
    setFileName(file.name);
    importing.mutate(file, { onSettled: () => resetRef.current?.() });
  };
  return (
    <Stack gap="xs">
      <Group gap="sm">
        {blocked === null ? (
          <FileButton onChange={choose} accept=".csv,.json,text/csv,application/json" resetRef={resetRef} inputProps={{ 'aria-label': 'Monitoring file (CSV or JSON)' }}>
            {(props) => (
              <Button {...props} variant="default" loading={importing.isPending}>
                Import monitoring data…
              </Button>
            )}
          </FileButton>
        ) : (
          // Not offered while it would be refused, but reachable with its reason (docs/accessibility.md).
          <Button variant="default" {...unavailableButtonProps(true)} aria-describedby="monitoring-upload-blocked">
            Import monitoring data…
          </Button>
        )}
        <Text size="xs" c="dimmed" id="monitoring-upload-blocked">
          {blocked ?? 'CSV with the columns metric, subgroup, period, value, n, source (or the same as JSON); values on the metric’s scale, e.g. 0.82.'}
        </Text>
      </Group>
      {importing.isError ? importing.error instanceof ApiError && importing.error.error.code === 'DATA_FILE_INVALID' ? <FileRefusal error={importing.error} /> : <ErrorNotice error={importing.error} title="The file was not imported" /> : null}
      {importing.isSuccess ? <ImportDone fileName={fileName} result={importing.data} /> : null}
    </Stack>
  );
}
