import { resolve } from 'node:path';
import type { BackupReport, RestoreReport } from '../../contract/index.ts';
import type { CliCommand } from '../command.ts';
import { callAndPrint, formatTable } from '../output.ts';

const describeBackup = (b: BackupReport) =>
  `Backup written and verified: ${b.file}\n${b.size} bytes, SHA-256 ${b.sha256}\nLedger: ${b.ledger.length} events, head ${b.ledger.head}\n`;

export const backupCommands: CliCommand[] = [
  {
    path: ['backup'],
    method: 'backup.create',
    usage: 'vigil backup [--out FILE]',
    summary: 'Take a verified backup (to FILE, or the backups folder beside the database)',
    options: { out: { type: 'string' } },
    run: (ctx) => callAndPrint(ctx, 'backup.create', ctx.values.out ? { out: resolve(String(ctx.values.out)) } : {}, describeBackup),
  },
  {
    path: ['backup', 'list'],
    method: 'backup.list',
    usage: 'vigil backup list',
    summary: 'Backups in the backups folder, newest first',
    options: {},
    run: (ctx) =>
      callAndPrint(ctx, 'backup.list', {}, (list: BackupReport[]) =>
        list.length === 0
          ? 'No backups yet. Take one with: vigil backup\n'
          : formatTable(
              ['Name', 'Kind', 'Taken', 'Events', 'Ledger head'],
              list.map((b) => [b.name, b.kind, b.createdAt, String(b.ledger.length), `${b.ledger.head.slice(0, 16)}…`]),
            ),
      ),
  },
  {
    path: ['restore'],
    method: 'backup.restore',
    usage: 'vigil restore FILE',
    summary: 'Replace the database with a verified backup (a damaged, foreign or newer file is refused and nothing changes)',
    options: {},
    positionals: { min: 1, max: 1 },
    run: (ctx) =>
      callAndPrint(
        ctx,
        'backup.restore',
        { file: resolve(ctx.positionals[0] ?? '') },
        (r: RestoreReport) =>
          `Restored ${r.restoredFrom} (schema ${r.schemaVersion}; ledger ${r.ledger.length} events, head ${r.ledger.head}).\n` +
          (r.safetyCopy ? `The database it replaced is kept at ${r.safetyCopy}.\n` : ''),
      ),
  },
];
