import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assessmentStatuses,
  decisionKindLabels,
  decisionKinds,
  documentStatusLabels,
  lifecycleLabels,
  lifecycleStages,
  recommendationLabels,
  recommendations,
  roleLabels,
  roles,
  type CommitteeSummary,
  type Person,
  type Risk,
  type ThreatDetail,
} from '../../electron/contract/index.ts';
import { suggestionText } from '../../renderer/src/components/threat-explanation-model.ts';
import { groupDecisions, routeForRef } from '../../renderer/src/pages/committee/committee-model.ts';
import { hrefFor } from '../../renderer/src/routing/use-hash-route.ts';
import { tempDir } from '../support/core-fixture.ts';
import { axeViolations } from '../support/axe.ts';
import { docxText } from '../support/read-docx.ts';
import { cliPath, findBrowser, launchBrowser, repoRoot, serveRpc, startServe, type LaunchedBrowser, type ServeProcess } from '../support/browser.ts';

const run = promisify(execFile);
const wait = 30_000;
const browserPath = findBrowser();

/** Internal codes that must never reach the screen as words. */
const codes = [...recommendations, ...decisionKinds, ...lifecycleStages, ...assessmentStatuses, ...roles, 'acceptanceRequested', 'inProgress', 'approvedWithConditions'].filter((c) =>
  /[a-z][A-Z]/.test(c),
);

