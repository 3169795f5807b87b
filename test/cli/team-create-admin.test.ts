import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTeamCore } from '../../electron/core/create-team-core.ts';
import { fileKeyVault } from '../../electron/core/exchange/key-file-vault.ts';
import { repoRoot, sequentialIds, fixedClock, tempDir, templatesDir } from '../support/core-fixture.ts';
import startPostgres from '../support/postgres-global-setup.ts';
import { cliPath, vigil, type CliRun } from '../support/run-cli.ts';

/*
 * `vigil team create-admin` from the built CLI on a real PostgreSQL: the first administrator of a
 * team database, the password from VIGIL_ADMIN_PASSWORD or standard input and never argv, refused
 * once an administrator exists; the account it makes signs in.
 */

let serverUrl = '';
let stop: () => Promise<void> = async () => undefined;
let made = 0;

beforeAll(async () => {
  // The same PostgreSQL the core tests' matrix starts, started here for this file alone.
  const provided: Record<string, string> = {};
  stop = await startPostgres({ provide: (key: string, value: string) => (provided[key] = value) } as unknown as TestProject);
  serverUrl = provided.postgresServerUrl ?? '';
});
afterAll(() => stop());

/** A new, empty database: create-admin migrates it. */
async function database(): Promise<string> {
  const name = `vigil_cli_${process.pid}_${++made}`;
  const admin = new pg.Client({ connectionString: `${serverUrl}postgres` });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return `${serverUrl}${name}`;
}

/** The built CLI with standard input (the password typed or piped). */
function vigilWithInput(args: readonly string[], input: string, env: NodeJS.ProcessEnv = {}): CliRun {
  const result = spawnSync(process.execPath, [cliPath, ...args], { cwd: repoRoot, encoding: 'utf8', input, env: { ...process.env, VIGIL_ADMIN_PASSWORD: '', ...env }, timeout: 120_000 });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

async function signInOn(url: string, login: string, password: string) {
  const keys = tempDir();
  const core = createTeamCore({ databaseUrl: url, clock: fixedClock(), ids: sequentialIds(), templatesDir, keyVault: fileKeyVault(join(keys.dir, 'vigil.db')), poolSize: 1 });
  try {
    return await core.authority.signInWithPassword({ login, password, address: '127.0.0.1' });
  } finally {
    await core.shutdown();
    keys.cleanup();
  }
}

describe('vigil team create-admin', () => {
  it('refuses a password on the command line and a missing login, before touching anything', () => {
    const argv = vigil(['team', 'create-admin', '--database', 'postgres://vigil@127.0.0.1:1/nowhere', '--login', 'ada', '--name', 'Ada Admin', '--password', 'visible to everyone']);
    expect(argv.code).toBe(2);
    expect(argv.stderr).toContain('the password is never given on the command line');
    const noLogin = vigil(['team', 'create-admin', '--database', 'postgres://vigil@127.0.0.1:1/nowhere', '--name', 'Ada Admin']);
    expect(noLogin.code).toBe(2);
    expect(noLogin.stderr).toContain('--login and --name are required');
  });

  it('creates the first administrator from VIGIL_ADMIN_PASSWORD, records it, and refuses a second', async () => {
    const url = await database();
    const env = { VIGIL_ADMIN_PASSWORD: 'correct horse battery staple' };
    const first = vigil(['team', 'create-admin', '--database', url, '--login', 'Ada', '--name', 'Ada Admin', '--email', 'ada@example.org', '--json'], env);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ login: 'ada', name: 'Ada Admin', email: 'ada@example.org', administrator: true, hasPassword: true, roles: [] });

    const second = vigil(['team', 'create-admin', '--database', url, '--login', 'bob', '--name', 'Bob Second'], env);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain('An administrator exists already');

    const signedIn = await signInOn(url, 'ada', 'correct horse battery staple');
    expect(signedIn.ok && signedIn.value.account).toMatchObject({ login: 'ada', administrator: true });
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const events = (await client.query<{ actor: string; action: string; payload: string }>("SELECT actor, action, payload FROM audit_events WHERE action LIKE 'account.%' ORDER BY seq")).rows;
      expect(events.map((e) => e.action)).toEqual(['account.created', 'account.signedIn']);
      expect(events[0]!.actor).toMatch(/^os:.+/);
      expect(events[0]!.payload).not.toContain('horse');
      const stored = (await client.query<{ password_hash: string }>('SELECT password_hash FROM accounts')).rows;
      expect(stored).toEqual([{ password_hash: expect.stringMatching(/^scrypt\$32768\$8\$1\$/) }]);
    } finally {
      await client.end();
    }
  });

  it('reads the password from standard input when the variable is unset, and refuses a short one', async () => {
    const url = await database();
    const short = vigilWithInput(['team', 'create-admin', '--database', url, '--login', 'ada', '--name', 'Ada Admin'], 'too short\n');
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('password must be at least 12 characters');

    const piped = vigilWithInput(['team', 'create-admin', '--database', url, '--login', 'ada', '--name', 'Ada Admin'], 'a passphrase from stdin\nignored second line\n');
    expect(piped.stderr).toBe('');
    expect(piped.code).toBe(0);
    expect(piped.stdout).toContain('First administrator created: Ada Admin (login ada');
    const signedIn = await signInOn(url, 'ada', 'a passphrase from stdin');
    expect(signedIn.ok).toBe(true);
  });
});
