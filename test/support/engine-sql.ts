// Engine-neutral access to a test core's database, for what no Vigil command may do: read the
// rows and the ledger as stored, change a row behind Vigil's back, tamper with the ledger. The
// same test then runs on SQLite (the file, through a second connection) and on PostgreSQL (the
// test database, through a second pool), which is what the test matrix is for.
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import type pg from 'pg';
import { createPostgresPool } from '../../electron/core/store/postgres/open-postgres.ts';
import type { AuditEventsTable } from '../../electron/core/store/schema.ts';

/** One SQL statement and its parameters, written with `?` placeholders on either engine. */
export type Statement = readonly [text: string, ...params: unknown[]];

export interface EngineSql {
  readonly engine: 'sqlite' | 'postgres';
  /** Every row a read-only query answers. */
  all<T>(text: string, ...params: unknown[]): Promise<T[]>;
  /** The first row, or undefined. */
  get<T>(text: string, ...params: unknown[]): Promise<T | undefined>;
  /** A change made behind Vigil's back (not through a command); resolves to the rows it changed. */
  run(text: string, ...params: unknown[]): Promise<number>;
  /**
   * Rewrites the ledger as an attacker with the database owner's rights could: in one
   * transaction with the append-only guard off (SQLite: its triggers dropped and made again;
   * PostgreSQL: `ALTER TABLE … DISABLE TRIGGER USER`, which only the table's owner or a
   * superuser may run), so the guard is back once the statements are in.
   */
  tamperLedger(statements: readonly Statement[]): Promise<void>;
  /** The names of Vigil's tables, sorted. */
  tables(): Promise<string[]>;
  /** A digest of every row of every table (but those `skip` names): equal before and after means nothing was written. */
  digest(skip?: SkipRow): Promise<string>;
  close(): Promise<void>;
}

/** The test database of a core (`TestCore.sql`), or a SQLite file by its path. */
export type DatabaseOf = string | { sql: EngineSql };

/** Runs `body` on the database; a file named by its path is opened for it and closed after. */
async function on<T>(database: DatabaseOf, body: (sql: EngineSql) => Promise<T>): Promise<T> {
  if (typeof database !== 'string') return body(database.sql);
  const sql = sqliteSql(database);
  try {
    return await body(sql);
  } finally {
    await sql.close();
  }
}

/** Buffers (evidence bytes) in base64, so a digest reads the same bytes whatever the engine returned. */
const rowText = (row: unknown) => JSON.stringify(row, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('base64') : v));

/** Rows a digest leaves out, by table and content (e.g. a scheduled job's record of its last run). */
export type SkipRow = (table: string, row: Record<string, unknown>) => boolean;

async function digestOf(sql: EngineSql, skip: SkipRow = () => false): Promise<string> {
  const hash = createHash('sha256');
  for (const name of await sql.tables()) {
    hash.update(name);
    // Sorted here rather than by the engine's row order (SQLite's rowid has no PostgreSQL twin).
    const rows = (await sql.all<Record<string, unknown>>(`SELECT * FROM "${name}"`)).filter((row) => !skip(name, row));
    for (const text of rows.map(rowText).sort()) hash.update(text);
  }
  return hash.digest('hex');
}

/**
 * A SQLite file, through a second connection: one read-only connection kept for reads (as an
 * outside reader would), and a writable one opened for each change.
 */
export function sqliteSql(dbPath: string): EngineSql & { closeReader(): void } {
  let reader: Database.Database | null = null;
  const read = () => (reader ??= new Database(dbPath, { readonly: true, fileMustExist: true }));
  const open = <T>(readonly: boolean, body: (db: Database.Database) => T): T => {
    if (readonly) return body(read());
    const db = new Database(dbPath, { fileMustExist: true });
    try {
      return body(db);
    } finally {
      db.close();
    }
  };
  const closeReader = () => {
    reader?.close();
    reader = null;
  };
  const sql: EngineSql & { closeReader(): void } = {
    engine: 'sqlite',
    closeReader,
    all: async <T>(text: string, ...params: unknown[]) => open(true, (db) => db.prepare(text).all(...params) as T[]),
    get: async <T>(text: string, ...params: unknown[]) => open(true, (db) => db.prepare(text).get(...params) as T | undefined),
    run: async (text, ...params) => open(false, (db) => db.prepare(text).run(...params).changes),
    tamperLedger: async (statements) =>
      open(false, (db) => {
        const triggers = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_events'").all() as { sql: string }[];
        db.transaction(() => {
          for (const { sql: create } of triggers) db.exec(`DROP TRIGGER ${/^CREATE TRIGGER (\w+)/i.exec(create)?.[1] ?? ''}`);
          for (const [text, ...params] of statements) db.prepare(text).run(...params);
          for (const { sql: create } of triggers) db.exec(create);
        })();
      }),
    tables: async () =>
      (await sql.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")).map((t) => t.name),
    digest: (skip) => digestOf(sql, skip),
    close: async () => closeReader(),
  };
  return sql;
}

/** `?` placeholders as PostgreSQL's `$1, $2, …` (a `?` inside a quoted literal stays). */
export function numberedPlaceholders(text: string): string {
  let n = 0;
  return text.replace(/'(?:[^']|'')*'|\?/g, (match) => (match === '?' ? `$${++n}` : match));
}

/** A PostgreSQL test database (once `url` resolves), through a small pool of its own. */
export function postgresSql(url: Promise<string>): EngineSql {
  let pool: pg.Pool | null = null;
  const connect = async () => (pool ??= createPostgresPool(await url, { max: 2 }));
  const query = async <T>(text: string, params: unknown[]) => (await (await connect()).query(numberedPlaceholders(text), params)) as pg.QueryResult & { rows: T[] };
  const sql: EngineSql = {
    engine: 'postgres',
    all: async <T>(text: string, ...params: unknown[]) => (await query<T>(text, params)).rows,
    get: async <T>(text: string, ...params: unknown[]) => (await query<T>(text, params)).rows[0],
    run: async (text, ...params) => (await query(text, params)).rowCount ?? 0,
    tamperLedger: async (statements) => {
      const client = await (await connect()).connect();
      try {
        await client.query('BEGIN');
        await client.query('ALTER TABLE audit_events DISABLE TRIGGER USER');
        for (const [text, ...params] of statements) await client.query(numberedPlaceholders(text), params);
        await client.query('ALTER TABLE audit_events ENABLE TRIGGER USER');
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    },
    tables: async () =>
      (await sql.all<{ name: string }>("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name")).map(
        (t) => t.name,
      ),
    digest: (skip) => digestOf(sql, skip),
    close: async () => {
      const ending = pool;
      pool = null;
      await ending?.end();
    },
  };
  return sql;
}

/** An audit event as stored, without its chain links. */
export type AuditRow = Omit<AuditEventsTable, 'prev_hash' | 'hash'>;

/** The audit trail as stored. */
export const auditRows = (database: DatabaseOf): Promise<AuditRow[]> =>
  on(database, (sql) => sql.all<AuditRow>('SELECT seq, at, actor, action, entity, payload FROM audit_events ORDER BY seq'));

export const auditCount = (database: DatabaseOf): Promise<number> =>
  on(database, async (sql) => (await sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM audit_events'))?.n ?? 0);

/** Any read-only query on the test database. */
export const query = <T>(database: DatabaseOf, text: string, ...params: unknown[]): Promise<T[]> => on(database, (sql) => sql.all<T>(text, ...params));

/** A digest of every row of every table: equal before and after means nothing was written. */
export const databaseDigest = (database: DatabaseOf, skip?: SkipRow): Promise<string> => on(database, (sql) => sql.digest(skip));
