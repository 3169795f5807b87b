import { Alert, Anchor, Button, Code, CopyButton, Group, Loader, Paper, Stack, Table, Text, Title, Tooltip, VisuallyHidden } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import type { AppInfo, BackupReport, LedgerVerification, RestoreReport } from '../../../../electron/contract/index.ts';
import { useAppInfo, useBackups, useCreateBackup, useVerifyLedger } from '../../api/queries.ts';
import { backupKindLabels, databaseState, formatMoment, formatSize, shortHash } from '../../integrity/integrity-format.ts';
import { RestoreDialog } from '../../integrity/RestoreDialog.tsx';
import { RestoredNotice } from '../../integrity/RestoredNotice.tsx';
import { listHref } from '../../routing/list-href.ts';
import { ErrorNotice } from '../../shell/ErrorNotice.tsx';

/** A hash in full, monospace, breakable, with a copy button beside it. */
function HashWithCopy({ hash, label }: { hash: string; label: string }) {
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <Code aria-label={label} style={{ wordBreak: 'break-all', fontSize: 'var(--mantine-font-size-sm)' }}>
        {hash}
      </Code>
      <CopyButton value={hash} timeout={2000}>
        {({ copied, copy }) => (
          <Button size="compact-xs" variant={copied ? 'filled' : 'default'} color={copied ? 'teal' : undefined} onClick={copy} aria-label={`Copy the ${label.toLowerCase()}`}>
            {copied ? 'Copied' : 'Copy'}
          </Button>
        )}
      </CopyButton>
    </Group>
  );
}

function VerificationResult({ result, at, currentHead }: { result: LedgerVerification; at: string; currentHead: string | null }) {
  const moved = currentHead !== null && currentHead !== result.head;
  if (result.ok) {
    return (
      <Alert color="teal" variant="light" role="status" title="The ledger verifies">
        <Text size="sm">
          Verified: {result.length} events, head <Code style={{ wordBreak: 'break-all' }}>{result.head}</Code>
        </Text>
        <Text size="xs" c="dimmed" mt={4}>
          Checked {formatMoment(at)}. Every event&apos;s hash was recomputed and each one links to the one before it.
          {moved ? ' The ledger has changed since (the head above differs): verify again to check it as it is now.' : ' This is the head shown above.'}
        </Text>
      </Alert>
    );
  }
  const bad = result.firstBad;
  return (
    <Alert color="red" variant="light" role="alert" title="The ledger is broken">
      <Text size="sm">
        Broken at event {bad?.seq ?? '?'} ({bad?.problem ?? 'unknown'}): {bad?.detail ?? 'no detail given'}
      </Text>
      <Text size="xs" mt={4}>
        Checked {formatMoment(at)}: {result.length} events read. Events from {bad?.seq ?? 'this one'} on cannot be trusted; compare with a backup taken before
        it, and keep this database for investigation.
      </Text>
    </Alert>
  );
}

function LedgerSection({ info }: { info: AppInfo }) {
  const verify = useVerifyLedger();
  const [checkedAt, setCheckedAt] = useState<string | null>(null);
  const unreadable = databaseState(info) === 'unreadable';
  return (
    <Stack gap="sm" component="section" aria-labelledby="ledger-heading">
      <div>
        <Title order={2} id="ledger-heading">
          Audit ledger
        </Title>
        <Text c="dimmed" size="sm">
          Every change is recorded as an event whose hash covers the event before it, so no event can be altered, removed or slipped in without breaking the
          chain. The head is the hash of the newest event: note it down (or copy it) to prove later that nothing before it changed.
        </Text>
        <Anchor href={listHref('audit')} size="sm">
          Read the audit log: every event, who acted and when
        </Anchor>
      </div>
      <Group gap="xl" align="flex-start" wrap="nowrap">
        <div>
          <Text size="sm" c="dimmed">
            Events
          </Text>
          <Text fw={600} aria-label="Events in the ledger">
            {unreadable ? 'Unknown' : info.auditEvents}
          </Text>
        </div>
        <div>
          <Text size="sm" c="dimmed">
            Head (newest event&apos;s hash)
          </Text>
          {info.ledgerHead ? (
            <HashWithCopy hash={info.ledgerHead} label="Ledger head" />
          ) : unreadable ? (
            <Text>Unknown: the damaged file cannot be read.</Text>
          ) : (
            <Text>No events yet.</Text>
          )}
        </div>
      </Group>
      <Group>
        <Button
          variant="light"
          loading={verify.isPending}
          onClick={() =>
            verify.mutate(undefined, {
              onSuccess: () => setCheckedAt(new Date().toISOString()),
            })
          }
        >
          Verify the ledger
        </Button>
        <Text size="sm" c="dimmed">
          Recomputes every hash; the same check as <Code>vigil audit verify</Code>.
        </Text>
      </Group>
      {verify.isError ? <ErrorNotice error={verify.error} title="The ledger could not be checked" /> : null}
      {verify.data && checkedAt ? <VerificationResult result={verify.data} at={checkedAt} currentHead={info.ledgerHead} /> : null}
    </Stack>
  );
}

/** One labelled line of a report. */
function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group gap="sm" wrap="nowrap" align="flex-start">
      <Text size="sm" fw={600} w={80} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      {children}
    </Group>
  );
}

