import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackupReport, LedgerVerification, SystemRow } from '../../electron/contract/index.ts';
import { tempDir } from '../support/core-fixture.ts';
import { cliPath, findBrowser, launchBrowser, repoRoot, startServe, type LaunchedBrowser, type ServeProcess } from '../support/browser.ts';
import { vigilJson } from '../support/e2e-calls.ts';
import { axeViolations } from '../support/axe.ts';

const run = promisify(execFile);
const wait = 30_000;
const browserPath = findBrowser();

/** The built `vigil` on a database, as a user's shell would run it; JSON output parsed. */
function quickCheck(dbPath: string): string {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return db.pragma('quick_check', { simple: true }) as string;
  } catch (error) {
    return (error as Error).message;
  } finally {
    db.close();
  }
}

/**
 * Damages the file the way a crash or a failing disk would: whole pages in the middle of it
 * (never the 100-byte header or the schema) overwritten with random bytes, after the WAL has
 * been folded into the file. Pages holding answers and threat profiles (and their index) are
 * chosen, so the inventory, people and audit ledger still read. More pages are hit until
 * SQLite's own quick_check reports the damage.
 */
function damageDatabase(dbPath: string): string {
  const db = new Database(dbPath, { fileMustExist: true });
  db.pragma('wal_checkpoint(TRUNCATE)');
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const pageCount = db.pragma('page_count', { simple: true }) as number;
  let targets: number[];
  try {
    targets = (
      db
        .prepare(
          "SELECT pageno FROM dbstat WHERE name IN ('answers', 'sqlite_autoindex_answers_1', 'threat_profiles') AND pagetype = 'leaf' AND pageno > 1 ORDER BY pageno",
        )
        .all() as { pageno: number }[]
    ).map((r) => r.pageno);
  } catch {
    targets = []; // SQLite built without dbstat: fall back to the middle of the file.
  }
  db.close();
  if (targets.length === 0) for (let n = Math.floor(pageCount / 3); n < Math.floor((2 * pageCount) / 3); n += 7) targets.push(n);
  // Middle-out, so the first round already lands where the data is.
  targets.sort((a, b) => Math.abs(a - pageCount / 2) - Math.abs(b - pageCount / 2));
  let check = 'ok';
  for (let round = 0; round < targets.length && check === 'ok'; round += 4) {
    const fd = openSync(dbPath, 'r+');
    try {
      // Page N (1-based) starts at pageSize * (N - 1); page 1 holds the header and is never touched.
      for (const page of targets.slice(round, round + 4)) writeSync(fd, randomBytes(pageSize), 0, pageSize, pageSize * (page - 1));
    } finally {
      closeSync(fd);
    }
    check = quickCheck(dbPath);
  }
  return check;
}

