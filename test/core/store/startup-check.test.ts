// The start-up check (DESIGN §6): a database that fails quick_check is opened read-only with the
// problem explained, every change but a restore is refused, and restoring a good backup makes
// Vigil writable again. A file too damaged to open at all still offers the restore.
import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { contract, type BackupReport, type MethodName, type Result, type RestoreReport } from '../../../electron/contract/index.ts';
import { verifyLedger } from '../../../electron/core/audit/verify-ledger.ts';
import { createCore, type Core } from '../../../electron/core/create-core.ts';
import { actor, fixedClock, makeTestCore, templatesDir, onPostgres } from '../../support/core-fixture.ts';
import { answerAll, benignSystem, prefixedIds, riskySystem } from '../../support/governance-fixture.ts';

const disposers: (() => void)[] = [];
afterEach(() => {
  for (const dispose of disposers.splice(0).reverse()) dispose();
});

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

function read<T>(file: string, fn: (db: Db) => T): T {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/** Deterministic "random" bytes (a SHA-256 stream). */
function noise(length: number, seed: string): Buffer {
  const chunks: Buffer[] = [];
  for (let i = 0; chunks.length * 32 < length; i++) chunks.push(createHash('sha256').update(`${seed}:${i}`).digest());
  return Buffer.concat(chunks).subarray(0, length);
}

function overwrite(file: string, offset: number, bytes: Buffer): void {
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, bytes, 0, bytes.length, offset);
  } finally {
    closeSync(fd);
  }
}

