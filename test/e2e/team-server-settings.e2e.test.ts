import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../electron/contract/index.ts';
import { createTeamRouter } from '../../electron/main/team-router.ts';
import { teamConnectionFileName, teamConnectionStore } from '../../electron/main/team-connection-store.ts';
import { axeViolations } from '../support/axe.ts';
import { browserRequired, cliPath, findBrowser, launchBrowser, startServe } from '../support/browser.ts';
import { tempDir } from '../support/core-fixture.ts';
import { openAsDesktop, serveAsLocalCore } from '../support/desktop-page.ts';
import { startTeamServerFixture, stopTestPostgres, type TeamServerFixture } from '../support/team-server-fixture.ts';
import { makeCertificate, startStubTeamServer, stubAccount, stubPassword, type StubTeamServer, type TestCertificate } from '../support/stub-team-server.ts';

const wait = 30_000;
const browserPath = findBrowser();

if (browserPath === null) {
  describe('team server settings e2e', () => {
    if (browserRequired()) {
      it('has a Chromium-family browser', () => {
        throw new Error('VIGIL_REQUIRE_BROWSER=1 but no Chromium-family browser found (install chromium or set VIGIL_BROWSER)');
      });
    } else {
      it.skip('SKIPPED: no Chromium-family browser found (install chromium or set VIGIL_BROWSER; VIGIL_REQUIRE_BROWSER=1 makes this fail)', () => {});
    }
  });
}

interface DesktopPage {
  page: Page;
  pageErrors: string[];
  /** The app's user-data folder (team-server.json goes here). */
  dir: string;
  /** The own file's core, as the router reaches it. */
  local: (method: string, input: unknown) => Promise<Result<unknown>>;
  stop(): Promise<void>;
}

/** The desktop page in Chromium on its own file (`vigil serve`), with the main process's router in this process. */
async function startDesktopPage(prefix: string): Promise<DesktopPage> {
  if (!existsSync(cliPath)) throw new Error(`${cliPath} is missing: run "npm run build" before the e2e tests.`);
  const files = tempDir(prefix);
  const serve = await startServe(join(files.dir, 'own.db'));
  const local = serveAsLocalCore(serve.url);
  const router = createTeamRouter({ store: teamConnectionStore(files.dir), local, actor: 'ward7.nurse', now: () => new Date() });
  const browser = await launchBrowser(browserPath);
  const stop = async () => {
    await browser.close();
    await serve.stop();
    files.cleanup();
  };
  browser.context.setDefaultTimeout(wait);
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1366, height: 900 });
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await openAsDesktop(page, router, serve.url);
  return { page, pageErrors, dir: files.dir, local, stop };
}

describe.skipIf(browserPath === null)('Settings → Use a team server, as the desktop app shows it (Chromium)', () => {
  let desktop: DesktopPage | undefined;
  let server: StubTeamServer | undefined;
  let certificate: TestCertificate;
  let page: Page;

  beforeAll(async () => {
    certificate = await makeCertificate();
    server = await startStubTeamServer(certificate);
    // Signed in or not, the stub refuses the pages' calls: this test is about the section.
    server.answerRpc(() => ({ ok: false, error: { code: 'FORBIDDEN', message: 'Not in this test.' } }));
    desktop = await startDesktopPage('vigil-e2e-team-settings-');
    page = desktop.page;
  }, 180_000);

  afterAll(async () => {
    await desktop?.stop();
    await server?.close();
  });

  const section = () => page.getByRole('region', { name: 'Use a team server' });

  it('checks the certificate, shows its fingerprint to confirm, connects, signs in and out, and goes back to the own file', async () => {
    if (!server) throw new Error('no server');
    await expect.poll(() => section().getByRole('status').first().textContent(), { timeout: wait }).toBe('Vigil works on your own file on this computer. Nothing is shared.');
    expect(await axeViolations(page, 'section[aria-labelledby="team-server-heading"]')).toEqual([]);

    const address = section().getByRole('textbox', { name: 'Team server address' });
    await address.fill('http://127.0.0.1:1');
    await section().getByRole('button', { name: 'Check certificate' }).click();
    await expect.poll(() => section().textContent()).toContain('Use the https:// address');

    await address.fill(server.url);
    await section().getByRole('button', { name: 'Check certificate' }).click();
    const shown = section().getByLabel('Certificate fingerprint (SHA-256)');
    await expect.poll(async () => (await shown.textContent())?.replaceAll('\n', ':'), { timeout: wait }).toBe(certificate.fingerprint);
    expect(await section().textContent()).toContain('No certificate authority known to this computer vouches for this certificate');
    expect(await axeViolations(page, 'section[aria-labelledby="team-server-heading"]')).toEqual([]);

    await section().getByRole('button', { name: 'The fingerprint matches: connect' }).click();
    await expect.poll(() => section().getByRole('status').first().textContent(), { timeout: wait }).toBe(`Connected to the team server at ${server.url}. Sign in to work on its records.`);
    expect(existsSync(join(desktop?.dir ?? '', teamConnectionFileName))).toBe(true);

    await section().getByRole('textbox', { name: 'Login' }).fill(stubAccount.login);
    await section().getByLabel('Password', { exact: true }).fill('wrong password for sure');
    await section().getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => section().getByRole('alert').first().textContent(), { timeout: wait }).toContain('The login or password is wrong.');

    await section().getByLabel('Password', { exact: true }).fill(stubPassword);
    await section().getByRole('button', { name: 'Sign in' }).click();
    await expect
      .poll(() => section().getByRole('status').first().textContent(), { timeout: wait })
      .toBe(`Connected to the team server at ${server.url}, signed in as ${stubAccount.name} (${stubAccount.login}).`);
    expect(await axeViolations(page, 'section[aria-labelledby="team-server-heading"]')).toEqual([]);
    // The pages' calls went to the server (which refused them here), not to the own file.
    expect(server.seen.some((r) => r.path.startsWith('/rpc/'))).toBe(true);

    await section().getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => section().getByRole('status').first().textContent(), { timeout: wait }).toBe(`Connected to the team server at ${server.url}. Sign in to work on its records.`);

    await section().getByRole('button', { name: 'Stop using the team server' }).click();
    await expect.poll(() => section().getByRole('status').first().textContent(), { timeout: wait }).toBe('Vigil works on your own file on this computer. Nothing is shared.');
    expect(existsSync(join(desktop?.dir ?? '', teamConnectionFileName))).toBe(false);
    // Back on the own file: the people section loads from it again.
    await expect.poll(() => page.getByRole('region', { name: 'People' }).textContent(), { timeout: wait }).toContain('People');
    expect(desktop?.pageErrors).toEqual([]);
  }, 240_000);
});

