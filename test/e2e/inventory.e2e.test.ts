import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AiSystem, SystemRow } from '../../electron/contract/index.ts';
import { tempDir } from '../support/core-fixture.ts';
import { axeViolations } from '../support/axe.ts';
import { browserRequired, cliPath, findBrowser, launchBrowser, repoRoot, startServe, type LaunchedBrowser, type ServeProcess } from '../support/browser.ts';

const run = promisify(execFile);
const wait = 30_000;
const browserPath = findBrowser();
const missingBrowser = 'VIGIL_REQUIRE_BROWSER=1 but no Chromium-family browser found (install chromium or set VIGIL_BROWSER)';

// Without a browser: a failure when CI demands one, otherwise a test reported as skipped with
// the reason. With a browser neither exists, so nothing is skipped for nothing.
if (browserPath === null) {
  if (browserRequired()) {
    describe('inventory e2e', () => {
      it('has a Chromium-family browser', () => {
        throw new Error(missingBrowser);
      });
    });
  } else {
    describe('inventory e2e', () => {
      it.skip('SKIPPED: no Chromium-family browser found (install chromium or set VIGIL_BROWSER; VIGIL_REQUIRE_BROWSER=1 makes this fail)', () => {});
    });
  }
}

/**
 * `vigil systems list --json` then `vigil systems show` on the same database: what the UI did,
 * seen from outside it (the list's rows carry the inventory columns, show the whole record).
 */
async function cliList(dbPath: string, all = false): Promise<AiSystem[]> {
  const cli = async <T,>(...args: string[]) => JSON.parse((await run(process.execPath, [cliPath, ...args, '--db', dbPath, '--json'], { cwd: repoRoot, timeout: wait })).stdout) as T;
  const page = await cli<{ rows: SystemRow[] }>('systems', 'list', '--limit', '200', ...(all ? ['--all'] : []));
  return Promise.all(page.rows.map((row) => cli<AiSystem>('systems', 'show', row.id)));
}

/** Text of the elements an input names in aria-describedby: its accessible description. */
async function describedBy(page: Page, input: Locator): Promise<string> {
  const ids = ((await input.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);
  const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()));
  return texts.join(' ');
}

