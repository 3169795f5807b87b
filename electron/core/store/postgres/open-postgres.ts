import pg from 'pg';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { DomainError } from '../../domain-error.ts';
import { createKyselyStorage } from '../kysely-storage.ts';
import { schemaVersionOf } from '../migrations/index.ts';
import type { Schema } from '../schema.ts';
import type { StoragePort } from '../storage-port.ts';
import { postgresMigrations, type PostgresMigration } from './migrations/index.ts';

/**
 * Keys of the two transaction-scoped advisory locks Vigil takes (any constant works, as long as
 * nothing else on the same database uses it): one appender of the ledger at a time, one
 * migrator at a time. Spelled "VIGLEDGR" / "VIGMIGRT" in ASCII so `pg_locks` shows whose they are.
 */
export const ledgerLockKey = 0x5649474c45444752n;
export const migrationLockKey = 0x5649474d49475254n;

/** Where Vigil keeps the schema version it applied (SQLite keeps it in `PRAGMA user_version`). */
const versionTable = 'vigil_schema_version';

/** A readable account of where a team database lives, with any password left out. */
export function describeDatabaseUrl(databaseUrl: string): string {
  const url = parseDatabaseUrl(databaseUrl);
  return `postgres://${url.username ? `${decodeURIComponent(url.username)}@` : ''}${url.host}${url.pathname}`;
}

function parseDatabaseUrl(databaseUrl: string): URL {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    throw new DomainError('VALIDATION_FAILED', `The team database address is not a URL: expected postgres://user:password@host:5432/database.`);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new DomainError('VALIDATION_FAILED', `The team database address must start with postgres:// or postgresql://, not ${url.protocol}//.`);
  }
  if (url.pathname.length <= 1) throw new DomainError('VALIDATION_FAILED', 'The team database address names no database: add /DATABASE after the host.');
  return url;
}

/**
 * pg returns bigint (int8) values — `count(*)`, the ledger's `seq` — as strings, since they may
 * pass 2^53. Vigil's are counts and sequence numbers far below that; a value that is not is
 * refused rather than rounded.
 */
function typeParsers(): pg.CustomTypesConfig {
  const types = new pg.TypeOverrides();
  types.setTypeParser(pg.types.builtins.INT8, (text: string) => {
    const value = Number(text);
    if (!Number.isSafeInteger(value)) throw new Error(`A bigint from PostgreSQL (${text}) is beyond what Vigil counts exactly.`);
    return value;
  });
  return types;
}

/** A pool of connections to the team database named by `databaseUrl` (postgres://…). */
export function createPostgresPool(databaseUrl: string, options: { max?: number; onIdleError?: (error: Error) => void } = {}): pg.Pool {
  parseDatabaseUrl(databaseUrl);
  const pool = new pg.Pool({ connectionString: databaseUrl, types: typeParsers(), max: options.max ?? 10 });
  // An idle connection the server ends (restart, network, an administrator) is reported here;
  // pg drops it and opens a new one on the next call. Without a listener the error would
  // crash the process.
  pool.on('error', (error) => options.onIdleError?.(error));
  return pool;
}

/** The schema version this database is at (0 before Vigil's first migration). */
async function currentVersion(client: pg.PoolClient): Promise<number> {
  await client.query(`CREATE TABLE IF NOT EXISTS ${versionTable} (only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row), version integer NOT NULL)`);
  const found = await client.query<{ version: number }>(`SELECT version FROM ${versionTable}`);
  return found.rows[0]?.version ?? 0;
}

function refuseNewer(where: string, version: number, latest: number): never {
  throw new DomainError(
    'DATABASE_TOO_NEW',
    `${where} was written by a newer version of Vigil (database schema ${version}; this app understands up to ${latest}). ` +
      'Install the newer Vigil to use it. The database has not been changed.',
    { schemaVersion: version, supportedVersion: latest },
  );
}

/**
 * Brings the database up to the newest schema: each migration and its version bump commit
 * together in one transaction, under an advisory lock so two servers starting at once migrate
 * once. A database from a newer Vigil is refused untouched. Returns the version it is at.
 */
export async function migratePostgres(pool: pg.Pool, where: string, list: readonly PostgresMigration[] = postgresMigrations): Promise<number> {
  const latest = schemaVersionOf(list);
  const client = await pool.connect();
  try {
    // Read first, outside any change, so a newer database is refused before anything is written
    // (not even the version table is created then: it exists already).
    const peek = await client.query<{ exists: boolean }>(`SELECT to_regclass($1) IS NOT NULL AS exists`, [versionTable]);
    if (peek.rows[0]?.exists) {
      const found = await client.query<{ version: number }>(`SELECT version FROM ${versionTable}`);
      const version = found.rows[0]?.version ?? 0;
      if (version > latest) refuseNewer(where, version, latest);
      if (version === latest) return version;
    }
    for (const migration of list) {
      await client.query('BEGIN');
      try {
        await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [migrationLockKey.toString()]);
        // Read again under the lock: another server may have migrated meanwhile.
        const version = await currentVersion(client);
        if (version > latest) refuseNewer(where, version, latest);
        if (version < migration.version) {
          await client.query(migration.sql);
          await migration.backfill?.((text, values) => client.query(text, values));
          await client.query(
            `INSERT INTO ${versionTable} (only_row, version) VALUES (true, $1) ON CONFLICT (only_row) DO UPDATE SET version = excluded.version`,
            [migration.version],
          );
        }
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
    return latest;
  } finally {
    client.release();
  }
}

/**
 * The storage port on PostgreSQL. Writes and reads share one pool: a read runs in a
 * `START TRANSACTION READ ONLY` (Kysely's access mode), which PostgreSQL itself keeps from
 * writing. Every write first takes a transaction-scoped advisory lock (kysely-storage.ts): under READ
 * COMMITTED two writers could otherwise read the same head and fork the chain.
 */
export function createPostgresStorage(pool: pg.Pool): { storage: StoragePort; db: Kysely<Schema> } {
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  const storage = createKyselyStorage({
    writer: db,
    reader: db,
    hooks: {
      lockLedger: async (trx) => {
        await sql`SELECT pg_advisory_xact_lock(${ledgerLockKey.toString()}::bigint)`.execute(trx);
      },
    },
  });
  return { storage, db };
}
