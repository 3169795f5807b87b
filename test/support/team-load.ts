import { randomBytes } from 'node:crypto';
import { createSignInRateLimit } from '../../electron/server/sign-in-rate-limit.ts';
import { startTeamStack } from '../../electron/team-demo/team-stack.ts';
import { runLoad, type LoadOptions, type LoadOutcome } from './load-workload.ts';
import { signInToTeam, type TeamClient } from './rpc-clients.ts';
import { templatesDir } from './core-fixture.ts';

export interface TeamLoadOptions extends Pick<LoadOptions, 'operationsPerUser'> {
  users: number;
  /** The renderer folder the server serves (the load never asks for a page). */
  staticDir: string;
}

const password = () => randomBytes(12).toString('base64url');

/**
 * The load workload against a real team: PostgreSQL, the team server over HTTPS, one account per
 * simulated person (an assessor), each signed in from its own loopback address (127.0.0.2, …) on
 * its own keep-alive connection. Stops everything it started.
 */
export async function runTeamLoad(options: TeamLoadOptions): Promise<LoadOutcome> {
  if (options.users > 250) throw new Error('at most 250 simulated people (one loopback address each)');
  // Linux answers on all of 127.0.0.0/8; elsewhere (macOS) only 127.0.0.1 is up, so everyone
  // signs in from there under a limit that lets them.
  const ownAddresses = process.platform === 'linux';
  const stack = await startTeamStack({
    templatesDir,
    staticDir: options.staticDir,
    administrator: { login: 'admin', name: 'Load Administrator', email: 'admin@example.org', password: password() },
    fast: true,
    poolSize: 20,
    ...(ownAddresses ? {} : { signInRateLimit: createSignInRateLimit({ limit: options.users + 10 }) }),
  });
  const clients: TeamClient[] = [];
  try {
    for (let i = 0; i < options.users; i++) {
      const login = `load${String(i + 1).padStart(2, '0')}`;
      const secret = password();
      await stack.asAdministrator('accounts.save', { login, name: `Load Person ${String(i + 1).padStart(2, '0')}`, email: `${login}@example.org`, roles: ['assessor'], password: secret });
      clients.push(await signInToTeam(stack.url, login, secret, { ca: stack.certificate, ...(ownAddresses ? { localAddress: `127.0.0.${i + 2}` } : {}) }));
    }
    return await runLoad(clients.map((c) => ({ call: c.call })), { operationsPerUser: options.operationsPerUser });
  } finally {
    for (const c of clients) c.close();
    await stack.stop();
  }
}
