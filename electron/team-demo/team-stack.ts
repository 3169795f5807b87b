import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Account, Result, SignedInAccount } from '../contract/index.ts';
import { createTeamCore, type TeamCore } from '../core/create-team-core.ts';
import { randomIds, systemClock } from '../core/deps.ts';
import { fileKeyVault } from '../core/exchange/key-file-vault.ts';
import { startTeamServer, type RunningTeamServer } from '../server/team-server.ts';
import type { SignInRateLimit } from '../server/sign-in-rate-limit.ts';
import { scratchParent, startLocalPostgres, type LocalPostgres } from './local-postgres.ts';
import { selfSignedCertificate } from './self-signed-certificate.ts';

export interface TeamStackOptions {
  templatesDir: string;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  /** The first administrator (`vigil team create-admin`). */
  administrator: { login: string; name: string; email: string; password: string };
  port?: number;
  /** Throw-away data that need not survive a power cut (tests, the load bench): no fsync. */
  fast?: boolean;
  /** Connections in the core's pool (default 10). */
  poolSize?: number;
  signInRateLimit?: SignInRateLimit;
  onProgress?: (step: string) => void;
}

/** A running team: PostgreSQL, the team core on it, and the team server over HTTPS on 127.0.0.1. */
export interface TeamStack {
  /** https://127.0.0.1:port */
  url: string;
  /** The self-signed certificate (PEM), for clients that should trust it. */
  certificate: string;
  /** Its SHA-256, `AB:CD:…`. */
  fingerprint: string;
  /** Where PostgreSQL keeps the data (removed on stop). */
  dataDir: string;
  core: TeamCore;
  /** Calls the core directly as the first administrator (setting up, as a script would); throws a refusal. */
  asAdministrator(method: string, input: unknown): Promise<unknown>;
  /** Closes the server, the core's connections and PostgreSQL, and removes the data. */
  stop(): Promise<void>;
}

const signedIn = (a: Account): SignedInAccount => ({ id: a.id, login: a.login, name: a.name, roles: a.roles, administrator: a.administrator });

const internalError = (what: string, error: unknown) =>
  process.stderr.write(`vigil team: internal error in ${what}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);

/**
 * Starts a whole team on this computer, the way `vigil team serve` runs one on a hospital's
 * server but with everything local: a throw-away PostgreSQL, a self-signed certificate for
 * localhost/127.0.0.1, and the first administrator. Whatever fails part-way stops what had
 * started. The team demo, the load bench and the load test build on it.
 */
export async function startTeamStack(options: TeamStackOptions): Promise<TeamStack> {
  const progress = options.onProgress ?? (() => undefined);
  const cleanups: (() => Promise<void> | void)[] = [];
  const stop = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) {
      try {
        await cleanup();
      } catch (error) {
        internalError('stopping the team', error);
      }
    }
  };
  try {
    progress('Starting PostgreSQL…');
    const postgres: LocalPostgres = await startLocalPostgres({ fast: options.fast ?? false, maxConnections: Math.max(100, (options.poolSize ?? 10) + 20) });
    cleanups.push(() => postgres.stop());
    const databaseUrl = await postgres.createDatabase('vigil');
    // The team's workspace key (vendor exchange), thrown away with it.
    const keyDir = mkdtempSync(join(scratchParent(), 'vigil-team-key-'));
    cleanups.push(() => rmSync(keyDir, { recursive: true, force: true }));

    progress('Opening the team database…');
    const core = createTeamCore({
      databaseUrl,
      keyVault: fileKeyVault(join(keyDir, 'team.identity.json')),
      clock: systemClock,
      ids: randomIds,
      templatesDir: options.templatesDir,
      poolSize: options.poolSize,
      onInternalError: internalError,
    });
    cleanups.push(() => core.shutdown());
    const created: Result<Account> = await core.authority.createFirstAdministrator({ ...options.administrator, actor: 'os:team-stack' });
    if (!created.ok) throw new Error(`The first administrator could not be created: ${created.error.message}`);
    const administrator = { actor: `${created.value.name} [${created.value.login}]`, account: signedIn(created.value) };

    progress('Starting the team server…');
    const certificate = await selfSignedCertificate();
    const server: RunningTeamServer = await startTeamServer({
      dispatch: core.dispatch,
      authority: core.authority,
      staticDir: options.staticDir,
      tls: { cert: certificate.cert, key: certificate.key },
      host: '127.0.0.1',
      port: options.port ?? 0,
      onInternalError: internalError,
      ...(options.signInRateLimit ? { signInRateLimit: options.signInRateLimit } : {}),
    });
    cleanups.push(() => server.close());
    return {
      url: server.url,
      certificate: certificate.cert,
      fingerprint: certificate.fingerprint,
      dataDir: postgres.dataDir,
      core,
      asAdministrator: async (method, input) => {
        const result = await core.dispatch(method, input, administrator);
        if (!result.ok) throw new Error(`${method} was refused: ${result.error.code} ${result.error.message}`);
        return result.value;
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
