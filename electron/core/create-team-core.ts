import type { Core } from './create-core.ts';
import { deferredAuthority, refusingAuthority } from './accounts/account-authority.ts';
import { DomainError } from './domain-error.ts';
import type { KeyVault } from './exchange/workspace-identity.ts';
import { buildServiceGraph, type ServiceGraph, type ServiceOptions } from './service-graph.ts';
import { hostname } from 'node:os';
import { createPostgresPool, createPostgresStorage, describeDatabaseUrl, migratePostgres } from './store/postgres/open-postgres.ts';
import { createPostgresScheduledJobs } from './store/postgres/scheduled-jobs.ts';
import type { StoreOperations } from './store/store-operations.ts';
import type { BackupReport } from '../contract/index.ts';
import { genesisHash } from './audit/ledger.ts';
import { backupTeamDatabase, listTeamBackups, type TeamBackupManifest } from './store/postgres/team-backup.ts';

export interface TeamCoreOptions extends ServiceOptions {
  /** postgres://user:password@host:5432/database — the team's shared database. */
  databaseUrl: string;
  /**
   * Where the workspace's private key (vendor exchange) lives. A team server has no database
   * file to keep it beside, so the host says where.
   */
  keyVault: KeyVault;
  /** Connections in the pool (default 10). */
  poolSize?: number;
  /** How this server is named in the record of the scheduled jobs it ran (default: host name and process id). */
  runnerName?: string;
  /** Where backup.create writes pg_dump backups (none: backup.create asks for one). */
  backupsDir?: string;
}

const noRestore =
  'A team database is restored into a new, empty database while no server uses it: vigil team restore --database URL --from MANIFEST, then start the team server on that database.';

/** A team backup as backup.create and backup.list report it. */
const asReport = (dumpPath: string, manifest: TeamBackupManifest): BackupReport => ({
  name: manifest.file,
  file: dumpPath,
  createdAt: manifest.createdAt,
  size: manifest.size,
  sha256: manifest.sha256,
  schemaVersion: manifest.schemaVersion,
  ledger: { length: manifest.ledger.length, head: manifest.ledger.head ?? genesisHash },
  kind: 'manual',
});

/**
 * Backups of a team database are pg_dump files with a manifest (store/postgres/team-backup.ts),
 * written into the server's backups folder (or, from the command line, a folder it names).
 * A restore replaces the database under every server using it, so it is not a call to a running
 * server: it is `vigil team restore` into an empty database.
 */
function teamStoreOperations(options: TeamCoreOptions, record: ServiceGraph['record']): StoreOperations {
  const backupsDir = options.backupsDir ?? '';
  return {
    backup: async (ctx, out) => {
      if (out !== undefined && !ctx.trustedPaths) throw new DomainError('FORBIDDEN', 'Only the command line may choose where a backup goes.');
      const folder = out ?? backupsDir;
      if (folder === '') {
        throw new DomainError('BAD_REQUEST', 'This team server has no backups folder: start it with one, or run vigil team backup --database URL --out DIR.');
      }
      const made = await backupTeamDatabase({ databaseUrl: options.databaseUrl, outDir: folder, vigilVersion: options.appVersion ?? '0.0.0', now: () => options.clock.now() });
      const report = asReport(made.dumpPath, made.manifest);
      await record({ at: made.manifest.createdAt, actor: ctx.actor, action: 'backup.created', payload: { ...report, manifest: made.manifestPath } });
      return report;
    },
    list: () => (backupsDir === '' ? [] : listTeamBackups(backupsDir).map((b) => asReport(b.dumpPath, b.manifest))),
    restore: async () => {
      throw new DomainError('BAD_REQUEST', noRestore);
    },
    status: () => ({ readOnly: false, problem: null, backupsDir }),
  };
}

/**
 * The domain core on a team database (PostgreSQL): the same services and dispatcher as the
 * desktop's SQLite core, through the same storage port. Returns at once; the connection and the
 * migrations are made in the background and every call waits for them, so a database that cannot
 * be reached, or one from a newer Vigil, answers each call with that refusal.
 */