function valueOf<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`call failed: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

const methods = Object.keys(contract) as MethodName[];
const mutating = methods.filter((m) => contract[m].mutates && m !== 'backup.restore');

interface Damaged {
  dbPath: string;
  dir: string;
  assessmentId: string;
  systemId: string;
  older: BackupReport;
  newest: BackupReport;
  /** The file as damaged, before any core opened it. */
  damagedSha: string;
}

/**
 * A database with an answered assessment and two good backups, closed with its WAL
 * checkpointed, then damaged: `answers` pages (found through dbstat, in the middle of the file)
 * are overwritten with noise, or, for `page1`, the schema page after the 100-byte header.
 */
async function damagedDatabase(where: 'answers' | 'page1'): Promise<Damaged> {
  const core = makeTestCore();
  disposers.push(() => core.dispose());
  const system = await core.call('systems.create', benignSystem);
  await core.call('systems.create', riskySystem);
  const started = await core.call('assessments.start', { systemId: system.id, stage: 'procurement' });
  await answerAll(core, started.id);
  const older = await core.call('backup.create', {});
  await core.call('systems.create', { name: 'In the newest backup', vendor: 'Later Ltd' });
  const newest = await core.call('backup.create', {});
  await core.call('systems.create', { name: 'Only in the damaged file', vendor: 'Lost Ltd' });
  core.close();

  const db = new Database(core.dbPath);
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.pragma('wal_checkpoint(TRUNCATE)');
  const pages = (db.prepare("SELECT pageno FROM dbstat WHERE name = 'answers' ORDER BY pageno").all() as { pageno: number }[]).map((p) => p.pageno);
  const total = db.pragma('page_count', { simple: true }) as number;
  db.close();

  const header = readFileSync(core.dbPath).subarray(0, 100);
  if (where === 'answers') {
    expect(pages.length).toBeGreaterThan(0);
    expect(pages.every((p) => p > 1 && p < total)).toBe(true);
    for (const page of pages) overwrite(core.dbPath, (page - 1) * pageSize, noise(pageSize, `answers:${page}`));
  } else {
    overwrite(core.dbPath, 100, noise(pageSize - 100, 'page1'));
  }
  // The header is as it was: only the start-up check can tell.
  expect(readFileSync(core.dbPath).subarray(0, 100)).toEqual(header);
  return { dbPath: core.dbPath, dir: core.dir, assessmentId: started.id, systemId: system.id, older, newest, damagedSha: sha256(core.dbPath) };
}

function quickCheck(file: string): string {
  try {
    return read(file, (db) => db.pragma('quick_check', { simple: true }) as string);
  } catch (error) {
    return (error as Error).message;
  }
}

function open(dbPath: string, internal: string[] = []): Core {
  const core = createCore({
    dbPath,
    clock: fixedClock('2026-03-02T08:00:00.000Z'),
    ids: prefixedIds('R'),
    templatesDir,
    onInternalError: (what, error) => internal.push(`${what}: ${(error as Error).message}`),
  });
  disposers.push(() => core.close());
  return core;
}

const call = (core: Core, method: string, input: unknown = {}) => core.dispatch(method, input, actor);

// SQLite's quick_check on a damaged file, which then opens read-only; PostgreSQL keeps its own pages.
describe.skipIf(onPostgres)('a database that fails its start-up check (the SQLite file itself: skipped on PostgreSQL)', () => {
  it('opens read-only, explains why, answers reads of intact pages and refuses every change', async () => {
    const damaged = await damagedDatabase('answers');
    expect(quickCheck(damaged.dbPath)).not.toBe('ok');

    const core = open(damaged.dbPath);
    const info = valueOf<{ readOnly: boolean; problem: string | null; newestBackup: BackupReport | null; auditEvents: number }>(await call(core, 'app.info'));
    expect(info.readOnly).toBe(true);
    expect(info.problem).toMatch(/^the start-up check found damage/);
    expect(info.newestBackup).toEqual(damaged.newest);

    // Reads of what is intact still answer.
    const systems = valueOf<{ name: string }[]>(await call(core, 'systems.list'));
    expect(systems.map((s) => s.name).sort()).toEqual([benignSystem.name, riskySystem.name, 'In the newest backup', 'Only in the damaged file'].sort());
    expect(valueOf(await call(core, 'systems.get', { id: damaged.systemId }))).toMatchObject({ name: benignSystem.name });
    expect(valueOf(await call(core, 'audit.verify'))).toMatchObject({ ok: true, length: info.auditEvents });
    expect(valueOf<BackupReport[]>(await call(core, 'backup.list')).map((b) => b.name)).toEqual([damaged.newest.name, damaged.older.name]);
    expect(await call(core, 'people.list')).toMatchObject({ ok: true });
    expect(await call(core, 'settings.get')).toMatchObject({ ok: true });
    expect(await call(core, 'templates.list')).toMatchObject({ ok: true });

    // Every change but a restore is refused, naming the reason, whatever the input.
    expect(mutating.length).toBeGreaterThan(10);
    for (const method of mutating) {
      const result = await call(core, method, {});
      expect(result, method).toMatchObject({ ok: false, error: { code: 'READ_ONLY', details: { method } } });
      expect(result.ok ? '' : result.error.message, method).toMatch(/read-only: the start-up check found damage .*Restore a backup/s);
    }
    expect(await core.dispatch('backup.create', { out: join(damaged.dir, 'x.db') }, { ...actor, trustedPaths: true })).toMatchObject({ ok: false, error: { code: 'READ_ONLY' } });

    // None of it wrote to the damaged file.
    core.close();
    expect(sha256(damaged.dbPath)).toBe(damaged.damagedSha);
  });

  it('refuses a read that reaches a damaged page with DATABASE_CORRUPT, not an unexpected error', async () => {
    // Bug: the dispatcher turns SQLITE_CORRUPT into INTERNAL ("an unexpected error occurred").
    const damaged = await damagedDatabase('answers');
    const core = open(damaged.dbPath);
    const result = await call(core, 'assessments.get', { id: damaged.assessmentId });
    expect(result).toMatchObject({ ok: false, error: { code: 'DATABASE_CORRUPT' } });
    expect(result.ok ? '' : result.error.message).toMatch(/damaged/);
  });

  it('restores the newest good backup by name, and is writable again with a verified ledger', async () => {
    const damaged = await damagedDatabase('answers');
    const core = open(damaged.dbPath);
    const newest = valueOf<{ newestBackup: BackupReport }>(await call(core, 'app.info')).newestBackup;

    const restored = valueOf<RestoreReport>(await call(core, 'backup.restore', { name: newest.name }));
    expect(restored).toMatchObject({ restoredFrom: damaged.newest.file, ledger: damaged.newest.ledger });
    expect(valueOf(await call(core, 'app.info'))).toMatchObject({ readOnly: false, problem: null });
    expect(quickCheck(damaged.dbPath)).toBe('ok');

    expect(valueOf<{ name: string }[]>(await call(core, 'systems.list')).map((s) => s.name)).not.toContain('Only in the damaged file');
    expect(valueOf(await call(core, 'assessments.get', { id: damaged.assessmentId }))).toMatchObject({ id: damaged.assessmentId });
    valueOf(await call(core, 'systems.create', { name: 'Written after the restore', vendor: benignSystem.vendor }));
    const length = damaged.newest.ledger.length + 2;
    expect(valueOf(await call(core, 'audit.verify'))).toMatchObject({ ok: true, length });
    const actions = read(damaged.dbPath, (db) => db.prepare('SELECT action FROM audit_events WHERE seq > ? ORDER BY seq').all(damaged.newest.ledger.length));
    expect(actions).toEqual([{ action: 'database.restored' }, { action: 'system.created' }]);

    // A later start finds a healthy, writable database.
    core.close();
    const again = open(damaged.dbPath);
    expect(valueOf(await call(again, 'app.info'))).toMatchObject({ readOnly: false, problem: null, auditEvents: length });
  });
});

// A file too damaged for SQLite to open; there is no such file on PostgreSQL.
describe.skipIf(onPostgres)('a database too damaged to open (the SQLite file itself: skipped on PostgreSQL)', () => {
  it('offers only app.info, backup.list and backup.restore, and a restore brings it back', async () => {
    const damaged = await damagedDatabase('page1');
    expect(() => read(damaged.dbPath, (db) => db.prepare('SELECT COUNT(*) FROM systems').get())).toThrow(/malformed|not a database/);

    const internal: string[] = [];
    const core = open(damaged.dbPath, internal);
    const info = valueOf<{ readOnly: boolean; problem: string; newestBackup: BackupReport; auditEvents: number; ledgerHead: string | null }>(await call(core, 'app.info'));
    expect(info).toMatchObject({ readOnly: true, auditEvents: 0, ledgerHead: null, newestBackup: damaged.newest });
    expect(info.problem).toContain(`Vigil cannot read ${damaged.dbPath}`);
    expect(info.problem).toMatch(/damaged.*Restore a backup/s);
    expect(valueOf<BackupReport[]>(await call(core, 'backup.list'))).toEqual([damaged.newest, damaged.older]);

    const others = methods.filter((m) => !['app.info', 'backup.list', 'backup.restore'].includes(m));
    for (const method of others) {
      const result = await call(core, method, {});
      expect(result, method).toMatchObject({ ok: false, error: { code: 'DATABASE_CORRUPT', message: info.problem } });
    }
    expect(await call(core, 'backup.restore', { file: damaged.newest.file })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(sha256(damaged.dbPath)).toBe(damaged.damagedSha);

    const restored = valueOf<RestoreReport>(await call(core, 'backup.restore', { name: damaged.newest.name }));
    expect(restored).toMatchObject({ restoredFrom: damaged.newest.file, ledger: damaged.newest.ledger });
    expect(valueOf(await call(core, 'app.info'))).toMatchObject({ readOnly: false, problem: null, auditEvents: damaged.newest.ledger.length + 1 });
    valueOf(await call(core, 'systems.create', { name: 'Written after the restore', vendor: benignSystem.vendor }));
    expect(valueOf(await call(core, 'audit.verify'))).toMatchObject({ ok: true, length: damaged.newest.ledger.length + 2 });
    expect(read(damaged.dbPath, (db) => verifyLedger(db))).toMatchObject({ ok: true });
    expect(internal).toEqual([]);
  });
});
