// The paged lists in a real browser (docs/lists.md): the inventory, the assessments, the review
// log and the audit log show what their paged methods answer, sort (names in natural order),
// filter, page, keep their view in the address across a reload, work from the keyboard, and
// pass axe in every state. The rows on screen are compared with the same method called over
// HTTP, so what is checked is the page's rendering of the core's answer, not a copy of its rules.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessmentStatusLabels, stageLabels, type AssessmentPage, type AuditEventPage, type Comparison, type MethodInput, type ReviewPage, type SystemPage } from '../../electron/contract/index.ts';
import { axeViolations } from '../support/axe.ts';
import { tempDir } from '../support/core-fixture.ts';
import { browserRequired, cliPath, findBrowser, launchBrowser, repoRoot, serveRpc, startServe, type LaunchedBrowser, type ServeProcess } from '../support/browser.ts';

const run = promisify(execFile);
const wait = 30_000;
const browserPath = findBrowser();

if (browserPath === null && browserRequired()) {
  describe('lists e2e', () => {
    it('has a Chromium-family browser', () => {
      throw new Error('VIGIL_REQUIRE_BROWSER=1 but no Chromium-family browser found (install chromium or set VIGIL_BROWSER)');
    });
  });
}

/** Products named so that text order and natural order differ ("product 10" < "product 2" as text). */
const productCount = 30;
const product = (n: number) => `Clinical AI product ${n}`;

