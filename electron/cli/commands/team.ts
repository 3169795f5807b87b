import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppInfo, Role } from '../../contract/index.ts';
import { fileKeyVault } from '../../core/exchange/key-file-vault.ts';
import { defaultDataDir } from '../../host/data-dir.ts';
import type { AppLayout } from '../../host/open-core.ts';
import { internalErrorLine } from '../../host/internal-error.ts';
import { openTeamCore } from '../../host/open-team-core.ts';
import { parseRoleMap, type OidcSettings } from '../../server/oidc-sign-in.ts';
import { startTeamServer } from '../../server/team-server.ts';
import { UsageError, type CliCommand, type OptionValues } from '../command.ts';

export interface TeamServeDeps {
  staticDir: string;
  waitForStop: () => Promise<void>;
  /** Where templates/ is, and the version app.info reports. */
  layout?: AppLayout;
}

const loopback = new Set(['127.0.0.1', 'localhost', '::1']);

const text = (values: OptionValues, name: string): string | undefined => {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
};

function wholeNumber(values: OptionValues, name: string, min: number, max: number): number | undefined {
  const given = text(values, name);
  if (given === undefined) return undefined;
  const n = Number(given);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, not "${given}"`);
  return n;
}

/** The single sign-on options, all or none; the client secret only from the environment. */
function oidcSettings(values: OptionValues, env: NodeJS.ProcessEnv): OidcSettings | null {
  const issuer = text(values, 'oidc-issuer');
  const clientId = text(values, 'oidc-client-id');
  const roleClaim = text(values, 'oidc-role-claim');
  const roleMapText = text(values, 'oidc-role-map');
  const label = text(values, 'oidc-label');
  if (issuer === undefined && clientId === undefined) {
    if (roleClaim ?? roleMapText ?? label) throw new UsageError('--oidc-role-claim, --oidc-role-map and --oidc-label need --oidc-issuer and --oidc-client-id');
    return null;
  }
  if (issuer === undefined || clientId === undefined) throw new UsageError('single sign-on needs both --oidc-issuer and --oidc-client-id');
  try {
    new URL(issuer);
  } catch {
    throw new UsageError(`--oidc-issuer must be the provider's address (https://…), not "${issuer}"`);
  }
  if ((roleClaim === undefined) !== (roleMapText === undefined)) {
    throw new UsageError('--oidc-role-claim and --oidc-role-map go together: the claim to read, and which of its values is which role');
  }
  let roleMap: Map<string, Role> | undefined;
  if (roleMapText !== undefined) {
    try {
      roleMap = parseRoleMap(roleMapText);
    } catch (error) {
      throw new UsageError(`--oidc-role-map: ${(error as Error).message}`);
    }
  }
  const secret = env.VIGIL_OIDC_CLIENT_SECRET;
  return {
    issuer,
    clientId,
    ...(secret ? { clientSecret: secret } : {}),
    ...(roleClaim !== undefined && roleMap ? { roleClaim, roleMap } : {}),
    ...(label !== undefined ? { label } : {}),
  };
}

/**
 * `vigil team serve`: the team server (docs/team-mode.md, "The team server") on the team's
 * PostgreSQL. HTTPS from the certificate and key files; plain HTTP only when asked for, on
 * loopback (a reverse proxy on the same machine, or a demo).
 */
