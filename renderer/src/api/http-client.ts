import type { MethodName, MethodOutput, Result } from '../../../electron/contract/index.ts';
import { ApiError, unwrap, type ApiClient } from './api-client.ts';

const tokenKey = 'vigil.session-token';

/**
 * Browser mode prints a URL with the per-launch token in the fragment (`#token=…`). The page
 * keeps it for this tab only and removes it from the address bar, landing on the dashboard.
 */
export function takeSessionToken(location: Location, storage: Storage, history: History): string | null {
  const match = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (match?.[1]) {
    storage.setItem(tokenKey, decodeURIComponent(match[1]));
    history.replaceState(null, '', `${location.pathname}${location.search}#/`);
  }
  return storage.getItem(tokenKey);
}

export function createHttpClient(token: string | null, fetchFn: typeof fetch = fetch): ApiClient {
  return {
    transport: 'http',
    async call(method, input) {
      if (!token) {
        throw new ApiError({
          code: 'UNAUTHORIZED',
          message: 'This page was opened without its session token. Open the address that "vigil serve" printed.',
        });
      }
      const body = await postRpc(fetchFn, method, input, { headers: { Authorization: `Bearer ${token}` } }, 'Is "vigil serve" still running?');
      return unwrap<MethodOutput<typeof method & MethodName>>(body);
    },
  };
}

/**
 * One call over HTTP (browser mode and team mode alike): POST `./rpc/<method>` with the input as
 * JSON, and the server's Result back. A server that does not answer, or answers without a
 * readable body, comes back as a typed refusal like any other, not a bare TypeError.
 */
export async function postRpc(
  fetchFn: typeof fetch,
  method: string,
  input: unknown,
  init: { headers: Record<string, string>; credentials?: RequestCredentials },
  whenUnreachable: string,
): Promise<Result<unknown>> {
  let response: Response;
  try {
    response = await fetchFn(`./rpc/${encodeURIComponent(method)}`, {
      method: 'POST',
      ...init,
      headers: { 'Content-Type': 'application/json', ...init.headers },
      body: JSON.stringify(input ?? {}),
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ApiError({ code: 'INTERNAL', message: `The Vigil server did not answer (${reason}). ${whenUnreachable}` });
  }
  try {
    return (await response.json()) as Result<unknown>;
  } catch {
    throw new ApiError({ code: 'INTERNAL', message: `The Vigil server answered ${response.status} without a readable body.` });
  }
}
