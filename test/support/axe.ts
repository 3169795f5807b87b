import AxeBuilder from '@axe-core/playwright';
import { basename } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll } from 'vitest';
import { axeCoverage } from './axe-coverage.ts';

/** The screens this e2e file scanned (each file runs in its own module context). */
const scannedScreens = new Set<string>();

/**
 * Accessibility violations (axe-core, WCAG 2.1 A and AA plus best practices) within `selector`,
 * one line each naming the rule, what it asks and where it failed: `expect(...).toEqual([])`
 * then prints them all. The screen under the scan (`main[data-screen]`) is recorded.
 */
export async function axeViolations(page: Page, selector: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).include(selector).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const screen = await page.evaluate(() => document.querySelector('main[data-screen]')?.getAttribute('data-screen') ?? null);
  if (screen !== null && result.violations.length === 0) scannedScreens.add(screen);
  return result.violations.map(
    (v) => `${v.id} (${v.impact ?? 'unknown impact'}): ${v.help} — ${v.nodes.map((n) => `${n.target.join(' ')}${n.failureSummary ? ` [${n.failureSummary.replaceAll('\n', ' ')}]` : ''}`).join('; ')}`,
  );
}

type Task = { mode: string; type: string; tasks?: readonly Task[] };
const everyTestRan = (task: Task): boolean => (task.type === 'test' ? task.mode === 'run' : (task.tasks ?? []).every(everyTestRan));

// A file that runs whole must have scanned, with 0 violations, every screen axe-coverage.ts gives it.
// Vitest reads the hook's first parameter as fixtures (it must be a pattern); the file is the second.
// eslint-disable-next-line no-empty-pattern
afterAll(({}, suite) => {
  const file = 'filepath' in suite && typeof suite.filepath === 'string' ? basename(suite.filepath) : '';
  if (!everyTestRan(suite)) return;
  const missing = Object.entries(axeCoverage)
    .filter(([screen, owner]) => owner === file && !scannedScreens.has(screen))
    .map(([screen]) => screen);
  if (missing.length > 0) throw new Error(`${file} is listed in test/support/axe-coverage.ts as scanning ${missing.join(', ')} with axe, but did not`);
});
