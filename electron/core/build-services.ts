import Sqlite from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { Kysely } from 'kysely';
import { createKyselyStorage } from './store/kysely-storage.ts';
import type { Schema } from './store/schema.ts';
import { VigilSqliteDialect } from './store/sqlite-dialect.ts';
import { fileKeyVault } from './exchange/key-file-vault.ts';
import type { KeyVault } from './exchange/workspace-identity.ts';
import type { StoreOperations } from './store/store-operations.ts';
import { buildServiceGraph, type ServiceGraph, type ServiceOptions } from './service-graph.ts';

export type { StoreOperations } from './store/store-operations.ts';
export { hostSweepEveryMs } from './service-graph.ts';

export interface CoreOptions extends ServiceOptions {
  dbPath: string;
  /** Take a verified backup at start when the newest daily one is over a day old (app, browser mode). */
  dailyBackup?: boolean;
  /** Where the workspace's private key lives; default: a 0600 file beside the database. */
  keyVault?: KeyVault;
}

/** The services and their dispatcher on one open SQLite database. */
export function buildServices(
  db: Database,
  options: CoreOptions,
  store: StoreOperations,
  readOnly: string | null,
): ServiceGraph & {
  exclusive: <T>(fn: () => T) => Promise<T>;
  /** Closes what the services opened beside `db` (the read connection); the caller closes `db`. */
  release: () => void;
} {
  const { dbPath } = options;
  // Reads outside a write get their own read-only connection: they cannot write, and under WAL
  // they read the last commit without waiting for a write in progress.
  const readDb = readOnly === null ? new Sqlite(dbPath, { readonly: true, fileMustExist: true }) : db;
  if (readDb !== db) readDb.pragma('busy_timeout = 5000');
  const writer = new Kysely<Schema>({ dialect: new VigilSqliteDialect(db) });
  const reader = readDb === db ? writer : new Kysely<Schema>({ dialect: new VigilSqliteDialect(readDb) });
  const storage = createKyselyStorage({ writer, reader });
  const graph = buildServiceGraph({ storage, readOnly, store, location: dbPath, keyVault: options.keyVault ?? fileKeyVault(dbPath) }, options);
  return {
    ...graph,
    // Holding both connections waits out the transactions in use and queues every later call.
    exclusive: (fn) => writer.connection().execute(() => (reader === writer ? Promise.resolve(fn()) : reader.connection().execute(async () => fn()))),
    release: () => {
      if (readDb !== db && readDb.open) readDb.close();
    },
  };
}
