// `npm run bench`, Chromium part (issue 16): the lists as a user meets them, on databases of
// 5,000 and 20,000 risks (built once through the core and cached, build-risk-database.ts),
// served in browser mode (`vigil serve`) and driven in headless Chromium. For each size,
// several visits in fresh tabs, each measuring in the page's own clock:
//   - risk register: navigation start → first risk rows painted (the frame after the one that
//     put them in the page; that one's time is reported too);
//   - sort by the System column (its header button) → the rows change;
//   - filter Band = Critical (the control labelled "Band") → the rows change, all Critical;
//   - open the first risk → its drawer shows the risk's levels;
//   - the longest main-thread task of the visit (PerformanceObserver 'longtask', buffered), and
//     the longest after the first rows (the interactions'); the list request's own time;
//   - page memory: JSHeapUsedSize from CDP Performance.getMetrics after load and after the
//     interactions (after a forced GC, what the page keeps), and DOM nodes;
//   - inventory and assessments list: navigation start → first rows;
//   - a system page with two years of monitoring (issue 20: 4 metrics × 7 lines × 24 months,
//     imported through monitoring.import before the visits): navigation start → its charts'
//     lines painted.
// Medians are printed beside the targets for 20,000 risks and written to a JSON file. The
// bench reports; it never fails on speed (a machine shared by many jobs is no judge of that).
//
// Selectors agreed with the paged register (docs/lists.md): rows are `tr[data-risk]`, the band
// filter is the control labelled "Band", sortable columns are column headers holding a button.
// Environment: VIGIL_BENCH_SIZES (default "5000,20000"), VIGIL_BENCH_REPS (default 5),
// VIGIL_BENCH_TIMEOUT_MS (each wait, default 120000), VIGIL_BENCH_LABEL (names the JSON file).
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { BrowserContext, Page } from 'playwright-core';
import { tempDir } from '../support/core-fixture.ts';
import { findBrowser, launchBrowser, serveRpc, startServe } from '../support/browser.ts';
import { benchCacheDir, cachedRiskDatabase, copyCachedRiskDatabase } from './risk-database-cache.ts';
import { installProbe, type WatchSpec } from './page-probe.ts';

const sizes = (process.env.VIGIL_BENCH_SIZES ?? '5000,20000').split(',').map(Number);
const reps = Number(process.env.VIGIL_BENCH_REPS ?? 5);
const cap = Number(process.env.VIGIL_BENCH_TIMEOUT_MS ?? 120_000);
const label = process.env.VIGIL_BENCH_LABEL ?? 'latest';
const highestBand = 'Critical';

/** A figure, or why there is none. */
type Figure = number | 'timeout' | 'n/a' | 'skipped';

const measures = {
  registerFirstRows: { title: 'Risk register: first rows painted', unit: 'ms', target: 1000 },
  registerRowsInDom: { title: '(rows in the DOM, before layout)', unit: 'ms', target: null },
  sort: { title: 'Sort by System → rows', unit: 'ms', target: 300 },
  filter: { title: `Filter Band = ${highestBand} → rows`, unit: 'ms', target: 300 },
  openRisk: { title: 'Open a risk → drawer content', unit: 'ms', target: null },
  registerRequest: { title: '(its list request: server + transfer)', unit: 'ms', target: null },
  longestTask: { title: 'Longest main-thread task (visit)', unit: 'ms', target: 200 },
  longestTaskAfterLoad: { title: '(longest after first rows: interactions)', unit: 'ms', target: null },
  heapAfterLoadMb: { title: 'JS heap used after first rows', unit: 'MB', target: null },
  heapRetainedMb: { title: 'JS heap kept after all (after GC)', unit: 'MB', target: 150 },
  domNodes: { title: 'DOM nodes after all', unit: '', target: null },
  // Other jobs on the machine stretch every time above: the 1-minute load average during the visit.
  machineLoad: { title: '(machine load average, 1 min)', unit: '', target: null },
  inventoryFirstRows: { title: 'Inventory: first rows', unit: 'ms', target: null },
  assessmentsFirstRows: { title: 'Assessments list: first rows', unit: 'ms', target: null },
  monitoringCharts: { title: 'System page: monitoring charts painted', unit: 'ms', target: null },
} as const;
type Measure = keyof typeof measures;
type Visit = Record<Measure, Figure>;

