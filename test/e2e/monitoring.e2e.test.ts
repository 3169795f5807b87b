// Continuous monitoring in the browser (issue 20): acceptance criteria set with the keyboard on
// the local validation assessment, a monitoring file refused by row and column with nothing
// imported, a good file whose subgroup breach records a drift event and opens a re-assessment,
// the chart's summary and breach markers, and its table alternative; axe on each, light and dark.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AiSystem, AssessmentDetail, CriteriaSet, MonitoringSummary } from '../../electron/contract/index.ts';
import { tempDir } from '../support/core-fixture.ts';
import { axeViolations } from '../support/axe.ts';
import { browserRequired, cliPath, findBrowser, launchBrowser, repoRoot, serveRpc, startServe, type LaunchedBrowser, type ServeProcess } from '../support/browser.ts';

const run = promisify(execFile);
const wait = 30_000;
const browserPath = findBrowser();

if (browserPath === null) {
  describe('monitoring e2e', () => {
    if (browserRequired()) {
      it('has a Chromium-family browser', () => {
        throw new Error('VIGIL_REQUIRE_BROWSER=1 but no Chromium-family browser found (install chromium or set VIGIL_BROWSER)');
      });
    } else {
      it.skip('SKIPPED: no Chromium-family browser found (install chromium or set VIGIL_BROWSER; VIGIL_REQUIRE_BROWSER=1 makes this fail)', () => {});
    }
  });
}

/** The last `count` calendar months up to this one, oldest first, as YYYY-MM (the import refuses a month still to come). */
function lastMonths(count: number, now = new Date()): string[] {
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(now.getFullYear(), now.getMonth() - (count - 1 - i), 1);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
  });
}