function BackupTaken({ report, onClose }: { report: BackupReport; onClose: () => void }) {
  return (
    <Alert color="teal" variant="light" role="status" title={`Backup taken and verified: ${report.name}`} withCloseButton closeButtonLabel="Dismiss" onClose={onClose}>
      <Stack gap={4} fz="sm">
        <Fact label="File">
          <Text size="sm" style={{ wordBreak: 'break-all' }}>
            {report.file}
          </Text>
        </Fact>
        <Fact label="Size">
          <Text size="sm">{formatSize(report.size)}</Text>
        </Fact>
        <Fact label="SHA-256">
          <HashWithCopy hash={report.sha256} label="SHA-256 of the backup" />
        </Fact>
        <Fact label="Ledger">
          <Text size="sm">
            {report.ledger.length} events, head <Code style={{ wordBreak: 'break-all' }}>{report.ledger.head}</Code>
          </Text>
        </Fact>
      </Stack>
      <Text size="xs" c="dimmed" mt={4}>
        Taking the backup is itself recorded in the ledger, so the live ledger is now one event longer than the backup&apos;s.
      </Text>
    </Alert>
  );
}

function BackupsSection({ info }: { info: AppInfo }) {
  const backups = useBackups();
  const create = useCreateBackup();
  const [taken, setTaken] = useState<BackupReport | null>(null);
  const [confirming, setConfirming] = useState<BackupReport | null>(null);
  const [restored, setRestored] = useState<RestoreReport | null>(null);
  return (
    <Stack gap="sm" component="section" aria-labelledby="backups-heading">
      <Group justify="space-between" align="flex-end" wrap="nowrap">
        <div>
          <Title order={2} id="backups-heading">
            Backups
          </Title>
          <Text c="dimmed" size="sm">
            Kept in <Code style={{ wordBreak: 'break-all' }}>{info.backupsDir}</Code>. Each backup is checked (SQLite integrity and the audit ledger) when it is
            taken, and again before it is restored.
          </Text>
        </div>
        <Tooltip label="A damaged database is not backed up: restore a good backup instead" disabled={!info.readOnly}>
          <Button
            style={{ flexShrink: 0 }}
            loading={create.isPending}
            disabled={info.readOnly}
            onClick={() => {
              setTaken(null);
              setRestored(null);
              create.mutate(undefined, { onSuccess: setTaken });
            }}
          >
            Back up now
          </Button>
        </Tooltip>
      </Group>
      {info.readOnly ? (
        <Text size="sm" c="red.8">
          The database is damaged, so it is not backed up: restore one of the backups below.
        </Text>
      ) : null}
      {create.isError ? <ErrorNotice error={create.error} title="The backup was not taken" /> : null}
      {taken ? <BackupTaken report={taken} onClose={() => setTaken(null)} /> : null}
      {restored ? <RestoredNotice report={restored} onClose={() => setRestored(null)} /> : null}
      {backups.isPending ? (
        <Loader size="sm" aria-label="Loading backups" />
      ) : backups.isError ? (
        <ErrorNotice error={backups.error} title="The backups could not be listed" />
      ) : backups.data.length === 0 ? (
        <Text size="sm">
          No backups yet. Back up now, or from the command line: <Code>vigil backup</Code>.
        </Text>
      ) : (
        <Table withTableBorder striped aria-label="Backups" verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Kind</Table.Th>
              <Table.Th>Taken</Table.Th>
              <Table.Th ta="right">Events</Table.Th>
              <Table.Th>Ledger head</Table.Th>
              <Table.Th w={110}>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {backups.data.map((b) => (
              <Table.Tr key={b.name}>
                <Table.Td>
                  <Text ff="monospace" size="sm" style={{ wordBreak: 'break-all' }}>
                    {b.name}
                  </Text>
                </Table.Td>
                <Table.Td>{backupKindLabels[b.kind]}</Table.Td>
                <Table.Td>{formatMoment(b.createdAt)}</Table.Td>
                <Table.Td ta="right">{b.ledger.length}</Table.Td>
                <Table.Td>
                  <Tooltip label={b.ledger.head} maw={420} multiline style={{ wordBreak: 'break-all' }}>
                    <Text ff="monospace" size="sm" span>
                      {shortHash(b.ledger.head)}
                    </Text>
                  </Tooltip>
                </Table.Td>
                <Table.Td>
                  <Button size="compact-sm" variant="default" color="red" onClick={() => setConfirming(b)} aria-label={`Restore ${b.name}…`}>
                    Restore…
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <RestoreDialog
        backup={confirming}
        onClose={() => setConfirming(null)}
        onRestored={(report) => {
          setTaken(null);
          setRestored(report);
        }}
      />
    </Stack>
  );
}

/** Settings → Integrity: the audit ledger's head and check, and the backups with restore. */
export function IntegritySection() {
  const info = useAppInfo();
  if (info.isPending) return <Loader size="sm" aria-label="Loading the database status" />;
  if (info.isError) return <ErrorNotice error={info.error} title="The database status could not be read" />;
  return (
    <Stack gap="xl">
      <Paper withBorder p="md" radius="md">
        {/* A fresh check once the database goes from damaged to restored: the old result was about another file. */}
        <LedgerSection key={String(info.data.readOnly)} info={info.data} />
      </Paper>
      <Paper withBorder p="md" radius="md">
        <BackupsSection info={info.data} />
      </Paper>
    </Stack>
  );
}
