// Migration 011 (what the assessment and review lists sort by, and the audit log's indexes) over
// a schema 10 database with data, on each engine. The band and highest residual are filled from
// the stored threat profile; progress cannot be worked out in SQL, so it stays NULL and the page
// works it out for those rows as it shows them — equal to what assessments.get says — without
// storing it (reads never write); the next change stores it. The ledger is untouched: it still
// verifies, and audit.events reads it.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { AssessmentDetail, AssessmentPage, AuditEventPage, LedgerVerification, ThreatProfile } from '../../../electron/contract/index.ts';
import { chainEvent } from '../../../electron/core/audit/ledger.ts';
import { createCore } from '../../../electron/core/create-core.ts';
import { latestSchemaVersion } from '../../../electron/core/store/migrations/index.ts';
import { postgresMigrations } from '../../../electron/core/store/postgres/migrations/index.ts';
import { createPostgresPool, migratePostgres } from '../../../electron/core/store/postgres/open-postgres.ts';
import { actor, fixedClock, onPostgres, sequentialIds, tempDir, templatesDir } from '../../support/core-fixture.ts';
import { buildLegacyDatabase, legacySnapshotJson } from '../../support/legacy-databases.ts';
import { call, cleanups as teamCleanups, client, database, teamCore } from '../../support/team-cores.ts';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

const before = 10;
const listColumns = 'id, overall_band, highest_residual, required_answered, required_count';

interface Stored {
  id: string;
  overall_band: string | null;
  highest_residual: number | null;
  required_answered: number | null;
  required_count: number | null;
}

type Caller = <T>(method: string, input: unknown) => Promise<T>;

/**
 * Through the core: the page shows the stored band and the live progress of the rows stored
 * before 011, equal to assessments.get; reading stores nothing; the ledger verifies and pages.
 */
async function expectListsRead(callCore: Caller, stored: () => Promise<Stored[]>, ledgerLength: number) {
  const page = await callCore<AssessmentPage>('assessments.page', { sort: 'title', direction: 'asc' });
  const rows = await stored();
  expect(page.total).toBe(rows.length);
  for (const row of page.rows) {
    const detail = await callCore<AssessmentDetail>('assessments.get', { id: row.id });
    const was = rows.find((r) => r.id === row.id)!;
    expect(row).toMatchObject({
      overallBand: was.overall_band,
      highestResidual: was.highest_residual,
      requiredAnswered: detail.progress.requiredAnswered,
      required: detail.progress.required,
    });
    expect(detail.progress.required).toBeGreaterThan(0);
  }
  // Reads never write: the progress stays to be stored by the next change.
  expect(await stored()).toStrictEqual(rows);

  expect(await callCore<LedgerVerification>('audit.verify', {})).toMatchObject({ ok: true, length: ledgerLength });
  const events = await callCore<AuditEventPage>('audit.events', { limit: 1 });
  expect(events.total).toBe(ledgerLength);
  expect(events.rows[0]?.seq).toBe(ledgerLength);
}

describe.skipIf(onPostgres)('migration 011 over a schema 10 SQLite file with data (the file itself: skipped on PostgreSQL)', () => {
  it('fills the band and highest residual from the stored profile, leaves progress to the page, and keeps the ledger', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const dbPath = join(dir, 'vigil.db');
    const legacy = buildLegacyDatabase(dbPath, before);
    const core = createCore({ dbPath, clock: fixedClock('2026-02-01T09:00:00.000Z'), ids: sequentialIds(), templatesDir });
    cleanups.push(() => core.close());
    const callCore: Caller = async <T,>(method: string, input: unknown) => {
      const result = await core.dispatch(method, input, actor);
      if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
      return result.value as T;
    };
    expect(await callCore('app.info', {})).toMatchObject({ schemaVersion: latestSchemaVersion, auditEvents: legacy.auditEvents });

    const reader = new Database(dbPath, { readonly: true });
    cleanups.push(() => reader.close());
    const stored = async () => reader.prepare(`SELECT ${listColumns} FROM assessments ORDER BY id`).all() as Stored[];
    const scored = legacy.assessments.find((a) => a.status === 'submitted')!;
    const open = legacy.assessments.find((a) => a.status === 'inProgress')!;
    expect(await stored()).toStrictEqual([
      // Written without a stored profile (the legacy fixture scores only what it submitted): never scored.
      { id: open.id, overall_band: null, highest_residual: null, required_answered: null, required_count: null },
      { id: scored.id, overall_band: scored.expected.overall.band, highest_residual: scored.expected.overall.highestResidual, required_answered: null, required_count: null },
    ]);
    const indexes = (reader.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'a%'").all() as { name: string }[]).map((i) => i.name);
    expect(indexes).toEqual(expect.arrayContaining(['assessments_updated', 'assessments_submitted', 'assessments_band', 'audit_events_action', 'audit_events_actor', 'audit_events_entity', 'audit_events_at']));

    await expectListsRead(callCore, stored, legacy.auditEvents);

    // The next change stores all four, as assessments.get works them out.
    const answered = await callCore<{ progress: { requiredAnswered: number; required: number }; profile: ThreatProfile }>('assessments.answer', {
      id: open.id,
      answers: [{ questionId: [...open.answers.keys()][0]!, flagged: true }],
    });
    expect((await stored()).find((r) => r.id === open.id)).toStrictEqual({
      id: open.id,
      overall_band: answered.profile.overall.band,
      highest_residual: answered.profile.overall.highestResidual,
      required_answered: answered.progress.requiredAnswered,
      required_count: answered.progress.required,
    });
  });
});

