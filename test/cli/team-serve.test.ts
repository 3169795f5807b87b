import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/core-fixture.ts';
import { cliPath, vigil } from '../support/run-cli.ts';
import { testCertificate } from '../support/team-server-fixture.ts';
import { startTestPostgres, type TestPostgres } from '../support/test-postgres.ts';

/*
 * `vigil team serve` from the built CLI: what it refuses before starting (plain HTTP, half the
 * single sign-on options), and a real start on PostgreSQL over HTTPS, stopped by SIGTERM.
 */

describe('vigil team serve: refusals before anything starts', () => {
  const database = 'postgres://vigil@127.0.0.1:1/nowhere';

  it('refuses plain HTTP without --insecure-loopback', () => {
    const run = vigil(['team', 'serve', '--database', database]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('HTTPS only: give --cert FILE and --key FILE');
    expect(run.stderr).toContain('--insecure-loopback');
    const half = vigil(['team', 'serve', '--database', database, '--cert', 'server.pem']);
    expect(half.code).toBe(2);
  });

  it('serves plain HTTP on loopback only, and never beside a certificate', () => {
    const everywhere = vigil(['team', 'serve', '--database', database, '--insecure-loopback', '--host', '0.0.0.0']);
    expect(everywhere.code).toBe(2);
    expect(everywhere.stderr).toContain('127.0.0.1 only, not 0.0.0.0');
    const both = vigil(['team', 'serve', '--database', database, '--insecure-loopback', '--cert', 'a.pem', '--key', 'b.pem']);
    expect(both.code).toBe(2);
  });

  it('refuses half a single sign-on setup and an unknown role in the map', () => {
    const noClient = vigil(['team', 'serve', '--database', database, '--insecure-loopback', '--oidc-issuer', 'https://login.example']);
    expect(noClient.code).toBe(2);
    expect(noClient.stderr).toContain('both --oidc-issuer and --oidc-client-id');
    const noMap = vigil(['team', 'serve', '--database', database, '--insecure-loopback', '--oidc-issuer', 'https://login.example', '--oidc-client-id', 'vigil', '--oidc-role-claim', 'roles']);
    expect(noMap.code).toBe(2);
    const badRole = vigil(['team', 'serve', '--database', database, '--insecure-loopback', '--oidc-issuer', 'https://login.example', '--oidc-client-id', 'vigil', '--oidc-role-claim', 'roles', '--oidc-role-map', 'Vigil.Boss=boss']);
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toContain('"boss" is not a role');
  });

  it('reports a database it cannot reach and exits 1', () => {
    const keys = tempDir();
    const run = vigil(['team', 'serve', '--database', database, '--insecure-loopback', '--key-dir', keys.dir]);
    keys.cleanup();
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('127.0.0.1:1');
  });
});

describe('vigil team serve: a running server', () => {
  let postgres: TestPostgres;
  let databaseUrl: string;

  beforeAll(async () => {
    postgres = await startTestPostgres();
    const admin = new pg.Client({ connectionString: `${postgres.serverUrl}postgres` });
    await admin.connect();
    await admin.query('CREATE DATABASE team_cli');
    await admin.end();
    databaseUrl = `${postgres.serverUrl}team_cli`;
  });
  afterAll(async () => postgres?.stop());

  it('serves HTTPS from --cert and --key, prints its address as JSON, and stops on SIGTERM', async () => {
    const { dir, cleanup } = tempDir();
    const certificate = await testCertificate();
    writeFileSync(join(dir, 'server.pem'), certificate.cert);
    writeFileSync(join(dir, 'server.key'), certificate.key, { mode: 0o600 });
    const child = spawn(process.execPath, [cliPath, 'team', 'serve', '--database', databaseUrl, '--cert', join(dir, 'server.pem'), '--key', join(dir, 'server.key'), '--port', '0', '--key-dir', join(dir, 'keys'), '--json'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const line = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).once('line', resolve);
        void exited.then((code) => reject(new Error(`vigil team serve exited (${String(code)}): ${stderr}`)));
      });
      const printed = JSON.parse(line) as { url: string; port: number; database: string; https: boolean; oidc: null };
      expect(printed).toMatchObject({ url: `https://127.0.0.1:${printed.port}`, https: true, oidc: null });
      expect(printed.database).toContain('team_cli');
      expect(printed.database).not.toContain(new URL(databaseUrl).password);
      const answer = await new Promise<{ status: number; hsts: string | undefined; body: string }>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port: printed.port, path: '/auth/session', ca: certificate.cert, servername: 'localhost' }, (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, hsts: res.headers['strict-transport-security'], body }));
        });
        req.on('error', reject);
        req.end();
      });
      expect(answer.status).toBe(200);
      expect(answer.hsts).toBe('max-age=31536000');
      expect(JSON.parse(answer.body)).toEqual({ mode: 'team', signedIn: false, signIn: { password: true, oidc: null } });
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    cleanup();
  });
});
