import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './core-fixture.ts';

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
    timeout: 30_000,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
