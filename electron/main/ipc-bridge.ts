import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { fail, type Result } from '../contract/index.ts';
import { isAppUrl } from './web-contents-locks.ts';

export const rpcChannel = 'vigil:rpc';
/** The desktop-only methods that choose, sign in to and leave a team server (team-router.ts). */
export const teamServerChannel = 'vigil:team-server';

/**
 * Only the app's own top-level page may call the core: the sender frame must exist, be the
 * main frame of its WebContents and be served from app://vigil.
 */
export function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  if (!frame) return false;
  if (frame.parent !== null) return false;
  return isAppUrl(frame.url) && frame.url.startsWith('app://');
}

type Forward = (method: string, input: unknown) => Promise<Result<unknown>>;

/** One channel, with the sender and the method name checked before anything is forwarded. */
function handleTrusted(ipcMain: IpcMain, channel: string, forward: Forward): void {
  ipcMain.handle(channel, async (event, method: unknown, input: unknown): Promise<Result<unknown>> => {
    if (!isTrustedSender(event)) {
      return fail('FORBIDDEN', 'This window may not call Vigil.');
    }
    if (typeof method !== 'string') return fail('BAD_REQUEST', 'Method name must be text.');
    return forward(method, input);
  });
}

/** The contract's methods, to the core: the local one, or the team server when connected. */
export function registerIpcBridge(ipcMain: IpcMain, forward: Forward): void {
  handleTrusted(ipcMain, rpcChannel, forward);
}

export function registerTeamServerBridge(ipcMain: IpcMain, handle: Forward): void {
  handleTrusted(ipcMain, teamServerChannel, handle);
}
