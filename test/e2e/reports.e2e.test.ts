import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssessmentSummary, LedgerVerification, Risk, VendorRequestSummary } from '../../electron/contract/index.ts';
import { tempDir } from '../support/core-fixture.ts';
import { docxText } from '../support/read-docx.ts';
import { cliPath, findBrowser, launchBrowser, repoRoot, startServe, type LaunchedBrowser, type ServeProcess } from '../support/browser.ts';
import { vigilJson } from '../support/e2e-calls.ts';

const run = promisify(execFile);
const wait = 30_000;
const browserPath = findBrowser();

describe.skipIf(browserPath === null)('reports: the committee register and the vendor questionnaire (Chromium)', () => {
  let browser: LaunchedBrowser | undefined;
  let server: ServeProcess | undefined;
  let page: Page;
  let dbPath = '';
  let cleanup = () => undefined as void;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const files = tempDir('vigil-e2e-reports-');
    cleanup = files.cleanup;
    dbPath = join(files.dir, 'vigil.db');
    await run(process.execPath, [cliPath, 'demo', '--db', dbPath], { cwd: repoRoot, timeout: 180_000 });
    server = await startServe(dbPath);
    browser = await launchBrowser(browserPath);
    browser.context.setDefaultTimeout(wait);
    page = await browser.context.newPage();
    await page.setViewportSize({ width: 1366, height: 900 });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(server.url);
    await page.getByRole('heading', { name: 'Portfolio dashboard', exact: true }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    cleanup();
  });

  it('exports the whole register as Word with the keyboard; the file holds every risk and the ledger head it states', async () => {
    const risks = (await vigilJson<{ rows: Risk[] }>(dbPath, 'risks', 'list', '--limit', '200')).rows;
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Reports', exact: true }).click();
    await page.getByRole('heading', { name: 'Reports', exact: true }).waitFor();
    expect(page.url()).toMatch(/#\/reports$/);
    await page.getByRole('radio', { name: 'All systems' }).check();
    await page.getByRole('radio', { name: 'Word document (.docx)' }).check();
    const button = page.getByRole('button', { name: 'Export register' });
    await button.focus();
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(download.suggestedFilename()).toMatch(/^vigil-risk-register-all-systems-\d{4}-\d{2}-\d{2}\.docx$/);
    const bytes = readFileSync(await download.path());
    const text = docxText(bytes);
    for (const r of risks) expect(text).toContain(r.id);

    const done = page.getByRole('status').filter({ hasText: 'The document states the audit ledger at' });
    await done.waitFor();
    const stated = /at (\d+) events, head ([0-9a-f]{64})/.exec((await done.textContent()) ?? '');
    expect(stated).not.toBeNull();
    expect(text).toContain(stated?.[2] ?? 'missing head');
    const verified = await vigilJson<LedgerVerification>(dbPath, 'audit', 'verify');
    expect(verified.ok).toBe(true);
    expect(verified.length).toBe(Number(stated?.[1]) + 1);
  });

  it('exports chosen systems as CSV that Excel opens (BOM) holding only their risks', async () => {
    const risks = (await vigilJson<{ rows: Risk[] }>(dbPath, 'risks', 'list', '--limit', '200')).rows;
    const chosen = risks[0];
    if (!chosen) throw new Error('demo has no risks');
    await page.getByRole('radio', { name: 'Chosen systems' }).check();
    const systems = page.locator('input').and(page.getByLabel('Systems', { exact: true }));
    await systems.click();
    await page.keyboard.type(chosen.systemName.slice(0, 12));
    await page.getByRole('option', { name: new RegExp(`^${chosen.systemName}`) }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('radio', { name: 'CSV for Excel (.csv)' }).check();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export register' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const csv = readFileSync(await download.path());
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const body = csv.toString('utf8');
    for (const r of risks) expect(body.includes(r.id), r.id).toBe(r.systemId === chosen.systemId);
  });

  it('exports the Word questionnaire of an open vendor request', async () => {
    const open = (await vigilJson<VendorRequestSummary[]>(dbPath, 'vendor', 'requests')).find((r) => r.status === 'open');
    if (!open) throw new Error('demo has no open vendor request');
    const assessment = (await vigilJson<AssessmentSummary[]>(dbPath, 'assessments', 'list', '--all')).find((a) => a.id === open.assessmentId);
    if (!assessment) throw new Error('no assessment for the open request');
    await page.locator('input').and(page.getByLabel('Open vendor request', { exact: true })).click();
    await page.getByRole('option', { name: new RegExp(`^${open.id} — `) }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export questionnaire' }).click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^vendor-questionnaire-.*-${open.id}\\.docx$`));
    const text = docxText(readFileSync(await download.path()));
    expect(text).toContain(assessment.systemName);
    expect(text).toMatch(/[A-Z]{2}-[A-Z]+-\d{2}/);
    expect(text).toContain(open.expiresAt.slice(0, 10));
    expect(pageErrors).toEqual([]);
  });
});
