import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { cliPath, repoRoot } from './browser.ts';

/*
 * What a browser test checks the app against from outside the page: the built CLI on the same
 * database (the served API is `serveRpc` in browser.ts), and the "Acting as" choice.
 */

const run = promisify(execFile);
const wait = 30_000;

/** `vigil … --db PATH --json`, parsed. */
export async function vigilJson<T>(dbPath: string, ...args: string[]): Promise<T> {
  const { stdout } = await run(process.execPath, [cliPath, ...args, '--db', dbPath, '--json'], { cwd: repoRoot, timeout: wait });
  return JSON.parse(stdout) as T;
}

/** Chooses who acts in the header ("Acting as"). */
export async function actAs(page: Page, name: string): Promise<void> {
  await page.getByRole('combobox', { name: 'Acting as' }).click();
  await page.getByRole('option', { name, exact: true }).click();
  await expect.poll(() => page.getByRole('combobox', { name: 'Acting as' }).inputValue(), { timeout: wait }).toBe(name);
}
