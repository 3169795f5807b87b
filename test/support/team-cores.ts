// Team cores for the PostgreSQL-only tests (test/core/postgres/, test/cli team backups): a
// database per test, cores and direct connections on it, all closed and dropped after the test.
import pg from 'pg';
import { afterEach } from 'vitest';
import { createTeamCore, type TeamCore, type TeamCoreOptions } from '../../electron/core/create-team-core.ts';
import type { IdSource } from '../../electron/core/deps.ts';
import { fileKeyVault } from '../../electron/core/exchange/key-file-vault.ts';
import { actor, createTestDatabase, fixedClock, tempDir, templatesDir } from './core-fixture.ts';

/** Ids no other core on the same database hands out, in the contract's shape: `SYS-A0000001`, … */
export const prefixedIds = (tag: string): IdSource => {
  let n = 0;
  return { next: (prefix) => `${prefix}-${tag}${String(++n).padStart(7, '0')}` };
};

/** What the test made, undone after it (last made, first undone). */
export const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A database for one test, dropped after it. */
export async function database(options: { fromTemplate?: boolean } = {}) {
  const made = await createTestDatabase(options);
  cleanups.push(made.drop);
  return made;
}

/** A team core on `url`, shut down after the test. */
export function teamCore(url: string, tag: string, options: Partial<TeamCoreOptions> = {}): TeamCore {
  const files = tempDir();
  const core = createTeamCore({ databaseUrl: url, clock: fixedClock(), ids: prefixedIds(tag), templatesDir, keyVault: fileKeyVault(`${files.dir}/vigil.db`), poolSize: 3, ...options });
  cleanups.push(async () => {
    await core.shutdown();
    files.cleanup();
  });
  return core;
}

export async function call<T>(core: TeamCore, method: string, input: unknown): Promise<T> {
  const result = await core.dispatch(method, input, actor);
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
  // The dispatcher validated the output against the contract; the test names its type.
  return result.value as T;
}

/** A direct connection to a test database, for what no Vigil command may do. */
export async function client(url: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  cleanups.push(() => c.end());
  return c;
}
