// What each per-migration test (Signal Desktop style: one test per migration over a database with
// data in it) needs on either engine: a core over a SQLite file written at an older schema, and a
// PostgreSQL database migrated only that far, both answering through the dispatcher.
import { createCore } from '../../electron/core/create-core.ts';
import { postgresMigrations } from '../../electron/core/store/postgres/migrations/index.ts';
import { createPostgresPool, migratePostgres } from '../../electron/core/store/postgres/open-postgres.ts';
import { actor, fixedClock, sequentialIds, templatesDir } from './core-fixture.ts';
import { cleanups as teamCleanups, client, database } from './team-cores.ts';

/** Calls a method as the test's actor; a refusal throws, naming the method. */
export type Caller = <T>(method: string, input: unknown) => Promise<T>;

/** A core over the (already written) database file at `dbPath`, opened the day after the fixture's data; it migrates on opening. */
export function coreOverFile(dbPath: string, cleanups: (() => void)[]): Caller {
  const core = createCore({ dbPath, clock: fixedClock('2025-12-01T09:00:00.000Z'), ids: sequentialIds(), templatesDir });
  cleanups.unshift(() => core.close());
  return async <T,>(method: string, input: unknown) => {
    const result = await core.dispatch(method, input, actor);
    if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
    return result.value as T;
  };
}

/** A fresh PostgreSQL database migrated up to `version` only, its pool (to finish migrating) and a client for writing old-schema rows. */
export async function postgresAt(version: number) {
  const { url } = await database();
  const pool = createPostgresPool(url, { max: 2 });
  teamCleanups.push(() => pool.end());
  await migratePostgres(pool, 'test', postgresMigrations.filter((m) => m.version <= version));
  return { url, pool, client: await client(url) };
}
