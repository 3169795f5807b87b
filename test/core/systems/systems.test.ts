import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AiSystem,
  autonomyLevels,
  clinicalDomains,
  dataCategories,
  deploymentTypes,
  integrationPoints,
  modelTypes,
  regulatoryPathways,
  type SystemCreateRequest,
} from '../../../electron/contract/index.ts';
import { canonicalJson } from '../../../electron/core/audit/canonical-json.ts';
import { genesisHash, hashEvent } from '../../../electron/core/audit/ledger.ts';
import type { AuditEventsTable } from '../../../electron/core/store/schema.ts';
import { makeTestCore, type TestCore, onPostgres } from '../../support/core-fixture.ts';

let core: TestCore;
beforeEach(() => {
  core = makeTestCore();
});
afterEach(() => core.dispose());

const ledger = () => core.sql.all<AuditEventsTable>('SELECT * FROM audit_events ORDER BY seq');

const radiology: SystemCreateRequest = {
  name: 'Chest X-ray triage',
  vendor: 'Lumen Imaging',
  productVersion: '4.2',
  modelVersion: 'cxr-2026.03',
  intendedUse: 'Prioritises chest radiographs with suspected pneumothorax for radiologist review.',
  clinicalDomain: 'radiology',
  intendedUsers: 'Radiologists, reporting radiographers',
  patientPopulation: 'Adults 18 and over',
  autonomyLevel: 'augments',
  modelType: 'predictive',
  dataCategories: ['phi', 'imaging'],
  deploymentType: 'vendorCloud',
  regulatoryStatus: 'fda510k',
  regulatoryReference: 'K240001',
  integrationPoints: ['pacs', 'ehr'],
};

