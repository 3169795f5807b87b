// Migration 012 (vendors as records, docs/vendors.md) over a schema 11 database with data, on each
// engine: one vendor per vendor name whatever its case (spelt as its earliest system spells it),
// one for a pinned name no system carries any more, every system linked and spelt as its vendor,
// and today's pins (by vendor name) moved onto the vendor ids. The ledger is untouched.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { AiSystem, LedgerVerification, VendorDetail, VendorSummary } from '../../../electron/contract/index.ts';
import { createCore } from '../../../electron/core/create-core.ts';
import { latestSchemaVersion } from '../../../electron/core/store/migrations/index.ts';
import { postgresMigrations } from '../../../electron/core/store/postgres/migrations/index.ts';
import { createPostgresPool, migratePostgres } from '../../../electron/core/store/postgres/open-postgres.ts';
import { actor, fixedClock, onPostgres, sequentialIds, tempDir, templatesDir } from '../../support/core-fixture.ts';
import { buildLegacyDatabase } from '../../support/legacy-databases.ts';
import { call, cleanups as teamCleanups, client, database, teamCore } from '../../support/team-cores.ts';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

const before = 11;
const acmeKey = 'a'.repeat(64);
const goneKey = 'b'.repeat(64);
const publicKey = 'MCowBQYDK2VwAyEA' + 'B'.repeat(43) + '=';

type Caller = <T>(method: string, input: unknown) => Promise<T>;

/** What both engines must show after 012, through the core; returns Acme's vendor page. */
async function expectVendorsMigrated(callCore: Caller, shouted: { id: string }, names: string[], ledgerLength: number): Promise<VendorDetail> {
  const list = await callCore<VendorSummary[]>('vendors.list', {});
  expect(list.map((v) => v.name)).toEqual(names);
  for (const v of list) expect(v.id).toMatch(/^VEN-[0-9A-F]{8}$/);
  const acme = list.find((v) => v.name === 'Acme Health')!;
  const gone = list.find((v) => v.name === 'Gone Vendor Inc')!;
  expect(acme).toMatchObject({ products: 2, keyFingerprint: acmeKey });
  expect(gone).toMatchObject({ products: 0, keyFingerprint: goneKey });

  // The system that spelt its vendor in capitals is linked to the same vendor, spelt as it is.
  expect(await callCore<AiSystem>('systems.get', { id: shouted.id })).toMatchObject({ vendor: 'Acme Health', vendorId: acme.id });
  const detail = await callCore<VendorDetail>('vendors.get', { id: acme.id });
  expect(detail).toMatchObject({ name: 'Acme Health', contacts: [], notes: '', createdBy: 'Vigil (migration 012)', keyHistory: [] });
  expect(detail.key).toMatchObject({ fingerprint: acmeKey, replacedAt: null });
  expect(detail.key?.reason).toMatch(/for the vendor name "acme health" before vendors were records \(migration 012\)/i);
  expect(detail.products.map((p) => p.id)).toContain(shouted.id);

  expect(await callCore<LedgerVerification>('audit.verify', {})).toMatchObject({ ok: true, length: ledgerLength });
  // A new system naming the vendor in any case links to it, creating no vendor.
  const added = await callCore<AiSystem>('systems.create', { name: 'Pressure ulcer risk', vendor: 'ACME health' });
  expect(added).toMatchObject({ vendor: 'Acme Health', vendorId: acme.id });
  expect(await callCore<LedgerVerification>('audit.verify', {})).toMatchObject({ ok: true, length: ledgerLength + 1 });
  return detail;
}

