import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AiSystem, AssessmentDetail, Control, Question, Questionnaire, RiskMatrix, Threat } from '../../electron/contract/index.ts';
import { tempDir } from '../support/core-fixture.ts';
import { axeViolations } from '../support/axe.ts';
import { cliPath, findBrowser, launchBrowser, repoRoot, startServe, type LaunchedBrowser, type ServeProcess } from '../support/browser.ts';

const run = promisify(execFile);
const wait = 30_000;
const browserPath = findBrowser();
const readJson = <T>(...path: string[]): T => JSON.parse(readFileSync(join(repoRoot, 'templates', ...path), 'utf8')) as T;

const procurement = readJson<Questionnaire>('questionnaires', 'procurement.json');
const deployment = readJson<Questionnaire>('questionnaires', 'deployment.json');
const vendorForm = readJson<Questionnaire>('questionnaires', 'vendor-transparency.json');
const controls = readJson<{ controls: Control[] }>('catalog', 'controls.json').controls;
const threats = readJson<{ threats: Threat[] }>('catalog', 'threats.json').threats;
const matrix = readJson<RiskMatrix>('matrices', 'default.json');
const band = (l: number, i: number) => matrix.cells[l - 1]?.[i - 1] ?? '';
const bandLabel = (id: string) => matrix.bands.find((b) => b.id === id)?.label ?? id;

type Choice = Question & { kind: 'yesNo' | 'choice' };
const isChoice = (q: Question): q is Choice => q.kind === 'yesNo' || q.kind === 'choice';

/**
 * A yes/no question of the procurement questionnaire, always asked, whose "yes" credits a
 * control that moves a threat into a lower band (from the catalog's base levels).
 */
function chooseCreditingQuestion(): { section: Questionnaire['sections'][number]; question: Choice; control: Control; threat: Threat } {
  for (const section of procurement.sections) {
    for (const question of section.questions) {
      if (question.kind !== 'yesNo' || question.showIf) continue;
      for (const effect of question.options[0]?.effects ?? []) {
        if (!('control' in effect)) continue;
        const control = controls.find((c) => c.id === effect.control);
        for (const m of control?.mitigates ?? []) {
          const threat = threats.find((t) => t.id === m.threat);
          if (!control || !threat) continue;
          const l = Math.max(1, threat.baseLikelihood - (m.reduces === 'severity' ? 0 : m.by));
          const i = Math.max(1, threat.baseImpact - (m.reduces === 'severity' ? m.by : 0));
          if (band(l, i) !== band(threat.baseLikelihood, threat.baseImpact)) return { section, question, control, threat };
        }
      }
    }
  }
  throw new Error('No procurement question credits a control that lowers a threat band');
}

const startsWith = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);

/** "4 × 3 = 12 High" as shown in the threat list's residual column. */
function parseLevels(text: string): { likelihood: number; impact: number; score: number; band: string } {
  const m = new RegExp(`(\\d) × (\\d) = (\\d+)\\s+(${matrix.bands.map((b) => b.label).join('|')})`).exec(text);
  if (!m) throw new Error(`Not a residual score: ${text}`);
  return { likelihood: Number(m[1]), impact: Number(m[2]), score: Number(m[3]), band: m[4] ?? '' };
}

