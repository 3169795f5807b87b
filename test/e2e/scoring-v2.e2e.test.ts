// Scoring model 2 through the page (issue 12), as an assessor would use it, with the keyboard
// where practical: the clinical fields of the system record, a vendor's answer transcribed from
// their questionnaire, a free-text answer reviewed adequate (and the score moving), evidence
// marked checked, a contradiction seen and resolved, and the trace read in plain words.
import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AiSystem, AssessmentDetail, Question, ThreatProfile, ThreatScore } from '../../electron/contract/index.ts';
import { tempDir } from '../support/core-fixture.ts';
import { browserRequired, cliPath, findBrowser, launchBrowser, repoRoot, startServe, type LaunchedBrowser, type ServeProcess } from '../support/browser.ts';
import { axeViolations } from '../support/axe.ts';

const run = promisify(execFile);
const wait = 30_000;
const browserPath = findBrowser();

if (browserPath === null) {
  describe('scoring model 2 e2e', () => {
    if (browserRequired()) {
      it('has a Chromium-family browser', () => {
        throw new Error('VIGIL_REQUIRE_BROWSER=1 but no Chromium-family browser found (install chromium or set VIGIL_BROWSER)');
      });
    } else {
      it.skip('SKIPPED: no Chromium-family browser found (install chromium or set VIGIL_BROWSER; VIGIL_REQUIRE_BROWSER=1 makes this fail)', () => {});
    }
  });
}

const startsWith = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
const questionsOf = (d: AssessmentDetail): Question[] => d.questionnaireSnapshots.flatMap((q) => q.sections.flatMap((s) => s.questions));
const sectionTitleOf = (d: AssessmentDetail, qid: string): string =>
  d.questionnaireSnapshots.flatMap((q) => q.sections).find((s) => s.questions.some((q) => q.id === qid))?.title ?? '';
const creditsOf = (q: Question): string[] =>
  'options' in q ? q.options.flatMap((o) => o.effects.flatMap((e) => ('control' in e ? [e.control] : []))) : q.answeredEffects.flatMap((e) => ('control' in e ? [e.control] : []));
const levels = (t: ThreatScore['residual']) => `${t.likelihood} × ${t.impact} = ${t.score}`;

