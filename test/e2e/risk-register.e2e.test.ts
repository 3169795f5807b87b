import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AiSystem, AuditEventPage, MethodInput, Risk, RiskPage } from '../../electron/contract/index.ts';
import { axeViolations } from '../support/axe.ts';
import { tempDir } from '../support/core-fixture.ts';
import { docxText } from '../support/read-docx.ts';
import { actAs, vigilJson } from '../support/e2e-calls.ts';
import { cliPath, findBrowser, launchBrowser, repoRoot, serveRpc, startServe, type LaunchedBrowser, type ServeProcess } from '../support/browser.ts';

// The risk register at list scale (docs/lists.md): one page of rows from risks.page, sorted,
// paged and filtered by keyboard, its state in the address (a bookmark restores it), bulk owner
// assignment recorded in the ledger, and the selected risks exported. The demo portfolio has
// about a hundred risks: four pages of 25.

const run = promisify(execFile);
const wait = 30_000;
const browserPath = findBrowser();

describe.skipIf(browserPath === null)('risk register: paged, sorted, filtered, addressed, bulk actions (Chromium)', () => {
  let browser: LaunchedBrowser | undefined;
  let server: ServeProcess | undefined;
  let page: Page;
  let dbPath = '';
  let cleanup = () => undefined as void;
  const errors: string[] = [];

  beforeAll(async () => {
    const files = tempDir('vigil-e2e-register-');
    cleanup = files.cleanup;
    dbPath = join(files.dir, 'vigil.db');
    await run(process.execPath, [cliPath, 'demo', '--db', dbPath], { cwd: repoRoot, timeout: 180_000 });
    server = await startServe(dbPath);
    browser = await launchBrowser(browserPath);
    browser.context.setDefaultTimeout(wait);
    page = await browser.context.newPage();
    await page.setViewportSize({ width: 1440, height: 1000 });
    page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(server.url);
    await page.getByRole('heading', { name: 'Portfolio dashboard', exact: true }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    cleanup();
  });

  const rpc = <T>(method: string, input: unknown) => serveRpc({ url: server?.url ?? '' })<T>(method, input);
  const riskPage = (input: MethodInput<'risks.page'>) => rpc<RiskPage>('risks.page', input);

  const table = () => page.getByRole('table', { name: 'Risks', exact: true });
  const shownIds = (t: Locator = table()) => t.locator('tbody tr[data-risk]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-risk')));
  const expectRows = async (expected: RiskPage, t: Locator = table()) =>
    expect.poll(() => shownIds(t), { timeout: wait }).toEqual(expected.rows.map((r) => r.id));
  const address = () => decodeURIComponent(new URL(page.url()).hash);
  const expectAddress = (hash: string) => expect.poll(address, { timeout: wait }).toBe(hash);
  const rowsLine = () => page.getByText(/^Rows [\d,]+–[\d,]+ of [\d,]+$/);
  /** No axe violations in the state the keyboard left (the pointer parked off the rows, so no hover tint). */
  const noViolations = async (selector: string) => {
    await page.mouse.move(0, 0);
    expect(await axeViolations(page, selector)).toEqual([]);
  };
  /** Focuses a control and presses a key on it: the keyboard's way, not a click. */
  const press = async (control: Locator, key: string) => {
    await control.focus();
    await page.keyboard.press(key);
  };
  const go = async (hash: string) => {
    await page.evaluate((h) => {
      window.location.hash = h;
    }, hash);
    await page.getByRole('heading', { level: 1, name: 'Risk register' }).waitFor();
  };

  it('pages, sorts and filters by keyboard, one page of rows at a time, in the address', async () => {
    await go('/risks');
    const first = await riskPage({});
    expect(first.total).toBeGreaterThan(25);
    await expectRows(first);
    expect(await table().locator('tbody tr').count()).toBe(25);
    await expect.poll(() => rowsLine().textContent(), { timeout: wait }).toBe(`Rows 1–25 of ${first.total}`);
    await expect.poll(() => page.getByTestId('risk-counts').textContent(), { timeout: wait }).toBe(
      `${first.total} risks · ${first.counts.aboveAppetite} above appetite · ${first.counts.overdue} overdue`,
    );
    // The default sort (residual, highest first) is said on its header.
    expect(await table().getByRole('columnheader', { name: 'Residual (L × I)' }).getAttribute('aria-sort')).toBe('descending');
    await noViolations('main');

    // Sort by threat with Enter on its header button: ascending, then descending.
    const threat = table().getByRole('button', { name: 'Threat', exact: true });
    await press(threat, 'Enter');
    await expectAddress('#/risks?sort=threatName&direction=asc');
    await expectRows(await riskPage({ sort: 'threatName', direction: 'asc' }));
    expect(await table().getByRole('columnheader', { name: 'Threat' }).getAttribute('aria-sort')).toBe('ascending');
    expect(await table().getByRole('columnheader', { name: 'Residual (L × I)' }).getAttribute('aria-sort')).toBeNull();
    await press(table().getByRole('button', { name: 'Threat', exact: true }), 'Enter');
    await expectAddress('#/risks?sort=threatName');
    await expectRows(await riskPage({ sort: 'threatName', direction: 'desc' }));
    expect(await table().getByRole('columnheader', { name: 'Threat' }).getAttribute('aria-sort')).toBe('descending');

    // The next page, by keyboard: rows 26–50, the page in the address.
    await press(page.getByRole('button', { name: 'Next page' }), 'Enter');
    await expectAddress('#/risks?sort=threatName&page=2');
    const second = await riskPage({ sort: 'threatName', direction: 'desc', offset: 25 });
    await expectRows(second);
    await expect.poll(() => rowsLine().textContent(), { timeout: wait }).toBe(`Rows 26–${Math.min(50, first.total)} of ${first.total}`);
    expect(await page.getByRole('button', { name: 'Page 2' }).getAttribute('aria-current')).toBe('page');
    await noViolations('main');

    // A filter with Space on its switch: back to page 1 of the match, counts over the match.
    await press(page.getByRole('switch', { name: 'Above appetite only' }), 'Space');
    await expectAddress('#/risks?aboveAppetite=1&sort=threatName');
    const above = await riskPage({ sort: 'threatName', direction: 'desc', aboveAppetite: true });
    expect(above.total).toBeGreaterThan(0);
    expect(above.total).toBeLessThan(first.total);
    await expectRows(above);
    await expect.poll(() => page.getByTestId('risk-counts').textContent(), { timeout: wait }).toContain(`${above.total} risk`);

    // The band by keyboard: open the list with ArrowDown, move to the band, Enter.
    const band = above.rows[0]?.band ?? 'high';
    const bandBox = page.getByRole('combobox', { name: 'Band' });
    await press(bandBox, 'ArrowDown');
    const listbox = page.getByRole('listbox');
    await listbox.waitFor();
    const options = await listbox.getByRole('option').allTextContents();
    const catalog = await rpc<{ matrix: { bands: { id: string; label: string }[] } }>('templates.catalog', {});
    const bandLabel = catalog.matrix.bands.find((b) => b.id === band)?.label ?? band;
    // Move the highlight to the band's option, then choose it.
    for (let step = 0; step < options.length; step++) {
      const highlighted = await listbox.locator('[data-combobox-selected]').textContent().catch(() => null);
      if (highlighted === bandLabel) break;
      await page.keyboard.press('ArrowDown');
    }
    await page.keyboard.press('Enter');
    await expectAddress(`#/risks?band=${band}&aboveAppetite=1&sort=threatName`);
    const inBand = await riskPage({ sort: 'threatName', direction: 'desc', aboveAppetite: true, band });
    await expectRows(inBand);

    // The search, typed: the address is replaced once typing pauses.
    const target = inBand.rows[0];
    if (!target) throw new Error('no risk above appetite in the band');
    const word = target.threatName.split(' ').find((w) => w.length > 4) ?? target.threatName;
    await page.getByRole('searchbox', { name: 'Search' }).focus();
    await page.keyboard.type(word);
    await expect.poll(address, { timeout: wait }).toContain(`search=${word}`);
    const searched = await riskPage({ sort: 'threatName', direction: 'desc', aboveAppetite: true, band, search: word });
    await expectRows(searched);
    await noViolations('main');

    // A row opens with Enter on its first cell's link; the list stays behind the drawer.
    const listAddress = address();
    await press(table().locator(`tr[data-risk="${target.id}"]`).getByRole('link', { name: target.threatName }), 'Enter');
    const drawer = page.getByRole('dialog', { name: `Risk: ${target.threatName}` });
    await drawer.waitFor();
    expect(address()).toBe(listAddress.replace('#/risks?', `#/risks/${target.id}?`));
    await expectRows(searched);
    await noViolations('[role="dialog"]');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
    await expectAddress(listAddress);
    await expectRows(searched);
  });

  it('restores a bookmarked view after a reload, and drops what the method would refuse', async () => {
    const all = await riskPage({});
    await go('/risks?openOnly=1&sort=dueDate&direction=asc&page=2');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Risk register' }).waitFor();
    const expected = await riskPage({ openOnly: true, sort: 'dueDate', direction: 'asc', offset: 25 });
    if (expected.total > 25) {
      await expectRows(expected);
      await expect.poll(() => rowsLine().textContent(), { timeout: wait }).toBe(`Rows 26–${Math.min(50, expected.total)} of ${expected.total}`);
    }
    expect(await page.getByRole('switch', { name: 'Open risks only' }).isChecked()).toBe(true);
    expect(await table().getByRole('columnheader', { name: 'Due' }).getAttribute('aria-sort')).toBe('ascending');

    // A dashboard link: one heat-map cell, acceptances expiring, and a sort the method does not
    // have (dropped; the rest of the view kept). The cell and the expiry show as removable chips.
    const cell = all.rows[0]?.residual ?? { likelihood: 3, impact: 3 };
    await go(`/risks?residualLikelihood=${cell.likelihood}&residualImpact=${cell.impact}&acceptanceExpiresWithinDays=90&sort=colour`);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Risk register' }).waitFor();
    const chipName = `Heat-map cell: likelihood ${cell.likelihood} × impact ${cell.impact}`;
    await page.getByText(chipName, { exact: true }).waitFor();
    await page.getByText('Acceptance expires within 90 days', { exact: true }).waitFor();
    await expectRows(await riskPage({ residualLikelihood: cell.likelihood, residualImpact: cell.impact, acceptanceExpiresWithinDays: 90 }));
    await noViolations('main');
    await press(page.getByRole('button', { name: 'Remove filter: Acceptance expires within 90 days' }), 'Enter');
    // The sort the method refused is gone from the address the page writes back.
    await expectAddress(`#/risks?residualLikelihood=${cell.likelihood}&residualImpact=${cell.impact}`);
    const inCell = await riskPage({ residualLikelihood: cell.likelihood, residualImpact: cell.impact });
    expect(inCell.rows.map((r) => r.id)).toContain(all.rows[0]?.id);
    await expectRows(inCell);
    await press(page.getByRole('button', { name: `Remove filter: ${chipName}` }), 'Enter');
    await expectAddress('#/risks');
    await expectRows(all);
  });

  it('assigns one owner to the selected risks (across pages) and the ledger records it', async () => {
    await actAs(page, 'Aisha Bello');
    await go('/risks?sort=threatName&direction=asc');
    const first = await riskPage({ sort: 'threatName', direction: 'asc' });
    await expectRows(first);
    const [a, b] = first.rows;
    if (!a || !b) throw new Error('too few risks');
    // Two risks with Space on their labelled checkboxes, then every risk of page 2.
    await press(page.getByRole('checkbox', { name: `Select ${a.threatName} (${a.id})` }), 'Space');
    await press(page.getByRole('checkbox', { name: `Select ${b.threatName} (${b.id})` }), 'Space');
    await page.getByText('2 risks selected', { exact: true }).waitFor();
    await press(page.getByRole('button', { name: 'Next page' }), 'Enter');
    const second = await riskPage({ sort: 'threatName', direction: 'asc', offset: 25 });
    await expectRows(second);
    await press(page.getByRole('checkbox', { name: 'Select all risks on this page' }), 'Space');
    const chosen = [a, b, ...second.rows];
    await page.getByText(`${chosen.length} risks selected`, { exact: true }).waitFor();
    await noViolations('main');

    const owner = 'James Chen';
    const already = chosen.filter((r) => r.owner === owner).length;
    await page.getByRole('button', { name: 'Assign owner' }).click();
    const dialog = page.getByRole('dialog', { name: `Assign an owner to ${chosen.length} risks` });
    await dialog.waitFor();
    await noViolations('[role="dialog"]');
    // Nobody chosen yet: the dialog says so and sends nothing.
    await dialog.getByRole('button', { name: 'Assign owner' }).click();
    await dialog.getByText('Choose the new owner').waitFor();
    await dialog.getByRole('combobox', { name: 'New owner' }).fill('James');
    await page.getByRole('option', { name: owner, exact: true }).click();
    await dialog.getByRole('button', { name: 'Assign owner' }).click();
    const done = dialog.getByRole('status').filter({ hasText: 'now owned by' });
    await done.waitFor();
    expect(await done.textContent()).toContain(`${chosen.length - already} risks now owned by ${owner}.`);
    await noViolations('[role="dialog"]');
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // The table shows the new owner (the page refetched), and the CLI agrees.
    await expect.poll(() => table().locator(`tr[data-risk="${second.rows[0]?.id}"]`).textContent(), { timeout: wait }).toContain(owner);
    const after = (await vigilJson<{ rows: Risk[] }>(dbPath, 'risks', 'list', '--limit', '200')).rows;
    const chosenIds = new Set(chosen.map((r) => r.id));
    for (const r of after) if (chosenIds.has(r.id)) expect(r.owner, r.id).toBe(owner);
    // One audit event, naming the person who acted and every risk.
    const events = await rpc<AuditEventPage>('audit.events', { action: 'risk.ownerAssigned' });
    expect(events.total).toBe(1);
    expect(events.rows[0]?.actor).toContain('Aisha Bello');
    const verified = await vigilJson<{ ok: boolean }>(dbPath, 'audit', 'verify');
    expect(verified.ok).toBe(true);
  });

  it('exports the selected risks as CSV and as Word, holding exactly those risks', async () => {
    const selected = await page.getByRole('region', { name: 'Selected risks' }).getByRole('status').textContent();
    const count = Number(/^(\d+) risks selected$/.exec(selected ?? '')?.[1]);
    expect(count).toBeGreaterThan(2);
    const all = (await vigilJson<{ rows: Risk[] }>(dbPath, 'risks', 'list', '--limit', '200')).rows;
    const first = await riskPage({ sort: 'threatName', direction: 'asc', limit: 2 });
    const second = await riskPage({ sort: 'threatName', direction: 'asc', offset: 25 });
    const chosen = new Set([...first.rows, ...second.rows].map((r) => r.id));
    expect(chosen.size).toBe(count);

    await page.getByRole('button', { name: 'Export selected' }).click();
    const dialog = page.getByRole('dialog', { name: `Export ${count} risks` });
    await dialog.waitFor();
    await noViolations('[role="dialog"]');
    expect(await dialog.getByRole('radio', { name: 'CSV for Excel (.csv)' }).isChecked()).toBe(true);
    const [csvDownload] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Export', exact: true }).click()]);
    expect(csvDownload.suggestedFilename()).toMatch(/\.csv$/);
    const csv = readFileSync(await csvDownload.path()).toString('utf8');
    for (const r of all) expect(csv.includes(r.id), r.id).toBe(chosen.has(r.id));
    await dialog.getByText('Export ready').waitFor();

    await press(dialog.getByRole('radio', { name: 'Word document (.docx)' }), 'Space');
    const [docxDownload] = await Promise.all([page.waitForEvent('download'), press(dialog.getByRole('button', { name: 'Export', exact: true }), 'Enter')]);
    expect(docxDownload.suggestedFilename()).toMatch(/\.docx$/);
    const text = docxText(readFileSync(await docxDownload.path()));
    for (const r of all) expect(text.includes(r.id), r.id).toBe(chosen.has(r.id));
    await noViolations('[role="dialog"]');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });

  it("lists a system's own risks on its page, sorted and paged there, linking to the register filtered to it", async () => {
    const risks = (await vigilJson<{ rows: Risk[] }>(dbPath, 'risks', 'list', '--limit', '200')).rows;
    const systemId = risks[0]?.systemId ?? '';
    const system = await rpc<AiSystem>('systems.get', { id: systemId });
    await page.evaluate((id) => {
      window.location.hash = `/systems/${id}`;
    }, systemId);
    await page.getByRole('heading', { level: 1, name: system.name }).waitFor();
    const own = page.getByRole('table', { name: `Risks of ${system.name}` });
    await expectRows(await riskPage({ systemId }), own);
    await press(own.getByRole('button', { name: 'Owner', exact: true }), 'Enter');
    await expectRows(await riskPage({ systemId, sort: 'owner', direction: 'asc' }), own);
    // Its own sort lives with the page, not in the address.
    expect(address()).toBe(`#/systems/${systemId}`);
    await noViolations('main');

    await page.getByRole('link', { name: 'Open in the risk register' }).click();
    await page.getByRole('heading', { level: 1, name: 'Risk register' }).waitFor();
    expect(address()).toBe(`#/risks?systemId=${systemId}`);
    await expect.poll(() => page.getByRole('combobox', { name: 'System' }).inputValue(), { timeout: wait }).toBe(system.name);
    await expectRows(await riskPage({ systemId }));
  });

  it('logged no errors', () => {
    expect(errors).toEqual([]);
  });
});