const emptyVisit = (): Visit => Object.fromEntries(Object.keys(measures).map((k) => [k, 'skipped'])) as Visit;

/** A tab whose probe is installed before the app's scripts, watching `watch` from navigation start. */
async function probedPage(context: BrowserContext, token: string, watch: WatchSpec): Promise<Page> {
  const page = await context.newPage();
  await page.addInitScript(installProbe, { token, watch });
  return page;
}

/** When the watched condition held (`seen`) and was painted (`done`), page clock; or 'timeout'. */
async function watched(page: Page): Promise<{ seen: number; done: number } | 'timeout'> {
  try {
    const handle = await page.waitForFunction(() => (window.__bench.watch?.done ? window.__bench.watch : null), undefined, { timeout: cap, polling: 100 });
    return (await handle.jsonValue()) as { seen: number; done: number };
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError') return 'timeout';
    throw error;
  }
}

const painted = (w: { done: number } | 'timeout'): Figure => (w === 'timeout' ? w : w.done);

/** Watches `spec`, does `act`, and returns the time from the last input `act` made to the condition. */
async function timedInteraction(page: Page, spec: WatchSpec, act: () => Promise<void>): Promise<Figure> {
  await page.evaluate((s) => window.__benchWatch(s), spec);
  await act();
  const done = await watched(page);
  if (done === 'timeout') return done;
  return done.done - (await page.evaluate(() => window.__bench.lastInput));
}

/** Until the page is quiet: no request for a while and the main thread answers within a frame. */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle', { timeout: cap }).catch(() => undefined);
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
  await page.waitForTimeout(500);
}

const mb = (bytes: number | undefined) => (bytes === undefined ? 'n/a' : bytes / 1024 / 1024);

async function metrics(page: Page, collectGarbage: boolean): Promise<Map<string, number>> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('Performance.enable');
    if (collectGarbage) await cdp.send('HeapProfiler.collectGarbage');
    const { metrics: list } = await cdp.send('Performance.getMetrics');
    return new Map(list.map((m) => [m.name, m.value]));
  } finally {
    await cdp.detach();
  }
}

/** One visit of the risk register in a fresh tab: first rows, sort, filter, open a risk, long tasks, memory. */
async function visitRegister(context: BrowserContext, origin: string, token: string, visit: Visit): Promise<void> {
  const page = await probedPage(context, token, { kind: 'visible', selector: 'tr[data-risk]' });
  try {
    await page.goto(`${origin}/#/risks`, { waitUntil: 'commit', timeout: cap });
    const rows = await watched(page);
    visit.registerFirstRows = painted(rows);
    if (rows === 'timeout') return;
    visit.registerRowsInDom = rows.seen;
    // The register's own list request (risks.page, or risks.list before the paged register).
    visit.registerRequest = await page.evaluate(() => {
      const request = performance.getEntriesByType('resource').find((e) => /\/rpc\/risks\.(page|list)$/.test(new URL(e.name).pathname));
      return request ? request.duration : 'n/a';
    });
    await settle(page);
    visit.heapAfterLoadMb = mb((await metrics(page, false)).get('JSHeapUsedSize'));

    const sortButton = page.getByRole('columnheader', { name: /^System/ }).getByRole('button');
    if ((await sortButton.count()) === 0) visit.sort = 'n/a';
    else {
      const before = await page.evaluate(() => window.__benchRows());
      visit.sort = await timedInteraction(page, { kind: 'rowsChanged', before }, () => sortButton.first().click({ timeout: cap }));
      await settle(page);
    }

    // The control itself (a combobox also labels its list of options with the same name).
    const band = page.getByLabel('Band', { exact: true }).first();
    if ((await band.count()) === 0) visit.filter = 'n/a';
    else {
      const before = await page.evaluate(() => window.__benchRows());
      const spec: WatchSpec = { kind: 'rowsChanged', before, mustContain: highestBand };
      if ((await band.evaluate((el) => el.tagName)) === 'SELECT') {
        visit.filter = await timedInteraction(page, spec, async () => {
          await band.selectOption({ label: highestBand }, { timeout: cap });
        });
      } else {
        await band.click({ timeout: cap });
        const option = page.getByRole('option', { name: highestBand, exact: true });
        await option.waitFor({ timeout: cap });
        visit.filter = await timedInteraction(page, spec, () => option.click({ timeout: cap }));
      }
      await settle(page);
    }

    // The risk's own link in the first row (other links in it go elsewhere), else the row.
    const row = page.locator('tr[data-risk]').first();
    const link = row.locator('a[href^="#/risks/RSK-"]').first();
    visit.openRisk = await timedInteraction(page, { kind: 'dialog', text: 'Residual' }, async () => {
      await ((await link.count()) > 0 ? link : row).click({ timeout: cap });
    });
    await settle(page);

    const tasks = await page.evaluate(() => window.__bench.longTasks);
    const noReports = tasks.some((t) => t.duration < 0);
    visit.longestTask = noReports ? 'n/a' : Math.max(0, ...tasks.map((t) => t.duration));
    visit.longestTaskAfterLoad = noReports ? 'n/a' : Math.max(0, ...tasks.filter((t) => t.start >= rows.done).map((t) => t.duration));
    const after = await metrics(page, true);
    visit.heapRetainedMb = mb(after.get('JSHeapUsedSize'));
    visit.domNodes = after.get('Nodes') ?? 'n/a';
  } finally {
    await page.close();
  }
}

