// Migration 013 (monitoring, docs/monitoring.md) over a schema 12 database with data, on each
// engine: the five monitoring tables arrive empty, what was there reads as before (the ledger
// still verifies), and a system already in the inventory takes acceptance criteria on a local
// validation assessment and a monitoring import, its summary reading back what was imported.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { AssessmentDetail, CriteriaSet, LedgerVerification, MonitoringImportResult, MonitoringSummary } from '../../../electron/contract/index.ts';
import { latestSchemaVersion } from '../../../electron/core/store/migrations/index.ts';
import { migratePostgres } from '../../../electron/core/store/postgres/open-postgres.ts';
import { onPostgres, tempDir } from '../../support/core-fixture.ts';
import { buildLegacyDatabase } from '../../support/legacy-databases.ts';
import { coreOverFile, postgresAt, type Caller } from '../../support/migration-cores.ts';
import { call, teamCore } from '../../support/team-cores.ts';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

const before = 12;
const tables = ['monitoring_criteria_sets', 'monitoring_criteria', 'monitoring_imports', 'monitoring_values', 'monitoring_breaches'];

/** Through the core after 013: criteria on a new validation assessment of an existing system, an import, its summary. */
async function expectMonitoringWorks(callCore: Caller, systemId: string, ledgerLength: number): Promise<void> {
  expect(await callCore<LedgerVerification>('audit.verify', {})).toMatchObject({ ok: true, length: ledgerLength });
  const validation = await callCore<AssessmentDetail>('assessments.start', { systemId, stage: 'validation' });
  const set = await callCore<CriteriaSet>('monitoring.setCriteria', { assessmentId: validation.id, reviewPeriod: 'monthly', criteria: [{ metric: 'auroc', subgroup: 'all', min: 0.75 }] });
  expect(set).toMatchObject({ systemId, revision: 1, criteria: [{ metric: 'auroc', subgroup: 'all', min: 0.75, max: null, maxGap: null }] });
  const imported = await callCore<MonitoringImportResult>('monitoring.import', {
    systemId,
    fileName: 'november.csv',
    text: 'metric,subgroup,period,value,n,source\nauroc,all,2025-10,0.81,640,Local\nauroc,all,2025-11,0.72,655,Local\n',
  });
  expect(imported).toMatchObject({ rows: 2, newBreaches: [{ period: '2025-11', value: 0.72, kind: 'belowMin', limit: 0.75 }] });
  const summary = await callCore<MonitoringSummary>('monitoring.summary', { systemId });
  expect(summary.series).toEqual([
    { metric: 'auroc', subgroup: 'all', criterionId: set.criteria[0]!.id, points: [{ period: '2025-10', value: 0.81, n: 640, breached: false }, { period: '2025-11', value: 0.72, n: 655, breached: true }] },
  ]);
  // Starting, criteria, the drift event, its lifecycle step and draft, the import: the chain still verifies.
  expect(await callCore<LedgerVerification>('audit.verify', {})).toMatchObject({ ok: true });
}

describe.skipIf(onPostgres)('migration 013 over a schema 12 SQLite file with data (the file itself: skipped on PostgreSQL)', () => {
  it('adds the monitoring tables, empty, and a system of the old file takes criteria and monitoring', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const dbPath = join(dir, 'vigil.db');
    const legacy = buildLegacyDatabase(dbPath, before);
    const callCore = coreOverFile(dbPath, cleanups);
    const reader = new Database(dbPath, { readonly: true });
    cleanups.unshift(() => reader.close());
    await callCore('app.info', {});
    expect(reader.pragma('user_version', { simple: true })).toBe(latestSchemaVersion);
    for (const table of tables) expect(reader.prepare(`SELECT count(*) AS n FROM ${table}`).get()).toEqual({ n: 0 });
    const system = legacy.systems.find((s) => !s.archived)!;
    await expectMonitoringWorks(callCore, system.id, legacy.auditEvents);
    expect(reader.prepare('SELECT count(*) AS n FROM monitoring_values').get()).toEqual({ n: 2 });
  });
});

describe.skipIf(!onPostgres)('migration 013 over a schema 12 PostgreSQL database with data', () => {
  it('adds the monitoring tables, empty, and a system of the old database takes criteria and monitoring', async () => {
    const { url, pool, client: c } = await postgresAt(before);
    await c.query("INSERT INTO vendors (id, name, created_at, created_by, updated_at) VALUES ('VEN-0000000A', 'Acme Health', '2025-11-01T10:00:00.000Z', 'root', '2025-11-01T10:00:00.000Z')");
    await c.query(
      "INSERT INTO systems (id, name, vendor, vendor_id, name_key, created_at, created_by, updated_at) VALUES ('SYS-MIG13001', 'Sepsis watch', 'Acme Health', 'VEN-0000000A', 'sepsis watch', '2025-11-01T10:00:00.000Z', 'root', '2025-11-01T10:00:00.000Z')",
    );
    expect(await migratePostgres(pool, 'test')).toBe(latestSchemaVersion);
    for (const table of tables) expect((await c.query(`SELECT count(*)::int AS n FROM ${table}`)).rows).toEqual([{ n: 0 }]);

    const core = teamCore(url, 'A');
    await expectMonitoringWorks((method, input) => call(core, method, input), 'SYS-MIG13001', 0);
    expect((await c.query('SELECT count(*)::int AS n FROM monitoring_values')).rows).toEqual([{ n: 2 }]);
  });
});
