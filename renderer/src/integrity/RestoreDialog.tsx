import { Button, Code, Group, List, Modal, Stack, Text } from '@mantine/core';
import type { BackupReport, RestoreReport } from '../../../electron/contract/index.ts';
import { useAppInfo, useRestoreBackup } from '../api/queries.ts';
import { ErrorNotice } from '../shell/ErrorNotice.tsx';
import { backupKindPhrases, formatMoment, shortHash } from './integrity-format.ts';

/**
 * "Restore this backup?" Says plainly that the current database is replaced, that a safety copy
 * is kept first, and that anything recorded after the backup is not in it. Stays open with the
 * reason when the core refuses (a damaged or newer backup), in which case nothing changed.
 */
export function RestoreDialog({
  backup,
  onClose,
  onRestored,
}: {
  backup: BackupReport | null;
  onClose: () => void;
  onRestored: (report: RestoreReport) => void;
}) {
  const restore = useRestoreBackup();
  const info = useAppInfo().data;
  const close = () => {
    if (restore.isPending) return;
    restore.reset();
    onClose();
  };
  const confirm = async (name: string) => {
    try {
      const report = await restore.mutateAsync(name);
      restore.reset();
      onRestored(report);
      onClose();
    } catch {
      // Shown in the dialog from restore.error.
    }
  };
  return (
    <Modal opened={backup !== null} onClose={close} title="Restore this backup?" size="lg" closeOnClickOutside={!restore.isPending}>
      {backup ? (
        <Stack gap="sm">
          <Text>
            Vigil will replace the current database with <Code>{backup.name}</Code>, {backupKindPhrases[backup.kind]} on {formatMoment(backup.createdAt)}.
            Its audit ledger holds {backup.ledger.length} events (head <Code>{shortHash(backup.ledger.head)}</Code>).
          </Text>
          <List size="sm" spacing={4}>
            <List.Item>Anything recorded after that moment is not in the backup and will no longer show.</List.Item>
            {info?.readOnly ? (
              <List.Item>
                Vigil tries to keep a copy of the damaged database in <Code style={{ wordBreak: 'break-all' }}>{info.backupsDir}</Code>, but a damaged file often
                cannot be copied. To keep it for investigation, copy <Code style={{ wordBreak: 'break-all' }}>{info.databasePath}</Code> elsewhere first.
              </List.Item>
            ) : (
              <List.Item>
                First, a safety copy of the current database is kept in <Code style={{ wordBreak: 'break-all' }}>{info?.backupsDir ?? 'the backups folder'}</Code>.
              </List.Item>
            )}
            <List.Item>The backup is checked before anything changes: a damaged or newer backup is refused and the current database is left as it is.</List.Item>
          </List>
          {restore.isError ? <ErrorNotice error={restore.error} title="The backup was not restored" /> : null}
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={close} disabled={restore.isPending}>
              Cancel
            </Button>
            <Button color="red" loading={restore.isPending} onClick={() => void confirm(backup.name)}>
              Replace the database with this backup
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}
