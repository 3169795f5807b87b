import type { TestProject } from 'vitest/node';
import { startTestPostgres } from './test-postgres.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** postgres://user:password@127.0.0.1:port/ — the test server, without a database name. */
    postgresServerUrl: string;
    /** A migrated database that every test core's database is created from. */
    postgresTemplate: string;
  }
}

/**
 * One real PostgreSQL server for the whole `VIGIL_TEST_ENGINE=postgres` run, with a migrated
 * template database; each test core gets its own database copied from it
 * (test/support/core-fixture.ts).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const postgres = await startTestPostgres();
  project.provide('postgresServerUrl', postgres.serverUrl);
  project.provide('postgresTemplate', postgres.template);
  return () => postgres.stop();
}
