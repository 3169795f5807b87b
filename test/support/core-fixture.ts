import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import type { MethodInput, MethodName, MethodOutput, Result } from '../../electron/contract/index.ts';
import { createCore, type Core } from '../../electron/core/create-core.ts';
import { createTeamCore, type TeamCore } from '../../electron/core/create-team-core.ts';
import type { Clock, IdSource } from '../../electron/core/deps.ts';
import type { ServiceOptions } from '../../electron/core/service-graph.ts';
import { fileKeyVault } from '../../electron/core/exchange/key-file-vault.ts';
import type { Row } from '../../electron/core/store/schema.ts';
import { deferredAuthority } from '../../electron/core/accounts/account-authority.ts';
import { postgresSql, sqliteSql, type EngineSql } from './engine-sql.ts';

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

/** What the helpers need of a core: typed calls through the dispatcher. */
export interface Caller {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  raw(method: string, input: unknown): Promise<Result<unknown>>;
}

/** A core with typed calls, on a database named by `dbPath` (on PostgreSQL: where its key file lives). */
export interface CoreHandle extends Caller {
  dbPath: string;
  close(): void;
}

export interface TestCore extends Core, CoreHandle {
  dir: string;
  /** The core's database, for what no command may do (test/support/engine-sql.ts). */
  sql: EngineSql;
  /** Another core on the same database, as after a restart, with its own clock start and ids. */
  reopen(clockStart: string, ids: IdSource): CoreHandle;
  /** The ledger, oldest first, read beside the core. */
  ledger(): Promise<LedgerRow[]>;
  /** Rows of a query (SQL both engines read alike), read beside the core. */
  rows<T>(sql: string): Promise<T[]>;
  dispose(): void;
}

/** An audit event as stored, without its hash links. */
export type LedgerRow = Pick<Row<'audit_events'>, 'seq' | 'at' | 'actor' | 'action' | 'entity' | 'payload'>;

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

/** Typed calls on `core`, made by the test's OS login. */
export function withCalls(core: Core, dbPath: string): CoreHandle {
  return {
    dbPath,
    close: () => core.close(),
    raw: (method, input) => core.dispatch(method, input, actor),
    async call(method, input) {
      const result = await core.dispatch(method, input, actor);
      if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
      return result.value as MethodOutput<typeof method>;
    },
  };
}

/**
 * A team core on the database at `url` once it is made (no file is made on PostgreSQL: the
 * workspace key sits beside `dbPath`). `shutdown` resolves once its connections are gone.
 */
function lazyTeamCore(url: Promise<string>, dbPath: string, options: CoreChoices & { ids: IdSource }): Core & { shutdown(): Promise<void> } {
  let ready: TeamCore | null = null;
  const opened: Promise<TeamCore> = url.then((databaseUrl) => {
    // Backups (pg_dump) go beside the key, in the test's folder.
    ready = createTeamCore({ databaseUrl, templatesDir, ...options, clock: options.clock ?? fixedClock(), keyVault: fileKeyVault(dbPath), backupsDir: join(dirname(dbPath), 'backups'), poolSize: 4 });
    return ready;
  });
  // Once open, the close begins at once (the sweep timer stops before close returns), as on SQLite.
  const shutdown = async () => (ready ?? (await opened)).shutdown();
  return {
    dispatch: async (method, input, ctx) => (await opened).dispatch(method, input, ctx),
    sweep: async () => (await opened).sweep(),
    authority: deferredAuthority(async () => (await opened).authority),
    close: () => void shutdown().catch((error: unknown) => console.error(`could not close the test core of ${dbPath}:`, error)),
    shutdown,
  };
}

/** What a test may choose of its core: the clock (a fixed one by default), the host's sweep timer, document writers, its templates, the session policy. */
export type CoreChoices = Partial<Pick<ServiceOptions, 'clock' | 'sweepEveryMs' | 'exportWriters' | 'templatesDir' | 'sessionPolicy'>>;

/** A core on a fresh temp database with a fixed clock and sequential ids, on the engine under test. */
export function makeTestCore(choices: CoreChoices = {}): TestCore {
  const { dir, cleanup } = tempDir();
  const dbPath = join(dir, 'vigil.db');
  let core: Core;
  let sql: EngineSql;
  let reopen: (clockStart: string, ids: IdSource) => Core;
  let dispose: () => void;
  // A reopened core reads the same templates as the first.
  const kept = choices.templatesDir === undefined ? {} : { templatesDir: choices.templatesDir };
  if (onPostgres) {
    const database = createTestDatabase({ fromTemplate: true });
    const url = database.then((made) => made.url);
    const pgSql = postgresSql(url);
    const teamCore = lazyTeamCore(url, dbPath, { ...choices, ids: sequentialIds() });
    [core, sql] = [teamCore, pgSql];
    reopen = (clockStart, ids) => lazyTeamCore(url, dbPath, { ...kept, clock: fixedClock(clockStart), ids });
    // Dropped once the core's and the test's own connections are gone (a reopened core's too:
    // the drop forces them); a test whose database could not be made has nothing to drop.
    dispose = () =>
      void Promise.all([teamCore.shutdown(), pgSql.close(), database])
        .then(([, , made]) => made.drop())
        .catch((error: unknown) => console.error(`could not drop the test database of ${dir}:`, error));
  } else {
    const fileSql = sqliteSql(dbPath);
    const fileCore = createCore({ dbPath, templatesDir, ...choices, clock: choices.clock ?? fixedClock(), ids: sequentialIds() });
    [core, sql] = [fileCore, fileSql];
    reopen = (clockStart, ids) => createCore({ dbPath, templatesDir, ...kept, clock: fixedClock(clockStart), ids });
    // The test's reader closes with the core, before the folder goes.
    dispose = () => {
      fileSql.closeReader();
      fileCore.close();
    };
  }
  return {
    ...core,
    ...withCalls(core, dbPath),
    dir,
    sql,
    reopen: (clockStart, ids) => withCalls(reopen(clockStart, ids), dbPath),
    ledger: () => sql.all<LedgerRow>(ledgerQuery),
    rows: <T,>(text: string) => sql.all<T>(text),
    dispose() {
      dispose();
      cleanup();
    },
  };
}
