import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  contentSecurityPolicy,
  parseUntrustedJson,
  type ErrorCode,
  type Result,
  type VigilError,
} from '../contract/index.ts';
import { httpStatusFor } from './http-status.ts';
import { readStaticFile, resolveStaticFile } from '../host/static-files.ts';

export type RpcDispatch = (method: string, input: unknown) => Promise<Result<unknown>>;

export interface RpcServerOptions {
  dispatch: RpcDispatch;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  /** Random per-launch secret; every RPC call must present it as a Bearer token. */
  token: string;
  port?: number;
  /** Largest request body accepted, in bytes. */
  maxBodyBytes?: number;
}

export interface RunningServer {
  port: number;
  /** Address to open in a browser; the token travels in the fragment, never to the server log. */
  url: string;
  close(): Promise<void>;
}

/**
 * Room for the largest call: a 50 MB vendor response package sent as JSON text (its quotes
 * escaped) — evidence files (25 MB, base64) fit well inside.
 */
export const defaultMaxBodyBytes = 64 * 1024 * 1024;

const securityHeaders = {
  'Content-Security-Policy': contentSecurityPolicy,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=()',
};

class RequestRefused extends Error {
  readonly error: VigilError;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.error = { code, message };
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...securityHeaders,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

function sendError(res: ServerResponse, error: VigilError): void {
  sendJson(res, httpStatusFor[error.code], { ok: false, error });
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readBody(req: IncomingMessage, cap: number): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? Number.NaN);
  if (Number.isFinite(declared) && declared > cap) {
    throw new RequestRefused('PAYLOAD_TOO_LARGE', `Request body exceeds the ${cap}-byte limit.`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > cap) throw new RequestRefused('PAYLOAD_TOO_LARGE', `Request body exceeds the ${cap}-byte limit.`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Browser mode: the built renderer plus `POST /rpc/:method`, on 127.0.0.1 only. Host and
 * Origin are checked on every request (DNS rebinding, cross-site calls), the token on every
 * call, and bodies are capped — all before anything reaches the core.
 */
export async function startRpcServer(options: RpcServerOptions): Promise<RunningServer> {
  const cap = options.maxBodyBytes ?? defaultMaxBodyBytes;
  let port = 0;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  const checkOrigin = (req: IncomingMessage) => {
    if (!allowedHosts().has(req.headers.host ?? '')) {
      throw new RequestRefused('FORBIDDEN', `Host "${req.headers.host ?? ''}" is not this Vigil server.`);
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins().has(origin)) {
      throw new RequestRefused('FORBIDDEN', `Origin "${origin}" may not call this Vigil server.`);
    }
    if (req.headers['sec-fetch-site'] === 'cross-site') {
      throw new RequestRefused('FORBIDDEN', 'Cross-site requests are refused.');
    }
  };

  const handleRpc = async (req: IncomingMessage, res: ServerResponse, method: string) => {
    const auth = req.headers.authorization ?? '';
    const token = auth.startsWith('Bearer ') ? auth.slice('Bearer '.length) : '';
    if (!sameSecret(token, options.token)) {
      throw new RequestRefused('UNAUTHORIZED', 'Missing or wrong session token.');
    }
    const contentType = req.headers['content-type'] ?? '';
    if (!contentType.toLowerCase().startsWith('application/json')) {
      throw new RequestRefused('BAD_REQUEST', 'Content-Type must be application/json.');
    }
    const body = await readBody(req, cap);
    let input: unknown;
    try {
      input = body.trim() === '' ? {} : parseUntrustedJson(body);
    } catch (error) {
      throw new RequestRefused('BAD_REQUEST', `Request body is not valid JSON: ${(error as Error).message}`);
    }
    const result = await options.dispatch(method, input);
    if (result.ok) sendJson(res, 200, result);
    else sendError(res, result.error);
  };

  const handleStatic = async (req: IncomingMessage, res: ServerResponse, path: string) => {
    const found = await resolveStaticFile(options.staticDir, path);
    if (!found) {
      sendError(res, { code: 'NOT_FOUND', message: `No such file: ${path}` });
      return;
    }
    const bytes = await readStaticFile(found.file);
    res.writeHead(200, {
      ...securityHeaders,
      'Content-Type': found.mediaType,
      'Content-Length': bytes.length,
      'Cache-Control': 'no-cache',
    });
    res.end(req.method === 'HEAD' ? undefined : bytes);
  };

  const server: Server = createServer((req, res) => {
    const respond = async () => {
      checkOrigin(req);
      const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
      const rpc = /^\/rpc\/([^/]+)$/.exec(path);
      if (rpc) {
        if (req.method !== 'POST') throw new RequestRefused('BAD_REQUEST', 'RPC calls must use POST.');
        let method: string;
        try {
          method = decodeURIComponent(rpc[1] ?? '');
        } catch {
          throw new RequestRefused('BAD_REQUEST', 'The method name in the URL is not valid percent-encoding.');
        }
        await handleRpc(req, res, method);
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        throw new RequestRefused('BAD_REQUEST', `${req.method ?? 'This method'} is not allowed here.`);
      }
      await handleStatic(req, res, path);
    };
    respond().catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error instanceof RequestRefused) {
        if (error.error.code === 'PAYLOAD_TOO_LARGE') res.setHeader('Connection', 'close');
        sendError(res, error.error);
        if (error.error.code === 'PAYLOAD_TOO_LARGE') req.destroy();
      } else {
        sendError(res, { code: 'INTERNAL', message: 'The Vigil server failed to handle the request.' });
      }
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    port,
    url: `http://127.0.0.1:${port}/#token=${options.token}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
