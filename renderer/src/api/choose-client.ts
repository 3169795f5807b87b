import type { ApiClient } from './api-client.ts';
import { createHttpClient, takeSessionToken } from './http-client.ts';
import { createIpcClient, type VigilBridge } from './ipc-client.ts';

/** In Electron the preload exposes `window.vigil`; anywhere else we are in browser mode. */
export function chooseClient(win: Window & { vigil?: VigilBridge }): ApiClient {
  if (win.vigil) return createIpcClient(win.vigil);
  return createHttpClient(takeSessionToken(win.location, win.sessionStorage, win.history));
}
