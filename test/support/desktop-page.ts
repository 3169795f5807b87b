import type { Page } from 'playwright-core';
import { methodNames, type Result } from '../../electron/contract/index.ts';
import { teamServerMethodNames } from '../../electron/contract/team-connection.ts';
import { rpcChannel, teamServerChannel } from '../../electron/main/ipc-bridge.ts';
import type { TeamRouter } from '../../electron/main/team-router.ts';

/**
 * The desktop app's page without Electron: the built renderer (served by `vigil serve`) in
 * Chromium, with `window.vigil` built as the preload builds it and each call carried to a real
 * team router in the test's process, where the main process would run it. Local calls go to
 * `vigil serve`'s RPC with its token, standing in for the core's utility process.
 */
export async function openAsDesktop(page: Page, router: TeamRouter, serveUrl: string): Promise<{ calls: { channel: string; method: string }[] }> {
  const calls: { channel: string; method: string }[] = [];
  await page.exposeFunction('__vigilInvoke', (channel: string, method: string, input: unknown): Promise<Result<unknown>> => {
    calls.push({ channel, method });
    return channel === teamServerChannel ? router.handle(method, input) : router.forward(method, input);
  });
  await page.addInitScript(
    ({ rpc, team, channels }) => {
      // Looked up at each call: the exposed function is installed by its own start-up script.
      const invoke = (c: string, m: string, i: unknown) => (window as unknown as { __vigilInvoke: (c: string, m: string, i: unknown) => Promise<unknown> }).__vigilInvoke(c, m, i);
      const bridge: Record<string, (input?: unknown) => Promise<unknown>> = {};
      for (const m of rpc) bridge[m] = (input) => invoke(channels.rpc, m, input ?? {});
      for (const m of team) bridge[m] = (input) => invoke(channels.team, m, input ?? {});
      Object.defineProperty(window, 'vigil', { value: Object.freeze(bridge) });
    },
    { rpc: [...methodNames], team: [...teamServerMethodNames], channels: { rpc: rpcChannel, team: teamServerChannel } },
  );
  const base = new URL(serveUrl);
  await page.goto(`${base.origin}/#/settings`);
  return { calls };
}

/** A local core reached over `vigil serve`'s RPC, as the router's `local`. */
export function serveAsLocalCore(serveUrl: string): (method: string, input: unknown) => Promise<Result<unknown>> {
  const url = new URL(serveUrl);
  const token = url.hash.replace(/^#token=/, '');
  return async (method, input) => {
    const response = await fetch(`${url.origin}/rpc/${encodeURIComponent(method)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify(input ?? {}),
    });
    return (await response.json()) as Result<unknown>;
  };
}
