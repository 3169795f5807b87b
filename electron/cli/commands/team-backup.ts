import { resolve } from 'node:path';
import { DomainError } from '../../core/domain-error.ts';
import { backupTeamDatabase, restoreTeamDatabase } from '../../core/store/postgres/team-backup.ts';
import { UsageError, type CliCommand, type CommandContext } from '../command.ts';
import { printError, printJson } from '../output.ts';

/**
 * `vigil team backup` and `vigil team restore`: pg_dump backups of a team database with their
 * manifest, and the verified restore into an empty database (store/postgres/team-backup.ts).
 * They work on the database directly, not through a running server (a restore must happen
 * while no server uses the target).
 */
function required(ctx: CommandContext, name: string, what: string): string {
  const value = ctx.values[name];
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`--${name} ${what} is required`);
  return value;
}

/** Runs a store tool; a refusal in words is exit 1, like a refusal by the core. */
async function refusalsAsExit1(ctx: CommandContext, body: () => Promise<string | object>): Promise<number> {
  try {
    const out = await body();
    if (ctx.json) printJson(ctx.io, out);
    else ctx.io.stdout(String(out));
    return 0;
  } catch (error) {
    if (error instanceof DomainError) {
      printError(ctx.io, error.toValue(), ctx.json);
      return 1;
    }
    throw error;
  }
}

export const teamBackupCommands = (deps: { version?: string | undefined }): CliCommand[] => [
  {
    path: ['team', 'backup'],
    usage: 'vigil team backup --database postgres://USER@HOST:5432/DB --out DIR',
    summary: 'Back up a team database with pg_dump (custom format) into DIR, with a manifest of its SHA-256, schema version and ledger head and length (password from PGPASSWORD or the URL)',
    options: { database: { type: 'string' }, out: { type: 'string' } },
    run: (ctx) => {
      const databaseUrl = required(ctx, 'database', 'postgres://…');
      const outDir = resolve(required(ctx, 'out', 'DIR'));
      return refusalsAsExit1(ctx, async () => {
        const made = await backupTeamDatabase({ databaseUrl, outDir, vigilVersion: deps.version ?? '0.0.0' });
        const m = made.manifest;
        return ctx.json
          ? made
          : `Backed up ${m.database} (schema ${m.schemaVersion}; ledger ${m.ledger.length} events, head ${m.ledger.head ?? 'none'}).\n` +
              `Dump: ${made.dumpPath} (${m.size} bytes, SHA-256 ${m.sha256})\nManifest: ${made.manifestPath}\n`;
      });
    },
  },
  {
    path: ['team', 'restore'],
    usage: 'vigil team restore --database postgres://USER@HOST:5432/EMPTY_DB --from MANIFEST',
    summary: 'Restore a team backup into an EMPTY database, then verify its ledger against the manifest (an altered dump, a non-empty target or a ledger that does not match is refused)',
    options: { database: { type: 'string' }, from: { type: 'string' } },
    run: (ctx) => {
      const databaseUrl = required(ctx, 'database', 'postgres://…');
      const manifestPath = resolve(required(ctx, 'from', 'MANIFEST'));
      return refusalsAsExit1(ctx, async () => {
        const restored = await restoreTeamDatabase({ databaseUrl, manifestPath });
        return ctx.json
          ? restored
          : `Restored ${restored.manifest.file} into ${restored.database} and verified it: schema ${restored.manifest.schemaVersion}, ledger ${restored.ledger.length} events, head ${restored.ledger.head ?? 'none'} (as the manifest says).\n`;
      });
    },
  },
];
