// Migration 008 (revisions) over a database with data in it: every answer and every workflow
// state starts at revision 1, an answer's last writer is whoever answered or reviewed it last,
// nothing else changes, and the first guarded write after the upgrade is checked against it.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { AssessmentDetail, LedgerVerification, Result } from '../../../electron/contract/index.ts';
import { createCore } from '../../../electron/core/create-core.ts';
import { createPostgresPool, migratePostgres } from '../../../electron/core/store/postgres/open-postgres.ts';
import { postgresMigrations } from '../../../electron/core/store/postgres/migrations/index.ts';
import { latestSchemaVersion } from '../../../electron/core/store/migrations/index.ts';
import { actor, fixedClock, onPostgres, sequentialIds, tempDir, templatesDir } from '../../support/core-fixture.ts';
import { persist, restore } from '../../../electron/core/workflow/persisted.ts';
import { riskMachine } from '../../../electron/core/workflow/risk-machine.ts';
import { buildLegacyDatabase } from '../../support/legacy-databases.ts';
import { call, cleanups as teamCleanups, client, database, teamCore } from '../../support/team-cores.ts';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

describe.skipIf(onPostgres)('migration 008 over a schema 7 SQLite file with data (the file itself: skipped on PostgreSQL)', () => {
  it('gives every answer and workflow state revision 1 with its last writer, and guards the next write', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const dbPath = join(dir, 'vigil.db');
    const legacy = buildLegacyDatabase(dbPath, 7);
    const before = new Database(dbPath, { readonly: true });
    const answersBefore = before.prepare('SELECT * FROM answers ORDER BY assessment_id, question_id').all() as Record<string, unknown>[];
    before.close();
    expect(answersBefore.length).toBeGreaterThan(0);

    const core = createCore({ dbPath, clock: fixedClock('2026-02-01T09:00:00.000Z'), ids: sequentialIds(), templatesDir });
    cleanups.push(() => core.close());
    const info = await core.dispatch('app.info', {}, actor);
    if (!info.ok) throw new Error(info.error.message);
    // Migrated through 008 to the latest schema (009, accounts, follows it).
    expect(info.value).toMatchObject({ schemaVersion: latestSchemaVersion, auditEvents: legacy.auditEvents });

    const after = new Database(dbPath, { readonly: true });
    cleanups.push(() => after.close());
    const answersAfter = after.prepare('SELECT * FROM answers ORDER BY assessment_id, question_id').all() as Record<string, unknown>[];
    expect(answersAfter.map(({ revision: _r, revised_by: _b, revised_at: _a, ...rest }) => rest)).toEqual(answersBefore);
    for (const row of answersAfter) {
      const reviewedLast = row.reviewed_at !== null && row.reviewed_by !== null && String(row.reviewed_at) > String(row.answered_at);
      expect(row).toMatchObject({ revision: 1, revised_by: reviewedLast ? row.reviewed_by : row.answered_by, revised_at: reviewedLast ? row.reviewed_at : row.answered_at });
    }
    for (const table of ['systems', 'assessments', 'risks']) {
      const revisions = after.prepare(`SELECT DISTINCT workflow_revision AS r, workflow_revised_by AS b FROM ${table}`).all();
      expect(revisions, table).toEqual([{ r: 1, b: '' }]);
    }

    // The answers come back at revision 1; a writer who read none is refused naming the answerer, one who read revision 1 is not.
    const open = legacy.assessments.find((a) => a.status === 'inProgress')!;
    const detail = (await core.dispatch('assessments.get', { id: open.id }, actor)) as Result<AssessmentDetail>;
    if (!detail.ok) throw new Error(detail.error.message);
    const answer = detail.value.answers.find((a) => a.value !== null && typeof a.value === 'string')!;
    expect(answer.revision).toBe(1);
    const stale = await core.dispatch('assessments.answer', { id: open.id, answers: [{ questionId: answer.questionId, flagged: true, expectedRevision: 0 }] }, actor);
    expect(stale.ok ? null : stale.error.details).toMatchObject({ currentRevision: 1, changedBy: answersAfter.find((r) => r.assessment_id === open.id && r.question_id === answer.questionId)?.revised_by });
    const fresh = await core.dispatch('assessments.answer', { id: open.id, answers: [{ questionId: answer.questionId, flagged: true, expectedRevision: 1 }] }, actor);
    expect(fresh.ok).toBe(true);
    const verified = (await core.dispatch('audit.verify', {}, actor)) as Result<LedgerVerification>;
    expect(verified.ok && verified.value.ok).toBe(true);
  });
});

