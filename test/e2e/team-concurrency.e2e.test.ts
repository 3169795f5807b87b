import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { request as playwrightRequest, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssessmentDetail, Question } from '../../electron/contract/index.ts';
import { axeViolations } from '../support/axe.ts';
import { browserRequired, findBrowser, launchBrowser, repoRoot, type LaunchedBrowser } from '../support/browser.ts';
import { startTeamServerFixture, stopTestPostgres, type SignedInClient, type TeamServerFixture } from '../support/team-server-fixture.ts';

const wait = 30_000;
const browserPath = findBrowser();
const missingBrowser = 'VIGIL_REQUIRE_BROWSER=1 but no Chromium-family browser found (install chromium or set VIGIL_BROWSER)';

if (browserPath === null) {
  if (browserRequired()) {
    describe('team concurrency e2e', () => {
      it('has a Chromium-family browser', () => {
        throw new Error(missingBrowser);
      });
    });
  } else {
    describe('team concurrency e2e', () => {
      it.skip('SKIPPED: no Chromium-family browser found (install chromium or set VIGIL_BROWSER; VIGIL_REQUIRE_BROWSER=1 makes this fail)', () => {});
    });
  }
}

type Choice = Question & { kind: 'yesNo' | 'choice' };

/** What a call through the fixture answered, or the refusal as an error. */
async function value<T>(client: SignedInClient, method: string, input: unknown): Promise<T> {
  const res = await client.call(method, input);
  const body = res.json as { ok: boolean; value: T; error?: { message: string } } | undefined;
  if (res.status !== 200 || !body?.ok) throw new Error(`${method}: ${res.status} ${res.text}`);
  return body.value;
}

/**
 * Two people signed in in two browsers work on one assessment at once on a real team server
 * (HTTPS, PostgreSQL, accounts): different questions save side by side; a stale write (a
 * question the other changed after this page loaded) is refused naming who changed it, and a
 * reload shows their answer. A reviewer cannot take an assessor's step; a bad session cookie, a
 * cross-site request and a forged CSRF token are refused.
 */
