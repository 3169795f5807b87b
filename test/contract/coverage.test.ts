import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { allCommands } from '../../electron/cli/commands/index.ts';
import { methodNames, type MethodName } from '../../electron/contract/index.ts';
import { createHandlers, type HandlerDeps } from '../../electron/core/api/handlers.ts';
import type { AssessmentsService } from '../../electron/core/assessments/assessments-service.ts';
import type { DemoService } from '../../electron/core/demo/demo-service.ts';
import type { SystemsService } from '../../electron/core/systems/systems-service.ts';
import type { TemplatesService } from '../../electron/core/templates/templates-service.ts';
import { buildBridge } from '../../electron/preload/build-bridge.ts';
import { teamServerMethodNames } from '../../electron/contract/team-connection.ts';
import { startRpcServer } from '../../electron/server/rpc-server.ts';

/**
 * Adding a contract method without wiring it everywhere fails here: every method needs a
 * core handler, a preload function, an HTTP route and a CLI command (DESIGN §7), unless it is
 * exempted below with the reason.
 */
const cliExempt: Partial<Record<MethodName, string>> = {
  'export.progress': 'the command line waits for its own export; only a page polls progress while the call runs',
  // Accounts exist only on a team server, reached over HTTPS; the command line opens a local file.
  'session.current': 'the command line has no session: it is always the desktop',
  'accounts.list': 'accounts exist only on a team server (its administrator pages)',
  'accounts.save': 'accounts exist only on a team server (its administrator pages)',
  'accounts.setPassword': 'accounts exist only on a team server (its administrator pages)',
  'accounts.unlock': 'accounts exist only on a team server (its administrator pages)',
  'accounts.signIns': 'accounts exist only on a team server (its administrator pages)',
  // The whole-list methods stay for pickers and exports (docs/lists.md); the command line lists
  // a register a page at a time, like every page of the app.
  'systems.list': 'vigil systems list pages through systems.page',
  'risks.list': 'vigil risks list pages through risks.page',
};

describe('contract coverage', () => {
  it('has a core handler for every method and no handler without a method', () => {
    const handlers = createHandlers({
      systems: {} as SystemsService,
      vendors: {} as HandlerDeps['vendors'],
      monitoring: {} as HandlerDeps['monitoring'],
      templates: {} as TemplatesService,
      demo: {} as DemoService,
      assessments: {} as AssessmentsService,
      people: {} as HandlerDeps['people'],
      accounts: {} as HandlerDeps['accounts'],
      settings: {} as HandlerDeps['settings'],
      risks: {} as HandlerDeps['risks'],
      workflow: {} as HandlerDeps['workflow'],
      knownBands: () => [],
      history: () => Promise.reject(new Error('not called')),
      reviewQueue: () => Promise.reject(new Error('not called')),
      auditEvents: () => Promise.reject(new Error('not called')),
      appInfo: async () => ({
        name: 'Vigil',
        version: '0',
        schemaVersion: 1,
        databasePath: '',
        auditEvents: 0,
        ledgerHead: null,
        readOnly: false,
        problem: null,
        backupsDir: '',
        newestBackup: null,
      }),
      exchange: {} as HandlerDeps['exchange'],
      verifyLedger: async () => ({ ok: true, length: 0, head: '' }),
      store: {} as HandlerDeps['store'],
      exports: {} as HandlerDeps['exports'],
      committee: {} as HandlerDeps['committee'],
      dashboard: {} as HandlerDeps['dashboard'],
    });
    expect(Object.keys(handlers).sort()).toEqual([...methodNames].sort());
    for (const name of methodNames) expect(typeof handlers[name]).toBe('function');
  });

  it('has exactly one preload function per method, plus the desktop-only team server methods on their own channel', async () => {
    const calls: string[] = [];
    const bridge = buildBridge(async (channel, method) => {
      calls.push(`${channel} ${method}`);
      return { ok: true, value: null };
    }, 'vigil:rpc', 'vigil:team-server');
    expect(Object.keys(bridge).sort()).toEqual([...methodNames, ...teamServerMethodNames].sort());
    for (const name of [...methodNames, ...teamServerMethodNames]) await bridge[name]?.({});
    expect(calls.sort()).toEqual([...methodNames.map((m) => `vigil:rpc ${m}`), ...teamServerMethodNames.map((m) => `vigil:team-server ${m}`)].sort());
  });

  it('routes every method over HTTP to the dispatcher', async () => {
    const reached: string[] = [];
    const server = await startRpcServer({
      dispatch: async (method) => {
        reached.push(method);
        return { ok: true, value: null };
      },
      staticDir: import.meta.dirname,
      token: 'coverage-token',
    });
    try {
      for (const method of methodNames) {
        const status = await new Promise<number>((resolve, reject) => {
          const req = request(
            {
              host: '127.0.0.1',
              port: server.port,
              path: `/rpc/${method}`,
              method: 'POST',
              headers: { 'Content-Type': 'application/json', Authorization: 'Bearer coverage-token' },
            },
            (res) => {
              res.resume();
              resolve(res.statusCode ?? 0);
            },
          );
          req.on('error', reject);
          req.end('{}');
        });
        expect(status, method).toBe(200);
      }
      expect(reached.sort()).toEqual([...methodNames].sort());
    } finally {
      await server.close();
    }
  });

  it('has a CLI command for every method not explicitly exempted', () => {
    const commands = allCommands({ staticDir: '', waitForStop: async () => {} });
    const covered = new Set(commands.flatMap((c) => [c.method, ...(c.alsoCalls ?? [])]).filter((m) => m !== undefined));
    const missing = methodNames.filter((m) => !covered.has(m) && cliExempt[m] === undefined);
    expect(missing).toEqual([]);
    for (const command of commands) {
      for (const method of [command.method, ...(command.alsoCalls ?? [])]) if (method) expect(methodNames).toContain(method);
    }
  });

  it('keeps the command names DESIGN §7 promises to scripts', () => {
    const paths = allCommands({ staticDir: '', waitForStop: async () => {} }).map((c) => c.path.join(' '));
    expect(paths).toEqual(expect.arrayContaining(['systems add', 'systems list', 'systems show', 'templates list', 'templates show', 'templates lint', 'serve', 'demo']));
  });
});