describe.skipIf(browserPath === null)('the committee meeting, the risk drawer an owner plans from, and the register options (Chromium)', () => {
  let browser: LaunchedBrowser | undefined;
  let server: ServeProcess | undefined;
  let page: Page;
  let rpc: ReturnType<typeof serveRpc> = () => Promise.reject(new Error('the server has not started'));
  let cleanup = () => undefined as void;
  const pageErrors: string[] = [];


  /** Follows a link with the keyboard: focus it, press Enter. */
  async function enter(link: ReturnType<Page['getByRole']>) {
    await link.focus();
    await page.keyboard.press('Enter');
  }

  /** Chooses who acts in the header, and the role when the person holds several. */
  async function actAs(name: string, role?: string) {
    await page.getByRole('combobox', { name: 'Acting as' }).click();
    await page.getByRole('option', { name, exact: true }).click();
    await expect.poll(() => page.getByRole('combobox', { name: 'Acting as' }).inputValue(), { timeout: wait }).toBe(name);
    if (role) {
      await page.getByRole('combobox', { name: 'Role' }).click();
      await page.getByRole('option', { name: role, exact: true }).click();
      await expect.poll(() => page.getByRole('combobox', { name: 'Role' }).inputValue(), { timeout: wait }).toBe(role);
    }
  }

  beforeAll(async () => {
    const files = tempDir('vigil-e2e-committee-');
    cleanup = files.cleanup;
    const dbPath = join(files.dir, 'vigil.db');
    await run(process.execPath, [cliPath, 'demo', '--db', dbPath], { cwd: repoRoot, timeout: 180_000 });
    server = await startServe(dbPath);
    rpc = serveRpc(server);
    browser = await launchBrowser(browserPath);
    browser.context.setDefaultTimeout(wait);
    page = await browser.context.newPage();
    await page.setViewportSize({ width: 1366, height: 900 });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(server.url);
    await page.getByRole('heading', { name: 'Portfolio dashboard', exact: true }).waitFor();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    cleanup();
  });

  it('shows the decision summary of register.summary, every system and every decision, in words, linked to its record', async () => {
    const summary = await rpc<CommitteeSummary>('register.summary', { systemIds: [] });
    expect(summary.systems.length).toBeGreaterThan(1);
    await enter(page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Committee meeting', exact: true }));
    await page.getByRole('heading', { name: 'Committee meeting', exact: true, level: 1 }).waitFor();
    expect(page.url()).toMatch(/#\/committee$/);

    const scope = page.getByRole('table', { name: 'Systems in scope' });
    await scope.waitFor();
    const rows = scope.locator('tbody tr');
    expect(await rows.count()).toBe(summary.systems.length);
    for (const [i, s] of summary.systems.entries()) {
      const row = rows.nth(i);
      const text = (await row.innerText()).replace(/\s+/g, ' ');
      expect(text).toContain(s.name);
      expect(text).toContain(s.vendor);
      expect(text).toContain(recommendationLabels[s.recommendation]);
      const stage = (lifecycleLabels as Record<string, string>)[s.lifecycleStage];
      if (stage) expect(text).toContain(stage);
    }

    // Each system's page: the recommendation, its reasons, acceptability, conditions and changes.
    for (const s of summary.systems) {
      const section = page.getByRole('region', { name: s.name, exact: true });
      const text = (await section.innerText()).replace(/\s+/g, ' ');
      expect(text).toContain(`Recommendation: ${recommendationLabels[s.recommendation]}`);
      for (const reason of s.reasons) expect(text).toContain(reason.replace(/\s+/g, ' '));
      expect(text).toContain(s.acceptability.statement.replace(/\s+/g, ' '));
      expect(text).toContain(s.acceptability.acceptable ? 'Residual risk acceptable' : 'Residual risk not acceptable');
      for (const c of s.conditions) expect(text).toContain(c.text.replace(/\s+/g, ' '));
      for (const r of s.topRisks) expect(text).toContain(r.threatName);
      for (const c of s.changesSince.changes) expect(text).toContain(c.what.replace(/\s+/g, ' '));
    }

    // The decisions, grouped by kind with their counts, each linking to what it concerns.
    const decisions = page.getByRole('region', { name: /^Decisions asked of the committee/ });
    await expect.poll(() => decisions.getByRole('heading', { level: 2 }).innerText()).toBe(`Decisions asked of the committee (${summary.decisions.length})`);
    for (const g of groupDecisions(summary.decisions)) {
      const group = decisions.getByRole('region', { name: `${decisionKindLabels[g.kind]} (${g.items.length})`, exact: true });
      const items = group.getByRole('listitem');
      expect(await items.count()).toBe(g.items.length);
      for (const [i, d] of g.items.entries()) {
        expect((await items.nth(i).innerText()).replace(/\s+/g, ' ')).toContain(d.text.replace(/\s+/g, ' ').replace(/[.\s]+$/, ''));
        expect(await items.nth(i).getByRole('link').getAttribute('href')).toBe(hrefFor(routeForRef(d.ref, d.systemId)));
      }
    }

    const all = await page.locator('.committee-view').innerText();
    for (const code of codes) expect(all, `internal code "${code}" on screen`).not.toMatch(new RegExp(`\\b${code}\\b`));
    expect(await axeViolations(page, '.committee-view')).toEqual([]);
  });

  it('prints without navigation or buttons, in colour, nothing cut off, a page per system', async () => {
    const summary = await rpc<CommitteeSummary>('register.summary', { systemIds: [] });
    // The Print button opens the browser's print dialog: counted here instead of opened.
    await page.evaluate(() => {
      const w = window as Window & { printed?: number };
      w.printed = 0;
      w.print = () => {
        w.printed = (w.printed ?? 0) + 1;
      };
    });
    await page.getByRole('button', { name: 'Print', exact: true }).focus();
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => (window as Window & { printed?: number }).printed)).toBe(1);

    await page.setViewportSize({ width: 794, height: 1123 }); // A4 at 96 dpi
    await page.emulateMedia({ media: 'print' });
    try {
      expect(await page.getByRole('navigation', { name: 'Main navigation' }).isVisible()).toBe(false);
      expect(await page.getByRole('button', { name: 'Print', exact: true }).isVisible()).toBe(false);
      expect(await page.getByRole('combobox', { name: 'Acting as' }).isVisible()).toBe(false);
      const style = await page.evaluate(() => {
        const badge = document.querySelector('.committee-view .mantine-Badge-root');
        const systems = [...document.querySelectorAll('.committee-system')];
        const root = document.documentElement;
        return {
          colour: badge ? getComputedStyle(badge).printColorAdjust : null,
          breaks: systems.map((s) => getComputedStyle(s).breakBefore),
          overflow: root.scrollWidth - root.clientWidth,
          clipped: [...document.querySelectorAll('.committee-view *')].filter((e) => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX === 'hidden').length,
        };
      });
      expect(style.colour).toBe('exact');
      expect(style.breaks).toEqual(summary.systems.map(() => 'page'));
      expect(style.overflow).toBeLessThanOrEqual(0);
      expect(style.clipped).toBe(0);
      // The PDF Chromium prints: the summary, then at least a page per system.
      const pdf = (await page.pdf({ format: 'A4', printBackground: false })).toString('latin1');
      const pages = pdf.match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0;
      expect(pages).toBeGreaterThanOrEqual(summary.systems.length + 1);
    } finally {
      await page.emulateMedia({ media: null });
      await page.setViewportSize({ width: 1366, height: 900 });
    }
  });

  it('opens a risk from the committee view and shows what it is, why, its gaps and the safeguards that would lower it, above the treatment form', async () => {
    const summary = await rpc<CommitteeSummary>('register.summary', { systemIds: [] });
    const risks = await rpc<Risk[]>('risks.list', {});
    // A risk someone can still plan for, with suggestions to plan from.
    let chosen: { risk: Risk; detail: ThreatDetail } | undefined;
    for (const s of summary.systems) {
      for (const top of s.topRisks) {
        const risk = risks.find((r) => r.id === top.riskId);
        if (!risk?.allowedEvents.includes('risk.plan')) continue;
        const detail = await rpc<ThreatDetail>('assessments.threatDetail', { id: risk.assessmentId, threatId: risk.threatId });
        if (detail.suggestions.length > 0 && detail.gaps.length > 0) chosen = { risk, detail };
        if (chosen) break;
      }
      if (chosen) break;
    }
    if (!chosen) throw new Error('the demo has no open top risk with suggested safeguards and evidence gaps');
    const { risk, detail } = chosen;
    const people = await rpc<Person[]>('people.list', {});
    const owner = people.find((p) => p.active && p.roles.length === 1 && p.roles[0] === 'riskOwner');
    if (!owner) throw new Error('the demo has no risk owner');
    await actAs(owner.name);

    const system = page.getByRole('region', { name: risk.systemName, exact: true });
    await enter(system.getByRole('table', { name: `Top risks of ${risk.systemName}` }).getByRole('link', { name: risk.threatName, exact: true }));
    const drawer = page.getByRole('dialog', { name: `Risk: ${risk.threatName}` });
    await drawer.getByRole('table', { name: 'Suggested safeguards' }).waitFor();
    expect(page.url()).toMatch(new RegExp(`#/risks/${risk.id}$`));

    const text = (await drawer.innerText()).replace(/\s+/g, ' ');
    expect(text).toContain(detail.description.replace(/\s+/g, ' '));
    expect(text).toContain(detail.clinicalConsequence.replace(/\s+/g, ' '));
    for (const line of detail.why) expect(text).toContain(line.replace(/\s+/g, ' '));
    for (const r of detail.references) for (const id of r.ids) expect(text).toContain(id);
    const rows = drawer.getByRole('table', { name: 'Suggested safeguards' }).locator('tbody tr');
    expect(await rows.count()).toBe(detail.suggestions.length);
    for (const [i, s] of detail.suggestions.entries()) {
      const row = (await rows.nth(i).innerText()).replace(/\s+/g, ' ');
      expect(row).toContain(s.name);
      expect(row).toContain(suggestionText(s));
    }
    const gaps = drawer.getByRole('list', { name: 'Evidence gaps' }).getByRole('listitem');
    expect(await gaps.count()).toBe(detail.gaps.length);

    // The owner plans from it: the suggestions come before the treatment form.
    const form = drawer.getByRole('form', { name: 'Treatment plan' });
    await form.waitFor();
    const order = await drawer.evaluate((root) => {
      const table = root.querySelector('table[aria-label="Suggested safeguards"]');
      const plan = root.querySelector('form[aria-label="Treatment plan"]');
      return table && plan ? table.compareDocumentPosition(plan) & Node.DOCUMENT_POSITION_FOLLOWING : 0;
    });
    expect(order).toBeGreaterThan(0);
    expect(await axeViolations(page, '[role="dialog"]')).toEqual([]);

    // An evidence gap opens its question in the assessment, focused.
    const gap = detail.gaps[0];
    if (!gap) throw new Error('no gap');
    await enter(drawer.getByRole('link', { name: gap.questionId, exact: true }).first());
    await expect.poll(() => page.url()).toMatch(new RegExp(`#/assessments/${risk.assessmentId}/questions/${gap.questionId}$`));
    await expect
      .poll(() => page.evaluate((id) => document.activeElement?.closest(`#question-${id}`) !== null, gap.questionId), { timeout: wait })
      .toBe(true);
  });

  it('exports the register with the options chosen by keyboard: final, next review date, answers appendix, the acting person as author', async () => {
    const people = await rpc<Person[]>('people.list', {});
    await page.keyboard.press('Escape'); // no drawer left open over the header
    const chair = people.find((p) => p.active && p.roles.includes('committeeChair'));
    if (!chair) throw new Error('the demo has no committee chair');
    await actAs(chair.name, chair.roles.length > 1 ? roleLabels.committeeChair : undefined);
    await enter(page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Reports', exact: true }));
    await page.getByRole('heading', { name: 'Reports', exact: true }).waitFor();
    const section = page.getByRole('region', { name: 'Risk register' });
    await expect.poll(() => section.getByTestId('register-author').innerText()).toContain(chair.name);

    const exportOnce = async () => {
      const request = page.waitForRequest((r) => r.url().endsWith('/rpc/export.register'));
      const [download] = await Promise.all([page.waitForEvent('download'), enter(section.getByRole('button', { name: 'Export register' }))]);
      return { body: (await request).postDataJSON() as Record<string, unknown>, bytes: readFileSync(await download.path()) };
    };

    // The defaults: a draft without the appendix.
    const plain = await exportOnce();
    expect(plain.body).toMatchObject({ status: 'draft', withAnswers: false, by: { name: chair.name } });
    expect(plain.body).not.toHaveProperty('nextReview');

    // Final (arrow keys in the radio group), a next review date, the appendix (space).
    await section.getByRole('radio', { name: documentStatusLabels.draft, exact: true }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await section.getByRole('radio', { name: documentStatusLabels.final, exact: true }).isChecked()).toBe(true);
    const next = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
    await section.getByLabel('Next review date').fill(next);
    await section.getByRole('checkbox', { name: 'Include every answer (appendix)' }).focus();
    await page.keyboard.press('Space');
    expect(await section.getByRole('checkbox', { name: 'Include every answer (appendix)' }).isChecked()).toBe(true);
    expect(await axeViolations(page, 'section[aria-labelledby="register-export-title"]')).toEqual([]);

    const full = await exportOnce();
    expect(full.body).toMatchObject({ status: 'final', withAnswers: true, nextReview: next, by: { name: chair.name } });
    const plainText = docxText(plain.bytes);
    const fullText = docxText(full.bytes);
    expect(fullText).toContain(chair.name);
    expect(fullText).toMatch(/final/i);
    // The appendix holds every answer: the document grows by it.
    expect(fullText.length).toBeGreaterThan(plainText.length);

    // A next review date in the past is refused on the page, in words, and nothing is exported.
    await section.getByLabel('Next review date').fill('2020-01-01');
    await expect.poll(() => section.getByText('The next review must be after today').count()).toBe(1);
    let sent = 0;
    const count = (r: { url(): string }) => {
      if (r.url().endsWith('/rpc/export.register')) sent += 1;
    };
    page.on('request', count);
    await enter(section.getByRole('button', { name: 'Export register' }));
    // The handler has run once the page comes back round its event loop: a call would be on its way.
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
    page.off('request', count);
    expect(sent).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
