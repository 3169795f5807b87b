import { Alert, Anchor, Button, Code, Collapse, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { BackupReport, RestoreReport } from '../../../electron/contract/index.ts';
import { useAppInfo } from '../api/queries.ts';
import { hrefFor } from '../routing/use-hash-route.ts';
import { databaseState, formatMoment, splitProblem } from './integrity-format.ts';
import { RestoreDialog } from './RestoreDialog.tsx';
import { RestoredNotice } from './RestoredNotice.tsx';

/**
 * Top of every page while the database failed its start-up check: what happened, that nothing
 * can change, and the way out (restore the newest backup, or choose one in Settings → Integrity).
 * The dialog and the result live outside the banner: the banner goes as soon as the restore lands.
 */
export function ReadOnlyBanner() {
  const info = useAppInfo();
  const [confirming, setConfirming] = useState<BackupReport | null>(null);
  const [restored, setRestored] = useState<RestoreReport | null>(null);
  const [showDetail, setShowDetail] = useState(false);
  const data = info.data;
  const readOnly = data?.readOnly === true;
  const { summary, detail } = splitProblem(data?.problem ?? 'The start-up check found damage.');
  const unreadable = data ? databaseState(data) === 'unreadable' : false;

  return (
    <>
      {readOnly && data ? (
        <Alert
          color="red"
          variant="light"
          role="alert"
          title={unreadable ? 'This database is damaged: Vigil cannot read it' : 'This database is damaged: Vigil has opened it read-only'}
          mb="lg"
          styles={{ root: { border: '2px solid var(--mantine-color-red-7)' }, title: { fontSize: 'var(--mantine-font-size-md)' } }}
        >
          <Stack gap="xs">
            <Text size="sm">
              {summary} This can follow a crash, a power cut or a failing disk.{' '}
              {unreadable
                ? 'Nothing can be shown or changed until a good backup is restored.'
                : 'To protect what is left, nothing can be changed until a good backup is restored; records can still be read where the damage allows.'}
            </Text>
            {detail ? (
              <div>
                <Anchor component="button" type="button" size="sm" onClick={() => setShowDetail((v) => !v)} aria-expanded={showDetail}>
                  {showDetail ? 'Hide what the check found' : 'Show what the check found'}
                </Anchor>
                <Collapse expanded={showDetail}>
                  <Code block mt={4} mah={160} bg="white" c="dark" style={{ overflow: 'auto', whiteSpace: 'pre-wrap' }}>
                    {detail}
                  </Code>
                </Collapse>
              </div>
            ) : null}
            {data.newestBackup ? (
              <Group gap="md" wrap="nowrap">
                <Button color="red" onClick={() => setConfirming(data.newestBackup)} style={{ flexShrink: 0 }}>
                  Restore the newest good backup
                </Button>
                <Text size="sm">
                  Newest backup: {data.newestBackup.name}, taken {formatMoment(data.newestBackup.createdAt)} ({data.newestBackup.ledger.length} events). Or{' '}
                  <Anchor href={hrefFor({ page: 'settings', tab: 'integrity' })} underline="always">
                    choose another in Settings → Integrity
                  </Anchor>
                  .
                </Text>
              </Group>
            ) : (
              <Text size="sm">
                There is no backup in <Code>{data.backupsDir}</Code>. Put one there and open{' '}
                <Anchor href={hrefFor({ page: 'settings', tab: 'integrity' })} underline="always">
                  Settings → Integrity
                </Anchor>
                , or restore a file from the command line: <Code>vigil restore FILE</Code>.
              </Text>
            )}
          </Stack>
        </Alert>
      ) : null}
      {restored && !readOnly ? (
        <div style={{ marginBottom: 'var(--mantine-spacing-lg)' }}>
          <RestoredNotice report={restored} onClose={() => setRestored(null)} />
        </div>
      ) : null}
      <RestoreDialog backup={confirming} onClose={() => setConfirming(null)} onRestored={setRestored} />
    </>
  );
}