describe.skipIf(onPostgres)('migration 012 over a schema 11 SQLite file with data (the file itself: skipped on PostgreSQL)', () => {
  it('makes a vendor per vendor name, links every system, and moves the pins onto vendor ids', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const dbPath = join(dir, 'vigil.db');
    const legacy = buildLegacyDatabase(dbPath, before);
    // Beside the fixture's data: the same vendor spelt in capitals by a later system, and a pin for
    // a vendor name no system carries any more; the fixture's pin of Acme Health gets a known fingerprint.
    const db = new Database(dbPath);
    db.prepare("INSERT INTO systems (id, name, vendor, name_key, created_at, created_by, updated_at) VALUES ('SYS-MIG12001', 'Ward flow', 'ACME HEALTH', 'ward flow', '2025-11-20T10:00:00.000Z', 'root', '2025-11-20T10:00:00.000Z')").run();
    db.prepare('UPDATE vendor_keys SET fingerprint = ?').run(acmeKey);
    db.prepare('INSERT INTO vendor_keys (vendor, public_key, fingerprint, pinned_at, pinned_by) VALUES (?, ?, ?, ?, ?)').run('Gone Vendor Inc', publicKey, goneKey, '2025-11-21T10:00:00.000Z', 'root');
    db.close();

    const core = createCore({ dbPath, clock: fixedClock('2025-12-01T09:00:00.000Z'), ids: sequentialIds(), templatesDir });
    cleanups.unshift(() => core.close());
    const callCore: Caller = async <T,>(method: string, input: unknown) => {
      const result = await core.dispatch(method, input, actor);
      if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
      return result.value as T;
    };
    const acme = await expectVendorsMigrated(callCore, { id: 'SYS-MIG12001' }, ['Acme Health', 'Cloudy Gen', 'Gone Vendor Inc', 'Quiet Analytics'], legacy.auditEvents);
    // The fixture's imported response shows on its vendor's page, its answers all new.
    const request = legacy.vendorRequests[0]!;
    expect(acme.requests.map((r) => [r.id, r.status])).toEqual([[request.id, 'imported']]);
    expect(acme.responses).toHaveLength(1);
    expect(acme.responses[0]).toMatchObject({ requestId: request.id, signedAs: 'Acme Health', previousRequestId: null });
    expect(acme.responses[0]!.changes.every((c) => c.kind === 'new')).toBe(true);
    // The archived system's vendor is kept, its product listed as archived.
    const quiet = (await callCore<VendorSummary[]>('vendors.list', { search: 'quiet' }))[0]!;
    expect(quiet.products).toBe(0);
    expect((await callCore<VendorDetail>('vendors.get', { id: quiet.id })).products).toEqual([expect.objectContaining({ id: 'SYS-LEG00003', archived: true })]);

    const reader = new Database(dbPath, { readonly: true });
    cleanups.unshift(() => reader.close());
    expect(reader.prepare('SELECT count(*) AS n FROM systems WHERE vendor_id IS NULL').get()).toEqual({ n: 0 });
    expect(reader.prepare("SELECT name FROM sqlite_master WHERE name = 'vendor_keys_005'").all()).toEqual([]);
  });
});

describe.skipIf(!onPostgres)('migration 012 over a schema 11 PostgreSQL database with data', () => {
  it('makes a vendor per vendor name, links every system, and moves the pins onto vendor ids', async () => {
    const { url } = await database();
    const pool = createPostgresPool(url, { max: 2 });
    teamCleanups.push(() => pool.end());
    await migratePostgres(pool, 'test', postgresMigrations.filter((m) => m.version <= before));
    const c = await client(url);
    const system = (id: string, name: string, vendor: string, at: string, archived = false) =>
      c.query('INSERT INTO systems (id, name, vendor, name_key, archived_at, created_at, created_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $6)', [
        id,
        name,
        vendor,
        name.toLowerCase(),
        archived ? at : null,
        at,
        'root',
      ]);
    await system('SYS-MIG12001', 'Sepsis watch', 'Acme Health', '2025-11-01T10:00:00.000Z');
    await system('SYS-MIG12002', 'Ward flow', 'ACME HEALTH', '2025-11-20T10:00:00.000Z');
    await system('SYS-MIG12003', 'Discharge drafter', 'Cloudy Gen', '2025-11-02T10:00:00.000Z', true);
    for (const [vendor, fingerprint] of [
      ['acme health', acmeKey],
      ['Gone Vendor Inc', goneKey],
    ]) {
      await c.query('INSERT INTO vendor_keys (vendor, public_key, fingerprint, pinned_at, pinned_by) VALUES ($1, $2, $3, $4, $5)', [vendor, publicKey, fingerprint, '2025-11-21T10:00:00.000Z', 'root']);
    }
    expect(await migratePostgres(pool, 'test')).toBe(latestSchemaVersion);

    const core = teamCore(url, 'A');
    await expectVendorsMigrated((method, input) => call(core, method, input), { id: 'SYS-MIG12002' }, ['Acme Health', 'Cloudy Gen', 'Gone Vendor Inc'], 0);
    expect((await c.query('SELECT count(*)::int AS n FROM systems WHERE vendor_id IS NULL')).rows).toEqual([{ n: 0 }]);
    expect((await c.query("SELECT to_regclass('vendor_keys_005') AS t")).rows).toEqual([{ t: null }]);
  });
});