describe.skipIf(browserPath === null)('assessment in browser mode (Chromium)', () => {
  const chosen = chooseCreditingQuestion();
  let files: { dir: string; cleanup: () => void };
  let dbPath: string;
  let serve: ServeProcess | undefined;
  let browser: LaunchedBrowser | undefined;
  let page: Page;
  let token: string;
  let system: AiSystem;
  const errors: string[] = [];

  beforeAll(async () => {
    files = tempDir('vigil-e2e-assessment-');
    dbPath = join(files.dir, 'vigil.db');
    const { stdout } = await run(
      process.execPath,
      [cliPath, 'systems', 'add', '--name', 'Sepsis early warning', '--vendor', 'Acme Clinical AI', '--autonomy', 'informs', '--model-type', 'predictive', '--db', dbPath, '--json'],
      { cwd: repoRoot, timeout: wait },
    );
    system = JSON.parse(stdout) as AiSystem;
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

  /** The HTTP API, as any script with the session token would call it. */
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
  const status = () => page.getByTestId('autosave-status');
  const threatRow = (id: string) => page.getByRole('table', { name: 'Threats by residual risk' }).locator(`tr[data-threat="${id}"]`);
  const allSaved = () => expect.poll(() => status().textContent(), { timeout: wait }).toMatch(/^All changes saved at/);

  async function residualOf(threatId: string) {
    await page.getByRole('tab', { name: /Threat profile/ }).click();
    const text = (await threatRow(threatId).getByRole('cell').nth(2).textContent()) ?? '';
    await page.getByRole('tab', { name: 'Questionnaire' }).click();
    return parseLevels(text);
  }

  /** Presses Tab until the focused element satisfies `test` (keyboard only, like a user would). */
  async function tabUntil(what: string, test: (el: { qid: string | null; type: string | null; label: string }) => boolean, max = 40) {
    const trail: string[] = [];
    for (let i = 0; i < max; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const el = document.activeElement as HTMLInputElement | null;
        if (!el || el === document.body) return null;
        const label = el.labels?.[0]?.textContent ?? el.textContent ?? '';
        return { qid: el.closest('[data-question]')?.getAttribute('data-question') ?? null, type: el.getAttribute('type'), label, tag: el.tagName };
      });
      trail.push(focused ? `${focused.tag} ${focused.qid ?? ''} ${focused.label.slice(0, 30)}` : 'the page');
      // A control unmounted under the keyboard user (say by a re-render while saving) drops
      // focus to the page: a bug, not a step on the way.
      if (!focused) throw new Error(`Focus fell to the page while tabbing to ${what}: ${trail.join(' | ')}`);
      if (test(focused)) return;
    }
    throw new Error(`Tab never reached ${what}: ${trail.join(' | ')}`);
  }

  const focusedChecked = () => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.checked ?? false);

  it('answers with the keyboard, attaches evidence, explains a score and keeps it all across a reload', async () => {
    const { section, question, control, threat } = chosen;

    // Open the system and start a procurement assessment from its page.
    await page.goto(serve?.url ?? '');
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Inventory', exact: true }).click();
    await page.getByRole('table', { name: 'AI systems' }).getByRole('link', { name: system.name, exact: true }).click();
    await page.getByRole('heading', { name: system.name, exact: true }).waitFor();
    await page.getByText('No assessment of this system yet.').waitFor();
    expect(await page.getByRole('combobox', { name: 'Stage' }).inputValue()).toBe('Procurement');
    await page.getByRole('button', { name: 'Start assessment' }).click();
    await page.getByRole('heading', { level: 1, name: `Procurement assessment of ${system.name}` }).waitFor();
    const assessmentId = /#\/assessments\/(ASM-[A-Z0-9]+)/.exec(page.url())?.[1] ?? '';
    expect(assessmentId).toMatch(/^ASM-/);

    // The chosen threat before the control is credited.
    const before = await residualOf(threat.id);
    expect(before.band).toBe(bandLabel(band(threat.baseLikelihood, threat.baseImpact)));

    // Go to the question's section; focus lands on its heading, so Tab leads into the questions.
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: startsWith(section.title) }).click();
    await page.getByRole('heading', { level: 2, name: section.title }).waitFor();

    // Keyboard only from here: Tab to the question's radios, Space chooses the first ("Yes").
    const expected = new Map<string, { label: string; value: string | null; unknown: boolean }>();
    const answerWithKeyboard = async (q: Choice, how: 'first' | 'second' | 'unknown') => {
      await tabUntil(`${q.id}`, (f) => f.qid === q.id && f.type === 'radio');
      if (how === 'first') await page.keyboard.press('Space');
      else if (how === 'second') await page.keyboard.press('ArrowDown');
      else await page.keyboard.press('ArrowUp'); // wraps round to the last radio: "I don't know"
      await expect.poll(focusedChecked, { timeout: wait }).toBe(true);
      const option = how === 'first' ? q.options[0] : how === 'second' ? q.options[1] : undefined;
      expected.set(q.id, { label: option?.label ?? "I don't know", value: option?.value ?? null, unknown: how === 'unknown' });
    };
    await answerWithKeyboard(question, 'first');
    await card(question.id).getByText(/\(assessor\)$/).waitFor();
    await allSaved();

    // The credited control moves the threat down a band, live.
    const after = await residualOf(threat.id);
    expect(after.score).toBeLessThan(before.score);
    expect(after.band).not.toBe(before.band);

    // Nine more questions with the keyboard, through this section and the next ones: one
    // "I don't know" and one flagged for later.
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: startsWith(section.title) }).click();
    await page.getByRole('heading', { level: 2, name: section.title }).waitFor();
    const start = procurement.sections.indexOf(section);
    const plan: Choice[] = [];
    let unknownId = '';
    let flaggedId = '';
    for (const s of procurement.sections.slice(start)) {
      const asked = s.questions.filter((q): q is Choice => isChoice(q) && !q.showIf && q.id !== question.id);
      if (s !== section && plan.length < 9) {
        // Next section: Tab to the button that leads there, Enter.
        await tabUntil(`the button to ${s.title}`, (f) => f.label.includes(`${s.title} →`), 120);
        await page.keyboard.press('Enter');
        await page.getByRole('heading', { level: 2, name: s.title }).waitFor();
      }
      for (const q of asked) {
        if (plan.length >= 9) break;
        plan.push(q);
        const how = plan.length === 3 ? 'unknown' : plan.length % 2 === 0 ? 'second' : 'first';
        await answerWithKeyboard(q, how);
        if (how === 'unknown') unknownId = q.id;
        if (plan.length === 5) {
          await tabUntil(`the flag of ${q.id}`, (f) => f.qid === q.id && f.type === 'checkbox' && f.label === 'Flag for later');
          await page.keyboard.press('Space');
          await expect.poll(focusedChecked, { timeout: wait }).toBe(true);
          flaggedId = q.id;
        }
      }
      if (plan.length >= 9) break;
    }
    expect(plan).toHaveLength(9);
    await allSaved();
    expect(await page.getByTestId('progress-summary').textContent()).toMatch(/^10 of \d+ asked answered · 1 “I don't know” · 1 flagged$/);

    // A free-text answer: saved after a pause in typing, and again when the field is left.
    const textSection = vendorForm.sections.find((x) => x.questions.some((q) => q.kind === 'text' && !q.showIf));
    const textQuestion = textSection?.questions.find((q) => q.kind === 'text' && !q.showIf);
    if (!textSection || !textQuestion) throw new Error('The vendor questionnaire has no always-asked text question');
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: startsWith(textSection.title) }).click();
    await page.getByRole('heading', { level: 2, name: textSection.title }).waitFor();
    await tabUntil(textQuestion.id, (f) => f.qid === textQuestion.id && f.type === null);
    await page.keyboard.type('Acme Clinical AI Ltd, Sepsis Watch 3.2');
    await card(textQuestion.id).getByText(/\(assessor\)$/).waitFor(); // saved without leaving the field
    await page.keyboard.type(', model 2025.1');
    await page.keyboard.press('Tab');
    const typed = 'Acme Clinical AI Ltd, Sepsis Watch 3.2, model 2025.1';
    await expect
      .poll(async () => (await rpc<AssessmentDetail>('assessments.get', { id: assessmentId })).answers.find((a) => a.questionId === textQuestion.id)?.value, {
        timeout: wait,
      })
      .toBe(typed);
    await allSaved();
    const progressText = await page.getByText(/^Required questions answered:/).textContent();

    // Evidence: the user's file choice, its fingerprint, and the same bytes back.
    const bytes = randomBytes(48 * 1024);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const fileName = 'governance-review-minutes.pdf';
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: startsWith(section.title) }).click();
    await card(question.id).locator('input[type=file]').setInputFiles({ name: fileName, mimeType: 'application/pdf', buffer: bytes });
    const item = card(question.id).getByRole('listitem', { name: `Evidence file ${fileName}` });
    await item.waitFor();
    expect(await item.getByTestId('sha256').textContent()).toBe(sha256);
    expect(await item.textContent()).toContain('48.0 KB');
    const [download] = await Promise.all([page.waitForEvent('download'), item.getByRole('button', { name: `Download ${fileName}` }).click()]);
    expect(download.suggestedFilename()).toBe(fileName);
    const downloaded = readFileSync(await download.path());
    expect(Buffer.compare(downloaded, bytes)).toBe(0);

    // An empty file is refused by the core, and the page says why.
    await card(question.id).locator('input[type=file]').setInputFiles({ name: 'empty.txt', mimeType: 'text/plain', buffer: Buffer.alloc(0) });
    await card(question.id).getByRole('alert').filter({ hasText: 'empty.txt is empty (0 bytes)' }).waitFor();
    expect(await card(question.id).getByRole('listitem').count()).toBe(1);
    // The browser logs the refused request (HTTP 400); nothing else may have gone wrong.
    expect(errors).toEqual([expect.stringContaining('status of 400')]);
    errors.length = 0;

    // "Why this score": the trace names the question and the control, and links back to it.
    await page.getByRole('tab', { name: /Threat profile/ }).click();
    await threatRow(threat.id).getByRole('button', { name: threat.name }).click();
    const drawer = page.getByRole('dialog', { name: `Why this score: ${threat.name}` });
    await drawer.waitFor();
    await drawer.getByRole('table', { name: 'Score trace' }).waitFor();
    expect(await axeViolations(page, '[role="dialog"]')).toEqual([]);
    const traceRow = drawer.getByRole('table', { name: 'Score trace' }).getByRole('row').filter({ hasText: control.id });
    expect(await traceRow.getByRole('link', { name: question.id }).count()).toBe(1);
    expect(await drawer.getByRole('list', { name: 'Controls credited' }).textContent()).toContain(control.id);
    await traceRow.getByRole('link', { name: question.id }).click();
    await drawer.waitFor({ state: 'hidden' });
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.closest('[data-question]')?.getAttribute('data-question')), { timeout: wait })
      .toBe(question.id);
    expect(page.url()).toContain(`#/assessments/${assessmentId}/${section.id}`);

    // Reload: every answer, the flag, the evidence and the scores are as they were.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: `Procurement assessment of ${system.name}` }).waitFor();
    expect(await page.getByText(/^Required questions answered:/).textContent()).toBe(progressText);
    const reloaded = await residualOf(threat.id);
    expect(reloaded).toEqual(after);
    for (const s of procurement.sections) {
      const ids = s.questions.map((q) => q.id).filter((id) => expected.has(id));
      if (ids.length === 0) continue;
      await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: startsWith(s.title) }).click();
      for (const id of ids) {
        const want = expected.get(id);
        const radio: Locator = card(id).getByRole('radio', { name: want?.label ?? '', exact: true });
        expect(await radio.isChecked(), `${id}: ${want?.label}`).toBe(true);
        expect(await card(id).getByRole('checkbox', { name: 'Flag for later' }).isChecked()).toBe(id === flaggedId);
      }
    }
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: startsWith(textSection.title) }).click();
    expect(await card(textQuestion.id).getByRole('textbox', { name: textQuestion.text }).inputValue()).toBe(typed);
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: startsWith(section.title) }).click();
    expect(await card(question.id).getByTestId('sha256').textContent()).toBe(sha256);

    // Seen from outside the page: saved by the assessor, with who and when.
    const saved = await rpc<AssessmentDetail>('assessments.get', { id: assessmentId });
    expect(saved.answers).toHaveLength(11);
    expected.set(textQuestion.id, { label: '', value: typed, unknown: false });
    for (const a of saved.answers) {
      const want = expected.get(a.questionId);
      expect(want, a.questionId).toBeDefined();
      expect(a).toMatchObject({ source: 'assessor', value: want?.value ?? null, unknown: want?.unknown ?? false, flagged: a.questionId === flaggedId });
      expect(a.answeredBy).not.toBe('');
      expect(Number.isNaN(Date.parse(a.answeredAt))).toBe(false);
    }
    expect(saved.answers.find((a) => a.questionId === unknownId)?.unknown).toBe(true);
    expect(saved.evidence).toEqual([expect.objectContaining({ questionId: question.id, fileName, size: bytes.length, sha256 })]);
    expect(saved.profile.threats.find((t) => t.id === threat.id)?.residual.score).toBe(after.score);

    // The system's page and the Assessments page list it with its progress.
    await page.getByRole('link', { name: `← ${system.name}` }).click();
    const ofSystem = page.getByRole('table', { name: `Assessments of ${system.name}` });
    await ofSystem.getByRole('link', { name: saved.title }).waitFor();
    // assessments.page's rows carry the required questions answered, as last scored (not the flags).
    expect(await ofSystem.textContent()).toContain(`${saved.progress.requiredAnswered}/${saved.progress.required} required`);
    await page.getByRole('link', { name: 'Assessments', exact: true }).click();
    const all = page.getByRole('table', { name: 'Assessments', exact: true });
    await all.getByRole('link', { name: saved.title }).waitFor();
    expect(await all.getByRole('link', { name: system.name, exact: true }).count()).toBe(1);
    expect(errors).toEqual([]);
  });

  it('names the question whose save was refused, and saves it on "Try again"', async () => {
    const assessmentId = (await rpc<{ id: string }[]>('assessments.list', {}))[0]?.id ?? '';
    await page.goto(`${new URL(serve?.url ?? '').origin}/#/assessments/${assessmentId}`);
    // An optional question the first test left unanswered.
    const answered = new Set((await rpc<AssessmentDetail>('assessments.get', { id: assessmentId })).answers.map((a) => a.questionId));
    const optional = procurement.sections
      .flatMap((x) => x.questions.map((y) => ({ section: x, question: y })))
      .find((x) => x.question.kind === 'yesNo' && !x.question.showIf && !x.question.required && !answered.has(x.question.id));
    if (!optional) throw new Error('No unanswered optional yes/no question');
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: startsWith(optional.section.title) }).click();

    let refusals = 0;
    await page.route('**/rpc/assessments.answer', async (route) => {
      refusals++;
      await route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ ok: false, error: { code: 'INTERNAL', message: 'The disk is full.' } }) });
    });
    await card(optional.question.id).getByRole('radio', { name: "I don't know", exact: true }).check();
    const alert = page.getByRole('alert').filter({ hasText: `Not saved: ${optional.question.id}` });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('The disk is full.');
    // The choice stays on screen while it is unsaved.
    expect(await card(optional.question.id).getByRole('radio', { name: "I don't know", exact: true }).isChecked()).toBe(true);
    expect(refusals).toBe(1);

    await page.unroute('**/rpc/assessments.answer');
    await card(optional.question.id).getByRole('button', { name: 'Try again' }).click();
    await alert.waitFor({ state: 'detached' });
    await allSaved();
    const saved = await rpc<AssessmentDetail>('assessments.get', { id: assessmentId });
    expect(saved.answers.find((a) => a.questionId === optional.question.id)).toMatchObject({ unknown: true, source: 'assessor' });
  });

  it('refuses a save over an answer someone changed since the page loaded it, names them, and shows their answer', async () => {
    const assessmentId = (await rpc<{ id: string }[]>('assessments.list', {}))[0]?.id ?? '';
    await page.goto(`${new URL(serve?.url ?? '').origin}/#/assessments/${assessmentId}`);
    const answered = new Set((await rpc<AssessmentDetail>('assessments.get', { id: assessmentId })).answers.map((a) => a.questionId));
    const target = procurement.sections
      .flatMap((x) => x.questions.map((y) => ({ section: x, question: y })))
      .find((x): x is { section: typeof x.section; question: Choice } => x.question.kind === 'yesNo' && !x.question.showIf && !x.question.required && !answered.has(x.question.id));
    if (!target) throw new Error('No unanswered optional yes/no question');
    const [theirs, mine] = target.question.options;
    if (!theirs || !mine) throw new Error('A yes/no question without two options');
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: startsWith(target.section.title) }).click();
    await card(target.question.id).getByRole('radio', { name: "I don't know", exact: true }).check();
    await allSaved();

    // Someone else answers it meanwhile (revision 2); this page still holds revision 1.
    await rpc('assessments.answer', { id: assessmentId, answers: [{ questionId: target.question.id, value: theirs.value, expectedRevision: 1 }] });
    await card(target.question.id).getByRole('radio', { name: mine.label, exact: true }).check();
    const alert = page.getByRole('alert').filter({ hasText: `Not saved: ${target.question.id}` });
    await alert.waitFor();
    // When, in the reader's format and clock (the core's sentence says UTC and ISO; details.changedAt is read instead).
    const refusal = (await alert.textContent()) ?? '';
    expect(refusal).toMatch(new RegExp(`changed the answer to ${target.question.id} on [A-Z][a-z]{2} \\d{1,2}, \\d{4}, \\d{1,2}:\\d{2}\\s[AP]M \\(revision 2; you edited revision 1\\)`));
    expect(refusal).not.toMatch(/UTC|\d{4}-\d{2}-\d{2}/);
    const stored = await rpc<AssessmentDetail>('assessments.get', { id: assessmentId });
    expect(stored.answers.find((a) => a.questionId === target.question.id)).toMatchObject({ value: theirs.value, revision: 2 });

    // Discarding the refused change shows their answer, reloaded.
    await card(target.question.id).getByRole('button', { name: 'Undo my change' }).click();
    await alert.waitFor({ state: 'detached' });
    await expect.poll(() => card(target.question.id).getByRole('radio', { name: theirs.label, exact: true }).isChecked(), { timeout: wait }).toBe(true);
  });

  it('asks a follow-up question only when the answer it depends on calls for it', async () => {
    const byId = new Map(procurement.sections.flatMap((s) => s.questions.map((q) => [q.id, { q, s }] as const)));
    const follow = procurement.sections
      .flatMap((s) => s.questions)
      .find((q) => q.showIf && 'question' in q.showIf && byId.get(q.showIf.question)?.q.kind === 'yesNo' && !byId.get(q.showIf.question)?.q.showIf);
    if (!follow?.showIf || !('question' in follow.showIf)) throw new Error('No follow-up question in the procurement questionnaire');
    const parent = byId.get(follow.showIf.question);
    if (!parent || !isChoice(parent.q)) throw new Error('No parent question');
    const shows = parent.q.options.find((o) => follow.showIf && 'in' in follow.showIf && follow.showIf.in.includes(o.value));
    const hides = parent.q.options.find((o) => o !== shows);
    if (!shows || !hides) throw new Error('The parent question has no option that hides the follow-up');

    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: startsWith(parent.s.title) }).click();
    await card(parent.q.id).waitFor();
    expect(await card(follow.id).count()).toBe(0);
    await card(parent.q.id).getByRole('radio', { name: shows.label, exact: true }).check();
    await card(follow.id).getByRole('radiogroup', { name: follow.text }).waitFor();
    await card(parent.q.id).getByRole('radio', { name: hides.label, exact: true }).check();
    await card(follow.id).waitFor({ state: 'detached' });
    await allSaved();
  });

  it('keyboard only, counting every key: inventory → start a deployment assessment → answer 20 questions → submit, one ledger event per answer', async () => {
    errors.length = 0; // the refusals the tests above provoked on purpose
    // Set-up, not counted: a person to act as (chosen beforehand, as the header remembers it).
    await rpc('people.save', { name: 'Kim Keys', roles: ['assessor'] });
    const origin = new URL(serve?.url ?? '').origin;
    await page.goto(serve?.url ?? '');
    await page.evaluate(() => window.localStorage.setItem('vigil.acting-as', JSON.stringify({ name: 'Kim Keys', role: 'assessor' })));
    // Opened afresh (a reload), so focus starts at the top of the window.
    await page.goto(`${origin}/#/systems`);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'AI system inventory' }).waitFor();

    // Every key the journey sends goes through here; typed text counts one per character.
    let keys = 0;
    const press = async (key: string) => {
      keys++;
      await page.keyboard.press(key);
    };
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return null;
        const label = (el as HTMLInputElement).labels?.[0]?.textContent ?? el.getAttribute('aria-label') ?? el.textContent ?? '';
        return { tag: el.tagName, type: el.getAttribute('type'), label: label.trim(), qid: el.closest('[data-question]')?.getAttribute('data-question') ?? null, checked: (el as HTMLInputElement).checked };
      });
    // The focus ring (docs/keyboard.md): 2 px, solid, on whatever control has focus.
    const ring = () =>
      page.evaluate(() => {
        const el = document.activeElement;
        if (!el) return '';
        const style = getComputedStyle(el);
        return `${style.outlineWidth} ${style.outlineStyle}`;
      });
    const keyUntil = async (key: string, what: string, test: (f: { tag: string; label: string }) => boolean, max = 60) => {
      const trail: string[] = [];
      for (let i = 0; i < max; i++) {
        await press(key);
        const f = await focused();
        trail.push(f ? `${f.tag} ${f.label.slice(0, 30)}` : 'the page');
        if (f && test(f)) return;
      }
      throw new Error(`${key} never reached ${what}: ${trail.join(' | ')}`);
    };

    // The first Tab offers the skip link; it leads past the header and navigation.
    await press('Tab');
    expect(await focused()).toMatchObject({ tag: 'A', label: 'Skip to main content' });
    // Off screen until focused, then on screen with its ring.
    const box = await page.getByRole('link', { name: 'Skip to main content' }).boundingBox();
    expect(box && box.x >= 0 && box.y >= 0 && box.width > 0).toBe(true);
    expect(await ring()).toBe('2px solid');
    await press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main-content');
    await keyUntil('Tab', `the link to ${system.name}`, (f) => f.tag === 'A' && f.label === system.name);
    expect(await ring()).toBe('2px solid');
    await press('Enter');
    // A new page: focus on its heading, scrolled to the top.
    await expect.poll(async () => (await focused())?.tag, { timeout: wait }).toBe('H1');
    expect(await focused()).toMatchObject({ label: system.name });
    expect(await page.evaluate(() => window.scrollY)).toBe(0);

    // The stage to assess: Deployment, chosen in the list with the arrow keys.
    await keyUntil('Tab', 'the stage', (f) => f.tag === 'INPUT' && f.label === 'Stage');
    expect(await ring()).toBe('2px solid');
    const stage = page.getByRole('combobox', { name: 'Stage' });
    await press('ArrowDown');
    for (let i = 0; i < 6 && (await page.getByRole('option', { name: 'Deployment' }).getAttribute('data-combobox-selected')) === null; i++) await press('ArrowDown');
    await press('Enter');
    expect(await stage.inputValue()).toBe('Deployment');
    await keyUntil('Tab', 'Start assessment', (f) => f.tag === 'BUTTON' && f.label === 'Start assessment');
    expect(await ring()).toBe('2px solid');
    await press('Enter');
    const title = `Deployment assessment of ${system.name}`;
    await expect.poll(async () => (await focused())?.label, { timeout: wait }).toBe(title);
    const assessmentId = /#\/assessments\/(ASM-[A-Z0-9]+)/.exec(page.url())?.[1] ?? '';
    expect(assessmentId).toMatch(/^ASM-/);
    const toStart = keys;

    // On the assessment page a second skip link leads to the first unanswered question (tried
    // here without counting; the journey then goes on from the heading, where it arrived).
    const skip = page.getByRole('link', { name: 'Skip to the first unanswered question' });
    await skip.focus();
    expect(await ring()).toBe('2px solid');
    await page.keyboard.press('Enter');
    const started = await rpc<AssessmentDetail>('assessments.get', { id: assessmentId });
    await expect.poll(async () => (await focused())?.qid ?? null, { timeout: wait }).toBe(started.visibleQuestions[0]);

    // The first screen shows the first question (issue 19): in a 1280 × 800 window its card
    // starts well within the window, above it one "Request vendor input" (the review offers none
    // of its own) and the imports folded away until asked for. Measured, not counted as keys.
    await page.setViewportSize({ width: 1280, height: 800 });
    const firstCard = page.locator('[data-question]').first();
    await firstCard.waitFor();
    const cardTop = await firstCard.evaluate((el) => Math.round(el.getBoundingClientRect().top + window.scrollY));
    console.log(`Assessment page at 1280 × 800: the first question's card starts at ${cardTop} px`);
    expect(cardTop).toBeLessThan(680);
    expect(await page.getByRole('button', { name: 'Request vendor input' }).count()).toBe(1);
    // Words a newcomer may not know link to the glossary.
    expect(await page.getByRole('link', { name: '? What “Residual risk” means (glossary)' }).first().getAttribute('href')).toBe('#/glossary?term=residual-risk');
    const imports = page.locator('[aria-controls="vendor-exchange-more"]');
    expect(await imports.textContent()).toBe('Import a response or model card…');
    expect(await imports.getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByRole('button', { name: 'Import vendor response' }).isVisible()).toBe(false);
    await imports.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Import vendor response' }).waitFor();
    expect(await axeViolations(page, 'main')).toEqual([]);
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Import vendor response' }).waitFor({ state: 'hidden' });
    expect(await imports.getAttribute('aria-expanded')).toBe('false');
    await page.setViewportSize({ width: 1366, height: 850 });
    await page.getByRole('heading', { level: 1, name: title }).focus();

    // Answers: R leads to the next unanswered required question, Space answers it; then N to
    // unanswered optional ones. One is reached by arrowing over two options first: the options
    // passed over are not saved, only the one confirmed.
    const required = started.progress.missingRequired.length;
    expect(required).toBeLessThanOrEqual(20);
    const answeredIds: string[] = [];
    let last: string | null = null;
    let arrowed = '';
    for (let n = 0; n < 20; n++) {
      await press(n < required ? 'r' : 'n');
      await expect.poll(async () => (await focused())?.qid ?? null, { timeout: wait }).not.toBe(last);
      const at = await focused();
      if (!at?.qid || at.type !== 'radio') throw new Error(`Focus is not on a question's option: ${JSON.stringify(at)}`);
      expect(answeredIds).not.toContain(at.qid);
      if (n === 0) expect(await ring()).toBe('2px solid');
      if (n === required) {
        arrowed = at.qid;
        await press('ArrowDown');
        await press('ArrowDown');
        await press('Enter');
      } else {
        await press('Space');
      }
      await expect.poll(async () => (await focused())?.checked, { timeout: wait }).toBe(true);
      answeredIds.push(at.qid);
      last = at.qid;
    }
    await allSaved();
    let detail = await rpc<AssessmentDetail>('assessments.get', { id: assessmentId });
    expect(detail.progress.missingRequired).toEqual([]);
    expect(detail.answers.map((a) => a.questionId).sort()).toEqual([...answeredIds].sort());
    const arrowedQuestion = deployment.sections.flatMap((x) => x.questions).find((q) => q.id === arrowed);
    if (!arrowedQuestion || !isChoice(arrowedQuestion)) throw new Error(`${arrowed} is not a choice question`);
    expect(detail.answers.find((a) => a.questionId === arrowed)?.value).toBe(arrowedQuestion.options[2]?.value ?? null);

    const answering = keys - toStart;

    // Back up to "Submit for review…", and confirm in its dialog.
    await keyUntil('Shift+Tab', 'Submit for review…', (f) => f.tag === 'BUTTON' && f.label === 'Submit for review…', 120);
    await press('Enter');
    const confirm = page.getByRole('dialog', { name: 'Submit for review?' });
    await confirm.waitFor();
    expect(await axeViolations(page, '[role="dialog"]')).toEqual([]);
    await keyUntil('Tab', 'the dialog’s Submit for review', (f) => f.tag === 'BUTTON' && f.label === 'Submit for review', 10);
    await press('Enter');
    await expect.poll(() => page.getByTestId('review-status').textContent(), { timeout: wait }).toBe('Submitted');
    console.log(
      `Keyboard journey (inventory → start → 20 answers → submit): ${keys} key presses (${toStart} to the started assessment, ${answering} answering, ${keys - toStart - answering} to submit)`,
    );
    expect(keys).toBeLessThan(300);

    // One ledger event per answer: none for the options the arrow keys passed over.
    const ledger = await rpc<{ rows: { action: string }[]; total: number }>('audit.events', { entity: assessmentId, action: 'assessment.answered', limit: 200 });
    expect(ledger.total).toBe(20);
    detail = await rpc<AssessmentDetail>('assessments.get', { id: assessmentId });
    expect(detail.answers.every((a) => a.revision === 1)).toBe(true);

    // "?" opens the shortcuts, listed from the same table the keys use; the dialog passes axe.
    await page.locator('body').focus();
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.waitFor();
    const rows = help.getByRole('table', { name: 'Keyboard shortcuts of the assessment page' }).getByRole('row');
    expect(await rows.count()).toBe(8); // a header and seven shortcuts
    expect(await help.textContent()).toContain('Next unanswered required question');
    expect(await axeViolations(page, '[role=dialog]')).toEqual([]);
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'hidden' });
    expect(errors).toEqual([]);
  });
});
