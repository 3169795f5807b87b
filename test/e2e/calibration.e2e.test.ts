import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/core-fixture.ts';
import { appWithTemplates, findBrowser, launchBrowser, startServe, type LaunchedBrowser, type ServeProcess } from '../support/browser.ts';
import { writeCalibration } from '../support/calibration-fixture.ts';
import { minimalTemplates, writeTemplates } from '../support/template-fixture.ts';

const browserPath = findBrowser();

// The missing-browser report (skip or, in CI, failure) lives in inventory.e2e.test.ts.
describe.skipIf(browserPath === null)('calibration table on the Templates page (Chromium)', () => {
  let files: { dir: string; cleanup: () => void };
  let serve: ServeProcess | undefined;
  let browser: LaunchedBrowser | undefined;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    files = tempDir('vigil-e2e-calibration-');
    // The small fixture templates with two reference profiles: one the content reproduces, one it does not.
    const templates = writeCalibration(writeTemplates(join(files.dir, 'templates'), minimalTemplates()), ['fixture-cloud', 'fixture-mismatch']);
    const cli = appWithTemplates(join(files.dir, 'app'), templates);
    serve = await startServe(join(files.dir, 'vigil.db'), 15_000, cli);
    browser = await launchBrowser(browserPath);
    browser.context.setDefaultTimeout(30_000);
    page = await browser.context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
  });

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    files?.cleanup();
  });

  it('lists each reference profile with its cases, and marks in words the band the content no longer reproduces', async () => {
    await page.goto(serve?.url ?? '');
    await page.getByRole('link', { name: 'Templates' }).click();
    await page.getByRole('heading', { name: 'Templates', exact: true }).waitFor();
    const tab = page.getByRole('tab', { name: /^Calibration/ });
    await tab.waitFor();
    // The tab says so when a profile is not reproduced, before it is opened.
    await page.getByRole('tab', { name: 'Calibration (mismatch)' }).waitFor();
    await tab.click();

    const cloud = page.getByRole('region', { name: 'Fixture: a cloud-hosted predictive alert' });
    await cloud.waitFor();
    expect(await cloud.getByRole('listitem').first().textContent()).toMatch(/A made-up case for tests: the vendor hosts the model/);
    expect(await cloud.textContent()).toMatch(/Procurement stage\./);

    const strong = page.getByRole('table', { name: /Fixture: a cloud-hosted predictive alert: Encryption and trained clinicians \(strong\)/ });
    expect(await strong.getByRole('columnheader').allTextContents()).toEqual(['Threat', 'Expected', 'Scored', 'Levels (likelihood × impact)', 'Result']);
    const twoRow = strong.getByRole('row', { name: /T-TWO/ });
    expect(await twoRow.getByRole('cell').allTextContents()).toEqual(['Low', 'Low', '3 × 2 = 6', '✓ Matches']);
    expect(await cloud.getByText('✗ Mismatch').count()).toBe(0);

    const mismatch = page.getByRole('region', { name: 'Fixture: an on-premises system whose table is wrong' });
    expect(await mismatch.getByText('Does not reproduce (1 band)').count()).toBe(1);
    const weak = page.getByRole('table', { name: /Fixture: an on-premises system whose table is wrong: No encryption, on premises \(weak\)/ });
    expect(await weak.getByRole('row', { name: /T-ONE/ }).getByRole('cell').allTextContents()).toEqual(['High', 'Low', '3 × 3 = 9', '✗ Mismatch']);
    expect(await weak.getByRole('row', { name: /T-TWO/ }).getByRole('cell').allTextContents()).toEqual(['High', 'High', '3 × 4 = 12', '✓ Matches']);
    expect(await page.getByText(/5 of 6 expected bands are reproduced/).count()).toBe(1);
    expect(errors).toEqual([]);
  });
});