describe.skipIf(browserPath === null)('integrity: audit ledger, backups, and a damaged database (Chromium)', () => {
  let browser: LaunchedBrowser | undefined;
  const servers: ServeProcess[] = [];
  const cleanups: (() => void)[] = [];
  let page: Page;
  const pageErrors: string[] = [];

  const heading = (name: string) => page.getByRole('heading', { name, exact: true });

  async function demoDatabase(prefix: string): Promise<string> {
    const files = tempDir(prefix);
    cleanups.push(files.cleanup);
    const dbPath = join(files.dir, 'vigil.db');
    await run(process.execPath, [cliPath, 'demo', '--db', dbPath], { cwd: repoRoot, timeout: wait });
    return dbPath;
  }

  async function serve(dbPath: string): Promise<string> {
    const started = await startServe(dbPath);
    servers.push(started);
    return started.url;
  }

  beforeAll(async () => {
    browser = await launchBrowser(browserPath);
    browser.context.setDefaultTimeout(wait);
    page = await browser.context.newPage();
    await page.setViewportSize({ width: 1366, height: 850 });
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  afterAll(async () => {
    await browser?.close();
    for (const s of servers) await s.stop();
    for (const c of cleanups) c();
  });

  it('(a) verifies the ledger with the keyboard, as the CLI does, and backs up now', async () => {
    const dbPath = await demoDatabase('vigil-e2e-integrity-');
    const url = await serve(dbPath);
    await page.goto(url);
    await heading('Portfolio dashboard').waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    // Browser mode opens the database on the page's first call and takes its daily backup then,
    // recording it in the ledger: let that land so the page and the CLI read the same ledger.
    await expect
      .poll(async () => (await vigilJson<BackupReport[]>(dbPath, 'backup', 'list')).some((b) => b.kind === 'daily'), { timeout: wait })
      .toBe(true);

    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('tab', { name: 'Integrity' }).click();
    await heading('Audit ledger').waitFor();
    expect(page.url()).toMatch(/#\/settings\/integrity$/);

    const verifyButton = page.getByRole('button', { name: 'Verify the ledger' });
    await verifyButton.focus();
    await page.keyboard.press('Enter');
    const verified = page.getByRole('status').filter({ hasText: 'Verified:' });
    await verified.waitFor();
    const match = /Verified: (\d+) events, head ([0-9a-f]{64})/.exec((await verified.textContent()) ?? '');
    expect(match).not.toBeNull();

    const cli = await vigilJson<LedgerVerification>(dbPath, 'audit', 'verify');
    expect(cli.ok).toBe(true);
    expect({ length: Number(match?.[1]), head: match?.[2] }).toEqual({ length: cli.length, head: cli.head });
    // The head and length shown from app.info are the same ledger.
    await expect.poll(() => page.getByLabel('Events in the ledger').textContent(), { timeout: wait }).toBe(String(cli.length));
    expect(await page.getByLabel('Ledger head', { exact: true }).textContent()).toBe(cli.head);

    await page.getByRole('button', { name: 'Back up now' }).click();
    const taken = page.getByRole('status').filter({ hasText: 'Backup taken and verified' });
    await taken.waitFor();
    const name = /Backup taken and verified: (vigil-[\w-]+\.db)/.exec((await taken.textContent()) ?? '')?.[1];
    const listed = await vigilJson<BackupReport[]>(dbPath, 'backup', 'list');
    const backup = listed.find((b) => b.name === name) as BackupReport;
    expect(backup).toMatchObject({ kind: 'manual' });
    expect(listed[0]?.name).toBe(name); // newest first
    expect(await taken.getByLabel('SHA-256 of the backup', { exact: true }).textContent()).toBe(backup.sha256);
    expect(backup.ledger).toEqual({ length: cli.length, head: cli.head });
    const row = page.getByRole('table', { name: 'Backups' }).getByRole('row').filter({ hasText: backup.name });
    await row.waitFor();
    expect(await row.textContent()).toContain(String(cli.length));
    expect(await row.textContent()).toContain(backup.ledger.head.slice(0, 16));
    // The backup is itself an event: the live ledger shown grows by one.
    await expect.poll(() => page.getByLabel('Events in the ledger').textContent(), { timeout: wait }).toBe(String(cli.length + 1));
    expect(pageErrors).toEqual([]);
  });

  it('(b) opens a damaged database read-only, refuses changes, and restores the newest backup', async () => {
    const dbPath = await demoDatabase('vigil-e2e-damaged-');
    const backup = await vigilJson<BackupReport>(dbPath, 'backup');
    const check = damageDatabase(dbPath);
    expect(check).not.toBe('ok');

    await page.goto(await serve(dbPath));
    const banner = page.getByRole('alert').filter({ hasText: 'Vigil has opened it read-only' });
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(/start-up check found damage.*nothing can be changed until a good backup is restored/i);
    expect(await banner.getByRole('link', { name: 'choose another in Settings → Integrity' }).getAttribute('href')).toBe('#/settings/integrity');
    // What can still be read is shown.
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Inventory', exact: true }).click();
    await page.getByRole('table', { name: 'AI systems' }).getByRole('link', { name: 'Closed-loop insulin dosing', exact: true }).waitFor();

    // A change is refused by the core, and the form says why in its words.
    await page.getByRole('button', { name: 'Add AI system' }).click();
    await heading('Add an AI system').waitFor();
    await page.getByRole('textbox', { name: 'Name' }).fill('Sepsis early warning');
    await page.getByRole('combobox', { name: 'Vendor' }).fill('Northwind Clinical');
    await page.getByRole('button', { name: 'Add to inventory' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'The system was not saved' });
    await refusal.waitFor();
    // In words, with where to restore, and no error code (issue 19).
    const refusalText = (await refusal.textContent()) ?? '';
    expect(refusalText).toMatch(/Vigil opened this database read-only: .*Restore a backup to make changes again\./s);
    expect(refusalText).not.toContain('READ_ONLY');
    expect(await refusal.getByRole('link', { name: 'Restore a backup in Settings → Integrity' }).count()).toBe(1);

    await banner.getByRole('button', { name: 'Restore the newest good backup' }).click();
    const dialog = page.getByRole('dialog', { name: 'Restore this backup?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(backup.name);
    expect(await dialog.textContent()).toMatch(/replace the current database/);
    expect(await dialog.textContent()).toMatch(/keep a copy of the damaged database/);
    expect(await axeViolations(page, '[role="dialog"]')).toEqual([]);
    await dialog.getByRole('button', { name: 'Replace the database with this backup' }).click();

    const restored = page.getByRole('status').filter({ hasText: `Restored from ${backup.name}` });
    await restored.waitFor();
    expect(await restored.textContent()).toContain(`${backup.ledger.length} events, head ${backup.ledger.head}`);
    await expect.poll(() => banner.count(), { timeout: wait }).toBe(0);
    await dialog.waitFor({ state: 'hidden' });

    // The demo data is back and can be changed again.
    await page.getByRole('link', { name: 'Inventory' }).click();
    await page.getByRole('table', { name: 'AI systems' }).getByRole('link', { name: 'Closed-loop insulin dosing', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Add AI system' }).click();
    await heading('Add an AI system').waitFor();
    await page.getByRole('textbox', { name: 'Name' }).fill('Sepsis early warning');
    await page.getByRole('combobox', { name: 'Vendor' }).fill('Northwind Clinical');
    await page.getByRole('button', { name: 'Add to inventory' }).click();
    await heading('Sepsis early warning').waitFor();
    expect(page.url()).toMatch(/#\/systems\/SYS-[A-Z0-9]+$/);
    expect(await page.getByRole('alert').count()).toBe(0);

    const systems = (await vigilJson<{ rows: SystemRow[] }>(dbPath, 'systems', 'list', '--limit', '200')).rows;
    expect(systems.map((s) => s.name)).toEqual(expect.arrayContaining(['Closed-loop insulin dosing', 'Sepsis early warning']));
    const ledger = await vigilJson<LedgerVerification>(dbPath, 'audit', 'verify');
    expect(ledger.ok).toBe(true);
    expect(ledger.length).toBeGreaterThan(backup.ledger.length); // the restore and the new system are recorded
    expect(pageErrors).toEqual([]);
  });
});