describe('AI-system inventory', () => {
  it('creates a system with every field and reads it back the same', async () => {
    const created = await core.call('systems.create', radiology);
    expect(AiSystem.parse(created)).toEqual(created);
    expect(created).toMatchObject({ ...radiology, id: 'SYS-00000001', lifecycleStage: 'procurement', archived: false });
    expect(created.createdBy).toBe('os:test.assessor');
    expect(await core.call('systems.get', { id: created.id })).toEqual(created);
  });

  it('writes one hash-chained audit event per change, in the same transaction', async () => {
    const created = await core.call('systems.create', radiology);
    await core.call('systems.update', { id: created.id, changes: { modelVersion: 'cxr-2026.06', vendor: 'Lumen Imaging' } });
    await core.call('systems.archive', { id: created.id });
    await core.call('systems.unarchive', { id: created.id });
    const all = await ledger();
    // The vendor named first is recorded as created, in the same transaction as the system.
    expect(all[0]).toMatchObject({ action: 'vendor.created', entity: created.vendorId });
    const rows = all.slice(1);
    expect(rows.map((r) => r.action)).toEqual(['system.created', 'system.updated', 'system.archived', 'system.unarchived']);
    expect(rows.every((r) => r.entity === created.id && r.actor === 'os:test.assessor')).toBe(true);
    // Only what actually changed is recorded.
    expect(JSON.parse(rows[1]?.payload ?? '{}')).toEqual({ changes: { modelVersion: 'cxr-2026.06' } });
    let prev = genesisHash;
    for (const row of all) {
      expect(row.prev_hash).toBe(prev);
      const payload: unknown = JSON.parse(row.payload);
      expect(row.payload).toBe(canonicalJson(payload));
      expect(row.hash).toBe(hashEvent(prev, { seq: row.seq, at: row.at, actor: row.actor, action: row.action, entity: row.entity, payload }));
      prev = row.hash;
    }
  });

  it('refuses a duplicate active system and writes nothing', async () => {
    await core.call('systems.create', radiology);
    const result = await core.raw('systems.create', { name: 'chest x-ray TRIAGE', vendor: 'lumen imaging' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('CONFLICT');
      expect(result.error.message).toMatch(/already in the inventory as SYS-00000001/);
    }
    // The vendor's and the system's events of the first; nothing of the refused one.
    expect(await ledger()).toHaveLength(2);
  });

  it('hides archived systems unless asked, refuses edits while archived, and restores them', async () => {
    const a = await core.call('systems.create', radiology);
    const b = await core.call('systems.create', { name: 'Sepsis early warning', vendor: 'Northwind Health AI' });
    await core.call('systems.archive', { id: a.id });
    expect((await core.call('systems.list', {})).map((s) => s.id)).toEqual([b.id]);
    expect((await core.call('systems.list', { includeArchived: true })).map((s) => s.id).sort()).toEqual([a.id, b.id]);
    const edit = await core.raw('systems.update', { id: a.id, changes: { name: 'Renamed' } });
    expect(edit.ok ? null : edit.error.code).toBe('CONFLICT');
    const again = await core.raw('systems.archive', { id: a.id });
    expect(again.ok ? null : again.error.code).toBe('CONFLICT');
    await core.call('systems.unarchive', { id: a.id });
    expect((await core.call('systems.list', {})).map((s) => s.id).sort()).toEqual([a.id, b.id]);
  });

  it('searches name, vendor and intended use, case-insensitively', async () => {
    await core.call('systems.create', radiology);
    await core.call('systems.create', { name: 'Sepsis early warning', vendor: 'Northwind Health AI', intendedUse: 'Flags deterioration' });
    expect((await core.call('systems.list', { search: 'PNEUMOTHORAX' })).map((s) => s.name)).toEqual(['Chest X-ray triage']);
    expect((await core.call('systems.list', { search: 'northwind' })).map((s) => s.name)).toEqual(['Sepsis early warning']);
    expect(await core.call('systems.list', { search: 'no such thing' })).toEqual([]);
  });

  it('matches names beyond ASCII as the database folds them, and search terms literally', async () => {
    const accented = await core.call('systems.create', { name: 'Échographie assistée', vendor: 'Société Médicale', intendedUse: 'Guides 50% of scans_' });
    await core.call('systems.create', { name: 'Sepsis early warning', vendor: 'Northwind Health AI', intendedUse: 'Flags deterioration' });
    // The same name with its ASCII letters in another case is the same system. (The embedded
    // engine folds ASCII only, as its NOCASE did before: accented capitals count as typed.)
    const duplicate = await core.raw('systems.create', { name: 'ÉCHOGRAPHIE ASSISTéE', vendor: 'SOCIéTé MéDICALE' });
    expect(duplicate.ok ? null : duplicate.error.code).toBe('CONFLICT');
    expect((await core.call('systems.list', { search: 'Échographie' })).map((s) => s.id)).toEqual([accented.id]);
    expect((await core.call('systems.list', { search: 'médicale' })).map((s) => s.id)).toEqual([accented.id]);
    // % and _ are text to find, not wildcards.
    expect((await core.call('systems.list', { search: '50%' })).map((s) => s.id)).toEqual([accented.id]);
    expect((await core.call('systems.list', { search: 'scans_' })).map((s) => s.id)).toEqual([accented.id]);
    expect(await core.call('systems.list', { search: '%' })).toHaveLength(1);
    expect(await core.call('systems.list', { search: 'e_r' })).toEqual([]);
  });

  // SQLite's EXPLAIN QUERY PLAN; PostgreSQL's 007 makes the same index on the same expressions.
  it.skipIf(onPostgres)('finds a duplicate by an index, not by reading every system (migration 007)', () => {
    const db = new Database(core.dbPath, { readonly: true });
    try {
      const plan = db
        .prepare<[string, string], { detail: string }>('EXPLAIN QUERY PLAN SELECT id FROM systems WHERE lower(name) = lower(?) AND lower(vendor) = lower(?)')
        .all('a', 'b')
        .map((r) => r.detail)
        .join('; ');
      expect(plan).toMatch(/USING INDEX systems_name_lower/);
    } finally {
      db.close();
    }
  });

  it('reports NOT_FOUND for an unknown id', async () => {
    const result = await core.raw('systems.get', { id: 'SYS-NOPE0000' });
    expect(result.ok ? null : result.error.code).toBe('NOT_FOUND');
  });

  it('round-trips any valid record (property)', async () => {
    const textArb = (max: number) =>
      fc
        .string({ maxLength: max, unit: 'grapheme' })
        .map((s) => s.trim())
        .filter((s) => s.length <= max);
    const subset = <T extends string>(values: readonly T[]) => fc.subarray([...values]);
    const record = fc.record({
      name: textArb(200).filter((s) => s.length > 0),
      vendor: textArb(200).filter((s) => s.length > 0),
      productVersion: textArb(100),
      modelVersion: textArb(100),
      intendedUse: textArb(5000),
      clinicalDomain: fc.constantFrom(null, ...clinicalDomains),
      intendedUsers: textArb(1000),
      patientPopulation: textArb(1000),
      autonomyLevel: fc.constantFrom(null, ...autonomyLevels),
      modelType: fc.constantFrom(null, ...modelTypes),
      dataCategories: subset(dataCategories),
      deploymentType: fc.constantFrom(null, ...deploymentTypes),
      regulatoryStatus: fc.constantFrom(...regulatoryPathways),
      regulatoryReference: textArb(200),
      integrationPoints: subset(integrationPoints),
    });
    let n = 0;
    await fc.assert(
      fc.asyncProperty(record, async (fields) => {
        n++;
        const input = { ...fields, name: `${fields.name} #${n}` };
        const created = await core.call('systems.create', input);
        const read = await core.call('systems.get', { id: created.id });
        expect(read).toEqual(created);
        expect(read).toMatchObject(input);
      }),
      { numRuns: 60 },
    );
  });
});