describe.skipIf(browserPath === null)('two people on one assessment (Chromium, HTTPS team server)', () => {
  const bea = { login: 'bea', password: 'bea-password-000001', name: 'Bea Assessor', email: 'bea@hospital.test' };
  let team: TeamServerFixture;
  let asha: SignedInClient;
  let browsers: LaunchedBrowser[] = [];
  let pageA: Page;
  let pageB: Page;
  let assessmentId: string;
  let questions: Choice[];
  let sectionTitle: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(join(repoRoot, 'dist', 'renderer', 'index.html'))) {
      throw new Error('dist/renderer is missing: run "npm run build" before the e2e tests.');
    }
    team = await startTeamServerFixture();
    const admin = await team.signIn('admin');
    await value(admin, 'accounts.save', { ...bea, roles: ['assessor'] });
    asha = await team.signIn('assessor');
    const system = await value<{ id: string }>(asha, 'systems.create', { name: 'Sepsis early warning', vendor: 'Acme Health', modelType: 'predictive', dataCategories: ['phi'] });
    const started = await value<AssessmentDetail>(asha, 'assessments.start', { systemId: system.id, stage: 'procurement' });
    assessmentId = started.id;
    // Three always-asked yes/no or choice questions of one section, that no other question hangs on.
    const all = started.questionnaireSnapshots.flatMap((q) => q.sections.flatMap((s) => s.questions));
    const parents = new Set(all.flatMap((q) => (q.showIf && 'question' in q.showIf ? [q.showIf.question] : [])));
    const usable = (q: Question): q is Choice => (q.kind === 'yesNo' || q.kind === 'choice') && !q.showIf && !parents.has(q.id) && q.options.length >= 2;
    const section = started.questionnaireSnapshots.flatMap((q) => q.sections).find((s) => s.questions.filter(usable).length >= 4);
    if (!section) throw new Error('no section with four plain questions');
    sectionTitle = section.title;
    const [warmUp, ...rest] = section.questions.filter(usable);
    questions = rest.slice(0, 3);
    // Moved into progress before the pages load, so neither page refetches when its first save
    // changes the status: each keeps what it loaded, as a person's open tab does.
    await value(asha, 'assessments.answer', { id: assessmentId, answers: [{ questionId: warmUp!.id, value: warmUp!.options[0]!.value }] });

    for (let i = 0; i < 2; i++) {
      const launched = await launchBrowser(browserPath, { trustCertificate: team.cert });
      launched.context.setDefaultTimeout(wait);
      browsers.push(launched);
    }
    pageA = await browsers[0]!.context.newPage();
    pageB = await browsers[1]!.context.newPage();
    for (const page of [pageA, pageB]) page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  afterAll(async () => {
    for (const b of browsers) await b.close();
    browsers = [];
    await team?.close();
    await stopTestPostgres();
  });

  const card = (page: Page, qid: string) => page.locator(`[data-question="${qid}"]`);
  const radio = (page: Page, q: Choice, option: number) => card(page, q.id).getByRole('radio', { name: q.options[option]!.label, exact: true });
  const allSaved = (page: Page) => expect.poll(() => page.getByTestId('autosave-status').textContent(), { timeout: wait }).toMatch(/^All changes saved at/);
  const stored = async (qid: string) => (await value<AssessmentDetail>(asha, 'assessments.get', { id: assessmentId })).answers.find((a) => a.questionId === qid);

  async function signIn(page: Page, login: string, password: string, name: string) {
    await page.goto(team.url);
    await page.getByRole('heading', { name: 'Sign in to Vigil', exact: true }).waitFor();
    await page.getByRole('textbox', { name: 'Login', exact: true }).fill(login);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect.poll(() => page.getByTestId('signed-in-as').textContent(), { timeout: wait }).toContain(name);
  }

  async function openSection(page: Page) {
    await page.goto(`${team.url}/#/assessments/${assessmentId}`);
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: new RegExp(`^${sectionTitle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) }).click();
    await page.getByRole('heading', { level: 2, name: sectionTitle }).waitFor();
  }

  it('both people answer different questions of the same assessment, and both answers are kept', async () => {
    await signIn(pageA, team.accounts.assessor.login, team.accounts.assessor.password, team.accounts.assessor.name);
    await signIn(pageB, bea.login, bea.password, bea.name);
    await openSection(pageA);
    await openSection(pageB);
    expect(await axeViolations(pageA, 'body')).toEqual([]);

    const [first, second] = questions;
    await radio(pageA, first!, 0).check();
    await radio(pageB, second!, 1).check();
    await allSaved(pageA);
    await allSaved(pageB);
    expect(await stored(first!.id)).toMatchObject({ value: first!.options[0]!.value, answeredBy: `${team.accounts.assessor.name} (assessor) [${team.accounts.assessor.login}]` });
    expect(await stored(second!.id)).toMatchObject({ value: second!.options[1]!.value, answeredBy: `${bea.name} (assessor) [${bea.login}]` });
  });

  it('refuses a stale write naming who changed the answer, and a reload shows their answer', async () => {
    const contested = questions[2]!;
    // Asha answers after Bea's page loaded; Bea's page still shows the question unanswered.
    await radio(pageA, contested, 0).check();
    await allSaved(pageA);
    expect(await radio(pageB, contested, 0).isChecked()).toBe(false);

    await radio(pageB, contested, 1).check();
    const refusal = card(pageB, contested.id).getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain(`${team.accounts.assessor.name} (assessor) [${team.accounts.assessor.login}] changed`);
    expect(await axeViolations(pageB, 'body')).toEqual([]);
    // Nothing of Bea's stale write was stored.
    expect(await stored(contested.id)).toMatchObject({ value: contested.options[0]!.value, answeredBy: expect.stringContaining(team.accounts.assessor.name) });

    await pageB.reload();
    await pageB.getByRole('heading', { level: 2, name: sectionTitle }).waitFor();
    await expect.poll(() => radio(pageB, contested, 0).isChecked(), { timeout: wait }).toBe(true);
    expect(await radio(pageB, contested, 1).isChecked()).toBe(false);
    expect(await card(pageB, contested.id).getByRole('alert').count()).toBe(0);
    // A fresh write from the reloaded page goes through.
    await radio(pageB, contested, 1).check();
    await allSaved(pageB);
    expect(await stored(contested.id)).toMatchObject({ value: contested.options[1]!.value, answeredBy: expect.stringContaining(bea.name) });
  });

  it("does not let a reviewer take an assessor's step", async () => {
    await pageB.getByRole('button', { name: 'Sign out' }).click();
    await pageB.getByRole('heading', { name: 'Sign in to Vigil', exact: true }).waitFor();
    await signIn(pageB, team.accounts.reviewer.login, team.accounts.reviewer.password, team.accounts.reviewer.name);
    await pageB.goto(`${team.url}/#/assessments/${assessmentId}`);
    const review = pageB.getByRole('region', { name: 'Review', exact: true });
    await review.waitFor();
    expect(await review.getByRole('button', { name: 'Request vendor input' }).count()).toBe(0);
    expect(await axeViolations(pageB, 'body')).toEqual([]);
    // Asked anyway, from the reviewer's own page with a valid session and CSRF token: refused in words.
    const answer = await pageB.evaluate(async (entityId) => {
      const session = (await (await fetch('/auth/session')).json()) as { csrfToken: string };
      const res = await fetch('/rpc/workflow.send', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Vigil-CSRF': session.csrfToken },
        body: JSON.stringify({ entityId, event: 'vendor.request' }),
      });
      return { status: res.status, body: (await res.json()) as { error: { code: string; message: string } } };
    }, assessmentId);
    expect(answer.status).toBe(403);
    expect(answer.body.error.code).toBe('FORBIDDEN');
    expect(answer.body.error.message).toMatch(/assessor/);
    expect((await value<{ state: string }>(asha, 'workflow.allowed', { entityId: assessmentId })).state).toBe('inProgress');
  });

  it('refuses a forged CSRF token, a cross-site request and a bad session cookie', async () => {
    // From the reviewer's page: the session cookie goes with the call, the token is made up.
    const forged = await pageB.evaluate(async () => {
      const res = await fetch('/rpc/systems.list', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Vigil-CSRF': 'forged-token-forged-token' }, body: '{}' });
      return { status: res.status, code: ((await res.json()) as { error: { code: string } }).error.code };
    });
    expect(forged).toEqual({ status: 403, code: 'FORBIDDEN' });

    // From another site, with the reviewer's real cookie and token: refused for where it came from.
    const cookie = (await browsers[1]!.context.cookies(team.url)).find((c) => c.name === '__Host-vigil-session');
    expect(cookie?.sameSite).toBe('Strict');
    const csrfToken = await pageB.evaluate(async () => ((await (await fetch('/auth/session')).json()) as { csrfToken: string }).csrfToken);
    const api = await playwrightRequest.newContext({ ignoreHTTPSErrors: true });
    try {
      const headers = { 'Content-Type': 'application/json', Cookie: `${cookie?.name}=${cookie?.value}`, 'X-Vigil-CSRF': csrfToken };
      const fromElsewhere = await api.post(`${team.url}/rpc/systems.list`, { headers: { ...headers, Origin: 'https://attacker.example' }, data: {} });
      expect(fromElsewhere.status()).toBe(403);
      expect(((await fromElsewhere.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
      const crossSite = await api.post(`${team.url}/rpc/systems.list`, { headers: { ...headers, 'Sec-Fetch-Site': 'cross-site' }, data: {} });
      expect(crossSite.status()).toBe(403);
      // The same call, same-origin, goes through: the refusals were for the forgery alone.
      const genuine = await api.post(`${team.url}/rpc/systems.list`, { headers: { ...headers, Origin: team.url }, data: {} });
      expect(genuine.status()).toBe(200);
    } finally {
      await api.dispose();
    }

    // Asha's browser with her session cookie replaced by a made-up one: refused, and the page
    // goes back to sign-in.
    await browsers[0]!.context.addCookies([{ name: '__Host-vigil-session', value: 'not-a-session-not-a-session', url: team.url, secure: true, httpOnly: true, sameSite: 'Strict' }]);
    const badSession = await pageA.evaluate(async () => {
      const res = await fetch('/rpc/systems.list', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Vigil-CSRF': 'whatever-it-was' }, body: '{}' });
      return { status: res.status, code: ((await res.json()) as { error: { code: string } }).error.code };
    });
    expect(badSession).toEqual({ status: 401, code: 'UNAUTHORIZED' });
    await pageA.reload();
    await pageA.getByRole('heading', { name: 'Sign in to Vigil', exact: true }).waitFor();
    expect(await axeViolations(pageA, 'body')).toEqual([]);
  });

  it('leaves a ledger that verifies, naming each person, and threw no errors in the pages', async () => {
    const admin = await team.signIn('admin');
    expect(await value<{ ok: boolean }>(admin, 'audit.verify', {})).toMatchObject({ ok: true });
    const answered = await team.query<{ actor: string }>("SELECT actor FROM audit_events WHERE action = 'assessment.answered' ORDER BY seq");
    // The first two pages' saves were at the same moment: in either order.
    expect(answered.map((r) => r.actor).sort()).toEqual([
      `${team.accounts.assessor.name} (assessor) [${team.accounts.assessor.login}]`,
      `${team.accounts.assessor.name} (assessor) [${team.accounts.assessor.login}]`,
      `${bea.name} (assessor) [${bea.login}]`,
      `${team.accounts.assessor.name} (assessor) [${team.accounts.assessor.login}]`,
      `${bea.name} (assessor) [${bea.login}]`,
    ].sort());
    expect(pageErrors).toEqual([]);
  });
});
