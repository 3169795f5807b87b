import type { ApiClient } from './api-client.ts';
import { createHttpClient, takeSessionToken } from './http-client.ts';
import { createIpcClient, type VigilBridge } from './ipc-client.ts';
import { probeSession } from '../team/team-auth.ts';
import type { SessionAnswer } from '../team/session-answer.ts';

/** In Electron the preload exposes `window.vigil`; anywhere else we are in browser mode. */
export function chooseClient(win: Window & { vigil?: VigilBridge }): ApiClient {
  if (win.vigil) return createIpcClient(win.vigil);
  return createHttpClient(takeSessionToken(win.location, win.sessionStorage, win.history));
}

/** How the page starts: with a client straight away (desktop, browser mode), on a team server, or on one that cannot serve now. */
export type Start =
  | { mode: 'client'; client: ApiClient }
  | { mode: 'team'; answer: SessionAnswer; serverNow?: number }
  | { mode: 'teamUnavailable'; message: string };

/**
 * Desktop (`window.vigil`) and browser mode opened with its `#token=` (or reloaded in a tab
 * that kept it) need no question; any other page asks `./auth/session`: a team server answers
 * it (signed in or not), browser mode's `vigil serve` answers 404 and the page goes on as
 * browser mode.
 */
export async function chooseStart(win: Window & { vigil?: VigilBridge }, fetchFn: typeof fetch = fetch): Promise<Start> {
  if (win.vigil) return { mode: 'client', client: createIpcClient(win.vigil) };
  const token = takeSessionToken(win.location, win.sessionStorage, win.history);
  if (token) return { mode: 'client', client: createHttpClient(token, fetchFn) };
  const probe = await probeSession(fetchFn);
  if (probe.kind === 'team') return probe.serverNow === undefined ? { mode: 'team', answer: probe.answer } : { mode: 'team', answer: probe.answer, serverNow: probe.serverNow };
  if (probe.kind === 'unavailable') return { mode: 'teamUnavailable', message: probe.message };
  return { mode: 'client', client: createHttpClient(null, fetchFn) };
}
