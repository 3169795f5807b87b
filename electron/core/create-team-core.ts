import type { Core } from './create-core.ts';
import { deferredAuthority, refusingAuthority } from './accounts/account-authority.ts';
import { DomainError } from './domain-error.ts';
import type { KeyVault } from './exchange/workspace-identity.ts';
import { buildServiceGraph, type ServiceGraph, type ServiceOptions } from './service-graph.ts';
import { createPostgresPool, createPostgresStorage, describeDatabaseUrl, migratePostgres } from './store/postgres/open-postgres.ts';
import type { StoreOperations } from './store/store-operations.ts';

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
}

const noBackups =
  'Backups of a team database are taken with pg_dump (and restored with pg_restore) by whoever runs the PostgreSQL server; Vigil does not back up or restore a team database itself yet.';

/**
 * Backups and restores work on the SQLite file (store/backup.ts); a team database is a server
 * Vigil does not own, so these refuse with a clear account of how it is done instead.
 */
function teamStoreOperations(): StoreOperations {
  return {
    backup: async () => {
      throw new DomainError('BAD_REQUEST', noBackups);
    },
    list: () => [],
    restore: async () => {
      throw new DomainError('BAD_REQUEST', noBackups);
    },
    status: () => ({ readOnly: false, problem: null, backupsDir: '' }),
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
}

export function createTeamCore(options: TeamCoreOptions): TeamCore {
  const location = describeDatabaseUrl(options.databaseUrl);
  const pool = createPostgresPool(options.databaseUrl, {
    max: options.poolSize,
    onIdleError: (error) => options.onInternalError?.('team database connection', error),
  });
  const { storage, db } = createPostgresStorage(pool);
  const ready: Promise<ServiceGraph> = migratePostgres(pool, location).then(() =>
    buildServiceGraph({ storage, readOnly: null, store: teamStoreOperations(), location, keyVault: options.keyVault }, options),
  );
  // Awaited by every call; the rejection is observed there (and here, so it is never unhandled).
  ready.catch(() => undefined);
  let closed: Promise<void> | null = null;
  const timer = options.sweepEveryMs === undefined ? null : setInterval(() => void sweep(), options.sweepEveryMs);
  timer?.unref();
  async function sweep(): Promise<void> {
    if (closed) return;
    try {
      await (await ready).sweep();
    } catch (error) {
      options.onInternalError?.('workflow.sweep', error);
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
    sweep,
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

