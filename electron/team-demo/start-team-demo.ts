import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { RoleSchema, type Account, type Role, type SignedInAccount } from '../contract/index.ts';
import { createTeamCore, type TeamCore } from '../core/create-team-core.ts';
import { randomIds, systemClock } from '../core/deps.ts';
import { fileKeyVault } from '../core/exchange/key-file-vault.ts';
import { startTeamServer, type RunningTeamServer } from '../server/team-server.ts';
import { scratchParent, startLocalPostgres, type LocalPostgres } from './local-postgres.ts';
import { selfSignedCertificate } from './self-signed-certificate.ts';

export interface TeamDemoOptions {
  /** Folder holding templates/ and dist/renderer (the checkout). */
  appRoot: string;
  /** Default 0: the kernel picks a free port. */
  port?: number;
  /** Told each step as it starts, for a person waiting at the terminal. */
  onProgress?: (step: string) => void;
}

/** One demo sign-in, as printed. */
export interface DemoSignIn {
  login: string;
  password: string;
  name: string;
  roles: Role[];
  administrator: boolean;
}

export interface TeamDemo {
  /** https://127.0.0.1:port */
  url: string;
  /** The certificate (PEM), for clients that should trust it. */
  certificate: string;
  /** SHA-256 of the certificate, `AB:CD:…`. */
  fingerprint: string;
  /** The administrator first, then the demo's cast in the portfolio's order. */
  signIns: DemoSignIn[];
  /** Where PostgreSQL keeps the demo's data (removed on stop). */
  dataDir: string;
  /** Closes the server, the core's connections and PostgreSQL, and removes the data. */
  stop(): Promise<void>;
}

/** The administrator is nobody in the demo's story: they run Vigil, and hold no governance role. */
export const demoAdministrator = { login: 'admin', name: 'Sam Rivera', email: 'sam.rivera@example.org' } as const;

const Cast = z.object({ people: z.array(z.object({ name: z.string(), email: z.string(), roles: z.array(RoleSchema) })) });

/** The people of templates/demo/portfolio.json, whose accounts the demo creates. */
export function demoCast(templatesDir: string): z.output<typeof Cast>['people'] {
  return Cast.parse(JSON.parse(readFileSync(join(templatesDir, 'demo', 'portfolio.json'), 'utf8'))).people;
}

/** 16 random characters: well over the 12 the accounts ask for, and easy to paste. */
const newPassword = () => randomBytes(12).toString('base64url');

/** Login from an email address: `maria.lopez@example.org` → `maria.lopez`. */
const loginOf = (email: string) => email.slice(0, email.indexOf('@')).toLowerCase();

const signedIn = (a: Account): SignedInAccount => ({ id: a.id, login: a.login, name: a.name, roles: a.roles, administrator: a.administrator });

/**
 * The team demo: a throw-away PostgreSQL, a team server on 127.0.0.1 over HTTPS with a
 * self-signed certificate, the demo portfolio loaded, and an account for the administrator and
 * for each person of the demo's cast. Whatever fails part-way stops what had started.
 */
export async function startTeamDemo(options: TeamDemoOptions): Promise<TeamDemo> {
  const progress = options.onProgress ?? (() => undefined);
  const templatesDir = join(options.appRoot, 'templates');
  const cleanups: (() => Promise<void> | void)[] = [];
  const stop = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) {
      try {
        await cleanup();
      } catch {
        // Best effort: the rest still has to stop.
      }
    }
  };
  try {
    progress('Starting PostgreSQL…');
    const postgres: LocalPostgres = await startLocalPostgres();
    cleanups.push(() => postgres.stop());
    const databaseUrl = await postgres.createDatabase('vigil');
    // The workspace key (vendor exchange) of the demo team, thrown away with it.
    const keyDir = mkdtempSync(join(scratchParent(), 'vigil-team-demo-key-'));
    cleanups.push(() => rmSync(keyDir, { recursive: true, force: true }));

    progress('Opening the team database…');
    const core: TeamCore = createTeamCore({
      databaseUrl,
      keyVault: fileKeyVault(join(keyDir, 'team.identity.json')),
      clock: systemClock,
      ids: randomIds,
      templatesDir,
      onInternalError: (what, error) => process.stderr.write(`vigil team demo: internal error in ${what}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`),
    });
    cleanups.push(() => core.shutdown());

    const adminPassword = newPassword();
    const created = await core.authority.createFirstAdministrator({ ...demoAdministrator, password: adminPassword, actor: 'os:team-demo' });
    if (!created.ok) throw new Error(`The demo administrator could not be created: ${created.error.message}`);
    const asAdministrator = { actor: `${demoAdministrator.name} [${demoAdministrator.login}]`, account: signedIn(created.value) };
    const call = async (method: string, input: unknown) => {
      const result = await core.dispatch(method, input, asAdministrator);
      if (!result.ok) throw new Error(`${method} was refused: ${result.error.message}`);
      return result.value;
    };

    progress('Loading the demo portfolio (a minute on a slow machine)…');
    await call('demo.load', {});
    const signIns: DemoSignIn[] = [{ ...demoAdministrator, password: adminPassword, roles: [], administrator: true }];
    for (const person of demoCast(templatesDir)) {
      const password = newPassword();
      await call('accounts.save', { login: loginOf(person.email), name: person.name, email: person.email, roles: person.roles, password });
      signIns.push({ login: loginOf(person.email), password, name: person.name, roles: person.roles, administrator: false });
    }

    progress('Starting the team server…');
    const certificate = await selfSignedCertificate();
    const server: RunningTeamServer = await startTeamServer({
      dispatch: core.dispatch,
      authority: core.authority,
      staticDir: join(options.appRoot, 'dist', 'renderer'),
      tls: { cert: certificate.cert, key: certificate.key },
      host: '127.0.0.1',
      port: options.port ?? 0,
    });
    cleanups.push(() => server.close());
    return { url: server.url, certificate: certificate.cert, fingerprint: certificate.fingerprint, signIns, dataDir: postgres.dataDir, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
