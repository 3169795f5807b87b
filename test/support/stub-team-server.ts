import { randomBytes, X509Certificate } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';

export interface TestCertificate {
  cert: string;
  key: string;
  /** As Node prints it (and the desktop pins it): 32 upper-case hex pairs joined by colons. */
  fingerprint: string;
}

/** A self-signed certificate for 127.0.0.1, as the team demo makes one (EC: quick to make). */
export async function makeCertificate(commonName = 'vigil-team.test'): Promise<TestCertificate> {
  const pems = await generate([{ name: 'commonName', value: commonName }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, { type: 2, value: 'localhost' }] }],
  });
  return { cert: pems.cert, key: pems.private, fingerprint: new X509Certificate(pems.cert).fingerprint256 };
}

export interface SeenRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface StubTeamServer {
  url: string;
  port: number;
  seen: SeenRequest[];
  /** Ends every session as the real server's idle timeout would. */
  expireSessions(): void;
  /** What `POST /rpc/:method` answers; by default `{ ok: true, value: { method, input } }`. */
  answerRpc(handler: (method: string, input: unknown) => unknown): void;
  close(): Promise<void>;
}

export const stubAccount = { id: 'ACC-0001', login: 'ana.assessor', name: 'Ana Assessor', roles: ['assessor'], administrator: false };
export const stubPassword = 'correct horse battery staple';

/**
 * A stand-in for the team server's HTTP surface (docs/team-mode.md): the session endpoints,
 * the cookie and the CSRF check, over real HTTPS. It records every request so tests can see
 * exactly what the desktop sent.
 */
export async function startStubTeamServer(certificate: TestCertificate, options: { port?: number } = {}): Promise<StubTeamServer> {
  const seen: SeenRequest[] = [];
  const sessions = new Map<string, string>();
  let rpc = (method: string, input: unknown): unknown => ({ ok: true, value: { method, input } });

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string | string[]> = {}) => {
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
  const sessionOf = (req: IncomingMessage): string | null => {
    const match = /(?:^|;\s*)__Host-vigil-session=([^;]+)/.exec(req.headers.cookie ?? '');
    return match?.[1] && sessions.has(match[1]) ? match[1] : null;
  };
  const signedInShape = (token: string) => ({ mode: 'team', signedIn: true, account: stubAccount, csrfToken: sessions.get(token), signIn: { password: true, oidc: null } });

  const server: Server = createServer({ cert: certificate.cert, key: certificate.key }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const path = req.url ?? '/';
      seen.push({ method: req.method ?? '', path, headers: req.headers, body });
      const token = sessionOf(req);
      if (req.method === 'GET' && path === '/auth/session') {
        send(res, 200, token ? signedInShape(token) : { mode: 'team', signedIn: false, signIn: { password: true, oidc: null } });
        return;
      }
      if (req.method === 'POST' && path === '/auth/password') {
        const { login, password } = JSON.parse(body) as { login: string; password: string };
        if (login !== stubAccount.login || password !== stubPassword) {
          send(res, 401, { ok: false, error: { code: 'UNAUTHORIZED', message: 'The login or password is wrong.' } });
          return;
        }
        const fresh = randomBytes(32).toString('base64url');
        sessions.set(fresh, randomBytes(16).toString('base64url'));
        send(res, 200, signedInShape(fresh), { 'Set-Cookie': `__Host-vigil-session=${fresh}; Path=/; Secure; HttpOnly; SameSite=Strict` });
        return;
      }
      const csrfGood = token !== null && req.headers['x-vigil-csrf'] === sessions.get(token);
      if (req.method === 'POST' && path === '/auth/sign-out') {
        if (token && csrfGood) sessions.delete(token);
        send(res, 200, { ok: true, value: null }, { 'Set-Cookie': '__Host-vigil-session=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0' });
        return;
      }
      const call = /^\/rpc\/([^/]+)$/.exec(path);
      if (req.method === 'POST' && call) {
        if (!token) {
          send(res, 401, { ok: false, error: { code: 'SESSION_EXPIRED', message: 'Your session ended after 30 minutes without activity.' } });
          return;
        }
        if (!csrfGood) {
          send(res, 403, { ok: false, error: { code: 'FORBIDDEN', message: 'The request was refused (CSRF token).' } });
          return;
        }
        send(res, 200, rpc(decodeURIComponent(call[1] ?? ''), JSON.parse(body)));
        return;
      }
      send(res, 404, { ok: false, error: { code: 'NOT_FOUND', message: `No ${path}` } });
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `https://127.0.0.1:${port}`,
    port,
    seen,
    expireSessions: () => sessions.clear(),
    answerRpc: (handler) => {
      rpc = handler;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
