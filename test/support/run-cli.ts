import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { repoRoot, tempDir } from './core-fixture.ts';

export const cliPath = join(repoRoot, 'dist', 'electron', 'cli.cjs');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built `vigil` binary exactly as a user's shell would. `npm test` builds first. */
export function vigil(args: readonly string[], env: NodeJS.ProcessEnv = {}): CliRun {
  if (!existsSync(cliPath)) throw new Error(`${cliPath} is missing: run "npm run build" first`);
  const result = spawnSync(process.execPath, [cliPath, ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 120_000,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/**
 * A fresh folder and database path for every test of the file, removed afterwards:
 * `useTempDatabase((p) => ({ dir, db } = p))`.
 */
export function useTempDatabase(receive: (paths: { dir: string; db: string }) => void): void {
  let cleanup = () => {};
  beforeEach(() => {
    const made = tempDir('vigil-cli-');
    cleanup = made.cleanup;
    receive({ dir: made.dir, db: join(made.dir, 'cli.db') });
  });
  afterEach(() => cleanup());
}