/** Navigation start → the first row of a list holding a link that matches `selector`. */
async function firstRows(context: BrowserContext, origin: string, token: string, hash: string, selector: string): Promise<Figure> {
  const page = await probedPage(context, token, { kind: 'visible', selector });
  try {
    await page.goto(`${origin}/${hash}`, { waitUntil: 'commit', timeout: cap });
    return painted(await watched(page));
  } finally {
    await page.close();
  }
}

/** Median with timeouts counted as slower than any figure; 'n/a' when no visit had one. */
function median(figures: Figure[]): Figure {
  const counted = figures.filter((f): f is number | 'timeout' => typeof f === 'number' || f === 'timeout');
  if (counted.length === 0) return figures.includes('n/a') ? 'n/a' : 'skipped';
  const sorted = [...counted].sort((a, b) => (a === 'timeout' ? Infinity : a) - (b === 'timeout' ? Infinity : b));
  return sorted[Math.floor((sorted.length - 1) / 2)] as Figure;
}

const show = (f: Figure, unit: string) => (typeof f === 'number' ? `${unit === 'MB' || (unit === '' && f < 100) ? f.toFixed(1) : Math.round(f).toLocaleString('en-GB')}${unit ? ` ${unit}` : ''}` : f === 'timeout' ? `> ${cap / 1000} s (timeout)` : f);

function counts(dbPath: string): { risks: number; systems: number; assessments: number } {
  const db = new Database(dbPath, { readonly: true });
  try {
    const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    return { risks: count('risks'), systems: count('systems'), assessments: count('assessments') };
  } finally {
    db.close();
  }
}

interface SizeResult {
  size: number;
  counts: ReturnType<typeof counts>;
  visits: Visit[];
  medians: Visit;
}

/** Two years of monthly values for one system: 4 metrics, overall and 6 subgroups, as monitoring.import takes them. */
function monitoringFile(now: Date): string {
  const lines = ['metric,subgroup,period,value,n,source'];
  const subgroups = ['all', 'age:18-64', 'age:65-79', 'age:80+', 'sex:female', 'sex:male', 'site:north'];
  for (const [metric, level] of [['sensitivity', 0.9], ['ppv', 0.4], ['auroc', 0.82], ['alertRate', 0.12]] as const) {
    subgroups.forEach((subgroup, g) => {
      for (let back = 24; back >= 1; back--) {
        const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1)).toISOString().slice(0, 7);
        lines.push(`${metric},${subgroup},${month},${(level + ((back * 7 + g * 3) % 10) / 400).toFixed(3)},${200 + g * 10},Bench`);
      }
    });
  }
  return `${lines.join('\n')}\n`;
}

