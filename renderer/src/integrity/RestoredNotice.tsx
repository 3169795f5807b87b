import { Alert, Code, Text } from '@mantine/core';
import type { RestoreReport } from '../../../electron/contract/index.ts';

/** What a restore did: the backup's verified ledger is now the database's, and where the old file went. */
export function RestoredNotice({ report, onClose }: { report: RestoreReport; onClose: () => void }) {
  const name = report.restoredFrom.split(/[\\/]/).pop() ?? report.restoredFrom;
  return (
    <Alert color="teal" variant="light" title={`Restored from ${name}`} role="status" withCloseButton closeButtonLabel="Dismiss" onClose={onClose}>
      <Text size="sm">
        The database now holds this backup. Its audit ledger verified with {report.ledger.length} events, head{' '}
        <Code style={{ wordBreak: 'break-all' }}>{report.ledger.head}</Code>; the restore itself is recorded as the next event.
      </Text>
      <Text size="sm" mt={4}>
        {report.safetyCopy ? (
          <>
            The database it replaced is kept at <Code style={{ wordBreak: 'break-all' }}>{report.safetyCopy}</Code>.
          </>
        ) : (
          'The database it replaced could not be read, so no copy of it was kept.'
        )}
      </Text>
    </Alert>
  );
}
