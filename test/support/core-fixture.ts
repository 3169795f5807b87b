import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import pg from 'pg';
import { inject } from 'vitest';
import type { MethodInput, MethodName, MethodOutput, Result } from '../../electron/contract/index.ts';
import { createCore, type Core } from '../../electron/core/create-core.ts';
import { createTeamCore, type TeamCore } from '../../electron/core/create-team-core.ts';
import type { Clock, IdSource } from '../../electron/core/deps.ts';
import { fileKeyVault } from '../../electron/core/exchange/key-file-vault.ts';
import type { Row } from '../../electron/core/store/schema.ts';
import { deferredAuthority, type SessionPolicy } from '../../electron/core/accounts/account-authority.ts';

export const repoRoot = join(import.meta.dirname, '..', '..');
export const templatesDir = join(repoRoot, 'templates');

/** A clock that starts at a fixed instant and moves one second per reading. */
export function fixedClock(start = '2026-03-01T09:00:00.000Z'): Clock {
  let t = Date.parse(start);
  return {
    now: () => {
      const d = new Date(t);
      t += 1000;
      return d;
    },
  };
}

export function sequentialIds(): IdSource {
  const counters = new Map<string, number>();
  return {
    next(prefix) {
      const n = (counters.get(prefix) ?? 0) + 1;
      counters.set(prefix, n);
      return `${prefix}-${String(n).padStart(8, '0')}`;
    },
  };
}

export function tempDir(prefix = 'vigil-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * The engine `makeTestCore` builds on: SQLite (the default) or, with `VIGIL_TEST_ENGINE=postgres`,
 * PostgreSQL (a server started once by test/support/postgres-global-setup.ts). The same core
 * tests run on both; tests about the SQLite file itself skip on PostgreSQL (`sqliteOnly`).
 */
export const testEngine: 'sqlite' | 'postgres' = process.env.VIGIL_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';

/** True when the core tests run on PostgreSQL: tests about the SQLite file itself skip then. */
export const onPostgres = testEngine === 'postgres';

export interface TestCore extends Core {
  dbPath: string;
  dir: string;
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  raw(method: string, input: unknown): Promise<Result<unknown>>;
  /** The ledger, oldest first, read beside the core (the SQLite file, or the test database). */
  ledger(): Promise<LedgerRow[]>;
  /** Rows of a query (SQL both engines read alike), read beside the core. */
  rows<T>(sql: string): Promise<T[]>;
  dispose(): void;
}

/** An audit event as stored, without its hash links. */
export type LedgerRow = Pick<Row<'audit_events'>, 'seq' | 'at' | 'actor' | 'action' | 'entity' | 'payload'>;

/** What a test may set on the core it gets (the rest is fixed: ids, templates). */
export interface TestCoreOptions {
  clock?: Clock;
  sessionPolicy?: SessionPolicy;
}

const ledgerQuery = 'SELECT seq, at, actor, action, entity, payload FROM audit_events ORDER BY seq';

export const actor = { actor: 'test.assessor' };
/** How the ledger and records name a call made under that OS login, with nobody chosen. */
export const osActor = `os:${actor.actor}`;

let adminPool: pg.Pool | null = null;
/** This worker's connection to the test server's maintenance database (creating and dropping databases). */
function admin(): pg.Pool {
  adminPool ??= new pg.Pool({ connectionString: `${inject('postgresServerUrl')}postgres`, max: 2 });
  return adminPool;
}

/**
 * A new, empty database on the PostgreSQL test server (or, with `fromTemplate`, one at the newest
 * schema); `drop` removes it whatever connections remain.
 */
export async function createTestDatabase(options: { fromTemplate?: boolean } = {}): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const name = `vigil_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin().query(options.fromTemplate ? `CREATE DATABASE ${name} TEMPLATE ${inject('postgresTemplate')}` : `CREATE DATABASE ${name}`);
  return {
    url: `${inject('postgresServerUrl')}${name}`,
    name,
    drop: async () => {
      await admin().query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** The SQLite file's name in `dir`; on PostgreSQL no file is made, the workspace key sits beside the name. */
function postgresCore(dir: string, dbPath: string, options: TestCoreOptions): Core & { rows<T>(sql: string): Promise<T[]> } {
  const database = createTestDatabase({ fromTemplate: true });
  const opened: Promise<TeamCore> = database.then(({ url }) =>
      createTeamCore({
        databaseUrl: url,
        clock: options.clock ?? fixedClock(),
        ...(options.sessionPolicy ? { sessionPolicy: options.sessionPolicy } : {}),
        ids: sequentialIds(),
        templatesDir,
        keyVault: fileKeyVault(dbPath),
        poolSize: 4,
      }),
    );
  return {
    dispatch: async (method, input, ctx) => (await opened).dispatch(method, input, ctx),
    sweep: async () => (await opened).sweep(),
    authority: deferredAuthority(async () => (await opened).authority),
    rows: async <T,>(sql: string) => {
      const client = new pg.Client({ connectionString: (await database).url });
      await client.connect();
      try {
        return (await client.query(sql)).rows as T[];
      } finally {
        await client.end();
      }
    },
    close: () => {
      // Dropped once its connections are gone; a test that failed to start it has nothing to drop.
      Promise.all([opened, database])
        .then(async ([core, { drop }]) => {
          await core.shutdown();
          await drop();
        })
        .catch((error: unknown) => console.error(`could not drop the test database of ${dir}:`, error));
    },
  };
}

/** A core on a fresh temp database with a fixed clock and sequential ids, on the engine under test. */
export function makeTestCore(options: TestCoreOptions = {}): TestCore {
  const { dir, cleanup } = tempDir();
  const dbPath = join(dir, 'vigil.db');
  const sqliteRows = async <T,>(sql: string): Promise<T[]> => {
    const db = new Database(dbPath, { readonly: true, fileMustExist: true });
    try {
      return db.prepare(sql).all() as T[];
    } finally {
      db.close();
    }
  };
  const core = onPostgres
    ? postgresCore(dir, dbPath, options)
    : {
        ...createCore({ dbPath, clock: options.clock ?? fixedClock(), ids: sequentialIds(), templatesDir, ...(options.sessionPolicy ? { sessionPolicy: options.sessionPolicy } : {}) }),
        rows: sqliteRows,
      };
  return {
    ...core,
    ledger: () => core.rows<LedgerRow>(ledgerQuery),
    dbPath,
    dir,
    raw: (method, input) => core.dispatch(method, input, actor),
    async call(method, input) {
      const result = await core.dispatch(method, input, actor);
      if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
      return result.value as MethodOutput<typeof method>;
    },
    dispose() {
      core.close();
      cleanup();
    },
  };
}
