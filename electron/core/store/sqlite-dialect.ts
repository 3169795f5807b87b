import type { Database, Statement } from 'better-sqlite3';
import {
  type CompiledQuery,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';

/**
 * Kysely's own SQLite dialect, with two changes the embedded store needs:
 *
 * - A transaction that may write starts with `BEGIN IMMEDIATE`. Kysely's plain `begin` is
 *   deferred, and a deferred transaction that later writes while another process (the CLI beside
 *   the app) holds the write lock fails with SQLITE_BUSY at once instead of waiting out
 *   `busy_timeout`. Read-only transactions stay deferred so they never block a writer.
 *
 * The store opens two of these: one on the writing connection, one on a read-only connection
 * for reads outside a write (see kysely-storage.ts).
 * - Statements are prepared once per SQL text and reused. The query builder compiles to a small,
 *   fixed set of texts, and preparing is most of the cost of a short query in better-sqlite3.
 *
 * Each dialect has one connection; Kysely's adapter reports no multiple connections, so its
 * runtime driver queues callers behind the one in use.
 */
export class VigilSqliteDialect implements Dialect {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  createDriver(): Driver {
    return new CachingSqliteDriver(this.#db);
  }

  createQueryCompiler() {
    return new SqliteQueryCompiler();
  }

  createAdapter() {
    return new SqliteAdapter();
  }

  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }
}

/** Enough distinct texts for every query the repositories build; beyond it the oldest is dropped. */
const cacheLimit = 500;

class CachingSqliteDriver implements Driver {
  readonly #connection: CachingSqliteConnection;

  constructor(db: Database) {
    this.#connection = new CachingSqliteConnection(db);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return this.#connection;
  }

  async beginTransaction(_connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    // A read takes its snapshot when it first reads; it runs on a read-only connection, so
    // nothing in it can write. (PRAGMA query_only would do the same on one connection, but
    // setting it expires every prepared statement.)
    await this.#connection.run(settings.accessMode === 'read only' ? 'BEGIN DEFERRED' : 'BEGIN IMMEDIATE');
  }

  async commitTransaction(): Promise<void> {
    await this.#connection.run('COMMIT');
  }

  async rollbackTransaction(): Promise<void> {
    await this.#connection.run('ROLLBACK');
  }

  async releaseConnection(): Promise<void> {}

  // The core owns the better-sqlite3 handle (backups, integrity checks) and closes it itself.
  async destroy(): Promise<void> {}
}

class CachingSqliteConnection implements DatabaseConnection {
  readonly #db: Database;
  readonly #statements = new Map<string, Statement>();

  constructor(db: Database) {
    this.#db = db;
  }

  #prepare(sql: string): Statement {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#db.prepare(sql);
      if (this.#statements.size >= cacheLimit) {
        const oldest = this.#statements.keys().next();
        if (!oldest.done) this.#statements.delete(oldest.value);
      }
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  async run(sql: string): Promise<void> {
    this.#prepare(sql).run();
  }

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const statement = this.#prepare(compiledQuery.sql);
    const parameters = [...compiledQuery.parameters];
    if (statement.reader) return { rows: statement.all(parameters) as R[] };
    const { changes, lastInsertRowid } = statement.run(parameters);
    return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
  }

  // eslint-disable-next-line require-yield -- the store never streams; Kysely requires the method.
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('The embedded store does not stream queries.');
  }
}
