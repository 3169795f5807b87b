import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Result } from '../../electron/contract/index.ts';
import type { LoadCall } from './load-workload.ts';

/*
 * Clients of Vigil's two HTTP servers as a program (not a page) uses them, one connection pool
 * per simulated person: browser mode's bearer token, and a team server's session cookie and
 * CSRF token got by signing in with a password.
 */

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * One request; `agent` keeps the connection alive between calls, as a browser tab does. A server
 * closes a connection left idle (5 s); a request written onto it just as it closes fails with
 * ECONNRESET before the server read it, and is sent once more on a new connection, as browsers do.
 */
export function send(url: URL, options: { method: string; headers: Record<string, string>; body?: string; agent: HttpAgent | HttpsAgent }, retried = false): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = request(url, { method: options.method, headers: options.headers, agent: options.agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (!retried && req.reusedSocket && error.code === 'ECONNRESET') resolve(send(url, options, true));
      else reject(error);
    });
    req.end(options.body);
  });
}

function asResult(answer: HttpAnswer, what: string): Result<unknown> {
  try {
    return JSON.parse(answer.body) as Result<unknown>;
  } catch {
    throw new Error(`${what} answered ${answer.status} with something other than JSON: ${answer.body.slice(0, 200)}`);
  }
}

/** Browser mode (`vigil serve`): every call carries the per-launch token. */
export function browserModeClient(baseUrl: string, token: string): { call: LoadCall; close(): void } {
  const agent = new HttpAgent({ keepAlive: true, maxSockets: 1 });
  return {
    call: async (method, input) =>
      asResult(
        await send(new URL(`/rpc/${encodeURIComponent(method)}`, baseUrl), {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body: JSON.stringify(input),
          agent,
        }),
        method,
      ),
    close: () => agent.destroy(),
  };
}

export interface TeamClient {
  call: LoadCall;
  /** The session cookie's value (`__Host-vigil-session`). */
  session: string;
  csrfToken: string;
  close(): void;
}

export interface TeamClientOptions {
  /** The team server's certificate (PEM), trusted for this client only. */
  ca: string;
  /**
   * The loopback address to connect from (127.0.0.2, …): the server limits sign-ins per address,
   * and fifty people in one hospital do not share one.
   */
  localAddress?: string;
}

const sessionCookie = '__Host-vigil-session';

/** Signs in to a team server with a password over HTTPS; refuses with the server's error. */
export async function signInToTeam(baseUrl: string, login: string, password: string, options: TeamClientOptions): Promise<TeamClient> {
  const agent = new HttpsAgent({ keepAlive: true, maxSockets: 1, ca: options.ca, ...(options.localAddress ? { localAddress: options.localAddress } : {}) });
  const origin = new URL(baseUrl).origin;
  const answer = await send(new URL('/auth/password', baseUrl), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: origin },
    body: JSON.stringify({ login, password }),
    agent,
  });
  const body = JSON.parse(answer.body) as { csrfToken?: string; error?: { code: string; message: string } };
  const cookies = [answer.headers['set-cookie'] ?? []].flat();
  const session = cookies.map((c) => new RegExp(`^${sessionCookie}=([^;]+)`).exec(c)?.[1]).find(Boolean);
  if (answer.status !== 200 || !session || !body.csrfToken) {
    agent.destroy();
    throw new Error(`${login} could not sign in (${answer.status}): ${body.error ? `${body.error.code} ${body.error.message}` : answer.body.slice(0, 200)}`);
  }
  const csrfToken = body.csrfToken;
  return {
    session,
    csrfToken,
    call: async (method, input) =>
      asResult(
        await send(new URL(`/rpc/${encodeURIComponent(method)}`, baseUrl), {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Origin: origin, Cookie: `${sessionCookie}=${session}`, 'X-Vigil-CSRF': csrfToken },
          body: JSON.stringify(input),
          agent,
        }),
        method,
      ),
    close: () => agent.destroy(),
  };
}