describe.skipIf(browserPath === null)('inventory in browser mode (Chromium)', () => {
  const systemName = 'Chest X-ray triage';
  const vendor = 'Acme Imaging';
  let files: { dir: string; cleanup: () => void };
  let dbPath: string;
  let serve: ServeProcess | undefined;
  let browser: LaunchedBrowser | undefined;
  let page: Page;
  let token: string;
  const consoleErrors: string[] = [];
  const failedRequests: string[] = [];
  /** Every RPC method the page called, in order. */
  const rpcCalls: string[] = [];

  beforeAll(async () => {
    if (!existsSync(cliPath)) throw new Error(`${cliPath} is missing: run "npm run build" before the e2e tests.`);
    if (!existsSync(join(repoRoot, 'dist', 'renderer', 'index.html'))) {
      throw new Error('dist/renderer is missing: run "npm run build" before the e2e tests.');
    }
    files = tempDir('vigil-e2e-');
    dbPath = join(files.dir, 'vigil.db');
    serve = await startServe(dbPath);
    token = new URL(serve.url).hash.replace(/^#token=/, '');
    browser = await launchBrowser(browserPath);
    browser.context.setDefaultTimeout(wait);
    page = await browser.context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(`page error: ${error.message}`));
    page.on('requestfailed', (request) => failedRequests.push(`${request.method()} ${request.url()}: ${request.failure()?.errorText ?? 'failed'}`));
    page.on('request', (request) => {
      const rpc = /\/rpc\/([^/?#]+)$/.exec(new URL(request.url()).pathname);
      if (rpc?.[1]) rpcCalls.push(decodeURIComponent(rpc[1]));
    });
    page.on('response', (response) => {
      if (response.status() >= 400) failedRequests.push(`${response.request().method()} ${response.url()}: HTTP ${response.status()}`);
    });
  });

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    files?.cleanup();
  });

  /** A text field by its label (its accessible name; Mantine's required asterisk is aria-hidden). */
  const textbox = (label: string) => page.getByRole('textbox', { name: label, exact: true });
  const heading = (name: string) => page.getByRole('heading', { name, exact: true });
  const visible = (locator: Locator) => locator.waitFor({ state: 'visible', timeout: wait });
  const systemLink = () => page.getByRole('table', { name: 'AI systems' }).getByRole('link', { name: systemName, exact: true });
  const detailValue = (field: string) =>
    page.getByRole('table', { name: 'System details' }).getByRole('row', { name: field }).getByRole('cell');

  it('(a) adds a system with the keyboard and mouse, and it survives a reload', async () => {
    await page.goto(serve?.url ?? '');
    // The app opens on the dashboard; on an empty database it is a first-run guide, not empty charts.
    await visible(heading('Portfolio dashboard'));
    await visible(heading('Welcome to Vigil'));
    const steps = page.getByRole('list', { name: 'First steps' }).getByRole('listitem');
    expect(await steps.evaluateAll((items) => items.map((li) => li.querySelector('p')?.textContent))).toEqual(['Add an AI system', 'Start an assessment', 'Review the risk register']);
    expect(await page.getByRole('link', { name: 'Open the risk register' }).getAttribute('href')).toBe('#/risks');
    expect(await page.getByRole('button', { name: 'Load the demo portfolio' }).count()).toBe(1);
    expect(await axeViolations(page, 'body')).toEqual([]);

    // The glossary: an address opens it at one term (focused, to be read first), and it is a link away from every page.
    await page.evaluate(() => {
      window.location.hash = '/glossary?term=band';
    });
    await visible(heading('Glossary'));
    await expect.poll(() => page.evaluate(() => document.activeElement?.id), { timeout: wait }).toBe('glossary-band');
    const glossaryLink = page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Glossary', exact: true });
    expect(await glossaryLink.getAttribute('aria-current')).toBe('page');
    await glossaryLink.click();
    await expect.poll(() => page.url(), { timeout: wait }).toMatch(/#\/glossary$/);
    for (const term of ['Likelihood', 'Impact', 'Band', 'Risk appetite', 'Inherent risk', 'Residual risk', 'NIST AI RMF', 'MITRE ATLAS']) {
      expect(await page.locator('dt', { hasText: term }).count(), term).toBeGreaterThan(0);
    }
    expect(await axeViolations(page, 'body')).toEqual([]);
    await page.getByRole('navigation', { name: 'Glossary contents' }).getByRole('link', { name: 'Residual risk', exact: true }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id), { timeout: wait }).toBe('glossary-residual-risk');
    expect(page.url()).toMatch(/#\/glossary\?term=residual-risk$/);
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Inventory', exact: true }).click();
    await visible(heading('AI system inventory'));
    await visible(page.getByText('No AI systems yet. Add the first one to start assessing it.'));
    // The token left the address bar and lives in this tab's session storage.
    expect(page.url()).not.toContain('token=');
    expect(await page.evaluate(() => sessionStorage.getItem('vigil.session-token'))).toBe(token);

    await page.getByRole('button', { name: 'Add AI system' }).click();
    await visible(heading('Add an AI system'));
    await textbox('Name').fill(systemName);
    await page.getByRole('combobox', { name: 'Vendor', exact: true }).fill(vendor);
    // The owner is suggested from People but any name can be typed (nobody is in People yet).
    await page.locator('input').and(page.getByLabel('Owner', { exact: true })).fill('Grace Hopper');
    await textbox('Intended use').fill('Flags chest radiographs with suspected pneumothorax for priority reading.');

    // Autonomy with the keyboard only: Tab into the radio group, Space, then an arrow key.
    const autonomy = page.getByRole('radiogroup', { name: 'Autonomy' });
    await textbox('Patient population').focus();
    await page.keyboard.press('Tab');
    const informs = autonomy.getByRole('radio', { name: 'Informs (clinician decides)' });
    const augments = autonomy.getByRole('radio', { name: 'Augments (suggests a decision)' });
    await expect.poll(() => informs.evaluate((el) => el === document.activeElement), { timeout: wait }).toBe(true);
    await page.keyboard.press('Space');
    await expect.poll(() => informs.isChecked(), { timeout: wait }).toBe(true);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => augments.isChecked(), { timeout: wait }).toBe(true);
    expect(await informs.isChecked()).toBe(false);
    expect(await augments.evaluate((el) => el === document.activeElement)).toBe(true);

    await page.getByRole('group', { name: 'Data categories' }).getByRole('checkbox', { name: 'Medical images' }).check();
    await page.getByRole('radiogroup', { name: 'Deployment' }).getByRole('radio', { name: 'Vendor cloud' }).check();
    await page.getByRole('button', { name: 'Add to inventory' }).click();

    await visible(heading(systemName));
    expect(page.url()).toMatch(/#\/systems\/SYS-[A-Z0-9]+$/);
    expect(await detailValue('Autonomy').textContent()).toBe('Augments (suggests a decision)');
    expect(await detailValue('Data categories').textContent()).toBe('Medical images');
    expect(await detailValue('Deployment').textContent()).toBe('Vendor cloud');
    expect(await detailValue('Owner').textContent()).toBe('Grace Hopper');

    await page.getByRole('link', { name: '← Inventory' }).click();
    await visible(heading('AI system inventory'));
    await visible(systemLink());
    expect(await page.getByRole('table', { name: 'AI systems' }).getByRole('row', { name: new RegExp(systemName) }).textContent()).toContain('Grace Hopper');

    await page.reload();
    await visible(heading('AI system inventory'));
    await visible(systemLink());
    expect(await page.evaluate(() => sessionStorage.getItem('vigil.session-token'))).toBe(token);
    expect(await page.getByRole('alert').count()).toBe(0);

    const list = await cliList(dbPath);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      name: systemName,
      vendor,
      autonomyLevel: 'augments',
      dataCategories: ['imaging'],
      deploymentType: 'vendorCloud',
      owner: 'Grace Hopper',
    });
  });

  it('(b) shows "Name is required" next to an empty Name and writes nothing', async () => {
    await page.goto(`${new URL(serve?.url ?? '').origin}/#/systems/new`);
    await visible(heading('Add an AI system'));
    // A new page (docs/keyboard.md): focus on its heading.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent), { timeout: wait }).toBe('Add an AI system');
    const name = textbox('Name');
    await page.getByRole('combobox', { name: 'Vendor', exact: true }).fill('Other Vendor');
    const callsBefore = rpcCalls.length;
    await page.getByRole('button', { name: 'Add to inventory' }).click();

    await visible(page.getByText('Name is required'));
    await expect.poll(() => name.getAttribute('aria-invalid'), { timeout: wait }).toBe('true');
    expect(await describedBy(page, name)).toContain('Name is required');
    // Focus moved from the button to the first invalid field.
    await expect.poll(() => name.evaluate((el) => el === document.activeElement), { timeout: wait }).toBe(true);
    expect(await page.getByRole('combobox', { name: 'Vendor', exact: true }).getAttribute('aria-invalid')).not.toBe('true');
    // Still on the form: nothing was sent, nothing was written.
    await visible(heading('Add an AI system'));
    expect(rpcCalls.slice(callsBefore)).not.toContain('systems.create');
    expect(await cliList(dbPath, true)).toHaveLength(1);

    await page.getByRole('button', { name: 'Cancel' }).click();
    await visible(heading('AI system inventory'));
  });

  it('(c) edits the model version, archives through the dialog and finds it with "Show archived"', async () => {
    await visible(heading('AI system inventory'));
    await systemLink().click();
    await visible(heading(systemName));
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    await visible(heading(`Edit ${systemName}`));
    await textbox('Model version').fill('2.4.1-rc3');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await visible(heading(systemName));
    await expect.poll(() => detailValue('Model version').textContent(), { timeout: wait }).toBe('2.4.1-rc3');

    await page.getByRole('button', { name: 'Archive', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Archive this system?' });
    await visible(dialog);
    await visible(dialog.getByText(`${systemName} will be hidden from the inventory list.`, { exact: false }));
    expect(await axeViolations(page, '[role="dialog"]')).toEqual([]);
    await dialog.getByRole('button', { name: 'Archive', exact: true }).click();
    await dialog.waitFor({ state: 'hidden', timeout: wait });
    await visible(page.getByRole('button', { name: 'Unarchive', exact: true }));

    await page.getByRole('link', { name: '← Inventory' }).click();
    await visible(heading('AI system inventory'));
    await visible(page.getByText('No AI systems yet. Add the first one to start assessing it.'));
    expect(await systemLink().count()).toBe(0);

    await page.getByRole('switch', { name: 'Show archived' }).check();
    await visible(systemLink());
    await visible(page.getByRole('table', { name: 'AI systems' }).getByText('Archived', { exact: true }));

    const [all, active] = await Promise.all([cliList(dbPath, true), cliList(dbPath)]);
    expect(active).toEqual([]);
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ name: systemName, modelVersion: '2.4.1-rc3', archived: true });
  });

  it('(d) logged no console errors and no failed requests', () => {
    expect(consoleErrors).toEqual([]);
    expect(failedRequests).toEqual([]);
  });
});
