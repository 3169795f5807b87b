import type { IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type Socket } from 'node:net';
import { connect as tlsConnect, type PeerCertificate, type TLSSocket } from 'node:tls';
import { fail, ok, type Result } from '../contract/index.ts';

/*
 * HTTPS to a team server with its certificate pinned: the TLS connection, the certificate for
 * the person to confirm, and one request/answer exchange held to the pin, with limits and
 * failures in words. The session on top of it is team-client.ts.
 */

export interface TeamClientLimits {
  /** From dialling to a finished TLS handshake. */
  connectMs: number;
  /** From the request sent to the last byte of the answer (a long register export takes minutes). */
  responseMs: number;
  /** Largest answer read; more is refused rather than held in memory. */
  maxResponseBytes: number;
  /** Largest call sent (the server's own cap, so the person hears it before the upload). */
  maxRequestBytes: number;
}

export const defaultTeamClientLimits: TeamClientLimits = {
  connectMs: 15_000,
  responseMs: 10 * 60_000,
  maxResponseBytes: 256 * 1024 * 1024,
  maxRequestBytes: 64 * 1024 * 1024,
};

/**
 * The address a person typed, as the origin Vigil talks to. Only https://: the certificate is
 * what the person confirms and what is pinned, and plain HTTP has none, so a desktop never sends
 * a password or a session cookie in the clear — not even to loopback (tests run HTTPS with a
 * self-signed certificate, exactly as production does). A bare host name gets https:// added.
 */
export function parseServerAddress(text: string): Result<string> {
  const trimmed = text.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return fail('VALIDATION_FAILED', `"${trimmed}" is not a server address. Give it as https://vigil.example.org (with :port if it has one).`);
  }
  if (url.protocol !== 'https:') {
    return fail('VALIDATION_FAILED', `Vigil connects to a team server only over https:// (${url.protocol}// sends passwords and records unprotected).`);
  }
  if (url.username || url.password) return fail('VALIDATION_FAILED', 'Leave the user name and password out of the address: you sign in after connecting.');
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    return fail('VALIDATION_FAILED', `Give only the server's address (${url.origin}), without a path.`);
  }
  return ok(url.origin);
}

export interface ServerCertificate {
  url: string;
  fingerprint: string;
  subject: string;
  issuer: string;
  validFrom: string;
  validTo: string;
  trustedBySystem: boolean;
}

const seconds = (ms: number) => `${Number((ms / 1000).toFixed(1))} s`;

const unreachable = (origin: string, reason: string) =>
  fail('SERVER_UNREACHABLE', `The team server at ${origin} did not answer (${reason}); your own file is unchanged.`);