describe.skipIf(browserPath === null)('paged lists: inventory, assessments, review log and audit log (Chromium)', () => {
  let browser: LaunchedBrowser | undefined;
  let server: ServeProcess | undefined;
  let page: Page;
  let origin = '';
  let rpc: ReturnType<typeof serveRpc> = () => Promise.reject(new Error('the server has not started'));
  let cleanup = () => undefined as void;
  const pageErrors: string[] = [];
  const failedRequests: string[] = [];

  const systemsPage = (input: MethodInput<'systems.page'>) => rpc<SystemPage>('systems.page', input);

  const main = () => page.getByRole('main');
  const table = (name: string) => page.getByRole('table', { name, exact: true });
  /** The text of each row's first link (its name), in the order shown; an empty table's placeholder row has none. */
  const rowNames = (t: Locator) =>
    t.locator('tbody tr').evaluateAll((rows) => rows.flatMap((r) => {
      const link = r.querySelector('a');
      return link ? [link.textContent?.trim() ?? ''] : [];
    }));
  const rowsText = () => main().getByText(/^(Rows [\d,]+–[\d,]+ of [\d,]+|No rows)$/);
  const hash = () => new URL(page.url()).hash;
  const query = () => Object.fromEntries(new URLSearchParams(hash().split('?')[1] ?? ''));
  const sortButton = (t: Locator, name: string) => t.getByRole('button', { name, exact: true });
  const headerOf = (t: Locator, name: string) => t.locator('thead th').filter({ has: page.getByRole('button', { name, exact: true }) });
  async function expectNoAxeViolations() {
    expect(await axeViolations(page, 'main')).toEqual([]);
  }
  async function choose(label: string, option: string) {
    await main().getByRole('combobox', { name: label }).click();
    await page.getByRole('option', { name: option, exact: true }).click();
  }
  /** The System filter offers the first twenty systems; others are found by typing, as a user would. */
  async function chooseSystem(name: string) {
    await main().getByRole('combobox', { name: 'System' }).fill(name);
    await page.getByRole('option', { name, exact: true }).click();
  }
  /** Chooses in the review log's "Decision" control (radios drawn as a segmented control). */
  async function decision(option: string) {
    await main().getByRole('radiogroup', { name: 'Decision' }).getByText(option, { exact: true }).click();
  }
  /** Waits until the table shows exactly these names (the page after a change has arrived). */
  async function expectNames(t: Locator, names: string[]) {
    await expect.poll(() => rowNames(t), { timeout: wait }).toEqual(names);
  }

  beforeAll(async () => {
    const files = tempDir('vigil-e2e-lists-');
    cleanup = files.cleanup;
    const dbPath = join(files.dir, 'vigil.db');
    await run(process.execPath, [cliPath, 'demo', '--db', dbPath], { cwd: repoRoot, timeout: 180_000 });
    server = await startServe(dbPath);
    rpc = serveRpc(server);
    origin = new URL(server.url).origin;
    // Created in an order unlike either sort, with two vendors and an owner on some.
    for (const n of [...Array.from({ length: productCount }, (_, i) => i + 1)].sort((a, b) => (a * 7919) % 61 - (b * 7919) % 61)) {
      await rpc('systems.create', { name: product(n), vendor: n % 2 === 0 ? 'Even Vendor' : 'Odd Vendor', owner: n % 5 === 0 ? 'Grace Hopper' : '' });
    }
    browser = await launchBrowser(browserPath);
    browser.context.setDefaultTimeout(wait);
    page = await browser.context.newPage();
    await page.setViewportSize({ width: 1440, height: 900 });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(m.text());
    });
    page.on('response', (response) => {
      if (response.status() >= 400) failedRequests.push(`${response.request().method()} ${response.url()}: HTTP ${response.status()}`);
    });
    await page.goto(server.url);
    await page.getByRole('link', { name: 'Inventory' }).first().click();
    await page.getByRole('heading', { name: 'AI system inventory', exact: true }).waitFor();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    cleanup();
  });

  it('inventory: sorts names in natural order, pages, and shows the columns of systems.page', async () => {
    const systems = table('AI systems');
    await main().getByRole('searchbox', { name: 'Search' }).fill('Clinical AI product');
    await expect.poll(() => query().search, { timeout: wait }).toBe('Clinical AI product');
    // Natural order: 1, 2, …, 9, 10, 11 — not 1, 10, 11, …, 2.
    await expectNames(systems, Array.from({ length: 25 }, (_, i) => product(i + 1)));
    expect(await rowsText().textContent()).toBe(`Rows 1–25 of ${productCount}`);
    expect(await headerOf(systems, 'Name').getAttribute('aria-sort')).toBe('ascending');
    for (const column of ['Name', 'Vendor', 'Lifecycle stage', 'Overall band', 'Open risks', 'Above appetite', 'Owner', 'Next review']) {
      expect(await sortButton(systems, column).count(), column).toBe(1);
    }
    const tenth = (await rowNames(systems)).indexOf(product(10));
    const row = systems.locator('tbody tr').nth(tenth);
    expect((await row.innerText()).replace(/\s+/g, ' ')).toMatch(/Clinical AI product 10 Even Vendor .*Grace Hopper/);
    await expectNoAxeViolations();

    // The second page, with the pager's buttons.
    await main().getByRole('button', { name: 'Next page' }).click();
    await expectNames(systems, Array.from({ length: productCount - 25 }, (_, i) => product(i + 26)));
    expect(await rowsText().textContent()).toBe(`Rows 26–${productCount} of ${productCount}`);
    expect(query().page).toBe('2');
    await expectNoAxeViolations();
  });

  it('inventory: sorts and pages from the keyboard alone', async () => {
    const systems = table('AI systems');
    await main().getByRole('button', { name: 'First page' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => rowsText().textContent(), { timeout: wait }).toBe(`Rows 1–25 of ${productCount}`);
    // Enter on the sorted column's heading turns its order round; a sort goes back to page 1.
    await sortButton(systems, 'Name').focus();
    await page.keyboard.press('Enter');
    await expectNames(systems, Array.from({ length: 25 }, (_, i) => product(productCount - i)));
    expect(await headerOf(systems, 'Name').getAttribute('aria-sort')).toBe('descending');
    expect(query()).toMatchObject({ direction: 'desc', search: 'Clinical AI product' });
    expect(query().page).toBeUndefined();
    // Space presses a pager button as well as Enter does.
    await main().getByRole('button', { name: 'Next page' }).focus();
    await page.keyboard.press('Space');
    await expectNames(systems, [5, 4, 3, 2, 1].map(product));
    await expectNoAxeViolations();
  });

  it('inventory: a reload of the address restores the search, sort and page', async () => {
    const address = page.url();
    expect(query()).toMatchObject({ search: 'Clinical AI product', direction: 'desc', page: '2' });
    await page.reload();
    const systems = table('AI systems');
    await expectNames(systems, [5, 4, 3, 2, 1].map(product));
    expect(page.url()).toBe(address);
    expect(await main().getByRole('searchbox', { name: 'Search' }).inputValue()).toBe('Clinical AI product');
    expect(await headerOf(systems, 'Name').getAttribute('aria-sort')).toBe('descending');
    expect(await rowsText().textContent()).toBe(`Rows 26–${productCount} of ${productCount}`);
    // Back returns to the page before, as the history recorded it.
    await page.goBack();
    await expectNames(systems, Array.from({ length: 25 }, (_, i) => product(productCount - i)));
  });

  it('inventory: each filter shows what systems.page answers for it, and a bad parameter is dropped', async () => {
    const systems = table('AI systems');
    await page.goto(`${origin}/#/systems?vendor=Even%20Vendor&owner=nobody&page=x&sort=nonsense`);
    const evens = await systemsPage({ vendor: 'Even Vendor' });
    expect(evens.total).toBe(Math.floor(productCount / 2));
    await expectNames(systems, evens.rows.map((r) => r.name));
    expect(await main().getByRole('textbox', { name: 'Vendor' }).inputValue()).toBe('Even Vendor');

    // The demo portfolio's own systems: stage, band, above appetite, review due and archived.
    await page.goto(`${origin}/#/systems`);
    await expectNames(systems, (await systemsPage({})).rows.map((r) => r.name));
    const all = await systemsPage({ includeArchived: true, limit: 200 });
    const demoSystem = all.rows.find((r) => r.overallBand !== null && r.aboveAppetite > 0);
    if (!demoSystem?.overallBand) throw new Error('the demo portfolio has no system with risks above appetite');

    await main().getByRole('switch', { name: 'Above appetite only' }).check();
    const above = await systemsPage({ aboveAppetiteOnly: true });
    expect(above.total).toBeGreaterThan(0);
    await expectNames(systems, above.rows.map((r) => r.name));
    expect(query()).toEqual({ aboveAppetiteOnly: '1' });
    await expectNoAxeViolations();

    const catalog = await rpc<{ matrix: { bands: { id: string; label: string }[] } }>('templates.catalog', {});
    const band = catalog.matrix.bands.find((b) => b.id === demoSystem.overallBand);
    await choose('Overall band', band?.label ?? '');
    const banded = await systemsPage({ aboveAppetiteOnly: true, overallBand: demoSystem.overallBand });
    await expectNames(systems, banded.rows.map((r) => r.name));
    expect(query()).toEqual({ aboveAppetiteOnly: '1', overallBand: demoSystem.overallBand });

    await main().getByRole('switch', { name: 'Above appetite only' }).uncheck();
    await main().getByRole('combobox', { name: 'Overall band' }).click();
    await main().getByRole('combobox', { name: 'Overall band' }).press('Escape');
    await page.goto(`${origin}/#/systems?lifecycleStage=inUse`);
    await expectNames(systems, (await systemsPage({ lifecycleStage: 'inUse' })).rows.map((r) => r.name));
    expect(await main().getByRole('combobox', { name: 'Lifecycle stage' }).inputValue()).toBe('In use');

    await page.goto(`${origin}/#/systems`);
    await choose('Review due', 'Within 90 days');
    expect(query()).toEqual({ reviewDueWithinDays: '90' });
    await expectNames(systems, (await systemsPage({ reviewDueWithinDays: 90 })).rows.map((r) => r.name));

    await page.goto(`${origin}/#/systems?search=Bed%20demand`);
    await expectNames(systems, []);
    await main().getByRole('switch', { name: 'Show archived' }).check();
    await expectNames(systems, (await systemsPage({ search: 'Bed demand', includeArchived: true })).rows.map((r) => r.name));
    expect((await rowNames(systems)).length).toBe(1);
    await systems.getByText('Archived', { exact: true }).waitFor();
    await expectNoAxeViolations();
  });

  it('inventory: the above-appetite count opens the risk register filtered to that system', async () => {
    const systems = table('AI systems');
    await page.goto(`${origin}/#/systems?aboveAppetiteOnly=1&sort=aboveAppetite&direction=desc`);
    const top = (await systemsPage({ aboveAppetiteOnly: true, sort: 'aboveAppetite', direction: 'desc' })).rows[0];
    if (!top) throw new Error('no system above appetite');
    await expectNames(systems, (await systemsPage({ aboveAppetiteOnly: true, sort: 'aboveAppetite', direction: 'desc' })).rows.map((r) => r.name));
    expect(await headerOf(systems, 'Above appetite').getAttribute('aria-sort')).toBe('descending');
    const link = systems.getByRole('link', { name: `${top.aboveAppetite} risks of ${top.name} above appetite`, exact: true });
    await link.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => hash().split('?')[0], { timeout: wait }).toBe('#/risks');
    expect(query()).toEqual({ systemId: top.id, openOnly: '1', aboveAppetite: '1' });
  });

  it('assessments: filters by system, stage, status and band, sorts by progress, and pages', async () => {
    await page.goto(`${origin}/#/assessments`);
    const assessments = table('Assessments');
    const all = await rpc<AssessmentPage>('assessments.page', {});
    expect(all.total).toBeGreaterThan(1);
    await expectNames(assessments, all.rows.map((r) => r.title));
    await expectNoAxeViolations();

    const first = all.rows[0];
    if (!first) throw new Error('no assessment');
    await chooseSystem(first.systemName);
    const ofSystem = await rpc<AssessmentPage>('assessments.page', { systemId: first.systemId });
    await expectNames(assessments, ofSystem.rows.map((r) => r.title));
    expect(query()).toEqual({ systemId: first.systemId });

    await page.goto(`${origin}/#/assessments`);
    await choose('Status', assessmentStatusLabels[first.status]);
    const sameStatus = await rpc<AssessmentPage>('assessments.page', { status: first.status });
    await expectNames(assessments, sameStatus.rows.map((r) => r.title));
    await choose('Stage', stageLabels[first.stage]);
    const both = await rpc<AssessmentPage>('assessments.page', { status: first.status, stage: first.stage });
    await expectNames(assessments, both.rows.map((r) => r.title));
    expect(query()).toEqual({ status: first.status, stage: first.stage });

    // The overall band, worded as the matrix names it.
    if (first.overallBand === null) throw new Error('the newest demo assessment is not scored');
    const catalog = await rpc<{ matrix: { bands: { id: string; label: string }[] } }>('templates.catalog', {});
    await page.goto(`${origin}/#/assessments`);
    await choose('Overall band', catalog.matrix.bands.find((b) => b.id === first.overallBand)?.label ?? '');
    const banded = await rpc<AssessmentPage>('assessments.page', { overallBand: first.overallBand });
    expect(banded.total).toBeLessThan(all.total);
    await expectNames(assessments, banded.rows.map((r) => r.title));
    expect(query()).toEqual({ overallBand: first.overallBand });

    await page.goto(`${origin}/#/assessments`);
    await sortButton(assessments, 'Progress').click();
    const byProgress = await rpc<AssessmentPage>('assessments.page', { sort: 'progress', direction: 'desc' });
    await expectNames(assessments, byProgress.rows.map((r) => r.title));
    expect(await headerOf(assessments, 'Progress').getAttribute('aria-sort')).toBe('descending');
    await sortButton(assessments, 'Overall').focus();
    await page.keyboard.press('Enter');
    const byBand = await rpc<AssessmentPage>('assessments.page', { sort: 'overallBand', direction: 'desc' });
    await expectNames(assessments, byBand.rows.map((r) => r.title));
    expect(query()).toEqual({ sort: 'overallBand' });
    await expectNoAxeViolations();

    await main().getByRole('searchbox', { name: 'Search' }).fill(first.id);
    await expectNames(assessments, [first.title]);

    // Pages of two (the page size is part of the address too).
    await page.goto(`${origin}/#/assessments?limit=2&page=2`);
    const second = await rpc<AssessmentPage>('assessments.page', { limit: 2, offset: 2 });
    await expectNames(assessments, second.rows.map((r) => r.title));
    expect(await rowsText().textContent()).toBe(`Rows 3–4 of ${all.total}`);
    await main().getByRole('button', { name: 'Previous page' }).click();
    await expectNames(assessments, all.rows.slice(0, 2).map((r) => r.title));
    expect(query()).toEqual({ limit: '2' });
  });

  it('assessments: two selected competing products compared side by side, exported to Word', async () => {
    await page.goto(`${origin}/#/assessments?stage=procurement&search=Ambient`);
    const assessments = table('Assessments');
    const titles = ['Procurement assessment of Ambient clinical scribe', 'Procurement assessment of Ambient consultation notes'];
    await expect.poll(async () => [...(await rowNames(assessments))].sort(), { timeout: wait }).toEqual(titles);
    const compare = main().getByRole('button', { name: 'Compare selected' });
    expect(await compare.isDisabled()).toBe(true);
    // Selected from the keyboard, as the risk register's rows are.
    await main().getByRole('checkbox', { name: `Select ${titles[0]}` }).focus();
    await page.keyboard.press('Space');
    await main().getByRole('checkbox', { name: `Select ${titles[1]}` }).focus();
    await page.keyboard.press('Space');
    await expect.poll(() => compare.isDisabled(), { timeout: wait }).toBe(false);
    await compare.click();
    await expect.poll(() => hash().split('?')[0], { timeout: wait }).toBe('#/compare');
    const ids = (query().ids ?? '').split(',');
    const c = await rpc<Comparison>('assessments.compare', { assessmentIds: ids });
    await main().getByText(c.summary.statement, { exact: true }).waitFor();
    const threats = table('Threats side by side');
    expect(await threats.locator('tbody tr').count()).toBe(c.threats.length);
    // The lowest residual is said in words, not by colour alone.
    const lowest = c.threats.find((t) => t.lowestResidual.length === 1);
    if (!lowest) throw new Error('the demo candidates never differ');
    const row = threats.getByRole('row').filter({ has: page.getByRole('rowheader', { name: lowest.name }) });
    await expect.poll(() => row.textContent(), { timeout: wait }).toContain('▼ lowest');
    await main().getByRole('checkbox', { name: 'Only threats that differ' }).check();
    expect(await threats.locator('tbody tr').count()).toBe(c.threats.filter((t) => t.differs).length);
    expect(await table('Answers that differ').locator('tbody tr').count()).toBe(c.answers.length);
    await expectNoAxeViolations();
    const [download] = await Promise.all([page.waitForEvent('download'), main().getByRole('button', { name: 'Export to Word' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^vigil-comparison-ASM-[A-Z0-9]+-ASM-[A-Z0-9]+-\d{4}-\d{2}-\d{2}\.docx$/);
    await main().getByText('Export ready').waitFor();
  });

  it('review log: a tab of Reviews, filtered to awaiting or decided, kept in the address', async () => {
    await page.goto(`${origin}/#/reviews`);
    await page.getByRole('tab', { name: 'Review log' }).click();
    await expect.poll(() => hash(), { timeout: wait }).toBe('#/reviews/log');
    const log = table('Review log');
    const all = await rpc<ReviewPage>('reviews.page', {});
    expect(all.total).toBeGreaterThan(0);
    await expectNames(log, all.rows.map((r) => r.title));
    await expectNoAxeViolations();

    await decision('Decided');
    const decided = await rpc<ReviewPage>('reviews.page', { state: 'decided' });
    await expectNames(log, decided.rows.map((r) => r.title));
    expect(hash()).toBe('#/reviews/log?state=decided');
    for (const row of decided.rows) expect(row.decidedAt).not.toBeNull();
    await page.reload();
    await expectNames(log, decided.rows.map((r) => r.title));
    expect(await page.getByRole('tab', { name: 'Review log' }).getAttribute('aria-selected')).toBe('true');
    expect(await page.getByRole('radio', { name: 'Decided' }).isChecked()).toBe(true);

    await decision('Awaiting a decision');
    const awaiting = await rpc<ReviewPage>('reviews.page', { state: 'awaiting' });
    await expectNames(log, awaiting.rows.map((r) => r.title));
    for (const row of awaiting.rows) expect(row.decidedAt).toBeNull();
    await expectNoAxeViolations();

    await page.getByRole('tab', { name: 'Awaiting you' }).click();
    await expect.poll(() => hash(), { timeout: wait }).toBe('#/reviews');
  });

  it('audit log: from the navigation and Settings → Integrity, newest first, paged and filtered', async () => {
    await page.goto(`${origin}/#/settings/integrity`);
    await page.getByRole('link', { name: /^Read the audit log/ }).click();
    await expect.poll(() => hash(), { timeout: wait }).toBe('#/audit');
    await page.goto(`${origin}/#/systems`);
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Audit log', exact: true }).click();
    await expect.poll(() => hash(), { timeout: wait }).toBe('#/audit');
    await page.getByRole('heading', { name: 'Audit log', exact: true, level: 1 }).waitFor();
    const events = table('Audit events');
    const seqs = () => events.locator('tbody tr td:first-child').allInnerTexts();

    const newest = await rpc<AuditEventPage>('audit.events', {});
    expect(newest.total).toBeGreaterThan(100);
    await expect.poll(seqs, { timeout: wait }).toEqual(newest.rows.map((e) => `#${e.seq}`));
    // Newest first: sequence numbers fall down the page.
    expect(newest.rows.map((e) => e.seq)).toEqual([...newest.rows.map((e) => e.seq)].sort((a, b) => b - a));
    expect(await rowsText().textContent()).toBe(`Rows 1–25 of ${newest.total.toLocaleString('en-US')}`);
    await expectNoAxeViolations();

    await main().getByRole('button', { name: 'Next page' }).click();
    const second = await rpc<AuditEventPage>('audit.events', { offset: 25 });
    await expect.poll(seqs, { timeout: wait }).toEqual(second.rows.map((e) => `#${e.seq}`));
    expect(query()).toEqual({ page: '2' });

    // Filtering by action goes back to the first page.
    // Actions are chosen and shown in words (auditActionLabels); the address keeps the code.
    await main().getByRole('combobox', { name: 'Action' }).selectOption({ label: 'System added' });
    const created = await rpc<AuditEventPage>('audit.events', { action: 'system.created' });
    expect(created.total).toBeGreaterThanOrEqual(productCount);
    await expect.poll(seqs, { timeout: wait }).toEqual(created.rows.map((e) => `#${e.seq}`));
    expect(query()).toEqual({ action: 'system.created' });
    for (const text of await events.locator('tbody tr').allInnerTexts()) {
      expect(text).toContain('System added');
      expect(text).not.toContain('system.created');
    }

    // A record's events, oldest first, and a date window.
    const one = created.rows[0];
    if (!one) throw new Error('no system.created event');
    await page.goto(`${origin}/#/audit?entity=${one.entity}&direction=asc`);
    const ofEntity = await rpc<AuditEventPage>('audit.events', { entity: one.entity, direction: 'asc' });
    await expect.poll(seqs, { timeout: wait }).toEqual(ofEntity.rows.map((e) => `#${e.seq}`));
    expect(await events.getByRole('link', { name: one.entity }).first().getAttribute('href')).toBe(`#/systems/${one.entity}`);
    const day = one.at.slice(0, 10);
    await page.goto(`${origin}/#/audit?from=2000-01-01&to=2000-12-31`);
    await main().getByText('No event matches these filters.').waitFor();
    // Polled: an address change keeps the previous rows on screen until the new page arrives.
    await expect.poll(() => events.locator('tbody tr td a').count(), { timeout: wait }).toBe(0);
    await page.goto(`${origin}/#/audit?from=${day}&to=${day}&actor=${encodeURIComponent(one.actor)}`);
    const windowed = await rpc<AuditEventPage>('audit.events', { from: day, to: day, actor: one.actor });
    expect(windowed.total).toBeGreaterThan(0);
    await expect.poll(seqs, { timeout: wait }).toEqual(windowed.rows.map((e) => `#${e.seq}`));
    expect(await main().getByRole('textbox', { name: 'Who' }).inputValue()).toBe(one.actor);
    await expectNoAxeViolations();
  });

  it('logged no page errors and no failed requests', () => {
    expect(pageErrors).toEqual([]);
    expect(failedRequests).toEqual([]);
  });
});