describe.skipIf(browserPath === null)('scoring model 2 in browser mode (Chromium)', () => {
  const assessor = 'Ada Assessor';
  const systemName = 'Sepsis early warning';
  let files: { dir: string; cleanup: () => void };
  let dbPath: string;
  let serve: ServeProcess | undefined;
  let browser: LaunchedBrowser | undefined;
  let page: Page;
  let token: string;
  const errors: string[] = [];

  beforeAll(async () => {
    files = tempDir('vigil-e2e-scoring-');
    dbPath = join(files.dir, 'vigil.db');
    await run(process.execPath, [cliPath, 'people', 'add', '--name', assessor, '--roles', 'assessor', '--db', dbPath], { cwd: repoRoot, timeout: wait });
    serve = await startServe(dbPath);
    token = new URL(serve.url).hash.replace(/^#token=/, '');
    browser = await launchBrowser(browserPath);
    browser.context.setDefaultTimeout(wait);
    page = await browser.context.newPage();
    await page.setViewportSize({ width: 1366, height: 850 });
    page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
  });

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    files?.cleanup();
  });

  async function rpc<T>(method: string, input: unknown): Promise<T> {
    const response = await fetch(`http://127.0.0.1:${serve?.port ?? 0}/rpc/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify(input),
    });
    const body = (await response.json()) as { ok: boolean; value: T; error?: unknown };
    if (!body.ok) throw new Error(`${method} refused: ${JSON.stringify(body.error)}`);
    return body.value;
  }

  const card = (qid: string) => page.locator(`[data-question="${qid}"]`);
  const visible = (locator: Locator) => locator.waitFor({ state: 'visible', timeout: wait });
  const allSaved = () => expect.poll(() => page.getByTestId('autosave-status').textContent(), { timeout: wait }).toMatch(/^All changes saved at/);
  const detailValue = (field: string) => page.getByRole('table', { name: 'System details' }).getByRole('row', { name: field }).getByRole('cell');
  const focusedChecked = () => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.checked ?? false);

  /** Presses Tab until the focused element satisfies `test`, as a keyboard user would. */
  async function tabUntil(what: string, test: (el: { qid: string | null; type: string | null; label: string; tag: string }) => boolean, max = 60) {
    const trail: string[] = [];
    for (let i = 0; i < max; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const el = document.activeElement as HTMLInputElement | null;
        if (!el || el === document.body) return null;
        const label = (el.labels?.[0]?.textContent ?? el.textContent ?? '').trim();
        return { qid: el.closest('[data-question]')?.getAttribute('data-question') ?? null, type: el.getAttribute('type'), label, tag: el.tagName };
      });
      trail.push(focused ? `${focused.tag} ${focused.qid ?? ''} ${focused.label.slice(0, 30)}` : 'the page');
      if (!focused) throw new Error(`Focus fell to the page while tabbing to ${what}: ${trail.join(' | ')}`);
      if (test(focused)) return;
    }
    throw new Error(`Tab never reached ${what}: ${trail.join(' | ')}`);
  }

  async function goToSection(detail: AssessmentDetail, qid: string) {
    const title = sectionTitleOf(detail, qid);
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: startsWith(title) }).click();
    await visible(page.getByRole('heading', { level: 2, name: title }));
  }

  it('records the clinical harm, transcribes, reviews, checks evidence, resolves a contradiction and explains the score', async () => {
    // 1. The system record: worst credible harm and time-critical condition.
    await page.goto(serve?.url ?? '');
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Inventory', exact: true }).click();
    await page.getByRole('button', { name: 'Add AI system' }).click();
    await visible(page.getByRole('heading', { name: 'Add an AI system', exact: true }));
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill(systemName);
    await page.getByRole('combobox', { name: 'Vendor', exact: true }).fill('Northwind Clinical AI');
    await page.getByRole('radiogroup', { name: 'Autonomy' }).getByRole('radio', { name: 'Augments (suggests a decision)' }).check();
    await page.getByRole('group', { name: 'Data categories' }).getByRole('checkbox', { name: 'Identifiable patient data (PHI)' }).check();
    await page.getByRole('radiogroup', { name: 'Deployment' }).getByRole('radio', { name: 'On premises' }).check();
    await page.getByRole('group', { name: 'Integration points' }).getByRole('checkbox', { name: 'EHR' }).check();

    // Worst credible harm with the keyboard: open the list, move to the last level, Enter.
    const harm = page.getByRole('combobox', { name: 'Worst credible harm' });
    expect(await harm.getAttribute('aria-describedby')).toBeTruthy();
    await harm.focus();
    await page.keyboard.press('ArrowDown');
    const catastrophic = page.getByRole('option', { name: 'Catastrophic (death or permanent harm)' });
    await visible(catastrophic);
    for (let i = 0; i < 6 && (await catastrophic.getAttribute('data-combobox-selected')) === null; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => harm.inputValue(), { timeout: wait }).toBe('Catastrophic (death or permanent harm)');
    // Time-critical with the keyboard: Tab lands on the chosen radio ("Not recorded"), arrows move to "Yes".
    const timeCritical = page.getByRole('radiogroup', { name: 'Time-critical condition' });
    await tabUntil('Time-critical', (f) => f.type === 'radio' && f.label === 'Not recorded');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => timeCritical.getByRole('radio', { name: 'Yes', exact: true }).isChecked(), { timeout: wait }).toBe(true);
    await page.getByRole('button', { name: 'Add to inventory' }).click();
    await visible(page.getByRole('heading', { name: systemName, exact: true }));
    expect(await detailValue('Worst credible harm').textContent()).toBe('Catastrophic (death or permanent harm)');
    expect(await detailValue('Time-critical condition').textContent()).toBe('Yes');
    const systemId = /#\/systems\/(SYS-[A-Z0-9]+)/.exec(page.url())?.[1] ?? '';
    const { stdout } = await run(process.execPath, [cliPath, 'systems', 'show', systemId, '--db', dbPath, '--json'], { cwd: repoRoot, timeout: wait });
    expect(JSON.parse(stdout) as AiSystem).toMatchObject({ worstCredibleHarm: 'catastrophic', timeCritical: true });

    // 2. Acting as the assessor, start a procurement assessment.
    await page.getByRole('combobox', { name: 'Acting as' }).click();
    await page.getByRole('option', { name: assessor, exact: true }).click();
    await page.getByRole('button', { name: 'Start assessment' }).click();
    await visible(page.getByRole('heading', { level: 1, name: `Procurement assessment of ${systemName}` }));
    const assessmentId = /#\/assessments\/(ASM-[A-Z0-9]+)/.exec(page.url())?.[1] ?? '';
    const detail = await rpc<AssessmentDetail>('assessments.get', { id: assessmentId });
    expect(detail.scoringModel).toBe(2);
    expect(await page.getByText('Scoring model 1').count()).toBe(0);

    // The material: two yes/no answers about one safeguard (one the vendor's), a text answer that could credit one.
    const asked = new Set(detail.visibleQuestions);
    const yesNo = questionsOf(detail).filter((q) => q.kind === 'yesNo' && asked.has(q.id));
    let pair: { mine: Question; theirs: Question; control: string } | undefined;
    for (const theirs of yesNo.filter((q) => q.vendorAnswerable)) {
      for (const control of creditsOf(theirs)) {
        const mine = yesNo.find((q) => !q.vendorAnswerable && creditsOf(q).includes(control));
        if (mine && !pair) pair = { mine, theirs, control };
      }
    }
    const text = questionsOf(detail).find((q) => q.kind === 'text' && asked.has(q.id) && creditsOf(q).length > 0);
    if (!pair || !text) throw new Error('the templates have no contradiction pair or crediting text question');
    const { mine, theirs, control } = pair;

    // 3. The assessor's own finding: "Yes", with the keyboard.
    await goToSection(detail, mine.id);
    await tabUntil(mine.id, (f) => f.qid === mine.id && f.type === 'radio');
    await page.keyboard.press('Space');
    await expect.poll(focusedChecked, { timeout: wait }).toBe(true);
    await visible(card(mine.id).getByText(/\(assessor\)$/));
    await allSaved();
    // Typed while "Acting as" the assessor: recorded under that person and role, not the OS login.
    const typedBy = await rpc<AssessmentDetail>('assessments.get', { id: assessmentId });
    expect(typedBy.createdBy).toBe(`${assessor} (assessor)`);
    expect(typedBy.answers.find((a) => a.questionId === mine.id)?.answeredBy).toBe(`${assessor} (assessor)`);

    // 4. The vendor's claim from their Word questionnaire: "No", then marked transcribed.
    await goToSection(detail, theirs.id);
    await tabUntil(theirs.id, (f) => f.qid === theirs.id && f.type === 'radio');
    await page.keyboard.press('ArrowDown'); // the second option: "No"
    await expect.poll(focusedChecked, { timeout: wait }).toBe(true);
    await allSaved();
    await tabUntil('the transcribed checkbox', (f) => f.qid === theirs.id && f.type === 'checkbox' && f.label.startsWith("Vendor's claim, transcribed"));
    await page.keyboard.press('Space');
    await visible(card(theirs.id).getByText(/\(vendor, transcribed\)$/));
    await allSaved();
    expect((await rpc<AssessmentDetail>('assessments.get', { id: assessmentId })).answers.find((a) => a.questionId === theirs.id)).toMatchObject({
      value: 'no',
      source: 'vendor',
      transcribed: true,
    });

    // 5. The contradiction, in plain words.
    const panel = page.getByRole('region', { name: 'Contradictions' });
    await visible(panel);
    const profile = (await rpc<AssessmentDetail>('assessments.get', { id: assessmentId })).profile;
    const contradiction = profile.contradictions?.find((c) => c.controlId === control);
    if (!contradiction) throw new Error(`no contradiction about ${control}`);
    const item = panel.getByRole('listitem', { name: contradiction.controlName });
    await visible(item);
    const said = (await item.textContent()) ?? '';
    expect(said).toContain('Open: not counted');
    expect(said).toContain(`Says it is in place:${mine.id} answered “Yes” (the assessor's finding)`);
    expect(said).toContain(`Says it is not in place:${theirs.id} answered “No” (the vendor's claim)`);

    // The trace says why the safeguard does not count, in plain words.
    const affected = profile.threats.find((t) => t.trace.some((s) => s.step === 'contradiction' && s.controlId === control));
    if (!affected) throw new Error(`no threat traces the contradiction about ${control}`);
    await page.getByRole('tab', { name: /Threat profile/ }).click();
    await page.getByRole('table', { name: 'Threats by residual risk' }).getByRole('button', { name: affected.name, exact: true }).click();
    const drawer = page.getByRole('dialog', { name: `Why this score: ${affected.name}` });
    await visible(drawer);
    await visible(drawer.getByRole('button', { name: 'Close' }));
    const trace = drawer.getByRole('table', { name: 'Score trace' });
    await visible(trace.getByRole('cell', { name: 'Safeguard not counted: answers disagree' }).first());
    expect(await axeViolations(page, '[role="dialog"]')).toEqual([]);
    await visible(trace.getByRole('cell', { name: 'Typical level', exact: true }));
    const traceText = (await trace.textContent()) ?? '';
    for (const jargon of ['Catalog base', 'Kept on scale', 'catalog base', 'kept on the 1–5 scale', 'credits count in pairs']) expect(traceText).not.toContain(jargon);
    const raw = (await drawer.getByTestId('raw-exposure').first().textContent()) ?? '';
    expect(raw).toMatch(/^Likelihood exposure .+Impact exposure .+$/);
    // Where an exposure lies beyond the scale, the drawer says what it was and how it is shown.
    const beyond = affected.inherent.raw && affected.inherent.raw.impact !== affected.inherent.impact ? affected.inherent : null;
    if (beyond?.raw) expect(raw).toContain(`Impact exposure ${beyond.raw.impact}, shown as ${beyond.impact} — `);
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden', timeout: wait });
    await page.getByRole('tab', { name: 'Questionnaire' }).click();

    // 6. A free-text answer credits nothing until reviewed adequate; then the score moves.
    await goToSection(detail, text.id);
    await tabUntil(text.id, (f) => f.qid === text.id && f.tag === 'TEXTAREA');
    await page.keyboard.type('Trained on 40,000 adult ICU admissions at three US hospitals, 2015-2020; labels from Sepsis-3 criteria.');
    await page.keyboard.press('Tab');
    await allSaved();
    await visible(card(text.id).getByText(/credits no safeguard until an assessor has read it and marked it adequate/));
    expect(await card(text.id).getByTestId('review-verdict').textContent()).toBe('Not reviewed');
    const beforeReview = (await rpc<AssessmentDetail>('assessments.get', { id: assessmentId })).profile;
    await tabUntil('Reviewed: adequate', (f) => f.qid === text.id && f.tag === 'BUTTON' && f.label === 'Reviewed: adequate');
    await page.keyboard.press('Enter');
    await expect.poll(() => card(text.id).getByTestId('review-verdict').textContent(), { timeout: wait }).toMatch(/^Reviewed: adequate · Ada Assessor \(assessor\), /);
    expect(await card(text.id).getByText(/credits no safeguard until/).count()).toBe(0);
    const afterReview = (await rpc<AssessmentDetail>('assessments.get', { id: assessmentId })).profile;
    // The credit lowers a residual exposure (a level moves only when it crosses a half).
    const moved = afterReview.threats.find((t) => {
      const was = beforeReview.threats.find((b) => b.id === t.id);
      return was?.residual.raw !== undefined && t.residual.raw !== undefined && t.residual.raw.likelihood + t.residual.raw.impact < was.residual.raw.likelihood + was.residual.raw.impact;
    });
    if (!moved) throw new Error(`reviewing ${text.id} adequate lowered no residual exposure`);
    expect(moved.trace.some((e) => e.step === 'control' && e.questionId === text.id)).toBe(true);
    await page.getByRole('tab', { name: /Threat profile/ }).click();
    const row = page.getByRole('table', { name: 'Threats by residual risk' }).locator(`tr[data-threat="${moved.id}"]`);
    await expect.poll(async () => (await row.getByRole('cell').nth(2).textContent()) ?? '', { timeout: wait }).toContain(levels(moved.residual));
    await page.getByRole('tab', { name: 'Questionnaire' }).click();

    // 7. Evidence for the vendor's claim, marked checked (who and when).
    await goToSection(detail, theirs.id);
    const fileName = 'vendor-security-whitepaper.pdf';
    await card(theirs.id).locator('input[type=file]').setInputFiles({ name: fileName, mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 whitepaper') });
    const evidence = card(theirs.id).getByRole('listitem', { name: `Evidence file ${fileName}` });
    await visible(evidence);
    expect(await evidence.getByTestId('evidence-checked').textContent()).toMatch(/^Not checked yet/);
    await tabUntil('Mark checked', (f) => f.qid === theirs.id && f.tag === 'BUTTON' && f.label === 'Mark checked');
    await page.keyboard.press('Enter');
    await expect.poll(() => evidence.getByTestId('evidence-checked').textContent(), { timeout: wait }).toMatch(/^Checked by Ada Assessor \(assessor\) · /);
    await visible(evidence.getByRole('button', { name: `Unmark ${fileName} as checked` }));
    const checked = (await rpc<AssessmentDetail>('assessments.get', { id: assessmentId })).evidence.find((e) => e.fileName === fileName);
    expect(checked).toMatchObject({ verifiedBy: 'Ada Assessor (assessor)' });

    // 8. Resolve the contradiction with the keyboard: a decision and a required note.
    const resolveButton = item.getByRole('button', { name: `Resolve: ${contradiction.controlName}` });
    await resolveButton.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: `Resolve: ${contradiction.controlName}` });
    await visible(dialog);
    await visible(dialog.getByRole('button', { name: 'Close' }));
    expect(await axeViolations(page, '[role="dialog"]')).toEqual([]);
    await tabUntil('the decision', (f) => f.type === 'radio' && f.label === 'The safeguard is in place: credit it');
    await page.keyboard.press('Space');
    await expect.poll(focusedChecked, { timeout: wait }).toBe(true);
    await dialog.getByRole('button', { name: 'Save resolution' }).click();
    await visible(dialog.getByText('Say why: a note is required'));
    await dialog.getByRole('textbox', { name: 'Note' }).focus();
    await page.keyboard.type('Saw the encryption settings on the test server; the vendor answered for an older release.');
    await tabUntil('Save resolution', (f) => f.tag === 'BUTTON' && f.label === 'Save resolution');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden', timeout: wait });
    await expect.poll(() => item.textContent(), { timeout: wait }).toContain('Resolved: in place');
    expect(await item.textContent()).toContain('Ada Assessor (assessor)');
    expect(await item.textContent()).toContain('“Saw the encryption settings on the test server; the vendor answered for an older release.”');
    expect(await panel.textContent()).toContain('all resolved');

    // The safeguard now counts, and the trace says so.
    const resolved = (await rpc<AssessmentDetail>('assessments.get', { id: assessmentId })).profile as ThreatProfile;
    expect(resolved.contradictions?.find((c) => c.controlId === control)?.resolution).toMatchObject({ decision: 'credit', by: 'Ada Assessor (assessor)' });
    const credited = resolved.threats.find((t) => t.id === affected.id);
    expect(credited?.trace.some((s) => s.step === 'control' && s.controlId === control)).toBe(true);
    await page.getByRole('tab', { name: /Threat profile/ }).click();
    await page.getByRole('table', { name: 'Threats by residual risk' }).getByRole('button', { name: affected.name, exact: true }).click();
    await visible(drawer);
    await visible(trace.getByRole('cell', { name: 'Safeguard in place' }).first());
    expect(await trace.getByRole('cell', { name: 'Safeguard not counted: answers disagree' }).count()).toBe(0);
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden', timeout: wait });
    await page.getByRole('tab', { name: 'Questionnaire' }).click();

    // 9. "Not applicable" where the templates offer it for this system (on premises, in the EHR),
    // chosen with the keyboard; the card gives the reason, and the question is no longer a gap.
    const na = questionsOf(detail).find((q) => q.notApplicable !== undefined && asked.has(q.id) && 'options' in q && q.kind !== 'multi');
    if (!na) throw new Error('the templates offer "Not applicable" to no question of an on-premises, EHR-integrated system');
    await goToSection(detail, na.id);
    await visible(card(na.id).getByText(/“Not applicable” is offered for this system/));
    await tabUntil(na.id, (f) => f.qid === na.id && f.type === 'radio');
    const naRadio = card(na.id).getByRole('radio', { name: 'Not applicable' });
    for (let i = 0; i < 10 && !(await naRadio.isChecked()); i++) await page.keyboard.press('ArrowDown');
    await expect.poll(() => naRadio.isChecked(), { timeout: wait }).toBe(true);
    // Arrows only show a choice; Space confirms it (one ledger event per deliberate answer, docs/keyboard.md).
    await page.keyboard.press('Space');
    await allSaved();
    await visible(card(na.id).getByText(/Marked "Not applicable"/));
    const afterNa = await rpc<AssessmentDetail>('assessments.get', { id: assessmentId });
    expect(afterNa.answers.find((a) => a.questionId === na.id)).toMatchObject({ notApplicable: true, value: null, answeredBy: `${assessor} (assessor)` });
    expect(afterNa.profile.threats.some((t) => t.gaps.includes(na.id))).toBe(false);

    expect(errors).toEqual([]);
  });

  it('upgrades an assessment pinned to scoring model 1 after a confirmation, showing the bands before and after', async () => {
    const systems = await rpc<AiSystem[]>('systems.list', {});
    const system = systems.find((s) => s.name === systemName);
    if (!system) throw new Error('the first test added no system');
    const started = await rpc<AssessmentDetail>('assessments.start', { systemId: system.id, stage: 'validation' });
    // An assessment from before model 2, as migration 006 leaves them: pinned to model 1.
    const sqlite = new Database(dbPath);
    sqlite.prepare('UPDATE assessments SET scoring_model = 1 WHERE id = ?').run(started.id);
    sqlite.close();

    await page.goto(`${serve?.url.replace(/#.*$/, '') ?? ''}#/assessments/${started.id}`);
    await visible(page.getByRole('heading', { level: 1, name: started.title }));
    await visible(page.getByText('Scoring model 1', { exact: true }));
    const upgrade = page.getByRole('button', { name: 'Upgrade scoring' });
    await upgrade.focus();
    await page.keyboard.press('Enter');
    const confirm = page.getByRole('dialog', { name: 'Upgrade to scoring model 2?' });
    await visible(confirm);
    await visible(confirm.getByRole('button', { name: 'Close' }));
    expect(await axeViolations(page, '[role="dialog"]')).toEqual([]);
    // Cancel leaves it as it was.
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'hidden', timeout: wait });
    expect((await rpc<AssessmentDetail>('assessments.get', { id: started.id })).scoringModel).toBe(1);

    await upgrade.click();
    await visible(confirm);
    await confirm.getByRole('button', { name: 'Upgrade scoring' }).click();
    const done = page.getByRole('dialog', { name: 'Scoring upgraded' });
    await visible(done);
    expect(await done.getByTestId('upgrade-bands').textContent()).toMatch(/^Overall residual risk before:.+\(\d+\), after:.+\(\d+\)$/);
    await visible(done.getByText('Every answer was carried.'));
    expect(await axeViolations(page, '[role="dialog"]')).toEqual([]);
    await done.getByRole('button', { name: 'Done' }).click();
    await done.waitFor({ state: 'hidden', timeout: wait });
    expect(await page.getByText('Scoring model 1', { exact: true }).count()).toBe(0);
    expect((await rpc<AssessmentDetail>('assessments.get', { id: started.id })).scoringModel).toBe(2);
    expect(errors).toEqual([]);
  });
});