describe.skipIf(browserPath === null)('the desktop page on the real team server (Chromium, HTTPS, PostgreSQL)', () => {
  let desktop: DesktopPage | undefined;
  let team: TeamServerFixture | undefined;
  let page: Page;

  beforeAll(async () => {
    team = await startTeamServerFixture();
    desktop = await startDesktopPage('vigil-e2e-desktop-team-');
    page = desktop.page;
  }, 240_000);

  afterAll(async () => {
    await desktop?.stop();
    await team?.close();
    await stopTestPostgres();
  });

  it("connects, signs in, shows the server's inventory and adds to it as the account; the own file never sees it", async () => {
    if (!team) throw new Error('no team server');
    const section = page.getByRole('region', { name: 'Use a team server' });
    // Made on the server from another browser, before this desktop connects.
    const elsewhere = await team.signIn('assessor');
    await elsewhere.call('systems.create', { name: 'Sepsis early warning', vendor: 'Acme Health' });

    await section.getByRole('textbox', { name: 'Team server address' }).fill(team.url);
    await section.getByRole('button', { name: 'Check certificate' }).click();
    await expect.poll(async () => (await section.getByLabel('Certificate fingerprint (SHA-256)').textContent())?.replaceAll('\n', ':'), { timeout: wait }).toBe(team.fingerprint);
    await section.getByRole('button', { name: 'The fingerprint matches: connect' }).click();
    await section.getByRole('textbox', { name: 'Login' }).fill('asha');
    await section.getByLabel('Password', { exact: true }).fill(team.accounts.assessor.password);
    await section.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => section.getByRole('status').first().textContent(), { timeout: wait }).toContain('signed in as Asha Assessor (asha)');
    // Signed in, the header names the account instead of offering "Acting as".
    await expect.poll(() => page.getByTestId('signed-in-as').textContent(), { timeout: wait }).toBe('Signed in as Asha Assessor — Assessor');
    expect(await page.getByLabel('Acting as', { exact: true }).count()).toBe(0);

    await page.getByRole('link', { name: 'Inventory' }).first().click();
    const table = page.getByRole('table', { name: 'AI systems' });
    await expect.poll(() => table.textContent(), { timeout: wait }).toContain('Sepsis early warning');

    await page.getByRole('button', { name: 'Add AI system' }).click();
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Discharge summary scribe');
    await page.getByRole('combobox', { name: 'Vendor', exact: true }).fill('Scribe Co');
    await page.getByRole('button', { name: 'Add to inventory' }).click();
    await expect.poll(async () => (await team?.query<{ actor: string }>("SELECT e.actor FROM audit_events e JOIN systems s ON s.id = e.entity WHERE s.name = 'Discharge summary scribe'"))?.map((e) => e.actor), { timeout: wait }).toEqual([
      'Asha Assessor (assessor) [asha]',
    ]);

    await page.getByRole('link', { name: 'Settings' }).first().click();
    await section.getByRole('button', { name: 'Stop using the team server' }).click();
    await expect.poll(() => section.getByRole('status').first().textContent(), { timeout: wait }).toBe('Vigil works on your own file on this computer. Nothing is shared.');
    expect(await page.getByTestId('signed-in-as').count()).toBe(0);
    const own = await desktop?.local('systems.list', {});
    expect(own).toEqual({ ok: true, value: [] });
    expect(desktop?.pageErrors).toEqual([]);
  }, 240_000);
});