export interface TeamCore extends Core {
  /** Closes the core and resolves once its connections to the database are gone. */
  shutdown(): Promise<void>;
  /**
   * The scheduled due-date sweep (what the timer runs): 'ran' (its outcome recorded for
   * app.info), 'skipped' when another server on the same database is sweeping right now,
   * 'failed' when the database could not be reached, 'closed' after shutdown.
   */
  scheduledSweep(): Promise<'ran' | 'skipped' | 'failed' | 'closed'>;
}

export function createTeamCore(options: TeamCoreOptions): TeamCore {
  const location = describeDatabaseUrl(options.databaseUrl);
  const pool = createPostgresPool(options.databaseUrl, {
    max: options.poolSize,
    onIdleError: (error) => options.onInternalError?.('team database connection', error),
  });
  const { storage, db } = createPostgresStorage(pool);
  const jobs = createPostgresScheduledJobs(pool, db, { clock: options.clock, runner: options.runnerName ?? `${hostname()} pid ${process.pid}` });
  // The store's backups record themselves in the ledger through the graph they belong to.
  const record: ServiceGraph['record'] = async (event) => (await ready).record(event);
  const ready: Promise<ServiceGraph> = migratePostgres(pool, location).then(() =>
    buildServiceGraph({ storage, readOnly: null, store: teamStoreOperations(options, record), location, keyVault: options.keyVault }, options),
  );
  // Awaited by every call; the rejection is observed there (and here, so it is never unhandled).
  ready.catch(() => undefined);
  let closed: Promise<void> | null = null;
  const timer = options.sweepEveryMs === undefined ? null : setInterval(() => void scheduledSweep(), options.sweepEveryMs);
  timer?.unref();
  /** One server at a time sweeps; the others skip this tick (the sweep at open needs no lock: the ledger lock queues it and a second finds nothing left to do). */
  async function scheduledSweep(): Promise<'ran' | 'skipped' | 'failed' | 'closed'> {
    if (closed) return 'closed';
    try {
      const graph = await ready;
      return await jobs.runAlone('dueDateSweep', () => graph.sweep());
    } catch (error) {
      // The database could not be reached (or opened): nothing ran.
      options.onInternalError?.('workflow.sweep', error);
      return 'failed';
    }
  }
  return {
    dispatch: async (method, input, ctx) => {
      if (closed) return { ok: false, error: { code: 'INTERNAL', message: 'This Vigil core is closed.' } };
      let graph: ServiceGraph;
      try {
        graph = await ready;
      } catch (error) {
        if (error instanceof DomainError) return { ok: false, error: error.toValue() };
        options.onInternalError?.(method, error);
        return { ok: false, error: { code: 'INTERNAL', message: `Vigil could not open the team database ${location}: ${error instanceof Error ? error.message : String(error)}` } };
      }
      return graph.dispatch(method, input, ctx);
    },
    sweep: async () => {
      await scheduledSweep();
    },
    scheduledSweep,
    authority: deferredAuthority(async () => {
      if (closed) return refusingAuthority({ code: 'INTERNAL', message: 'This Vigil core is closed.' });
      try {
        return (await ready).authority;
      } catch (error) {
        if (error instanceof DomainError) return refusingAuthority(error.toValue());
        options.onInternalError?.('team database', error);
        return refusingAuthority({ code: 'INTERNAL', message: `Vigil could not open the team database ${location}: ${error instanceof Error ? error.message : String(error)}` });
      }
    }),
    close: () => void shutdown(),
    shutdown,
  };
  function shutdown(): Promise<void> {
    if (timer) clearInterval(timer);
    // The pool closes once the calls in flight have released their connections.
    closed ??= db.destroy().catch((error: unknown) => options.onInternalError?.('team database close', error));
    return closed;
  }
}

