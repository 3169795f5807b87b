import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from '../support/axe.ts';
import { browserRequired, findBrowser, launchBrowser, repoRoot, type LaunchedBrowser } from '../support/browser.ts';
import { startTeamServerFixture, stopTestPostgres, type TeamServerFixture } from '../support/team-server-fixture.ts';

const wait = 30_000;
const browserPath = findBrowser();
const missingBrowser = 'VIGIL_REQUIRE_BROWSER=1 but no Chromium-family browser found (install chromium or set VIGIL_BROWSER)';

if (browserPath === null) {
  if (browserRequired()) {
    describe('team sign-in e2e', () => {
      it('has a Chromium-family browser', () => {
        throw new Error(missingBrowser);
      });
    });
  } else {
    describe('team sign-in e2e', () => {
      it.skip('SKIPPED: no Chromium-family browser found (install chromium or set VIGIL_BROWSER; VIGIL_REQUIRE_BROWSER=1 makes this fail)', () => {});
    });
  }
}

/**
 * Team mode in Chromium against a real team server (HTTPS, PostgreSQL, accounts): the sign-in
 * page, the header without "Acting as", the administrator's accounts page, a new reviewer who
 * cannot do an assessor's step, sign-out ending the session for good, and the idle timeout
 * sending the person back to sign in with the reason in words.
 */
