// The dashboard in browser mode (Chromium): the landing page on the demo portfolio, each chart
// with its text alternative holding the figures `vigil dashboard --json` reports and a link to
// the list behind it, the heat map's cells opening the register filtered to the cell, 0 axe
// violations; and, on an empty database, a first-run page instead of empty charts.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dashboard } from '../../electron/contract/index.ts';
import { tempDir } from '../support/core-fixture.ts';
import { axeViolations } from '../support/axe.ts';
import { cliPath, findBrowser, launchBrowser, repoRoot, startServe, type LaunchedBrowser, type ServeProcess } from '../support/browser.ts';

const run = promisify(execFile);
const wait = 30_000;
const browserPath = findBrowser();

describe.skipIf(browserPath === null)('dashboard: the landing page (Chromium)', () => {
  let browser: LaunchedBrowser | undefined;
  const servers: ServeProcess[] = [];
  const cleanups: (() => void)[] = [];
  let page: Page;
  let dbPath = '';
  let origin = '';
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const files = tempDir('vigil-e2e-dashboard-');
    cleanups.push(files.cleanup);
    dbPath = join(files.dir, 'vigil.db');
    await run(process.execPath, [cliPath, 'demo', '--db', dbPath], { cwd: repoRoot, timeout: 180_000 });
    const server = await startServe(dbPath);
    servers.push(server);
    origin = new URL(server.url).origin;
    browser = await launchBrowser(browserPath);
    browser.context.setDefaultTimeout(wait);
    page = await browser.context.newPage();
    await page.setViewportSize({ width: 1366, height: 900 });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(server.url);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    for (const s of servers) await s.stop();
    for (const c of cleanups) c();
  });

  const heading = (name: string) => page.getByRole('heading', { name, exact: true });
  const region = (name: string) => page.getByRole('region', { name, exact: true });
  /** A table's body cells, row by row, as text. */
  const cells = async (table: Locator) =>
    table.getByRole('row').evaluateAll((rows) => rows.slice(1).map((row) => [...row.querySelectorAll('th, td')].map((c) => (c.textContent ?? '').trim())));

  it('is where the app opens, first in the navigation; #/ and #/dashboard lead to it, #/systems to the inventory', async () => {
    await heading('Portfolio dashboard').waitFor();
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    const links = nav.getByRole('link');
    expect(await links.first().textContent()).toBe('Dashboard');
    expect(await nav.getByRole('link', { name: 'Dashboard', exact: true }).getAttribute('aria-current')).toBe('page');
    expect(await nav.getByRole('link', { name: 'Dashboard', exact: true }).getAttribute('href')).toBe('#/dashboard');

    await page.goto(`${origin}/#/systems`);
    await heading('AI system inventory').waitFor();
    await page.goto(`${origin}/#/`);
    await heading('Portfolio dashboard').waitFor();
    await nav.getByRole('link', { name: 'Inventory', exact: true }).click();
    await heading('AI system inventory').waitFor();
    await nav.getByRole('link', { name: 'Dashboard', exact: true }).click();
    await heading('Portfolio dashboard').waitFor();
    expect(page.url()).toMatch(/#\/dashboard$/);
  });

  it('gives every chart a text alternative with the figures the core counts, and a link to the list behind it; 0 axe violations', async () => {
    const { stdout } = await run(process.execPath, [cliPath, 'dashboard', '--db', dbPath, '--json'], { cwd: repoRoot, timeout: wait });
    const d = JSON.parse(stdout) as Dashboard;
    await region('Open risks by band, before and after safeguards').waitFor();

    // Bands: a chart described in words, and the table beside it.
    const bands = region('Open risks by band, before and after safeguards');
    expect(await bands.getByRole('img').first().getAttribute('aria-label')).toContain('Bar chart of open risks by band: Low 0 before, 0 after;');
    expect(await cells(bands.getByRole('table', { name: 'Open risks by band' }))).toEqual(
      d.bands.map((b) => [b.band.charAt(0).toUpperCase() + b.band.slice(1), String(b.inherent), String(b.residual)]),
    );
    expect(await bands.getByRole('link', { name: 'Open risks in the register' }).getAttribute('href')).toBe('#/risks?openOnly=1');

    // Above appetite by system and by vendor: each row's count links to its risks.
    const bySystem = region('Above appetite by system');
    expect(await cells(bySystem.getByRole('table'))).toEqual(d.aboveAppetiteBySystem.rows.map((r) => [r.systemName, r.vendor, String(r.count)]));
    const top = d.aboveAppetiteBySystem.rows[0]!;
    expect(await bySystem.getByRole('link', { name: `${top.count} risks above appetite in ${top.systemName}` }).getAttribute('href')).toBe(
      `#/risks?systemId=${top.systemId}&aboveAppetite=1&openOnly=1`,
    );
    expect(await bySystem.getByRole('link', { name: 'All risks above appetite' }).getAttribute('href')).toBe('#/risks?aboveAppetite=1&openOnly=1');
    const byVendor = region('Above appetite by vendor');
    expect(await cells(byVendor.getByRole('table'))).toEqual(d.aboveAppetiteByVendor.rows.map((r) => [r.vendor, String(r.systems), String(r.count)]));
    const vendor = d.aboveAppetiteByVendor.rows[0]!;
    expect(await byVendor.getByRole('link', { name: `${vendor.count} risks above appetite from ${vendor.vendor}` }).getAttribute('href')).toBe(
      `#/risks?vendor=${encodeURIComponent(vendor.vendor).replaceAll('%20', '+')}&aboveAppetite=1&openOnly=1`,
    );

    // The trend: its table behind "Show as table", opened with the keyboard.
    const trend = region('Open risks by band over the last 12 months');
    const table = trend.getByRole('table', { name: 'Open risks by band at the end of each month' });
    expect(await table.isVisible()).toBe(false);
    await trend.locator('summary', { hasText: 'Show as table' }).focus();
    await page.keyboard.press('Enter');
    await table.waitFor();
    const bandIds = d.bands.map((b) => b.band);
    // Months in words in the browser's locale (en-US here), never the core's "2026-06".
    const month = (m: string) => new Date(`${m}-01T00:00:00`).toLocaleDateString('en-US', { month: 'short', year: 'numeric' });
    expect(await cells(table)).toEqual(d.bandTrend.map((p) => [month(p.month), ...bandIds.map((b) => String(p.counts[b] ?? 0))]));
    expect(await trend.innerText()).not.toMatch(/\b\d{4}-\d{2}\b/);

    // The lists behind the other parts.
    expect(await region(`Overdue treatment actions (${d.overdueActions.total} risks with an action past due)`).getByRole('link', { name: 'All overdue risks' }).getAttribute('href')).toBe('#/risks?overdue=1');
    expect(await region(`Acceptances expiring within 90 days (${d.acceptancesExpiring.total})`).getByRole('link', { name: 'All expiring acceptances' }).getAttribute('href')).toBe(
      '#/risks?acceptanceExpiresWithinDays=90',
    );
    const due = region('Re-assessments due');
    for (const days of [30, 60, 90]) expect(await due.getByRole('link', { name: new RegExp(`within ${days} days$`) }).getAttribute('href')).toBe(`#/systems?reviewDueWithinDays=${days}`);
    // The X-ray's latest reason: the demo's monitoring found drift in patients aged 80 and over after the model update.
    await due.getByText(/^Drift alert recorded: Sensitivity for age 80\+ was /).waitFor();
    const monitoring = region('Monitoring (1 system breaching, 0 overdue)');
    await monitoring.getByRole('link', { name: 'Chest X-ray triage' }).waitFor();
    await region('Vendor requests outstanding (1)').getByRole('link', { name: 'Prostate biopsy grading assistant' }).waitFor();

    expect(await axeViolations(page, 'main')).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('opens the register filtered to a heat-map cell from its link', async () => {
    const { stdout } = await run(process.execPath, [cliPath, 'dashboard', '--db', dbPath, '--json'], { cwd: repoRoot, timeout: wait });
    const d = JSON.parse(stdout) as Dashboard;
    const cell = d.heatMap.find((c) => c.count > 0 && c.likelihood > 1)!;
    const heat = region('Heat map of open risks');
    // Every cell of the matrix is a link, empty ones too, each named by its levels, band and count.
    expect(await heat.getByRole('link', { name: /^Likelihood \d, impact \d: / }).count()).toBe(25);
    const band = cell.band.charAt(0).toUpperCase() + cell.band.slice(1);
    const link = heat.getByRole('link', { name: `Likelihood ${cell.likelihood}, impact ${cell.impact}: ${band}, ${cell.count} open risks`, exact: true });
    expect(await link.textContent()).toBe(String(cell.count));
    await link.focus();
    await page.keyboard.press('Enter');
    // The register reads its filter from the address (h-tables-1); here the address is what the dashboard owns.
    await expect.poll(() => new URL(page.url()).hash, { timeout: wait }).toBe(`#/risks?residualLikelihood=${cell.likelihood}&residualImpact=${cell.impact}&openOnly=1`);
  });

  it('on an empty database shows a first run, not empty charts, and loads the demo from there', async () => {
    const files = tempDir('vigil-e2e-dashboard-empty-');
    cleanups.push(files.cleanup);
    const server = await startServe(join(files.dir, 'vigil.db'));
    servers.push(server);
    await page.goto(server.url);
    await heading('Welcome to Vigil').waitFor();
    expect(await page.getByRole('img').count()).toBe(0);
    expect(await page.getByRole('table').count()).toBe(0);
    await page.getByRole('button', { name: 'Add AI system' }).waitFor();
    expect(await axeViolations(page, 'main')).toEqual([]);
    await page.getByRole('button', { name: 'Load the demo portfolio' }).click();
    await region('Open risks by band, before and after safeguards').waitFor({ timeout: 120_000 });
    expect(await heading('Welcome to Vigil').count()).toBe(0);
  }, 180_000);
});
