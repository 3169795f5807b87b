import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from '../support/axe.ts';
import { tempDir } from '../support/core-fixture.ts';
import { findBrowser, launchBrowser, startServe, type LaunchedBrowser, type ServeProcess } from '../support/browser.ts';

const browserPath = findBrowser();

describe.skipIf(browserPath === null)('demo portfolio from the empty inventory (Chromium)', () => {
  let files: { dir: string; cleanup: () => void };
  let serve: ServeProcess | undefined;
  let browser: LaunchedBrowser | undefined;
  let page: Page;

  beforeAll(async () => {
    files = tempDir('vigil-e2e-demo-');
    serve = await startServe(join(files.dir, 'vigil.db'));
    browser = await launchBrowser(browserPath);
    browser.context.setDefaultTimeout(30_000);
    page = await browser.context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    files?.cleanup();
  });

  it('loads the demo portfolio with one press of the keyboard, then the offer disappears', async () => {
    await page.goto(serve?.url ?? '');
    const offer = page.getByRole('button', { name: 'Load the demo portfolio' });
    await offer.focus();
    await page.keyboard.press('Enter');
    // The offer is the dashboard's first run; once loaded, the dashboard shows the portfolio.
    await page.getByRole('region', { name: 'Open risks by band, before and after safeguards' }).waitFor();
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Inventory', exact: true }).click();
    const table = page.getByRole('table', { name: 'AI systems' });
    await table.getByRole('link', { name: 'Closed-loop insulin dosing', exact: true }).waitFor();
    expect(await table.getByRole('row').count()).toBeGreaterThanOrEqual(7); // header + systems
    expect(await offer.count()).toBe(0);
    // The archived system shows only with the switch.
    expect(await table.getByText('Bed demand forecasting').count()).toBe(0);
    await page.getByRole('switch', { name: 'Show archived' }).check();
    await table.getByText('Bed demand forecasting').waitFor();
  });
  /** The colour scheme the page is drawn in (Mantine marks it on <html>). */
  const scheme = () => page.evaluate(() => document.documentElement.getAttribute('data-mantine-color-scheme'));
  const heading = (name: string) => page.getByRole('heading', { name, exact: true, level: 1 });
  const origin = () => new URL(serve?.url ?? '').origin;

  it('meets WCAG AA in both colour schemes: inventory, a system and its change dialog, an assessment, settings, the glossary, and the dashboard in dark (axe, 0 violations)', async () => {
    const scanned: string[] = [];
    for (const colorScheme of ['light', 'dark'] as const) {
      // "Follow the system" is the default: the page takes the scheme the operating system asks for.
      await page.emulateMedia({ colorScheme });
      if (colorScheme === 'dark') {
        // The dashboard in light is scanned by dashboard.e2e.test.ts; here its dark counterpart.
        await page.goto(`${origin()}/#/`);
        await page.getByRole('region', { name: 'Open risks by band, before and after safeguards' }).waitFor();
        await expect.poll(scheme).toBe(colorScheme);
        expect(await axeViolations(page, 'main'), 'dashboard, dark').toEqual([]);
      }
      await page.goto(`${origin()}/#/systems`);
      const table = page.getByRole('table', { name: 'AI systems' });
      await table.getByRole('link', { name: 'Chest X-ray triage', exact: true }).waitFor();
      await expect.poll(scheme).toBe(colorScheme);
      expect(await axeViolations(page, 'main'), `inventory, ${colorScheme}`).toEqual([]);
      expect(await table.innerText()).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
      // Each lifecycle stage shown has its own colour.
      const badges = await table.locator('[data-status]').evaluateAll((els) => els.map((el) => [el.getAttribute('data-status'), getComputedStyle(el).backgroundColor] as const));
      const byStage = new Map(badges);
      expect(byStage.size).toBeGreaterThanOrEqual(3);
      expect(new Set(byStage.values()).size).toBe(byStage.size);

      await table.getByRole('link', { name: 'Chest X-ray triage', exact: true }).click();
      await heading('Chest X-ray triage').waitFor();
      await page.getByTestId('reassessment-note').waitFor();
      expect(await axeViolations(page, 'main'), `system page, ${colorScheme}`).toEqual([]);
      // The stage badge and the sentence agree: "Re-assessment due" never stands beside a date still to come.
      const note = (await page.getByTestId('reassessment-note').textContent()) ?? '';
      expect(await page.getByTestId('lifecycle-stage').textContent()).toBe('Now: Re-assessment due');
      expect(note).toMatch(/^Re-assessment due now, ahead of its scheduled date \(/);
      expect(note).not.toMatch(/Next re-assessment due by/);
      // One date format: no ISO dates in the page's text.
      expect(await page.locator('main').innerText()).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
      // A dialog in this scheme: its fields, hints and buttons read as well as the page.
      await page.getByRole('button', { name: 'Record a change' }).click();
      const dialog = page.getByRole('dialog', { name: 'Record a change' });
      await dialog.waitFor();
      expect(await axeViolations(page, '[role="dialog"]'), `change dialog, ${colorScheme}`).toEqual([]);
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'hidden' });

      await page.getByRole('table', { name: /assessments/i }).getByRole('link').first().click();
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.getByTestId('review-status').waitFor();
      expect(await axeViolations(page, 'main'), `assessment, ${colorScheme}`).toEqual([]);

      await page.goto(`${origin()}/#/settings`);
      await heading('Settings').waitFor();
      await page.getByRole('radiogroup', { name: 'Colour scheme' }).waitFor();
      expect(await axeViolations(page, 'main'), `settings, ${colorScheme}`).toEqual([]);

      // The glossary, opened at a term (its highlight is the selected colour of this scheme).
      await page.goto(`${origin()}/#/glossary?term=risk-appetite`);
      await heading('Glossary').waitFor();
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('glossary-risk-appetite');
      expect(await axeViolations(page, 'main'), `glossary, ${colorScheme}`).toEqual([]);
      scanned.push(colorScheme);
    }
    expect(scanned).toEqual(['light', 'dark']);
  });

  it('meets WCAG AA on every other screen of the route table, the main lists in dark too (axe, 0 violations; test/support/axe-coverage.ts)', async () => {
    await page.emulateMedia({ colorScheme: 'light' });
    // Ids for the screens of one record, read from the lists that link to them.
    const idFrom = async (hash: string, table: string, pattern: RegExp): Promise<string[]> => {
      await page.goto(`${origin()}/${hash}`);
      const links = page.getByRole('table', { name: table }).getByRole('link');
      await links.first().waitFor();
      const hrefs = await links.evaluateAll((els) => els.map((el) => el.getAttribute('href') ?? ''));
      return [...new Set(hrefs.map((href) => pattern.exec(href)?.[1]).filter((id): id is string => id !== undefined))];
    };
    const [system] = await idFrom('#/systems', 'AI systems', /^#\/systems\/(SYS-[A-Z0-9]+)$/);
    const [vendor] = await idFrom('#/vendors', 'Vendors', /^#\/vendors\/(VEN-[A-Z0-9]+)$/);
    expect(system && vendor).toBeTruthy();
    // [screen, address, in light, in dark]. Scanned in both schemes above: the inventory, a system, an
    // assessment, settings, the glossary (the dashboard: in light by dashboard.e2e, in dark above).
    // In light, lists.e2e scans the assessments, a comparison, the review log and the audit log,
    // risk-register.e2e the register and committee.e2e the committee's page; here the main lists in dark.
    const screens: ReadonlyArray<readonly [string, string, boolean, boolean]> = [
      ['assessments', '#/assessments', false, true],
      ['risks', '#/risks', false, true],
      ['reviews', '#/reviews', true, false],
      ['reviewsLog', '#/reviews/log', false, true],
      ['reports', '#/reports', true, true],
      ['audit', '#/audit', false, true],
      ['templates', '#/templates', true, false],
      ['vendors', '#/vendors', true, false],
      ['vendor', `#/vendors/${vendor}`, true, false],
      ['systemNew', '#/systems/new', true, false],
      ['systemEdit', `#/systems/${system}/edit`, true, false],
      ['settingsIntegrity', '#/settings/integrity', true, false],
      ['vendorModeSetup', '#/vendor', true, false],
      ['admin', '#/admin', true, false],
      ['notFound', '#/nowhere', true, false],
    ];
    const main = page.locator('main');
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      for (const [screen, hash, inLight, inDark] of screens) {
        if (!(colorScheme === 'dark' ? inDark : inLight)) continue;
        await page.goto(`${origin()}/${hash}`);
        await expect.poll(() => main.getAttribute('data-screen'), { message: hash }).toBe(screen);
        await main.getByRole('heading', { level: 1 }).first().waitFor();
        // Scanned once its records are drawn: no loader left, and a list's first row (or its empty text) shown.
        await expect.poll(() => main.locator('.mantine-Loader-root').count(), { message: hash }).toBe(0);
        await expect.poll(scheme).toBe(colorScheme);
        expect(await axeViolations(page, 'main'), `${screen}, ${colorScheme}`).toEqual([]);
      }
    }
    // The one dialog no other file opens: "Add a vendor".
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(`${origin()}/#/vendors`);
    await main.getByRole('button', { name: 'Add vendor' }).click();
    const addVendor = page.getByRole('dialog', { name: 'Add a vendor' });
    await addVendor.waitFor();
    expect(await axeViolations(page, '[role="dialog"]'), 'Add a vendor dialog').toEqual([]);
    await addVendor.getByRole('button', { name: 'Cancel' }).click();
    await addVendor.waitFor({ state: 'hidden' });

    // No raw codes in the audit log: each action in words, its code kept for an auditor in its title.
    await page.goto(`${origin()}/#/audit`);
    const actions = page.getByRole('table', { name: 'Audit events' }).locator('[data-action]');
    await actions.first().waitFor();
    for (const cell of await actions.all()) {
      expect(await cell.getAttribute('title')).toBe(await cell.getAttribute('data-action'));
      expect(await cell.innerText()).not.toMatch(/^[a-z]+\.[a-zA-Z]+$/);
    }
  });

  it('keeps the colour scheme chosen in Settings on this computer, and follows the system again when asked', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(`${origin()}/#/settings`);
    const choice = page.getByRole('radiogroup', { name: 'Colour scheme' });
    await choice.waitFor();
    await expect.poll(scheme).toBe('dark');
    await choice.getByText('Light', { exact: true }).click();
    await expect.poll(scheme).toBe('light');
    await page.reload();
    await heading('Settings').waitFor();
    await expect.poll(scheme).toBe('light');
    expect(await page.getByRole('radio', { name: 'Light', exact: true }).isChecked()).toBe(true);
    await page.getByRole('radiogroup', { name: 'Colour scheme' }).getByText('Follow the system', { exact: true }).click();
    await expect.poll(scheme).toBe('dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(scheme).toBe('light');
  });
});
