import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from '../support/axe.ts';
import { browserRequired, findBrowser, launchBrowser, repoRoot, type LaunchedBrowser } from '../support/browser.ts';
import { startTeamServerFixture, stopTestPostgres, type TeamServerFixture } from '../support/team-server-fixture.ts';
import { startTestOidcProvider, type TestOidcProvider } from '../support/test-oidc-provider.ts';
import { freePort } from '../support/test-postgres.ts';

const wait = 30_000;
const browserPath = findBrowser();

if (browserPath === null) {
  describe('team single sign-on e2e', () => {
    if (browserRequired()) {
      it('has a Chromium-family browser', () => {
        throw new Error('VIGIL_REQUIRE_BROWSER=1 but no Chromium-family browser found (install chromium or set VIGIL_BROWSER)');
      });
    } else {
      it.skip('SKIPPED: no Chromium-family browser found (install chromium or set VIGIL_BROWSER; VIGIL_REQUIRE_BROWSER=1 makes this fail)', () => {});
    }
  });
}

/**
 * Single sign-on in Chromium: the sign-in page offers it when the server has a provider; the
 * link goes to a real OpenID provider (oidc-provider on loopback), which sends the browser back
 * cross-site to the team server; the page ends up signed in as the account the provider named.
 */
describe.skipIf(browserPath === null)('team mode single sign-on in the browser (Chromium)', () => {
  let provider: TestOidcProvider;
  let team: TeamServerFixture;
  let browser: LaunchedBrowser | undefined;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(join(repoRoot, 'dist', 'renderer', 'index.html'))) {
      throw new Error('dist/renderer is missing: run "npm run build" before the e2e tests.');
    }
    const port = await freePort();
    provider = await startTestOidcProvider({
      redirectUris: [`https://127.0.0.1:${port}/auth/oidc/callback`],
      people: { 'idp-asha': { preferred_username: 'asha', email: 'asha@hospital.test', name: 'Asha Assessor' } },
    });
    team = await startTeamServerFixture({
      port,
      oidc: { issuer: provider.issuer, clientId: provider.clientId, clientSecret: provider.clientSecret, label: 'Hospital sign-in' },
    });
    browser = await launchBrowser(browserPath, { trustCertificate: team.cert });
    browser.context.setDefaultTimeout(wait);
    page = await browser.context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  afterAll(async () => {
    await browser?.close();
    await team?.close();
    await provider?.close();
    await stopTestPostgres();
  });

  const visible = (locator: Locator) => locator.waitFor({ state: 'visible', timeout: wait });

  it('offers single sign-on, and the round trip through the provider signs Asha in', async () => {
    await page.goto(team.url);
    await visible(page.getByRole('heading', { name: 'Sign in to Vigil', exact: true }));
    const sso = page.getByRole('link', { name: 'Sign in with single sign-on (Hospital sign-in)' });
    await visible(sso);
    expect(await sso.getAttribute('href')).toBe('./auth/oidc/start');
    expect(await axeViolations(page, 'body')).toEqual([]);

    await sso.click();
    // The provider's own (development) login page: any password; the login names the person.
    const login = page.locator('input[name="login"]');
    await visible(login);
    expect(new URL(page.url()).origin).toBe(provider.issuer);
    await login.fill('idp-asha');
    await page.locator('input[name="password"]').fill('any password');
    await page.locator('button[type="submit"]').click();

    await visible(page.getByTestId('signed-in-as'));
    expect(new URL(page.url()).origin).toBe(team.url);
    expect(await page.getByTestId('signed-in-as').textContent()).toBe('Signed in as Asha Assessor — Assessor');
    await visible(page.getByRole('heading', { name: 'Portfolio dashboard', exact: true }));
    const signIns = await team.query<{ login: string; method: string; outcome: string }>("SELECT login, method, outcome FROM sign_ins WHERE method = 'oidc'");
    expect(signIns).toEqual([{ login: 'asha', method: 'oidc', outcome: 'signedIn' }]);
  });

  it('threw no errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
