// Migration 014 (training records, docs/readiness.md) over a schema 12 database with data, on each
// engine: the data already there reads back unchanged, the new tables start empty, a training
// record and an import can be written for a system that was there before, and the ledger still
// verifies. (Version 13 is monitoring's; versions run by number, so 12 → 14 is a real path.)
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LedgerVerification, TrainingList } from '../../../electron/contract/index.ts';
import { latestSchemaVersion } from '../../../electron/core/store/migrations/index.ts';
import { migratePostgres } from '../../../electron/core/store/postgres/open-postgres.ts';
import { onPostgres, tempDir } from '../../support/core-fixture.ts';
import { buildLegacyDatabase } from '../../support/legacy-databases.ts';
import { coreOverFile, postgresAt, type Caller } from '../../support/migration-cores.ts';
import { call, teamCore } from '../../support/team-cores.ts';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

const before = 12;

/** What both engines must show after 014, through the core. */
async function expectTrainingWorks(callCore: Caller, systemId: string, systemName: string, ledgerLength: number): Promise<void> {
  expect(await callCore<{ name: string }>('systems.get', { id: systemId })).toMatchObject({ name: systemName });
  const empty = await callCore<TrainingList>('training.list', { systemId });
  expect(empty).toMatchObject({ records: [], readiness: { status: 'noRecords', words: 'No training records.', target: 90 } });
  expect(await callCore<LedgerVerification>('audit.verify', {})).toMatchObject({ ok: true, length: ledgerLength });

  await callCore('training.record', { systemId, role: 'ICU nurses', trained: 14, using: 40, date: '2025-11-20', materialVersion: '2.1', refresherDue: '2026-11-20' });
  await callCore('training.import', { systemId, fileName: 't.csv', text: 'role,trained,using,date,materialVersion,refresherDue\nWard doctors,20,20,2025-11-21,2.1,2026-11-21\n' });
  const list = await callCore<TrainingList>('training.list', { systemId });
  expect(list.records.map((r) => r.role)).toEqual(['Ward doctors', 'ICU nurses']);
  expect(list.readiness).toMatchObject({ status: 'shortfall', groupsInShortfall: 1 });
  expect(await callCore<LedgerVerification>('audit.verify', {})).toMatchObject({ ok: true });
}

describe.skipIf(onPostgres)('migration 014 over a schema 12 SQLite file with data (the file itself: skipped on PostgreSQL)', () => {
  it('adds the training tables; the data there reads back and training can be recorded for an existing system', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const dbPath = join(dir, 'vigil.db');
    const legacy = buildLegacyDatabase(dbPath, before);
    const callCore = coreOverFile(dbPath, cleanups);
    expect((await callCore<{ schemaVersion: number }>('app.info', {})).schemaVersion).toBe(latestSchemaVersion);
    const system = legacy.systems.find((s) => !s.archived)!;
    await expectTrainingWorks(callCore, system.id, system.name, legacy.auditEvents);
  });
});

describe.skipIf(!onPostgres)('migration 014 over a schema 12 PostgreSQL database with data', () => {
  it('adds the training tables; the data there reads back and training can be recorded for an existing system', async () => {
    const { url, pool, client: c } = await postgresAt(before);
    await c.query("INSERT INTO vendors (id, name, created_at, created_by, updated_at) VALUES ('VEN-00000001', 'Acme Health', '2025-11-01T10:00:00.000Z', 'root', '2025-11-01T10:00:00.000Z')");
    await c.query(
      "INSERT INTO systems (id, name, vendor, vendor_id, name_key, created_at, created_by, updated_at) VALUES ('SYS-MIG14001', 'Sepsis watch', 'Acme Health', 'VEN-00000001', 'sepsis watch', '2025-11-01T10:00:00.000Z', 'root', '2025-11-01T10:00:00.000Z')",
    );
    expect(await migratePostgres(pool, 'test')).toBe(latestSchemaVersion);
    expect((await c.query('SELECT count(*)::int AS n FROM training_records')).rows).toEqual([{ n: 0 }]);
    const core = teamCore(url, 'A');
    await expectTrainingWorks((method, input) => call(core, method, input), 'SYS-MIG14001', 'Sepsis watch', 0);
  });
});
