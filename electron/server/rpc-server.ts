import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { maxBodyBytesFor, maxBodyValuesFor, type Result } from '../contract/index.ts';
import {
  answerRequest,
  closeServer,
  listen,
  readJsonBody,
  RequestRefused,
  rpcMethodOf,
  sameSecret,
  sendError,
  sendJson,
  serveStatic,
} from './http-common.ts';
import { createJsonBodyParser, type JsonBodyParser } from './json-body-parser.ts';

export { defaultMaxBodyBytes } from './http-common.ts';

export type RpcDispatch = (method: string, input: unknown) => Promise<Result<unknown>>;

export interface RpcServerOptions {
  dispatch: RpcDispatch;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  /** Random per-launch secret; every RPC call must present it as a Bearer token. */
  token: string;
  port?: number;
  /** Largest request body accepted, in bytes, for every method; by default each method's own (`maxBodyBytesFor`). */
  maxBodyBytes?: number;
  /** How bodies are parsed (tests hold its worker); by default large ones in a worker thread. Closed with the server. */
  bodies?: JsonBodyParser;
}

export interface RunningServer {
  port: number;
  /** Address to open in a browser; the token travels in the fragment, never to the server log. */
  url: string;
  close(): Promise<void>;
}

/**
 * Browser mode: the built renderer plus `POST /rpc/:method`, on 127.0.0.1 only. Host and
 * Origin are checked on every request (DNS rebinding, cross-site calls), the token on every
 * call, and bodies are capped — all before anything reaches the core.
 */
export async function startRpcServer(options: RpcServerOptions): Promise<RunningServer> {
  let port = 0;
  const bodies = options.bodies ?? createJsonBodyParser();
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
    const input = await readJsonBody(req, options.maxBodyBytes ?? maxBodyBytesFor(method), bodies, maxBodyValuesFor(method));
    const result = await options.dispatch(method, input);
    if (result.ok) sendJson(res, 200, result);
    else sendError(res, result.error);
  };

  const server: Server = createServer((req, res) => {
    answerRequest(req, res, async () => {
      checkOrigin(req);
      const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
      const method = rpcMethodOf(req, path);
      if (method !== null) await handleRpc(req, res, method);
      else await serveStatic(req, res, options.staticDir, path);
    });
  });

  port = await listen(server, options.port ?? 0, '127.0.0.1');

  return {
    port,
    url: `http://127.0.0.1:${port}/#token=${options.token}`,
    close: async () => {
      await closeServer(server);
      await bodies.close();
    },
  };
}
