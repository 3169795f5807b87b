// Vendor transparency exchange end to end in Chromium (issue 8): two browser-mode servers on two
// databases — the hospital's and the vendor's own, in vendor mode (issue 17) — and the files
// travelling between them as a user's downloads and uploads.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssessmentDetail, RequestPackage, ResponsePackage } from '../../electron/contract/index.ts';
import { fingerprintOf } from '../../electron/core/exchange/workspace-identity.ts';
import { zipEntryText } from '../../electron/core/export/word/docx-zip.ts';
import { axeViolations } from '../support/axe.ts';
import { tempDir } from '../support/core-fixture.ts';
import { fillQuestionnaire } from '../support/fill-questionnaire.ts';
import { cliPath, findBrowser, launchBrowser, repoRoot, startServe, type LaunchedBrowser, type ServeProcess } from '../support/browser.ts';

const run = promisify(execFile);
const wait = 30_000;
const browserPath = findBrowser();
const startsWith = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);

describe.skipIf(browserPath === null)('vendor exchange in browser mode (Chromium)', () => {
  let files: { dir: string; cleanup: () => void };
  let hospitalServe: ServeProcess | undefined;
  let vendorServe: ServeProcess | undefined;
  let browser: LaunchedBrowser | undefined;
  let hospital: Page;
  let vendor: Page;
  let assessmentId = '';
  const errors: string[] = [];
  const vigil = async (db: string, ...args: string[]) => (await run(process.execPath, [cliPath, ...args, '--db', db, '--json'], { cwd: repoRoot, timeout: wait })).stdout;

  beforeAll(async () => {
    files = tempDir('vigil-e2e-vendor-');
    const hospitalDb = join(files.dir, 'hospital.db');
    const vendorDb = join(files.dir, 'vendor.db');
    const system = JSON.parse(await vigil(hospitalDb, 'systems', 'add', '--name', 'Sepsis early warning', '--vendor', 'Acme Clinical AI')) as { id: string };
    assessmentId = (JSON.parse(await vigil(hospitalDb, 'assessments', 'start', '--system', system.id, '--stage', 'procurement')) as { id: string }).id;
    await vigil(hospitalDb, 'settings', 'set', '--organisation', "St Mary's Hospital");
    await vigil(vendorDb, 'settings', 'set', '--workspace-mode', 'vendor', '--organisation', 'Acme Clinical AI');
    hospitalServe = await startServe(hospitalDb);
    vendorServe = await startServe(vendorDb);
    browser = await launchBrowser(browserPath);
    browser.context.setDefaultTimeout(wait);
    hospital = await browser.context.newPage();
    vendor = await browser.context.newPage();
    for (const page of [hospital, vendor]) {
      await page.setViewportSize({ width: 1366, height: 850 });
      page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
    }
  });

  afterAll(async () => {
    await browser?.close();
    await hospitalServe?.stop();
    await vendorServe?.stop();
    files?.cleanup();
  });

  it('exports a request, answers it in the vendor workspace, previews and imports the response, and shows the answers', async () => {
    // The hospital's fingerprint, as Settings shows it.
    await hospital.goto(hospitalServe?.url ?? '');
    await hospital.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Settings', exact: true }).click();
    const hospitalFingerprint = (await hospital.getByTestId('workspace-fingerprint').textContent()) ?? '';
    expect(hospitalFingerprint).toMatch(/^([0-9a-f]{4} ){15}[0-9a-f]{4}$/);
    // In the hospital's workspace the vendor pages are not offered: the page explains vendor mode, asking for a name first.
    await hospital.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Vendor workspace' }).click();
    await hospital.getByText("This database is a hospital's workspace.", { exact: false }).waitFor();
    expect(await hospital.getByRole('button', { name: 'Make this a vendor workspace' }).count()).toBe(1);
    expect(await hospital.getByLabel("Your organisation's name").inputValue()).toBe('');

    // Request vendor input: a signed file downloads and the assessment awaits the vendor.
    await hospital.goto(`${new URL(hospitalServe?.url ?? '').origin}/#/assessments/${assessmentId}`);
    const [requestDownload] = await Promise.all([hospital.waitForEvent('download'), hospital.getByRole('button', { name: 'Request vendor input' }).click()]);
    expect(requestDownload.suggestedFilename()).toMatch(/^vendor-request-sepsis-early-warning-VRQ-\w+\.json$/);
    const requestText = readFileSync(await requestDownload.path(), 'utf8');
    const request = JSON.parse(requestText) as RequestPackage;
    await hospital.getByRole('list', { name: 'Vendor requests' }).getByText(request.requestId).waitFor();
    const [q1, q2] = request.questions.filter((q) => q.kind === 'yesNo');
    if (!q1 || !q2) throw new Error('The request has fewer than two yes/no questions');

    // The vendor opens it in their own workspace (vendor mode): only the vendor's pages, nothing of a hospital's.
    await vendor.goto(vendorServe?.url ?? '');
    await vendor.getByRole('heading', { level: 1, name: 'Vendor workspace' }).waitFor();
    const menu = vendor.getByRole('navigation', { name: 'Main navigation' }).getByRole('link');
    expect(await menu.allTextContents()).toEqual(['Requests', 'Settings', 'Glossary']);
    expect(await vendor.getByTestId('vendor-organisation').textContent()).toBe('Acme Clinical AI');
    const hospitalWords = /Add people in Settings|sign off and accept|Risk register|Acting as|Sign-offs required|Separation of duties/;
    expect(await vendor.locator('body').innerText()).not.toMatch(hospitalWords);
    // Its settings: the organisation and the signing key, nothing else.
    await vendor.getByRole('link', { name: 'Settings' }).click();
    await vendor.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    await vendor.getByTestId('workspace-fingerprint').waitFor();
    expect(await vendor.getByLabel("Your organisation's name").inputValue()).toBe('Acme Clinical AI');
    expect(await vendor.getByRole('main').getByRole('heading', { level: 2 }).allTextContents()).toEqual(['Organisation', 'Workspace identity']);
    expect(await axeViolations(vendor, 'body')).toEqual([]);
    await vendor.getByRole('link', { name: 'Requests' }).click();
    await vendor.getByRole('heading', { level: 1, name: 'Vendor workspace' }).waitFor();
    await vendor.getByLabel('Request file').setInputFiles({ name: requestDownload.suggestedFilename(), mimeType: 'application/json', buffer: Buffer.from(requestText) });
    await vendor.getByTestId('request-organisation').waitFor();
    expect(await vendor.getByTestId('request-organisation').textContent()).toBe("St Mary's Hospital");
    expect(await vendor.getByTestId('hospital-fingerprint').textContent()).toBe(hospitalFingerprint);
    await vendor.getByRole('heading', { name: 'Sepsis early warning' }).waitFor();
    expect(await vendor.getByRole('listitem', { name: /^Question / }).count()).toBe(request.questions.length);
    // Asked in the vendor's words ("Do you…", "Describe your…"), never the hospital's.
    expect(await vendor.getByRole('combobox', { name: startsWith(`${q1.id} ${q1.text}`) }).count()).toBe(1);
    const asked = await vendor.locator('main').innerText();
    expect(asked).not.toMatch(/Has the vendor|Does the vendor|Ask the vendor|Can the vendor/);
    expect(asked).not.toMatch(hospitalWords);
    expect(await vendor.getByText(/^Signed as Acme Clinical AI/).count()).toBe(1);
    // The frame, the request's heading and one question of each kind (every question is the same component): the whole page would cost seconds.
    const kinds = [...new Set(request.questions.map((q) => q.kind))].map((kind) => request.questions.find((q) => q.kind === kind)?.id);
    expect(await axeViolations(vendor, ['header', 'nav', 'main > div > div:first-child', ...kinds.map((id) => `li[aria-label="Question ${id}"]`)].join(', '))).toEqual([]);

    // Answer two questions, one with the keyboard, and attach evidence.
    const first = vendor.getByRole('combobox', { name: startsWith(q1.id) });
    await first.focus();
    await first.selectOption('yes');
    await vendor.getByRole('combobox', { name: startsWith(q2.id) }).selectOption("I don't know");
    await vendor.getByLabel(`Evidence file for ${q1.id}`).setInputFiles({ name: 'soc2-summary.txt', mimeType: 'text/plain', buffer: Buffer.from('SOC 2 Type II, no exceptions') });
    await vendor.getByText(/^soc2-summary\.txt/).waitFor();
    await vendor.getByRole('button', { name: 'Save answers' }).click();
    await expect.poll(() => vendor.getByRole('button', { name: 'Save answers' }).isDisabled()).toBe(true);
    const [responseDownload] = await Promise.all([vendor.waitForEvent('download'), vendor.getByRole('button', { name: 'Save signed response' }).click()]);
    const responseText = readFileSync(await responseDownload.path(), 'utf8');
    const response = JSON.parse(responseText) as ResponsePackage;
    expect(response).toMatchObject({ nonce: request.nonce, vendor: { name: 'Acme Clinical AI' } });
    expect(response.answers).toHaveLength(2);
    expect(response.answers).toEqual(expect.arrayContaining([{ questionId: q1.id, value: 'yes' }, { questionId: q2.id, unknown: true }]));

    // The hospital uploads it: the preview names the key and what changes; then it imports.
    await hospital.getByLabel('Vendor response file').setInputFiles({ name: responseDownload.suggestedFilename(), mimeType: 'application/json', buffer: Buffer.from(responseText) });
    const dialog = hospital.getByRole('dialog', { name: 'Import vendor response' });
    await dialog.waitFor();
    await dialog.getByText('First response from this vendor: its key will be pinned').waitFor();
    expect(await axeViolations(hospital, '[role="dialog"]')).toEqual([]);
    const table = dialog.getByRole('table', { name: 'Answers in the response' });
    expect(await table.getByRole('row').count()).toBe(3);
    expect(await table.textContent()).toContain(q1.id);
    // Answers in words: the option's label and "I don't know", not the stored codes.
    expect(await table.getByRole('row').filter({ hasText: q1.id }).getByRole('cell').last().textContent()).toBe('Yes');
    expect(await table.getByRole('row').filter({ hasText: q2.id }).getByRole('cell').last().textContent()).toBe("I don't know");
    await dialog.getByText(/^soc2-summary\.txt/).waitFor();
    await dialog.getByRole('button', { name: 'Import 2 answer(s)' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await hospital.getByRole('list', { name: 'Vendor requests' }).getByText(/response from Acme Clinical AI imported/).waitFor();

    // The answers are in the assessment, from the vendor.
    const section = hospital.locator(`[data-question="${q1.id}"]`);
    await hospital.goto(`${new URL(hospitalServe?.url ?? '').origin}/#/assessments/${assessmentId}`);
    const detail = JSON.parse(await vigil(join(files.dir, 'hospital.db'), 'assessments', 'show', assessmentId)) as AssessmentDetail;
    expect(detail.answers.map((a) => [a.questionId, a.source])).toEqual(expect.arrayContaining([[q1.id, 'vendor'], [q2.id, 'vendor']]));
    expect(detail.status).toBe('inProgress');
    const sectionOf = detail.questionnaireSnapshots.flatMap((q) => q.sections).find((s) => s.questions.some((x) => x.id === q1.id));
    await hospital.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: startsWith(sectionOf?.title ?? '') }).click();
    await section.getByText(/\(vendor\)$/).waitFor();

    // The vendor's page (issue 17): the key this response pinned, and the response with its answers new.
    await hospital.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Vendors', exact: true }).click();
    await hospital.getByRole('table', { name: 'Vendors' }).getByRole('link', { name: 'Acme Clinical AI' }).click();
    await hospital.getByRole('heading', { level: 1, name: 'Acme Clinical AI' }).waitFor();
    expect(await hospital.getByLabel('Pinned key fingerprint').textContent()).toBe(fingerprintOf(response.vendor.publicKey));
    const changes = hospital.getByRole('table', { name: `What changed in the response to ${request.requestId}` });
    expect(await changes.getByRole('row', { name: /New answer/ }).count()).toBe(2);
    await hospital.getByRole('table', { name: 'Products' }).getByRole('link', { name: 'Sepsis early warning' }).waitFor();
    expect(errors).toEqual([]);
  });

  it('sends a Word questionnaire for a vendor without Vigil and imports the filled-in copy with the same preview, marked unsigned', async () => {
    await hospital.goto(`${new URL(hospitalServe?.url ?? '').origin}/#/assessments/${assessmentId}`);
    const [download] = await Promise.all([hospital.waitForEvent('download'), hospital.getByRole('button', { name: 'Request as Word questionnaire' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^vendor-questionnaire-Sepsis-early-warning-VRQ-\w+\.docx$/);
    const blank = readFileSync(await download.path());
    const xml = zipEntryText(blank, 'word/document.xml');
    const box = /<w:tag w:val="([A-Z]{2}-[A-Z]+-\d{2})=no"\/>/.exec(xml)?.[1];
    if (!box) throw new Error('no yes/no question in the questionnaire');
    const filled = await fillQuestionnaire(blank, { tick: [`${box}=no`], type: { 'declaration-organisation': 'Acme Clinical AI' } });

    await hospital.getByLabel('Filled-in Word questionnaire').setInputFiles({ name: 'filled.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: Buffer.from(filled) });
    const dialog = hospital.getByRole('dialog', { name: 'Import Word questionnaire' });
    await dialog.waitFor();
    await dialog.getByText('A Word questionnaire: unsigned').waitFor();
    expect(await axeViolations(hospital, '[role="dialog"]')).toEqual([]);
    expect(await dialog.getByRole('table', { name: 'Answers in the response' }).textContent()).toContain(box);
    await dialog.getByRole('button', { name: 'Import 1 answer(s)' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => hospital.getByRole('list', { name: 'Vendor requests' }).getByText(/response from Acme Clinical AI imported/).count()).toBe(2);
    const detail = JSON.parse(await vigil(join(files.dir, 'hospital.db'), 'assessments', 'show', assessmentId)) as AssessmentDetail;
    expect(detail.answers.find((a) => a.questionId === box)).toMatchObject({ value: 'no', source: 'vendor', transcribed: true });
    expect(errors).toEqual([]);
  });
});