describe.skipIf(browserPath === null)('team mode in the browser (Chromium, HTTPS team server)', () => {
  const rhea = { login: 'rhea', password: 'rhea-password-0001', name: 'Rhea Reviewer', email: 'rhea@hospital.test' };
  let team: TeamServerFixture;
  let browser: LaunchedBrowser | undefined;
  let page: Page;
  let assessmentId: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(join(repoRoot, 'dist', 'renderer', 'index.html'))) {
      throw new Error('dist/renderer is missing: run "npm run build" before the e2e tests.');
    }
    team = await startTeamServerFixture();
    // An assessment in draft, started by the assessor: the reviewer must not be able to submit it.
    const asha = await team.signIn('assessor');
    const system = await asha.call('systems.create', { name: 'Sepsis early warning', vendor: 'Acme Health', modelType: 'predictive', dataCategories: ['phi'], worstCredibleHarm: 'serious', timeCritical: true });
    expect(system.status, system.text).toBe(200);
    const systemId = (system.json as { value: { id: string } }).value.id;
    const started = await asha.call('assessments.start', { systemId, stage: 'procurement' });
    expect(started.status, started.text).toBe(200);
    assessmentId = (started.json as { value: { id: string } }).value.id;

    browser = await launchBrowser(browserPath, { trustCertificate: team.cert });
    browser.context.setDefaultTimeout(wait);
    page = await browser.context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  afterAll(async () => {
    await browser?.close();
    await team?.close();
    await stopTestPostgres();
  });

  const heading = (name: string) => page.getByRole('heading', { name, exact: true });
  const visible = (locator: Locator) => locator.waitFor({ state: 'visible', timeout: wait });
  const signedInAs = () => page.getByTestId('signed-in-as');
  const focusedName = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? '');
  const focusedLabel = () => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.labels?.[0]?.textContent ?? '');

  /** Sign in with the keyboard only: the page starts in Login; Tab to Password; Enter. */
  async function signInWithKeyboard(login: string, password: string) {
    await visible(heading('Sign in to Vigil'));
    await expect.poll(focusedLabel, { timeout: wait }).toBe('Login');
    await page.keyboard.type(login);
    await page.keyboard.press('Tab');
    await expect.poll(focusedLabel, { timeout: wait }).toBe('Password');
    await page.keyboard.type(password);
    await page.keyboard.press('Enter');
  }

  it('(a) the sign-in page is accessible, says a wrong password in words, and signs the administrator in', async () => {
    await page.goto(team.url);
    await visible(heading('Sign in to Vigil'));
    expect(await axeViolations(page, 'body')).toEqual([]);

    await signInWithKeyboard('admin', 'not-the-password-1');
    const refusal = page.getByRole('alert');
    await visible(refusal);
    expect(await refusal.textContent()).toContain('The login or the password is not right. 4 attempts are left before the account locks.');
    // The password field was emptied and has the focus again: type the right one.
    await expect.poll(focusedLabel, { timeout: wait }).toBe('Password');
    await page.keyboard.type(team.accounts.admin.password);
    await page.keyboard.press('Enter');

    await visible(heading('Portfolio dashboard'));
    expect(await signedInAs().textContent()).toBe('Signed in as Ada Admin — no governance role · administrator');
    expect(await page.getByRole('combobox', { name: 'Acting as' }).count()).toBe(0);
    expect(await page.getByText('Acting as').count()).toBe(0);
    await visible(page.getByRole('button', { name: 'Sign out' }));
    await visible(page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Accounts' }));
  });

  it('(b) the accounts page lists the accounts and sign-ins; adding a reviewer through the dialog', async () => {
    await page.getByRole('link', { name: 'Accounts' }).click();
    await visible(heading('Accounts'));
    const accounts = page.getByRole('table', { name: 'Accounts' });
    await visible(accounts.getByRole('cell', { name: 'asha', exact: true }));
    for (const login of ['admin', 'asha', 'ravi', 'chen', 'rosa']) await visible(accounts.getByRole('cell', { name: login, exact: true }));
    const signIns = page.getByRole('table', { name: 'Sign-ins' });
    await visible(signIns.getByRole('row').filter({ hasText: 'admin' }).filter({ hasText: 'wrong password' }).first());
    await visible(signIns.getByRole('row').filter({ hasText: 'admin' }).filter({ hasText: 'Signed in' }).first());
    expect(await axeViolations(page, 'body')).toEqual([]);

    await page.getByRole('button', { name: 'Add account' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add an account' });
    await visible(dialog);
    // The dialog opens in its first field.
    await expect.poll(focusedLabel, { timeout: wait }).toContain('Login');
    expect(await axeViolations(page, '[role="dialog"]')).toEqual([]);
    await visible(dialog.getByRole('button', { name: 'Close' }));

    // Saving with a short password says so by the field, and writes nothing.
    await page.keyboard.type(rhea.login);
    await dialog.getByRole('textbox', { name: 'Name' }).fill(rhea.name);
    await dialog.getByRole('textbox', { name: 'E-mail' }).fill(rhea.email);
    const reviewer = dialog.getByRole('checkbox', { name: 'Reviewer', exact: true });
    await reviewer.focus();
    await page.keyboard.press('Space');
    expect(await reviewer.isChecked()).toBe(true);
    const password = dialog.getByLabel('Initial password');
    await password.fill('short');
    await dialog.getByRole('button', { name: 'Add account' }).click();
    await visible(dialog.getByText('Password must be at least 12 characters'));
    expect(await team.query('SELECT login FROM accounts WHERE login = $1', [rhea.login])).toEqual([]);

    await password.fill(rhea.password);
    await dialog.getByRole('button', { name: 'Add account' }).click();
    await dialog.waitFor({ state: 'hidden', timeout: wait });
    const row = accounts.getByRole('row').filter({ has: page.getByRole('cell', { name: rhea.login, exact: true }) });
    await visible(row);
    expect(await row.getByRole('cell').allTextContents()).toEqual(expect.arrayContaining([rhea.login, rhea.name, rhea.email, 'Reviewer', 'No', 'Active', 'Never']));
    const stored = await team.query<{ login: string; administrator: number }>('SELECT login, administrator::int AS administrator FROM accounts WHERE login = $1', [rhea.login]);
    expect(stored).toEqual([{ login: rhea.login, administrator: 0 }]);

    // Escape closes the reset-password dialog and gives the focus back to the button that opened it.
    await row.getByRole('button', { name: `Reset password of ${rhea.login}` }).click();
    await visible(page.getByRole('dialog', { name: `Reset the password of ${rhea.login}` }));
    expect(await axeViolations(page, '[role="dialog"]')).toEqual([]);
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'hidden', timeout: wait });
    await expect.poll(focusedName, { timeout: wait }).toBe(`Reset password of ${rhea.login}`);
  });

  it('(c) signing out returns to the sign-in page, and the old session is refused', async () => {
    const cookies = await browser!.context.cookies(team.url);
    const old = cookies.find((c) => c.name === '__Host-vigil-session');
    expect(old?.httpOnly).toBe(true);
    expect(old?.secure).toBe(true);
    expect(old?.sameSite).toBe('Strict');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await visible(heading('Sign in to Vigil'));
    await visible(page.getByRole('status').getByText('You signed out.'));

    const cookie = `__Host-vigil-session=${old?.value ?? ''}`;
    const rpc = await team.request({ method: 'POST', path: '/rpc/systems.list', headers: { Origin: team.url, Cookie: cookie }, body: {} });
    expect(rpc.status).toBe(401);
    expect((rpc.json as { error: { code: string } }).error.code).toBe('UNAUTHORIZED');
    const session = await team.request({ path: '/auth/session', headers: { Cookie: cookie } });
    expect(session.json).toMatchObject({ mode: 'team', signedIn: false });
  });

  it('(d) the new reviewer signs in: no Accounts page, and an assessor\'s step is not offered (and refused in words)', async () => {
    // The address still names the accounts page the administrator left: the reviewer is told it is not theirs.
    await signInWithKeyboard(rhea.login, rhea.password);
    await visible(signedInAs());
    expect(await signedInAs().textContent()).toBe('Signed in as Rhea Reviewer — Reviewer');
    await visible(page.getByText('Your account is not an administrator.', { exact: false }));
    expect(await page.getByRole('table', { name: 'Accounts' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Accounts' }).count()).toBe(0);

    const allowed = page.waitForResponse((r) => r.url().endsWith('/rpc/workflow.allowed'));
    await page.goto(`${team.url}/#/assessments/${assessmentId}`);
    const answer = await allowed;
    expect(answer.status()).toBe(200);
    const events = ((await answer.json()) as { value: { allowedEvents: string[] } }).value.allowedEvents;
    expect(events).not.toContain('vendor.request');
    // The review panel offers the workflow's steps the core allows this person: none of an assessor's.
    const review = page.getByRole('region', { name: 'Review', exact: true });
    await visible(review);
    expect(await review.getByRole('button', { name: 'Request vendor input' }).count()).toBe(0);

    // The assessor is offered asking the vendor; the reviewer asking the server anyway is refused in words.
    const asha = await team.signIn('assessor');
    const ashaAllowed = await asha.call('workflow.allowed', { entityId: assessmentId });
    expect((ashaAllowed.json as { value: { allowedEvents: string[] } }).value.allowedEvents).toContain('vendor.request');
    const asRhea = await team.signIn({ login: rhea.login, password: rhea.password });
    const refused = await asRhea.call('workflow.send', { entityId: assessmentId, event: 'vendor.request' });
    expect(refused.status, refused.text).toBe(403);
    expect((refused.json as { error: { code: string; message: string } }).error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/assessor/) });

    // Settings → People speaks of accounts, not of picking a name under Acting as.
    await page.goto(`${team.url}/#/settings`);
    await visible(page.getByText('On this team server every account is a person here', { exact: false }));
    expect(await page.getByText('Acting as', { exact: false }).count()).toBe(0);
  });

  it('(e) after 30 idle minutes the next action returns to the sign-in page, saying why', async () => {
    team.clock.advance(31 * 60_000);
    await page.getByRole('link', { name: 'Inventory' }).click();
    await visible(heading('Sign in to Vigil'));
    await visible(page.getByRole('status').getByText('Your session ended after 30 minutes without activity. Sign in again.'));
    expect(await axeViolations(page, 'body')).toEqual([]);
    const ended = await team.query<{ outcome: string; reason: string }>("SELECT outcome, reason FROM sign_ins WHERE login = $1 AND outcome = 'expired'", [rhea.login]);
    expect(ended).toEqual([{ outcome: 'expired', reason: 'idle for 30 minutes' }]);
  });

  it('(f) threw no errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
