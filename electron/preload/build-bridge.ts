import type { Result } from '../contract/errors.ts';
import { methodNames } from '../contract/methods.ts';
import { teamServerMethodNames } from '../contract/team-connection.ts';

export type Invoke = (channel: string, method: string, input: unknown) => Promise<Result<unknown>>;

/**
 * What the renderer sees as `window.vigil`: one function per contract method, plus the
 * desktop's own `teamServer.*` methods (choosing a team server), each on its own channel.
 */
export type VigilBridge = Record<string, (input?: unknown) => Promise<Result<unknown>>>;

export function buildBridge(invoke: Invoke, channel: string, teamServerChannel: string): VigilBridge {
  const bridge: VigilBridge = {};
  for (const method of methodNames) {
    bridge[method] = (input?: unknown) => invoke(channel, method, input ?? {});
  }
  for (const method of teamServerMethodNames) {
    bridge[method] = (input?: unknown) => invoke(teamServerChannel, method, input ?? {});
  }
  return Object.freeze(bridge);
}
