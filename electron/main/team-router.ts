import { fail, ok, teamServerInputs, toFieldIssues, describeIssues, type CertificateInfo, type Result, type TeamServerMethod, type TeamStatus } from '../contract/index.ts';
import { defaultTeamClientLimits, parseServerAddress, probeCertificate, type TeamClientLimits } from './pinned-https.ts';
import { createTeamClient, type TeamClient } from './team-client.ts';
import type { TeamConnectionStore } from './team-connection-store.ts';

export interface TeamRouterDeps {
  store: TeamConnectionStore;
  /** The core in the utility process, on the desktop's own file. */
  local: (method: string, input: unknown) => Promise<Result<unknown>>;
  /** The OS login, recorded as whoever pinned the certificate. */
  actor: string;
  now: () => Date;
  limits?: Partial<TeamClientLimits>;
}

export interface TeamRouter {
  /** A contract call from the page: to the team server while one is chosen, else to the own file. */
  forward(method: string, input: unknown): Promise<Result<unknown>>;
  /** A desktop-only `teamServer.*` call (ipc-bridge.ts `teamServerChannel`). */
  handle(method: string, input: unknown): Promise<Result<unknown>>;
}

const isTeamServerMethod = (method: string): method is TeamServerMethod => Object.hasOwn(teamServerInputs, method);

/**
 * Decides where the renderer's calls go. With no team server chosen (or an unusable settings
 * file) every call goes to the local core, exactly as before; once a server is chosen and its
 * certificate pinned, every call goes to it over HTTPS and the local file is not touched until
 * the person stops using the server. Page code never names a file in either mode: files it
 * opens travel as their content, and exports come back as bytes it saves through the save
 * dialog (download-saver.ts), so the vendor exchange works the same against a team server.
 */
export function createTeamRouter(deps: TeamRouterDeps): TeamRouter {
  const first = deps.store.read();
  let connection = first.connection;
  let problem = first.problem;
  let client: TeamClient | null = connection ? createTeamClient({ url: connection.url, fingerprint: connection.fingerprint, ...(deps.limits ? { limits: deps.limits } : {}) }) : null;
  let passwordSignIn = true;

  const status = (): TeamStatus => {
    if (!connection || !client) return { mode: 'local', problem };
    return {
      mode: 'team',
      url: connection.url,
      fingerprint: connection.fingerprint,
      pinnedAt: connection.pinnedAt,
      pinnedBy: connection.pinnedBy,
      account: client.account(),
      passwordSignIn,
      notice: client.notice(),
    };
  };

  const probe = async (url: string): Promise<Result<CertificateInfo>> => {
    const seen = await probeCertificate(url, { ...defaultTeamClientLimits, ...deps.limits });
    if (!seen.ok) return seen;
    return ok({ ...seen.value, pinnedFingerprint: connection?.url === seen.value.url ? connection.fingerprint : null });
  };

  const connect = async (url: string, fingerprint: string): Promise<Result<TeamStatus>> => {
    const origin = parseServerAddress(url);
    if (!origin.ok) return origin;
    const candidate = createTeamClient({ url: origin.value, fingerprint, ...(deps.limits ? { limits: deps.limits } : {}) });
    // The first exchange already holds the server to the fingerprint the person confirmed, and
    // checks that it answers as a Vigil team server; nothing is saved until both hold.
    const session = await candidate.session();
    if (!session.ok) {
      if (session.error.code === 'CERTIFICATE_CHANGED') {
        return fail('CERTIFICATE_CHANGED', `The certificate of ${origin.value} is not the one you confirmed (${fingerprint}); it now shows ${String(session.error.details?.presented)}. Check the certificate again.`, session.error.details);
      }
      return session;
    }
    if (client && client !== candidate) await client.signOut();
    const chosen = { version: 1 as const, url: origin.value, fingerprint, pinnedAt: deps.now().toISOString(), pinnedBy: deps.actor };
    deps.store.save(chosen);
    connection = chosen;
    client = candidate;
    problem = null;
    passwordSignIn = session.value.passwordSignIn;
    return ok(status());
  };

  const needsServer = () => fail('BAD_REQUEST', 'No team server is chosen: check its certificate and connect first.');

  const run = async (method: TeamServerMethod, input: unknown): Promise<Result<unknown>> => {
    const parsed = teamServerInputs[method].safeParse(input ?? {});
    if (!parsed.success) {
      const issues = toFieldIssues(parsed.error);
      return fail('VALIDATION_FAILED', describeIssues(issues), { issues });
    }
    const value = parsed.data as Record<string, string>;
    switch (method) {
      case 'teamServer.status':
        return ok(status());
      case 'teamServer.probe':
        return probe(value.url ?? '');
      case 'teamServer.connect':
        return connect(value.url ?? '', value.fingerprint ?? '');
      case 'teamServer.signIn': {
        if (!client) return needsServer();
        const signedIn = await client.signIn(value.login ?? '', value.password ?? '');
        return signedIn.ok ? ok(status()) : signedIn;
      }
      case 'teamServer.signOut': {
        if (!client) return needsServer();
        const out = await client.signOut();
        return out.ok ? ok(status()) : out;
      }
      case 'teamServer.disconnect': {
        // Leaving must work offline too: the server is told if it can be reached, and the
        // choice is forgotten either way.
        if (client) await client.signOut();
        deps.store.clear();
        connection = null;
        client = null;
        problem = null;
        return ok(status());
      }
    }
  };

  return {
    forward: (method, input) => (client ? client.call(method, input) : deps.local(method, input)),
    handle: (method, input) => (isTeamServerMethod(method) ? run(method, input) : Promise.resolve(fail('UNKNOWN_METHOD', `There is no desktop method "${method}".`))),
  };
}
