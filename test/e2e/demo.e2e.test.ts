import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
});
