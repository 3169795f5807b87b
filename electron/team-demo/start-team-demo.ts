import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { RoleSchema, type Role } from '../contract/index.ts';
import { startTeamStack } from './team-stack.ts';

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
export const newPassword = () => randomBytes(12).toString('base64url');

/** Login from an email address: `maria.lopez@example.org` → `maria.lopez`. */
const loginOf = (email: string) => email.slice(0, email.indexOf('@')).toLowerCase();


/**
 * The team demo: a throw-away PostgreSQL, a team server on 127.0.0.1 over HTTPS with a
 * self-signed certificate, the demo portfolio loaded, and an account for the administrator and
 * for each person of the demo's cast, each with a new random password.
 */
export async function startTeamDemo(options: TeamDemoOptions): Promise<TeamDemo> {
  const templatesDir = join(options.appRoot, 'templates');
  const administrator = { ...demoAdministrator, password: newPassword() };
  const stack = await startTeamStack({
    templatesDir,
    staticDir: join(options.appRoot, 'dist', 'renderer'),
    administrator,
    ...(options.port === undefined ? {} : { port: options.port }),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  try {
    options.onProgress?.('Loading the demo portfolio and its people\'s accounts (a minute on a slow machine)…');
    await stack.asAdministrator('demo.load', {});
    const signIns: DemoSignIn[] = [{ ...administrator, roles: [], administrator: true }];
    for (const person of demoCast(templatesDir)) {
      const signIn = { login: loginOf(person.email), password: newPassword(), name: person.name, roles: person.roles, administrator: false };
      await stack.asAdministrator('accounts.save', { login: signIn.login, name: person.name, email: person.email, roles: person.roles, password: signIn.password });
      signIns.push(signIn);
    }
    return { url: stack.url, certificate: stack.certificate, fingerprint: stack.fingerprint, signIns, dataDir: stack.dataDir, stop: stack.stop };
  } catch (error) {
    await stack.stop();
    throw error;
  }
}
