import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:tls';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account, AssessmentSummary } from '../../electron/contract/index.ts';
import type { DemoSignIn } from '../../electron/team-demo/start-team-demo.ts';
import { repoRoot } from '../support/core-fixture.ts';
import { signInToTeam } from '../support/rpc-clients.ts';

interface Printed {
  url: string;
  fingerprint: string;
  certificate: string;
  signIns: DemoSignIn[];
  dataDir: string;
}

/** The SHA-256 fingerprint of the certificate the server presents, as a browser would show it. */
function presentedFingerprint(url: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port), rejectUnauthorized: false }, () => {
      resolve(socket.getPeerCertificate().fingerprint256);
      socket.end();
    });
    socket.once('error', reject);
  });
}

// `npm run team:demo` as a person runs it: the script, its printed sign-ins, Ctrl+C.
describe('npm run team:demo', () => {
  const child = spawn(process.execPath, [join(repoRoot, 'scripts', 'team-demo.mjs'), '--json'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let printed: Printed;
  const signIn = (login: string) => printed.signIns.find((s) => s.login === login) ?? { login, password: '' };

  beforeAll(async () => {
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).once('line', resolve);
      void exited.then((code) => reject(new Error(`the demo exited (${String(code)}) before printing:\n${stderr}`)));
    });
    printed = JSON.parse(line) as Printed;
  });
  afterAll(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await exited;
  });

  it('prints an HTTPS address on loopback, the certificate it serves and a sign-in for each of the cast and an administrator', async () => {
    expect(printed.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(printed.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(await presentedFingerprint(printed.url)).toBe(printed.fingerprint);
    expect(printed.signIns.map((s) => [s.login, s.name, s.roles, s.administrator])).toEqual([
      ['admin', 'Sam Rivera', [], true],
      ['priya.raman', 'Dr Priya Raman', ['committeeChair', 'reviewer'], false],
      ['tom.okafor', 'Tom Okafor', ['reviewer'], false],
      ['hannah.weiss', 'Dr Hannah Weiss', ['reviewer'], false],
      ['maria.lopez', 'Maria Lopez', ['assessor', 'riskOwner'], false],
      ['james.chen', 'James Chen', ['riskOwner'], false],
      ['aisha.bello', 'Aisha Bello', ['assessor'], false],
    ]);
    // Every password is its own, and long enough for the accounts' rule.
    expect(new Set(printed.signIns.map((s) => s.password)).size).toBe(7);
    for (const s of printed.signIns) expect(s.password.length).toBeGreaterThanOrEqual(12);
    expect(existsSync(printed.dataDir)).toBe(true);
  });

  it('lets a printed person sign in over HTTPS and see the demo portfolio as themselves', async () => {
    const maria = signIn('maria.lopez');
    const client = await signInToTeam(printed.url, maria.login, maria.password, { ca: printed.certificate });
    try {
      const session = await client.call('session.current', {});
      expect(session).toEqual({ ok: true, value: { mode: 'team', account: expect.objectContaining({ login: 'maria.lopez', name: 'Maria Lopez', roles: ['assessor', 'riskOwner'], administrator: false }) } });
      const assessments = await client.call('assessments.list', {});
      expect(assessments.ok && (assessments.value as AssessmentSummary[]).length).toBeGreaterThan(5);
      // Not an administrator: the accounts stay closed to her.
      const accounts = await client.call('accounts.list', {});
      expect(accounts.ok ? 'listed' : accounts.error.code).toBe('FORBIDDEN');
    } finally {
      client.close();
    }
    await expect(signInToTeam(printed.url, maria.login, 'not her password at all', { ca: printed.certificate })).rejects.toThrow(/UNAUTHORIZED/);
  });

  it('lets the administrator see every account', async () => {
    const admin = signIn('admin');
    const client = await signInToTeam(printed.url, admin.login, admin.password, { ca: printed.certificate });
    try {
      const accounts = await client.call('accounts.list', {});
      expect(accounts.ok && (accounts.value as Account[]).map((a) => a.login).sort()).toEqual(printed.signIns.map((s) => s.login).sort());
      const ledger = await client.call('audit.verify', {});
      expect(ledger.ok && ledger.value).toMatchObject({ ok: true });
    } finally {
      client.close();
    }
  });

  it('stops the server and PostgreSQL on Ctrl+C and removes the data', async () => {
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(existsSync(printed.dataDir)).toBe(false);
    await expect(presentedFingerprint(printed.url)).rejects.toThrow(/ECONNREFUSED/);
  });
});
