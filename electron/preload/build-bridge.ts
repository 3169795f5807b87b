import type { Result } from '../contract/errors.ts';
import { methodNames } from '../contract/methods.ts';

export type Invoke = (channel: string, method: string, input: unknown) => Promise<Result<unknown>>;

/** What the renderer sees as `window.vigil`: one function per contract method, nothing else. */
export type VigilBridge = Record<string, (input?: unknown) => Promise<Result<unknown>>>;

export function buildBridge(invoke: Invoke, channel: string): VigilBridge {
  const bridge: VigilBridge = {};
  for (const method of methodNames) {
    bridge[method] = (input?: unknown) => invoke(channel, method, input ?? {});
  }
  return Object.freeze(bridge);
}
