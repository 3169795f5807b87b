// Model card import in Chromium (browser mode): upload a CHAI card on the assessment page, see the
// preview, apply it; an unsafe card, or one that is not UTF-8 text, is refused with its message and nothing opens.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssessmentDetail } from '../../electron/contract/index.ts';
import { tempDir } from '../support/core-fixture.ts';
import { cliPath, findBrowser, launchBrowser, repoRoot, startServe, type LaunchedBrowser, type ServeProcess } from '../support/browser.ts';
import { axeViolations } from '../support/axe.ts';

const run = promisify(execFile);
const wait = 30_000;
const browserPath = findBrowser();

describe.skipIf(browserPath === null)('model card import in browser mode (Chromium)', () => {
  let files: { dir: string; cleanup: () => void };
  let serve: ServeProcess | undefined;
  let browser: LaunchedBrowser | undefined;
  let page: Page;
  let db = '';
  let assessmentId = '';
  const errors: string[] = [];
  const vigil = async (...args: string[]) => (await run(process.execPath, [cliPath, ...args, '--db', db, '--json'], { cwd: repoRoot, timeout: wait })).stdout;

  beforeAll(async () => {
    files = tempDir('vigil-e2e-model-card-');
    db = join(files.dir, 'hospital.db');
    const system = JSON.parse(await vigil('systems', 'add', '--name', 'Lumen Chest X-ray Triage', '--vendor', 'Northwind Imaging AI')) as { id: string };
    assessmentId = (JSON.parse(await vigil('assessments', 'start', '--system', system.id, '--stage', 'procurement')) as { id: string }).id;
    serve = await startServe(db);
    browser = await launchBrowser(browserPath);
    browser.context.setDefaultTimeout(wait);
    page = await browser.context.newPage();
    await page.setViewportSize({ width: 1366, height: 850 });
    page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  });

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    files?.cleanup();
  });

  it('previews and applies a card, and shows the refusal of an unsafe one', async () => {
    await page.goto(serve?.url ?? '');
    await page.goto(`${new URL(serve?.url ?? '').origin}/#/assessments/${assessmentId}`);
    // The imports are folded under the vendor input row until asked for (issue 19: the first question on the first screen).
    await page.getByRole('button', { name: 'Import a response or model card…' }).click();
    await page.getByRole('button', { name: 'Import a CHAI model card' }).waitFor();
    const evil = '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><AppliedModelCard>&e;</AppliedModelCard>';
    await page.getByLabel('CHAI model card file').setInputFiles({ name: 'evil.xml', mimeType: 'application/xml', buffer: Buffer.from(evil) });
    await page.getByText(/external reference \(SYSTEM "file:\/\/\/etc\/passwd"\)/).waitFor();
    // A card with one byte that is not UTF-8: refused in the page's words, not repaired and sent.
    const broken = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="UTF-8"?><AppliedModelCard><Name>Lumen'), Buffer.from([0xc3, 0x28]), Buffer.from('</Name></AppliedModelCard>')]);
    await page.getByLabel('CHAI model card file').setInputFiles({ name: 'broken.xml', mimeType: 'application/xml', buffer: broken });
    await page.getByText('broken.xml is not valid UTF-8 text, so it cannot be the file it claims to be').waitFor();
    expect(await page.getByRole('dialog', { name: 'Import a CHAI model card' }).count()).toBe(0);
    const untouched = JSON.parse(await vigil('assessments', 'show', assessmentId)) as AssessmentDetail;
    expect([untouched.answers, untouched.evidence]).toEqual([[], []]);

    const card = readFileSync(join(repoRoot, 'test', 'fixtures', 'chai-model-card.xml'));
    await page.getByLabel('CHAI model card file').setInputFiles({ name: 'lumen.xml', mimeType: 'application/xml', buffer: card });
    const dialog = page.getByRole('dialog', { name: 'Import a CHAI model card' });
    await dialog.waitFor();
    const table = dialog.getByRole('table', { name: 'Answers from the model card' });
    expect(await table.getByRole('row').count()).toBe(6);
    await dialog.getByText('The card file will be attached as evidence to VT-DEV-04.').waitFor();
    expect(await axeViolations(page, '[role="dialog"]')).toEqual([]);
    await dialog.getByRole('button', { name: 'Apply 5 answer(s)' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const detail = JSON.parse(await vigil('assessments', 'show', assessmentId)) as AssessmentDetail;
    expect(detail.answers.filter((a) => a.source === 'vendor').map((a) => a.questionId).sort()).toEqual(['VT-DEV-01', 'VT-DEV-02', 'VT-DEV-04', 'VT-USE-01', 'VT-USE-03']);
    expect(detail.evidence.map((e) => e.fileName)).toEqual(['lumen.xml']);

    // A card for another product: the warning says what differs, and Apply waits for the separate confirmation.
    const other = card.toString('utf8').replace('<ModelName>Lumen Chest X-ray Triage</ModelName>', '<ModelName>Aurora Stroke Detect</ModelName>');
    await page.getByLabel('CHAI model card file').setInputFiles({ name: 'aurora.xml', mimeType: 'application/xml', buffer: Buffer.from(other) });
    await dialog.waitFor();
    const warning = dialog.getByRole('alert').filter({ hasText: 'This card may be for another product' });
    await warning.getByRole('table', { name: 'What differs between the card and the system' }).getByRole('cell', { name: 'Aurora Stroke Detect' }).waitFor();
    const applyOther = dialog.getByRole('button', { name: /^Apply/ });
    expect(await applyOther.isDisabled()).toBe(true);
    await dialog.getByRole('checkbox', { name: /I have checked with the vendor: this card describes Lumen Chest X-ray Triage/ }).check();
    await applyOther.click();
    await dialog.waitFor({ state: 'hidden' });
    // The confirmation is in the ledger event, with what differed.
    expect(await vigil('audit', 'events', '--action', 'vendor.modelCardImported')).toMatch(/mismatchConfirmed[\s\S]*Aurora Stroke Detect/);
    expect(errors).toEqual([]);
  });
});
