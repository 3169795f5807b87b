import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { fail, type Result } from '../contract/index.ts';
import { isAppUrl } from './web-contents-locks.ts';

export const rpcChannel = 'vigil:rpc';

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

export function registerIpcBridge(
  ipcMain: IpcMain,
  forward: (method: string, input: unknown) => Promise<Result<unknown>>,
): void {
  ipcMain.handle(rpcChannel, async (event, method: unknown, input: unknown): Promise<Result<unknown>> => {
    if (!isTrustedSender(event)) {
      return fail('FORBIDDEN', 'This window may not call Vigil.');
    }
    if (typeof method !== 'string') return fail('BAD_REQUEST', 'Method name must be text.');
    return forward(method, input);
  });
}
