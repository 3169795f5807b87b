import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MethodInput, MethodName, MethodOutput, Result } from '../../electron/contract/index.ts';
import { createCore, type Core } from '../../electron/core/create-core.ts';
import type { Clock, IdSource } from '../../electron/core/deps.ts';

export const repoRoot = join(import.meta.dirname, '..', '..');
export const templatesDir = join(repoRoot, 'templates');

/** A clock that starts at a fixed instant and moves one second per reading. */
export function fixedClock(start = '2026-03-01T09:00:00.000Z'): Clock {
  let t = Date.parse(start);
  return {
    now: () => {
      const d = new Date(t);
      t += 1000;
      return d;
    },
  };
}

export function sequentialIds(): IdSource {
  const counters = new Map<string, number>();
  return {
    next(prefix) {
      const n = (counters.get(prefix) ?? 0) + 1;
      counters.set(prefix, n);
      return `${prefix}-${String(n).padStart(8, '0')}`;
    },
  };
}

export function tempDir(prefix = 'vigil-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface TestCore extends Core {
  dbPath: string;
  dir: string;
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  raw(method: string, input: unknown): Promise<Result<unknown>>;
  dispose(): void;
}

export const actor = { actor: 'test.assessor' };
/** How the ledger and records name a call made under that OS login, with nobody chosen. */
export const osActor = `os:${actor.actor}`;

/** A core on a fresh temp database with a fixed clock and sequential ids. */
export function makeTestCore(): TestCore {
  const { dir, cleanup } = tempDir();
  const dbPath = join(dir, 'vigil.db');
  const core = createCore({ dbPath, clock: fixedClock(), ids: sequentialIds(), templatesDir });
  return {
    ...core,
    dbPath,
    dir,
    raw: (method, input) => core.dispatch(method, input, actor),
    async call(method, input) {
      const result = await core.dispatch(method, input, actor);
      if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
      return result.value as MethodOutput<typeof method>;
    },
    dispose() {
      core.close();
      cleanup();
    },
  };
}
