import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { contentSecurityPolicy, JsonStructureCheck, maxFileCallBytes, StrictUtf8Decoder, type ErrorCode, type VigilError } from '../contract/index.ts';
import { readStaticFile, resolveStaticFile } from '../host/static-files.ts';
import { httpStatusFor } from './http-status.ts';
import type { JsonBodyParser } from './json-body-parser.ts';

/*
 * What browser mode (rpc-server.ts) and the team server (team-server.ts) do the same way: the
 * security headers, JSON answers and refusals, the capped body, the static renderer.
 */

/** The largest body any call may have; each method's own limit is `maxBodyBytesFor` (contract/call-size.ts). */
export const defaultMaxBodyBytes = maxFileCallBytes;

export type Headers = Record<string, string>;

export const securityHeaders: Headers = {
  'Content-Security-Policy': contentSecurityPolicy,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=()',
};

/** A request refused before it reaches the core; answered as `{ ok: false, error }`. */
export class RequestRefused extends Error {
  readonly error: VigilError;
  /** Extra response headers (Retry-After, a cookie to clear). */
  readonly headers: Headers;
  /** Refused while its body was still arriving: the connection is closed so the rest is never read. */
  bodyLeftUnread = false;
  constructor(code: ErrorCode, message: string, headers: Headers = {}, details?: VigilError['details']) {
    super(message);
    this.error = details === undefined ? { code, message } : { code, message, details };
    this.headers = headers;
  }
}

/** Answers JSON; `headers` adds to (and may override) the security headers. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string | string[]> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...securityHeaders,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(text);
}

export function sendError(res: ServerResponse, error: VigilError, headers: Record<string, string | string[]> = {}): void {
  sendJson(res, httpStatusFor[error.code], { ok: false, error }, headers);
}

/** Compares two secrets in constant time (tokens, CSRF tokens). */
export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const tooLarge = (cap: number) => new RequestRefused('PAYLOAD_TOO_LARGE', `The request is larger than this call allows (${cap.toLocaleString('en-GB')} bytes).`);

/** A refusal made before the body was read to its end. */
function midBody(refusal: RequestRefused): RequestRefused {
  refusal.bodyLeftUnread = true;
  return refusal;
}

/**
 * A JSON body (Content-Type application/json; empty is `{}`), checked while it arrives: at
 * most `cap` bytes, UTF-8 (invalid bytes refused, not repaired), and its structure
 * (`JsonStructureCheck`: depth, repeated or prototype keys, at most `maxValues` values: a
 * file-carrying call's, `maxBodyValuesFor`) — so a hostile body is refused at
 * the byte that makes it so, and between its chunks other calls are served. Only a body that
 * passed is parsed, its depth then known to be safe: by `bodies`, which parses a large body (a
 * file-carrying call) in a worker thread, so the main thread keeps answering meanwhile.
 */
export async function readJsonBody(req: IncomingMessage, cap: number, bodies: JsonBodyParser, maxValues?: number): Promise<unknown> {
  const contentType = req.headers['content-type'] ?? '';
  if (!contentType.toLowerCase().startsWith('application/json')) {
    throw new RequestRefused('BAD_REQUEST', 'Content-Type must be application/json.');
  }
  const declared = Number(req.headers['content-length'] ?? Number.NaN);
  if (Number.isFinite(declared) && declared > cap) throw midBody(tooLarge(cap));
  const decoder = new StrictUtf8Decoder();
  const check = new JsonStructureCheck(maxValues === undefined ? {} : { maxValues });
  // The bytes are kept, not the text: the parse decodes them again (in the worker, for a large body).
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req) {
      const bytes = chunk as Buffer;
      size += bytes.length;
      if (size > cap) throw tooLarge(cap);
      check.feed(decoder.decode(bytes));
      chunks.push(bytes);
    }
    check.feed(decoder.decode(new Uint8Array(), true));
  } catch (error) {
    if (error instanceof SyntaxError) throw midBody(new RequestRefused('BAD_REQUEST', `The request is not valid JSON: ${error.message}.`));
    if (error instanceof RequestRefused) throw midBody(error);
    throw error;
  }
  try {
    return await bodies.parse(Buffer.concat(chunks, size));
  } catch (error) {
    if (error instanceof SyntaxError) throw new RequestRefused('BAD_REQUEST', `The request is not valid JSON: ${error.message}`);
    throw error;
  }
}

/** The method named by `/rpc/:method`, or null when the path is not an RPC call. */
export function rpcMethodOf(req: IncomingMessage, path: string): string | null {
  const rpc = /^\/rpc\/([^/]+)$/.exec(path);
  if (!rpc) return null;
  if (req.method !== 'POST') throw new RequestRefused('BAD_REQUEST', 'RPC calls must use POST.');
  try {
    return decodeURIComponent(rpc[1] ?? '');
  } catch {
    throw new RequestRefused('BAD_REQUEST', 'The method name in the URL is not valid percent-encoding.');
  }
}

/** The built renderer's files (GET and HEAD only). */
export async function serveStatic(req: IncomingMessage, res: ServerResponse, staticDir: string, path: string, headers: Headers = {}): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    throw new RequestRefused('BAD_REQUEST', `${req.method ?? 'This method'} is not allowed here.`);
  }
  const found = await resolveStaticFile(staticDir, path);
  if (!found) {
    sendError(res, { code: 'NOT_FOUND', message: `No such file: ${path}` }, headers);
    return;
  }
  const bytes = await readStaticFile(found.file);
  res.writeHead(200, {
    ...securityHeaders,
    ...headers,
    'Content-Type': found.mediaType,
    'Content-Length': bytes.length,
    'Cache-Control': 'no-cache',
  });
  res.end(req.method === 'HEAD' ? undefined : bytes);
}

/**
 * Runs a request handler and answers whatever it threw: a refusal with its code (one refused
 * before its body was read to the end also closes the connection, so the rest is never read), anything else as
 * INTERNAL without its details.
 */
export function answerRequest(
  req: IncomingMessage,
  res: ServerResponse,
  handle: () => Promise<void>,
  options: { headers?: Headers; onInternalError?: (error: unknown) => void } = {},
): void {
  handle().catch((error: unknown) => {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (error instanceof RequestRefused) {
      // Refused before its body was read to the end: close, so the rest is never read.
      const unread = error.bodyLeftUnread && !req.complete;
      if (unread) res.setHeader('Connection', 'close');
      sendError(res, error.error, { ...options.headers, ...error.headers });
      if (unread) req.destroy();
    } else {
      options.onInternalError?.(error);
      sendError(res, { code: 'INTERNAL', message: 'The Vigil server failed to handle the request.' }, options.headers);
    }
  });
}

/** Starts listening; resolves with the port the kernel gave. */
export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

/** Closes the server and every connection still open (keep-alive sockets included). */
export function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}
