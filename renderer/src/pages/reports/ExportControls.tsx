import { Alert, Button, Code, Group, Progress, Stack, Text } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { ExportResult } from '../../../../electron/contract/index.ts';
import { useApi } from '../../api/api-context.tsx';
import { saveBytes } from '../../shell/save-download.ts';
import { ErrorNotice } from '../../shell/ErrorNotice.tsx';
import { base64ToBytes, formatBytes } from '../assessments/assessment-model.ts';

// An export's run on a page (the Reports page, the register's "Export selected"): the call with
// a progress key, the file handed to the user, progress while it runs, then the result or the
// refusal.

const newProgressKey = () => `exp-${crypto.randomUUID().replaceAll('-', '')}`;

/** A progress bar fed by the core while an export call is still running. */
function ExportProgressBar({ progressKey, label }: { progressKey: string; label: string }) {
  const api = useApi();
  const progress = useQuery({
    queryKey: ['export.progress', progressKey],
    queryFn: () => api.call('export.progress', { progressKey }),
    refetchInterval: 200,
  });
  const p = progress.data;
  const percent = p && p.state !== 'unknown' ? p.percent : 1;
  return (
    <Stack gap={4}>
      <Progress value={percent} animated aria-label={label} aria-valuetext={`${percent}%`} />
      <Text size="xs" c="dimmed" role="status">
        {p && p.state === 'running' ? `${p.phase}${p.total > 0 ? `: ${p.done} of ${p.total}` : ''}` : 'Starting…'}
      </Text>
    </Stack>
  );
}

function ExportDone({ result }: { result: ExportResult }) {
  return (
    <Alert color="teal" variant="light" title="Export ready" role="status">
      <Stack gap={2}>
        <Text size="sm">
          {result.fileName} ({formatBytes(result.size)}) — {result.counts.risks > 0 ? `${result.counts.risks} risks from ${result.counts.systems} system(s)` : `${result.counts.questions} questions`}.
        </Text>
        <Text size="xs">
          SHA-256 <Code style={{ wordBreak: 'break-all' }}>{result.sha256}</Code>
        </Text>
        <Text size="xs">
          The document states the audit ledger at {result.ledger.length} events, head <Code style={{ wordBreak: 'break-all' }}>{result.ledger.head}</Code>.
        </Text>
      </Stack>
    </Alert>
  );
}

/** Runs an export, saves what comes back, and keeps the key its progress is read by. */
export function useExport<I>(run: (input: I & { progressKey: string }) => Promise<ExportResult>) {
  const [progressKey, setProgressKey] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: async (input: I) => {
      const key = newProgressKey();
      setProgressKey(key);
      try {
        const result = await run({ ...input, progressKey: key });
        if (result.dataBase64 !== null) saveBytes(base64ToBytes(result.dataBase64), result.fileName, result.mediaType);
        return result;
      } finally {
        setProgressKey(null);
      }
    },
  });
  return { mutation, progressKey };
}

/** The export button, then its progress while it runs, then the result or the refusal. */
export function ExportControls(props: {
  label: string;
  progressLabel: string;
  state: { isPending: boolean; isError: boolean; error: unknown; data: ExportResult | undefined };
  progressKey: string | null;
  disabled: boolean;
  onExport: () => void;
}) {
  const { state } = props;
  return (
    <>
      <Group>
        <Button onClick={props.onExport} loading={state.isPending} disabled={props.disabled}>
          {props.label}
        </Button>
      </Group>
      {props.progressKey ? <ExportProgressBar progressKey={props.progressKey} label={props.progressLabel} /> : null}
      {state.isError ? <ErrorNotice error={state.error} /> : null}
      {state.data && !state.isPending ? <ExportDone result={state.data} /> : null}
    </>
  );
}