const describeName = (name: PeerCertificate['subject'] | undefined): string => {
  if (!name) return '';
  return Object.entries(name)
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join('+') : String(value)}`)
    .join(', ');
};

export function reasonOf(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error) {
    const code = String((error as { code: unknown }).code);
    const words: Record<string, string> = {
      ECONNREFUSED: 'connection refused: is the server running?',
      ENOTFOUND: 'no such host name',
      EAI_AGAIN: 'the host name could not be looked up',
      ECONNRESET: 'the connection was cut',
      EHOSTUNREACH: 'no route to the host',
      ENETUNREACH: 'no network',
    };
    if (words[code]) return words[code];
  }
  return error instanceof Error ? error.message : String(error);
}

/** Opens TLS to the origin, accepting any certificate for now: the caller decides by its fingerprint. */
function openTls(origin: string, limits: TeamClientLimits): Promise<Result<{ socket: TLSSocket; certificate: PeerCertificate }>> {
  const url = new URL(origin);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = url.port ? Number(url.port) : 443;
  return new Promise((resolve) => {
    // Chain and host name checks are not what protects this connection: the pin is. A hospital's
    // server commonly carries a certificate from its own CA, which the OS may not know.
    const socket = tlsConnect({ host, port, rejectUnauthorized: false, ALPNProtocols: ['http/1.1'], ...(isIP(host) ? {} : { servername: host }) });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(unreachable(origin, `no answer within ${seconds(limits.connectMs)}`));
    }, limits.connectMs);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      const certificate = socket.getPeerCertificate();
      if (!certificate.fingerprint256) {
        socket.destroy();
        resolve(unreachable(origin, 'it showed no certificate'));
        return;
      }
      resolve(ok({ socket, certificate }));
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(unreachable(origin, reasonOf(error)));
    });
  });
}

/** Fetches the server's certificate for the person to confirm before anything else is sent. */
export async function probeCertificate(address: string, limits: TeamClientLimits = defaultTeamClientLimits): Promise<Result<ServerCertificate>> {
  const origin = parseServerAddress(address);
  if (!origin.ok) return origin;
  const opened = await openTls(origin.value, limits);
  if (!opened.ok) return opened;
  const { socket, certificate } = opened.value;
  socket.destroy();
  return ok({
    url: origin.value,
    fingerprint: certificate.fingerprint256,
    subject: describeName(certificate.subject),
    issuer: describeName(certificate.issuer),
    validFrom: new Date(certificate.valid_from).toISOString(),
    validTo: new Date(certificate.valid_to).toISOString(),
    trustedBySystem: socket.authorized,
  });
}

class CallRefused extends Error {
  readonly result: Result<never>;
  constructor(result: Result<never>) {
    super(result.ok ? '' : result.error.message);
    this.result = result;
  }
}

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * One HTTPS exchange over a connection whose certificate has been checked against the pin
 * BEFORE the request is written: a server showing another certificate receives nothing, not
 * even the path. Redirects are not followed.
 */
export function exchange(
  origin: string,
  pin: string,
  limits: TeamClientLimits,
  req: { method: 'GET' | 'POST'; path: string; headers: Record<string, string>; body?: string },
): Promise<Result<Answer>> {
  const body = req.body === undefined ? undefined : Buffer.from(req.body, 'utf8');
  if (body && body.length > limits.maxRequestBytes) {
    return Promise.resolve(fail('PAYLOAD_TOO_LARGE', `This call is ${Math.ceil(body.length / 1048576)} MB; the team server takes at most ${Math.floor(limits.maxRequestBytes / 1048576)} MB.`));
  }
  return new Promise((resolve) => {
    let settled = false;
    const settle = (result: Result<Answer>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const url = new URL(origin);
    const outgoing = httpsRequest(
      {
        host: url.hostname,
        port: url.port || 443,
        method: req.method,
        path: req.path,
        headers: { Host: url.host, Accept: 'application/json', ...req.headers, ...(body ? { 'Content-Type': 'application/json', 'Content-Length': String(body.length) } : {}) },
        createConnection: (_options: unknown, done: (error: Error | null, socket: Socket) => void) => {
          void openTls(origin, limits).then((opened) => {
            if (!opened.ok) {
              done(new CallRefused(opened), undefined as unknown as Socket);
              return;
            }
            const presented = opened.value.certificate.fingerprint256;
            if (presented !== pin) {
              opened.value.socket.destroy();
              done(
                new CallRefused(
                  fail(
                    'CERTIFICATE_CHANGED',
                    `The team server at ${origin} showed a certificate with the fingerprint ${presented}, not the pinned ${pin}. Nothing was sent. If its certificate was replaced on purpose, check the new fingerprint with the server's administrator and choose the server again in Settings.`,
                    { pinned: pin, presented },
                  ),
                ),
                undefined as unknown as Socket,
              );
              return;
            }
            done(null, opened.value.socket);
          });
          return undefined;
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > limits.maxResponseBytes) {
            response.destroy();
            settle(fail('PAYLOAD_TOO_LARGE', `The team server at ${origin} sent more than ${Math.floor(limits.maxResponseBytes / 1048576)} MB; the answer was dropped.`));
            return;
          }
          chunks.push(chunk);
        });
        response.on('end', () => settle(ok({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') })));
        response.on('error', (error) => settle(unreachable(origin, reasonOf(error))));
      },
    );
    const timer = setTimeout(() => {
      outgoing.destroy();
      settle(unreachable(origin, `no answer within ${seconds(limits.connectMs + limits.responseMs)}`));
    }, limits.connectMs + limits.responseMs);
    outgoing.on('error', (error) => settle(error instanceof CallRefused ? error.result : unreachable(origin, reasonOf(error))));
    outgoing.end(body);
  });
}