describe.skipIf(!onPostgres)('migration 011 over a schema 10 PostgreSQL database with data', () => {
  it('fills the band and highest residual from the stored profile, leaves progress to the page, and keeps the ledger', async () => {
    const { url } = await database();
    const pool = createPostgresPool(url, { max: 2 });
    teamCleanups.push(() => pool.end());
    await migratePostgres(pool, 'test', postgresMigrations.filter((m) => m.version <= before));
    const c = await client(url);
    const at = '2026-01-10T10:00:00.000Z';
    const json = legacySnapshotJson();
    await c.query("INSERT INTO systems (id, name, vendor, name_key, created_at, created_by, updated_at) VALUES ('SYS-MIG11001', 'Sepsis watch', 'Acme', 'sepsis watch', $1, 'root', $1)", [at]);
    await c.query("INSERT INTO template_snapshots (hash, content) VALUES ('h-mig-011', $1)", [json]);
    for (const [id, title] of [
      ['ASM-MIG11001', 'Scored before 011'],
      ['ASM-MIG11002', 'Never scored'],
    ]) {
      await c.query(
        "INSERT INTO assessments (id, system_id, stage, title, status, snapshot_hash, created_at, created_by, updated_at) VALUES ($1, 'SYS-MIG11001', 'procurement', $2, 'inProgress', 'h-mig-011', $3, 'root', $3)",
        [id, title, at],
      );
    }
    const profile = { assessmentId: 'ASM-MIG11001', overall: { band: 'high', highestResidual: 12 }, threats: [], heatmap: { inherent: [], residual: [] }, scoredAt: at };
    await c.query('INSERT INTO threat_profiles (assessment_id, profile, scored_at) VALUES ($1, $2, $3)', ['ASM-MIG11001', JSON.stringify(profile), at]);
    // A chained ledger: the migration changes its columns' collation, never its rows.
    let head: { seq: number; hash: string } | undefined;
    for (const [action, entity] of [
      ['system.created', 'SYS-MIG11001'],
      ['assessment.started', 'ASM-MIG11001'],
      ['assessment.started', 'ASM-MIG11002'],
    ] as const) {
      const { event, payloadJson } = chainEvent(head, { at, actor: 'Dr Zoë Root', action, entity, payload: { note: 'before 011' } });
      await c.query('INSERT INTO audit_events (seq, at, actor, action, entity, payload, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
        event.seq,
        event.at,
        event.actor,
        event.action,
        event.entity,
        payloadJson,
        event.prevHash,
        event.hash,
      ]);
      head = { seq: event.seq, hash: event.hash };
    }
    expect(await migratePostgres(pool, 'test')).toBe(latestSchemaVersion);

    const stored = async () => (await c.query<Stored>(`SELECT ${listColumns} FROM assessments ORDER BY id`)).rows;
    expect(await stored()).toStrictEqual([
      { id: 'ASM-MIG11001', overall_band: 'high', highest_residual: 12, required_answered: null, required_count: null },
      { id: 'ASM-MIG11002', overall_band: null, highest_residual: null, required_answered: null, required_count: null },
    ]);
    // The sorted text columns compare byte-wise whatever the database's locale.
    const collations = await c.query<{ table_name: string; column_name: string; collation_name: string }>(
      "SELECT table_name, column_name, collation_name FROM information_schema.columns WHERE (table_name, column_name) IN (('assessments', 'title'), ('audit_events', 'actor'), ('audit_events', 'action'), ('audit_events', 'entity')) ORDER BY table_name, column_name",
    );
    expect(collations.rows.map((r) => r.collation_name)).toEqual(['C', 'C', 'C', 'C']);

    const core = teamCore(url, 'A');
    await expectListsRead((method, input) => call(core, method, input), stored, 3);
  });
});