describe.skipIf(browserPath === null)('monitoring: criteria, upload, breach, chart and its table (Chromium)', () => {
  const person = 'Dana Reyes';
  const months = lastMonths(6);
  // Overall steady at 0.85; patients 65 and over fall below 0.80 in the last two months.
  const overall = [0.86, 0.85, 0.85, 0.84, 0.85, 0.85];
  const older = [0.84, 0.83, 0.82, 0.81, 0.76, 0.71];
  let files: { dir: string; cleanup: () => void } | undefined;
  let serve: ServeProcess | undefined;
  let browser: LaunchedBrowser | undefined;
  let page: Page;
  let rpc: ReturnType<typeof serveRpc>;
  let system: AiSystem;
  let validation: AssessmentDetail;
  const errors: string[] = [];

  const visible = (locator: Locator) => locator.waitFor({ state: 'visible', timeout: wait });
  const origin = () => new URL(serve?.url ?? '').origin;
  const scheme = () => page.evaluate(() => document.documentElement.getAttribute('data-mantine-color-scheme'));
  /** axe in both colour schemes ("follow the system", the default, takes the emulated one). */
  async function axeBoth(selector: string, what: string) {
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await expect.poll(scheme, { timeout: wait }).toBe(colorScheme);
      expect(await axeViolations(page, selector), `${what}, ${colorScheme}`).toEqual([]);
    }
    await page.emulateMedia({ colorScheme: 'light' });
  }
  const focused = () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? '');

  beforeAll(async () => {
    files = tempDir('vigil-e2e-monitoring-');
    const dbPath = join(files.dir, 'vigil.db');
    await run(process.execPath, [cliPath, 'people', 'add', '--name', person, '--roles', 'assessor', '--db', dbPath], { cwd: repoRoot, timeout: wait });
    serve = await startServe(dbPath);
    rpc = serveRpc(serve);
    const by = { name: person, role: 'assessor' };
    system = await rpc<AiSystem>('systems.create', { name: 'Sepsis early warning', vendor: 'Acme Health', by });
    validation = await rpc<AssessmentDetail>('assessments.start', { systemId: system.id, stage: 'validation', by });
    browser = await launchBrowser(browserPath);
    browser.context.setDefaultTimeout(wait);
    page = await browser.context.newPage();
    await page.setViewportSize({ width: 1366, height: 900 });
    page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      // The refused file's answer (HTTP 422) is logged by the browser as a failed resource: expected.
      if (m.type() === 'error' && !/status of 422/.test(m.text())) errors.push(m.text());
    });
    await page.goto(serve.url);
    await page.getByRole('heading', { name: 'Portfolio dashboard', exact: true }).waitFor();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    files?.cleanup();
  });

  it('sets two acceptance criteria on the validation assessment with the keyboard; a value off the scale is marked on its field and takes the focus', async () => {
    await page.getByRole('combobox', { name: 'Acting as' }).click();
    await page.getByRole('option', { name: person, exact: true }).click();
    await expect.poll(() => page.getByRole('combobox', { name: 'Acting as' }).inputValue(), { timeout: wait }).toBe(person);
    await page.goto(`${origin()}/#/assessments/${validation.id}`);
    await visible(page.getByRole('heading', { level: 1, name: validation.title }));
    const tab = page.getByRole('tab', { name: 'Acceptance criteria' });
    await tab.focus();
    await page.keyboard.press('Enter');
    const editor = page.getByRole('region', { name: 'Acceptance criteria for monitoring' });
    await visible(editor);
    const field = (label: string, row: number) => editor.getByRole(label.startsWith('Metric') ? 'combobox' : 'textbox', { name: `${label}, row ${row}`, exact: true });

    /** Chooses a metric in a native select with the arrow keys only. */
    async function chooseMetric(row: number, label: string) {
      await field('Metric', row).focus();
      for (let i = 0; i < 12 && (await field('Metric', row).evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.text)) !== label; i++) await page.keyboard.press('ArrowDown');
      expect(await field('Metric', row).evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.text)).toBe(label);
    }

    // Row 1: sensitivity overall at least 0.80, typed field by field with Tab.
    await chooseMetric(1, 'Sensitivity');
    await page.keyboard.press('Tab'); // subgroup, "all" already
    expect(await focused()).toBe('Subgroup, row 1');
    await page.keyboard.press('Tab');
    await page.keyboard.type('0.8');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Rationale, row 1');
    await page.keyboard.type('Local validation: 0.86 overall');
    // Past "Remove row 1" to "Add a criterion": the new row's metric takes the focus.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Add a criterion');
    await page.keyboard.press('Enter');
    await expect.poll(focused, { timeout: wait }).toBe('Metric, row 2');

    // Row 2: sensitivity for age 65+, with a percentage by mistake.
    await chooseMetric(2, 'Sensitivity');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('age:65+');
    await page.keyboard.press('Tab');
    await page.keyboard.type('80');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.type('0.05');
    await page.keyboard.press('Enter'); // submits the form
    const minimum2 = field('Minimum', 2);
    await expect.poll(() => minimum2.getAttribute('aria-invalid'), { timeout: wait }).toBe('true');
    await expect.poll(focused, { timeout: wait }).toBe('Minimum, row 2');
    await visible(editor.getByText('Sensitivity is between 0 and 1', { exact: false }));
    expect((await rpc<CriteriaSet | null>('monitoring.criteria', { assessmentId: validation.id }))?.criteria ?? []).toEqual([]);
    await axeBoth('#main-content', 'criteria editor with a refused field');

    await page.keyboard.press('Control+A');
    await page.keyboard.type('0.8');
    await page.keyboard.press('Enter');
    await visible(editor.getByRole('status').filter({ hasText: 'The criteria were saved' }));
    const saved = await rpc<CriteriaSet>('monitoring.criteria', { assessmentId: validation.id });
    expect(saved.criteria.map((c) => [c.metric, c.subgroup, c.min, c.max, c.maxGap])).toEqual([
      ['sensitivity', 'all', 0.8, null, null],
      ['sensitivity', 'age:65+', 0.8, null, 0.05],
    ]);
    expect(saved.reviewPeriod).toBe('monthly');
    expect(errors).toEqual([]);
  });

  it('refuses a file with a bad row by row and column, imports nothing; imports a good one, shows the breach, the re-assessment, the chart and its table', async () => {
    await page.goto(`${origin()}/#/systems/${system.id}`);
    const panel = page.getByRole('region', { name: 'Monitoring' });
    await visible(panel);
    // The criteria in force, read-only, linking to the validation assessment.
    const inForce = panel.getByRole('list', { name: 'Acceptance criteria in force' });
    await visible(inForce);
    expect(await inForce.getByRole('listitem').allInnerTexts()).toEqual([
      'Sensitivity overall: at least 0.80 — Local validation: 0.86 overall',
      'Sensitivity for age 65+: at least 0.80, no more than 0.05 from the overall value',
    ]);
    expect(await panel.getByRole('link', { name: new RegExp(validation.id) }).getAttribute('href')).toBe(`#/assessments/${validation.id}`);

    const input = panel.locator('input[type=file]');
    const header = 'metric,subgroup,period,value,n,source';
    const rows = months.flatMap((m, i) => [`sensitivity,all,${m},${overall[i]},1500,EHR monitoring`, `sensitivity,age:65+,${m},${older[i]},212,EHR monitoring`]);
    // Row 3 of the file (its second data row) gives a percentage.
    const bad = [header, rows[0], rows[1]?.replace(`,${older[0]},`, ',84,'), ...rows.slice(2)].join('\n');
    await input.setInputFiles({ name: 'monitoring-bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad, 'utf8') });
    const refusal = panel.getByRole('alert').filter({ hasText: 'The file was not imported' });
    await visible(refusal);
    const problems = await refusal.getByRole('list', { name: 'Problems in the file' }).getByRole('listitem').allInnerTexts();
    expect(problems.length).toBeGreaterThanOrEqual(1);
    expect(problems[0]).toMatch(/^Row 3, column value: .*percentage/i);
    const untouched = await rpc<MonitoringSummary>('monitoring.summary', { systemId: system.id });
    expect(untouched.imports).toEqual([]);
    expect(untouched.series).toEqual([]);
    await axeBoth('#main-content', 'monitoring panel with a refused file');

    await input.setInputFiles({ name: 'monitoring.csv', mimeType: 'text/csv', buffer: Buffer.from([header, ...rows].join('\n'), 'utf8') });
    const done = panel.getByRole('status').filter({ hasText: 'monitoring.csv was imported' });
    await visible(done);
    expect(await refusal.count()).toBe(0);
    const summary = await rpc<MonitoringSummary>('monitoring.summary', { systemId: system.id });
    expect(summary.imports).toHaveLength(1);
    expect(summary.breaches.map((b) => [b.subgroup, b.period])).toEqual([
      ['age:65+', months[5]],
      ['age:65+', months[4]],
    ]);
    const doneText = await done.innerText();
    expect(doneText).toContain('12 rows read: 12 new, 0 already recorded');
    for (const b of summary.breaches) expect(doneText.replace(/\s+/g, ' ')).toContain(b.words.replace(/\s+/g, ' '));
    const reassessment = done.getByRole('link', { name: /open the re-assessment/ });
    expect(await reassessment.getAttribute('href')).toMatch(/^#\/assessments\/ASM-/);

    // The chart: named by its title and the sentence saying what crossed, breaches drawn as triangles.
    const chart = panel.getByRole('region', { name: 'Sensitivity', exact: true });
    await visible(chart);
    const sentence = await chart.locator('[id="monitoring-sensitivity-summary"]').innerText();
    expect(sentence).toMatch(/Sensitivity for age 65\+ fell below 0\.80 in /);
    // The chart is one image to assistive technology, named by its title and that sentence.
    await visible(chart.getByRole('img', { name: `Sensitivity ${sentence}`, exact: true }));
    await expect.poll(() => chart.locator('[data-breached="true"]').count(), { timeout: wait }).toBe(2);
    // The breaches list, newest first, and the import with its SHA-256 to copy.
    const breaches = await panel.getByRole('list', { name: 'Breaches, newest first' }).getByRole('listitem').allInnerTexts();
    expect(breaches).toHaveLength(2);
    const imports = panel.getByRole('table', { name: 'Monitoring files imported, newest first' });
    await visible(imports.getByRole('button', { name: 'Copy the SHA-256 of monitoring.csv', exact: true }));
    expect(await imports.locator('[data-sha256]').getAttribute('title')).toBe(summary.imports[0]?.sha256);
    expect(await imports.locator('[data-sha256]').innerText()).toBe(`${summary.imports[0]?.sha256.slice(0, 12) ?? ''}…`);

    // The table alternative: a disclosure opened with the keyboard, one row per month and subgroup.
    const disclosure = chart.locator('summary', { hasText: 'Show Sensitivity as a table' });
    await disclosure.focus();
    await page.keyboard.press('Enter');
    const table = chart.getByRole('table', { name: /Sensitivity by month and subgroup/ });
    await visible(table);
    const bodyRows = table.locator('tbody tr');
    expect(await bodyRows.count()).toBe(12);
    const last = (await bodyRows.nth(11).innerText()).replace(/\s+/g, ' ');
    expect(last).toContain('age 65+ 0.71 212 Breached: below the minimum 0.80');
    const first = (await bodyRows.nth(0).innerText()).replace(/\s+/g, ' ');
    expect(first).toContain('Overall 0.86 1,500 Within limits');
    expect(await table.innerText()).not.toMatch(/\b\d{4}-\d{2}\b/);
    await axeBoth('#main-content', 'monitoring panel with the chart and its table');
    expect(errors).toEqual([]);
  });
});