export function teamServeCommand(deps: TeamServeDeps): CliCommand {
  return {
    path: ['team', 'serve'],
    usage:
      'vigil team serve --database postgres://USER@HOST/DB (--cert FILE --key FILE | --insecure-loopback) [--host H] [--port N] [--public-url URL] [--idle-minutes N] [--absolute-hours N] [--key-dir DIR] [--oidc-issuer URL --oidc-client-id ID [--oidc-label TEXT] [--oidc-role-claim CLAIM --oidc-role-map VALUE=ROLE,…]]',
    summary: 'Run the team server on PostgreSQL (HTTPS, accounts, single sign-on)',
    options: {
      database: { type: 'string' },
      cert: { type: 'string' },
      key: { type: 'string' },
      'insecure-loopback': { type: 'boolean' },
      host: { type: 'string' },
      port: { type: 'string' },
      'public-url': { type: 'string' },
      'idle-minutes': { type: 'string' },
      'absolute-hours': { type: 'string' },
      'key-dir': { type: 'string' },
      'oidc-issuer': { type: 'string' },
      'oidc-client-id': { type: 'string' },
      'oidc-label': { type: 'string' },
      'oidc-role-claim': { type: 'string' },
      'oidc-role-map': { type: 'string' },
    },
    longRunning: true,
    async run(ctx) {
      const { values, io } = ctx;
      // The address may leave the password out: pg reads PGPASSWORD (argv is visible to every user).
      const databaseUrl = text(values, 'database') ?? io.env.VIGIL_DATABASE_URL;
      if (!databaseUrl) throw new UsageError('--database postgres://… is required (or VIGIL_DATABASE_URL)');
      const certFile = text(values, 'cert');
      const keyFile = text(values, 'key');
      const insecure = values['insecure-loopback'] === true;
      if (insecure && (certFile ?? keyFile)) throw new UsageError('--insecure-loopback serves plain HTTP; leave out --cert and --key, or leave it out');
      if (!insecure && (certFile === undefined || keyFile === undefined)) {
        throw new UsageError(
          'the team server serves HTTPS only: give --cert FILE and --key FILE (PEM). Plain HTTP is refused, except on this machine alone with --insecure-loopback.',
        );
      }
      const host = text(values, 'host') ?? '127.0.0.1';
      if (insecure && !loopback.has(host)) throw new UsageError(`--insecure-loopback serves 127.0.0.1 only, not ${host}`);
      const port = wholeNumber(values, 'port', 0, 65535) ?? (insecure ? 0 : 8443);
      const publicUrl = text(values, 'public-url');
      if (publicUrl !== undefined) {
        try {
          const url = new URL(publicUrl);
          if (url.protocol !== 'https:' && !insecure) throw new Error('not https');
        } catch {
          throw new UsageError(`--public-url must be the https:// address browsers use, not "${publicUrl}"`);
        }
      }
      const idleMinutes = wholeNumber(values, 'idle-minutes', 1, 24 * 60) ?? 30;
      const absoluteHours = wholeNumber(values, 'absolute-hours', 1, 24 * 7) ?? 12;
      if (idleMinutes > absoluteHours * 60) throw new UsageError('--idle-minutes cannot be longer than --absolute-hours');
      const oidc = oidcSettings(values, io.env);
      if (!deps.layout) throw new Error('team serve needs the app layout (templates, version)');

      let tls: { cert: Buffer; key: Buffer } | null = null;
      if (!insecure && certFile !== undefined && keyFile !== undefined) {
        try {
          tls = { cert: readFileSync(certFile), key: readFileSync(keyFile) };
        } catch (error) {
          io.stderr(`vigil: could not read the certificate or key: ${(error as Error).message}\n`);
          return 1;
        }
      }

      // The workspace's private key (vendor exchange): a team database has no file to keep it beside.
      const keyDir = text(values, 'key-dir') ?? join(defaultDataDir(io.env), 'team');
      mkdirSync(keyDir, { recursive: true, mode: 0o700 });
      const core = openTeamCore(databaseUrl, deps.layout, {
        keyVault: fileKeyVault(join(keyDir, 'workspace')),
        sessionPolicy: { idleMinutes, absoluteHours },
        scheduledSweep: true,
        report: io.stderr,
      });
      try {
        // Connect and migrate now: a database that cannot be reached is reported at start, not at the first sign-in.
        const info = await core.dispatch('app.info', {}, { actor: 'team-server' });
        if (!info.ok) {
          io.stderr(`vigil: ${info.error.message}\n`);
          return 1;
        }
        let server;
        try {
          server = await startTeamServer({
            dispatch: core.dispatch,
            authority: core.authority,
            staticDir: deps.staticDir,
            tls,
            host,
            port,
            ...(publicUrl !== undefined ? { publicUrl } : {}),
            oidc,
            onInternalError: (what, error) => io.stderr(internalErrorLine(what, error)),
          });
        } catch (error) {
          io.stderr(`vigil: the team server did not start: ${(error as Error).message}\n`);
          return 1;
        }
        const database = (info.value as AppInfo).databasePath;
        if (ctx.json) {
          io.stdout(`${JSON.stringify({ url: server.url, port: server.port, database, https: tls !== null, oidc: oidc ? { issuer: oidc.issuer, redirectUri: `${server.url}/auth/oidc/callback` } : null })}\n`);
        } else {
          io.stdout(`Vigil team server: ${server.url}\nDatabase: ${database}\n`);
          if (!tls) io.stdout('Plain HTTP on loopback (--insecure-loopback): only this machine can reach it.\n');
          if (oidc) io.stdout(`Single sign-on: ${oidc.issuer} (redirect URI ${server.url}/auth/oidc/callback)\n`);
          io.stdout('Press Ctrl+C to stop.\n');
        }
        await deps.waitForStop();
        await server.close();
        return 0;
      } finally {
        await core.shutdown();
      }
    },
  };
}
