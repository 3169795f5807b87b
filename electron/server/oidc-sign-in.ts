import * as oidc from 'openid-client';
import { roles, type Role } from '../contract/index.ts';
import type { OidcSignIn } from '../core/accounts/account-authority.ts';
import { RequestRefused } from './http-common.ts';

/** Who the provider says signed in, for the accounts core to match to an account. */
export type OidcIdentity = Omit<OidcSignIn, 'address'>;

export interface OidcSettings {
  /** The provider's issuer identifier, e.g. https://login.microsoftonline.com/<tenant>/v2.0. */
  issuer: string;
  clientId: string;
  /** From VIGIL_OIDC_CLIENT_SECRET (never the command line); absent for a public client (PKCE only). */
  clientSecret?: string;
  /** The claim carrying the person's groups or app roles (e.g. `roles`, `groups`). */
  roleClaim?: string;
  /** Claim value → Vigil role; values not listed are ignored. */
  roleMap?: ReadonlyMap<string, Role>;
  /** What the sign-in page's button says: "Sign in with <label>". */
  label?: string;
}

export interface OidcFlow {
  label: string;
  /** The provider's authorization URL, and the value of the short-lived cookie that remembers the checks. */
  start(redirectUri: string): Promise<{ location: string; cookieValue: string }>;
  /** Exchanges the code (checking state, nonce and PKCE) and reads the identity; refusals as RequestRefused. */
  finish(callbackUrl: URL, cookieValue: string | undefined): Promise<OidcIdentity>;
}

/**
 * Parses `--oidc-role-map 'Vigil.Assessor=assessor,Vigil.Chair=committeeChair'`. Throws an Error
 * in words for a malformed pair or an unknown role.
 */
export function parseRoleMap(text: string): Map<string, Role> {
  const map = new Map<string, Role>();
  for (const pair of text.split(',').map((p) => p.trim()).filter((p) => p !== '')) {
    const eq = pair.lastIndexOf('=');
    const value = eq < 0 ? '' : pair.slice(0, eq).trim();
    const role = eq < 0 ? '' : pair.slice(eq + 1).trim();
    if (value === '' || role === '') throw new Error(`"${pair}" is not CLAIM-VALUE=ROLE`);
    if (!(roles as readonly string[]).includes(role)) throw new Error(`"${role}" is not a role; roles are ${roles.join(', ')}`);
    map.set(value, role as Role);
  }
  if (map.size === 0) throw new Error('the role map names no CLAIM-VALUE=ROLE pairs');
  return map;
}

/** The roles a claim (a string, or a list of them) maps to, each once, in the map's order of roles. */
export function mapRoles(claim: unknown, map: ReadonlyMap<string, Role>): Role[] {
  const values = Array.isArray(claim) ? claim : [claim];
  const found = new Set<Role>();
  for (const value of values) {
    const role = typeof value === 'string' ? map.get(value) : undefined;
    if (role) found.add(role);
  }
  return roles.filter((r) => found.has(r));
}

const isLoopbackHttp = (url: URL) => url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);

interface PendingSignIn {
  state: string;
  nonce: string;
  verifier: string;
}

function readPending(cookieValue: string | undefined): PendingSignIn {
  if (!cookieValue) {
    throw new RequestRefused('UNAUTHORIZED', 'This sign-in did not start here, or took longer than ten minutes; start it again.');
  }
  try {
    const data = JSON.parse(Buffer.from(cookieValue, 'base64url').toString('utf8')) as Partial<Record<keyof PendingSignIn, unknown>>;
    if (typeof data.state === 'string' && typeof data.nonce === 'string' && typeof data.verifier === 'string') {
      return { state: data.state, nonce: data.nonce, verifier: data.verifier };
    }
  } catch {
    // Falls through to the refusal below.
  }
  throw new RequestRefused('UNAUTHORIZED', 'The sign-in in progress could not be read; start it again.');
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);

/**
 * OpenID Connect sign-in with openid-client: discovery (once, on first use, so a provider that is
 * down at start-up does not stop the server), the authorization code flow with PKCE (S256), state
 * and nonce, and the ID token's claims (the UserInfo endpoint's, when the ID token lacks them).
 * Plain-HTTP providers are accepted on loopback only (tests, a provider on the same machine).
 */
export function createOidcFlow(settings: OidcSettings): OidcFlow {
  const issuer = new URL(settings.issuer);
  let configuration: Promise<oidc.Configuration> | null = null;
  const configure = (): Promise<oidc.Configuration> => {
    configuration ??= oidc
      .discovery(
        issuer,
        settings.clientId,
        settings.clientSecret,
        settings.clientSecret ? oidc.ClientSecretBasic(settings.clientSecret) : oidc.None(),
        isLoopbackHttp(issuer) ? { execute: [oidc.allowInsecureRequests] } : {},
      )
      .catch((error: unknown) => {
        // Not kept: the next sign-in tries the provider again.
        configuration = null;
        throw new RequestRefused('IDENTITY_UNAVAILABLE', `The single sign-on provider ${settings.issuer} could not be reached: ${(error as Error).message}`);
      });
    return configuration;
  };

  return {
    label: settings.label ?? issuer.hostname,
    async start(redirectUri) {
      const config = await configure();
      const pending: PendingSignIn = { state: oidc.randomState(), nonce: oidc.randomNonce(), verifier: oidc.randomPKCECodeVerifier() };
      const location = oidc.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: 'openid profile email',
        response_type: 'code',
        code_challenge: await oidc.calculatePKCECodeChallenge(pending.verifier),
        code_challenge_method: 'S256',
        state: pending.state,
        nonce: pending.nonce,
      });
      return { location: location.href, cookieValue: Buffer.from(JSON.stringify(pending)).toString('base64url') };
    },
    async finish(callbackUrl, cookieValue) {
      const pending = readPending(cookieValue);
      const config = await configure();
      let claims: Record<string, unknown>;
      try {
        const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
          pkceCodeVerifier: pending.verifier,
          expectedState: pending.state,
          expectedNonce: pending.nonce,
          idTokenExpected: true,
        });
        const idToken = tokens.claims();
        if (!idToken) throw new Error('the provider sent no ID token');
        claims = { ...idToken };
        const lacksRoles = settings.roleClaim !== undefined && claims[settings.roleClaim] === undefined;
        const lacksName = text(claims.preferred_username) === null && text(claims.email) === null;
        if ((lacksRoles || lacksName) && config.serverMetadata().userinfo_endpoint) {
          const info = await oidc.fetchUserInfo(config, tokens.access_token, idToken.sub);
          // The ID token's claims win where both say something.
          claims = { ...info, ...claims };
        }
      } catch (error) {
        if (error instanceof RequestRefused) throw error;
        throw new RequestRefused('UNAUTHORIZED', `Single sign-on did not complete: ${(error as Error).message}`);
      }
      return {
        issuer: config.serverMetadata().issuer,
        subject: String(claims.sub),
        login: text(claims.preferred_username),
        email: text(claims.email),
        name: text(claims.name),
        roles: settings.roleClaim && settings.roleMap ? mapRoles(claims[settings.roleClaim], settings.roleMap) : null,
      };
    },
  };
}
