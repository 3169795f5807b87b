import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/**
 * Accessibility violations (axe-core, WCAG 2.1 A and AA plus best practices) within `selector`,
 * one line each naming the rule, what it asks and where it failed: `expect(...).toEqual([])`
 * then prints them all.
 */
export async function axeViolations(page: Page, selector: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).include(selector).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return result.violations.map(
    (v) => `${v.id} (${v.impact ?? 'unknown impact'}): ${v.help} — ${v.nodes.map((n) => `${n.target.join(' ')}${n.failureSummary ? ` [${n.failureSummary.replaceAll('\n', ' ')}]` : ''}`).join('; ')}`,
  );
}