async function benchSize(size: number, executablePath: string): Promise<SizeResult> {
  const files = tempDir('vigil-chromium-bench-');
  const dbPath = await copyCachedRiskDatabase(size, join(files.dir, 'vigil.db'));
  const serve = await startServe(dbPath, cap);
  const browser = await launchBrowser(executablePath);
  try {
    const { origin, hash } = new URL(serve.url);
    const token = decodeURIComponent(hash.replace(/^#token=/, ''));
    const db = new Database(dbPath, { readonly: true });
    const monitored = (db.prepare('SELECT id FROM systems ORDER BY id LIMIT 1').get() as { id: string }).id;
    db.close();
    await serveRpc(serve)('monitoring.import', { systemId: monitored, fileName: 'bench-monitoring.csv', text: monitoringFile(new Date()) });
    const visits: Visit[] = [];
    for (let i = 0; i < reps; i++) {
      const visit = emptyVisit();
      await visitRegister(browser.context, origin, token, visit);
      visit.inventoryFirstRows = await firstRows(browser.context, origin, token, '#/systems', 'table tbody tr a[href^="#/systems/SYS-"]');
      visit.assessmentsFirstRows = await firstRows(browser.context, origin, token, '#/assessments', 'table tbody tr a[href^="#/assessments/ASM-"]');
      visit.monitoringCharts = await firstRows(browser.context, origin, token, `#/systems/${monitored}`, 'svg.recharts-surface .recharts-line-curve');
      visit.machineLoad = loadavg()[0] ?? 'n/a';
      visits.push(visit);
      console.log(`  ${size} risks, visit ${i + 1}/${reps}: ${Object.entries(visit).map(([k, v]) => `${k} ${typeof v === 'number' ? Math.round(v) : v}`).join(', ')}`);
    }
    const medians = Object.fromEntries((Object.keys(measures) as Measure[]).map((k) => [k, median(visits.map((v) => v[k]))])) as Visit;
    return { size, counts: counts(dbPath), visits, medians };
  } finally {
    await browser.close();
    await serve.stop();
    files.cleanup();
  }
}

function printTable(results: SizeResult[]): void {
  const head = ['Measure (median)', ...results.map((r) => `${r.counts.risks.toLocaleString('en-GB')} risks`), 'Target at 20,000', 'Verdict'];
  const rows = (Object.keys(measures) as Measure[]).map((k) => {
    const m = measures[k];
    const largest = results.find((r) => r.size === 20000);
    const at = largest?.medians[k];
    const verdict = m.target === null || at === undefined ? '' : typeof at === 'number' ? (at <= m.target ? 'MEETS' : 'MISSES') : at === 'timeout' ? 'MISSES' : at;
    return [m.title, ...results.map((r) => show(r.medians[k], m.unit)), m.target === null ? '' : `≤ ${m.target.toLocaleString('en-GB')} ${m.unit}`, verdict];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `  ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ')}`;
  console.log(line(head));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const r of rows) console.log(line(r));
}

async function main() {
  const executablePath = findBrowser();
  if (!executablePath) {
    console.log('Chromium bench skipped: no Chromium-family browser found (set VIGIL_BROWSER).');
    return;
  }
  console.log(`Chromium bench (${label}): ${reps} visits per size in fresh tabs, each wait capped at ${cap / 1000} s; memory from CDP Performance.getMetrics; ${cpus().length} CPUs`);
  console.log('  (performance.measureUserAgentSpecificMemory needs a cross-origin-isolated page, which browser mode is not).');
  const results: SizeResult[] = [];
  for (const size of sizes) {
    await cachedRiskDatabase(size, console.log);
    results.push(await benchSize(size, executablePath));
  }
  printTable(results);
  const dir = join(benchCacheDir, 'results');
  mkdirSync(dir, { recursive: true });
  const out = join(dir, `chromium-${label}.json`);
  const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? '', memoryGb: Math.round(totalmem() / 2 ** 30), browser: executablePath };
  writeFileSync(out, `${JSON.stringify({ label, at: new Date().toISOString(), machine, reps, timeoutMs: cap, measures, results }, null, 2)}\n`);
  console.log(`  figures written to ${out}`);
}

await main();
