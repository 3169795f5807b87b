import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/core-fixture.ts';
import { findBrowser, launchBrowser, startServe, type LaunchedBrowser, type ServeProcess } from '../support/browser.ts';

const browserPath = findBrowser();

// The missing-browser report (skip or, in CI, failure) lives in inventory.e2e.test.ts.
describe.skipIf(browserPath === null)('templates page in browser mode (Chromium)', () => {
  let files: { dir: string; cleanup: () => void };
  let serve: ServeProcess | undefined;
  let browser: LaunchedBrowser | undefined;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    files = tempDir('vigil-e2e-templates-');
    serve = await startServe(join(files.dir, 'vigil.db'));
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

  it('reads a questionnaire, the threat catalog, the matrix and the coverage', async () => {
    await page.goto(serve?.url ?? '');
    await page.getByRole('link', { name: 'Templates' }).click();
    await page.getByRole('heading', { name: 'Templates', exact: true }).waitFor();

    // Choose the routine-use questionnaire with the keyboard.
    const picker = page.getByRole('combobox', { name: 'Questionnaire' });
    await picker.focus();
    await page.keyboard.press('ArrowDown'); // opens the list
    await page.getByRole('option', { name: /Routine use and monitoring/ }).waitFor();
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    expect(await picker.inputValue()).toMatch(/Routine use and monitoring/);
    await page.getByRole('heading', { name: 'Routine use and monitoring' }).waitFor();

    // Open the first section and read a question with its answers, effects and references.
    const firstSection = page.getByRole('button', { name: /\(\d+\)$/ }).first();
    await firstSection.click();
    const firstAnswers = page.getByRole('table', { name: /^Answers to US-/ }).first();
    await firstAnswers.waitFor();
    expect(await firstAnswers.textContent()).toMatch(/I don't know/);
    expect(await page.getByLabel('Framework references').first().textContent()).toMatch(/\S/);

    await page.getByRole('tab', { name: /Threats/ }).click();
    await page.getByRole('button', { name: /T-DEVICE-UNPATCHED/ }).click();
    await page.getByText('For the patient:').filter({ visible: true }).waitFor();
    expect(await page.getByText('For the patient:').filter({ visible: true }).count()).toBe(1);

    await page.getByRole('tab', { name: 'Risk matrix' }).click();
    const matrix = page.getByRole('table', { name: /matrix/i });
    expect(await matrix.getByRole('cell', { name: /Likelihood 5, impact 5: Critical/ }).count()).toBe(1);

    await page.getByRole('tab', { name: 'Coverage' }).click();
    const coverage = page.getByRole('table', { name: 'Threat coverage by questionnaire' });
    await coverage.waitFor();
    expect(await coverage.getByRole('row').count()).toBeGreaterThan(20);

    // The shipped reference profiles (none yet is a state too): each answer set a captioned table, all reproduced.
    await page.getByRole('tab', { name: /^Calibration/ }).click();
    const tables = page.getByRole('table', { name: /expected against scored residual band$/ });
    await tables.first().or(page.getByText('No reference profiles')).waitFor();
    if ((await tables.count()) > 0) expect(await page.getByText('✗ Mismatch').count()).toBe(0);
    expect(await page.getByRole('tab', { name: 'Calibration (mismatch)' }).count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