describe.skipIf(!onPostgres)('migration 008 over a schema 7 PostgreSQL database with data', () => {
  it('gives every answer and workflow state revision 1 with its last writer', async () => {
    const { url } = await database();
    const pool = createPostgresPool(url, { max: 2 });
    teamCleanups.push(() => pool.end());
    await migratePostgres(pool, 'test', postgresMigrations.filter((m) => m.version <= 7));
    const c = await client(url);
    const at = '2026-01-10T10:00:00.000Z';
    await c.query(`INSERT INTO systems (id, name, vendor, created_at, created_by, updated_at) VALUES ('SYS-OLD00001', 'Sepsis alert', 'Acme', $1, 'root', $1)`, [at]);
    await c.query(`INSERT INTO template_snapshots (hash, content) VALUES ('h1', '{}')`);
    await c.query(
      `INSERT INTO assessments (id, system_id, stage, title, status, snapshot_hash, created_at, created_by, updated_at) VALUES ('ASM-OLD00001', 'SYS-OLD00001', 'procurement', 'Old', 'inProgress', 'h1', $1, 'root', $1)`,
      [at],
    );
    await c.query(
      `INSERT INTO answers (assessment_id, question_id, value, source, answered_by, answered_at, review, reviewed_by, reviewed_at) VALUES
       ('ASM-OLD00001', 'Q-A', '"typed"', 'assessor', 'Asha Assessor (assessor)', $1, NULL, NULL, NULL),
       ('ASM-OLD00001', 'Q-B', '"reviewed"', 'assessor', 'Asha Assessor (assessor)', $1, 'adequate', 'Dr Ada Reviewer (reviewer)', '2026-01-11T08:00:00.000Z')`,
      [at],
    );
    await c.query(
      `INSERT INTO risks (id, assessment_id, system_id, threat_id, threat_name, inherent, residual, band, status, snapshot, opened_at, updated_at)
       VALUES ('RSK-OLD00001', 'ASM-OLD00001', 'SYS-OLD00001', 'T-1', 'Threat', $3, $3, 'high', 'identified', $2, $1, $1)`,
      [at, persist(riskMachine, restore(riskMachine, null)), JSON.stringify({ likelihood: 4, impact: 4, score: 16, band: 'high' })],
    );
    expect(await migratePostgres(pool, 'test')).toBe(latestSchemaVersion);
    const answers = (await c.query('SELECT question_id, value, revision, revised_by, revised_at FROM answers ORDER BY question_id')).rows;
    expect(answers).toEqual([
      { question_id: 'Q-A', value: '"typed"', revision: 1, revised_by: 'Asha Assessor (assessor)', revised_at: at },
      { question_id: 'Q-B', value: '"reviewed"', revision: 1, revised_by: 'Dr Ada Reviewer (reviewer)', revised_at: '2026-01-11T08:00:00.000Z' },
    ]);
    for (const table of ['systems', 'assessments', 'risks']) {
      expect((await c.query(`SELECT workflow_revision AS r, workflow_revised_by AS b FROM ${table}`)).rows, table).toEqual([{ r: 1, b: '' }]);
    }
    // A core opens it at the newest schema and reads the revision through the contract.
    const core = teamCore(url, 'A');
    const state = await call<{ revision: number; state: string }>(core, 'workflow.allowed', { entityId: 'RSK-OLD00001' });
    expect(state).toMatchObject({ revision: 1, state: 'identified' });
  });
});
