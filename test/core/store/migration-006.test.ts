// Migration 006 (scoring model 2) over a database written by schema 5 with data in it: an
// assessment started under scoring model 1, with a template snapshot in the old shape, answers
// from the assessor and the vendor, and evidence. After the upgrade the assessment still scores
// exactly as model 1 did, nothing was lost, and it can be moved to model 2 explicitly.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { AnswerValue, Question } from '../../../electron/contract/index.ts';
import { createSnapshotCache } from '../../../electron/core/assessments/snapshot.ts';
import { createCore } from '../../../electron/core/create-core.ts';
import { scoreModel1 } from '../../../electron/core/scoring/score-model-1.ts';
import type { ScoringAnswer } from '../../../electron/core/scoring/findings.ts';
import { openDatabase } from '../../../electron/core/store/open-database.ts';
import { migrations } from '../../../electron/core/store/migrations/index.ts';
import { actor, fixedClock, sequentialIds, tempDir, templatesDir, osActor, onPostgres } from '../../support/core-fixture.ts';
import { legacySnapshotJson } from '../../support/legacy-databases.ts';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

describe.skipIf(onPostgres)('migration 006 over a schema 5 database with data (the SQLite file itself: skipped on PostgreSQL)', () => {
  it('keeps model 1 scores for existing assessments, loses nothing, and upgrades on request', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const dbPath = join(dir, 'vigil.db');
    const json = legacySnapshotJson();
    const hash = createHash('sha256').update(json).digest('hex');
    const at = '2026-01-10T10:00:00.000Z';
    const old = openDatabase(dbPath, { migrations: migrations.slice(0, 5) });
    expect(old.pragma('user_version', { simple: true })).toBe(5);
    old.prepare(
      `INSERT INTO systems (id, name, vendor, autonomy_level, model_type, data_categories, deployment_type, integration_points, created_at, created_by, updated_at)
       VALUES ('SYS-OLD00001', 'Sepsis alert', 'Acme Health', 'augments', 'predictive', '["phi"]', 'vendorCloud', '["ehr"]', ?, 'root', ?)`,
    ).run(at, at);
    old.prepare('INSERT INTO template_snapshots (hash, content) VALUES (?, ?)').run(hash, json);
    old.prepare(
      `INSERT INTO assessments (id, system_id, stage, title, status, snapshot_hash, created_at, created_by, updated_at)
       VALUES ('ASM-OLD00001', 'SYS-OLD00001', 'procurement', 'Procurement assessment of Sepsis alert', 'inProgress', ?, ?, 'root', ?)`,
    ).run(hash, at, at);
    const questions = (JSON.parse(json) as { questionnaires: { sections: { questions: Question[] }[] }[] }).questionnaires.flatMap((q) => q.sections.flatMap((s) => s.questions));
    const optionQuestions = questions.filter((q): q is Extract<Question, { options: unknown }> => 'options' in q && !q.showIf).slice(0, 12);
    const answers = new Map<string, ScoringAnswer>();
    const insertAnswer = old.prepare(
      `INSERT INTO answers (assessment_id, question_id, value, unknown, flagged, source, answered_by, answered_at) VALUES ('ASM-OLD00001', ?, ?, ?, 0, ?, 'root', ?)`,
    );
    optionQuestions.forEach((q, i) => {
      const unknown = i === 5;
      const value: AnswerValue | null = unknown ? null : q.kind === 'multi' ? [q.options[0]!.value] : q.options[i % q.options.length]!.value;
      const source = q.vendorAnswerable && i % 2 === 0 ? 'vendor' : 'assessor';
      insertAnswer.run(q.id, value === null ? null : JSON.stringify(value), unknown ? 1 : 0, source, at);
      answers.set(q.id, { value, unknown, source, hasEvidence: i === 2 });
    });
    old.prepare(
      `INSERT INTO evidence (id, assessment_id, question_id, file_name, media_type, size, sha256, bytes, added_by, added_at)
       VALUES ('EVD-OLD00001', 'ASM-OLD00001', ?, 'policy.pdf', 'application/pdf', 3, ?, ?, 'root', ?)`,
    ).run(optionQuestions[2]!.id, createHash('sha256').update('abc').digest('hex'), Buffer.from('abc'), at);
    old.close();

    // What model 1 gave on the old snapshot, worked out without the database.
    const { index } = createSnapshotCache(() => json)(hash);
    const system = { autonomyLevel: 'augments', modelType: 'predictive', dataCategories: ['phi'], deploymentType: 'vendorCloud', integrationPoints: ['ehr'] } as const;
    const expected = scoreModel1(index, { ...system, dataCategories: [...system.dataCategories], integrationPoints: [...system.integrationPoints] }, answers, { assessmentId: 'ASM-OLD00001', scoredAt: 'x' });

    const core = createCore({ dbPath, clock: fixedClock('2026-03-01T09:00:00.000Z'), ids: sequentialIds(), templatesDir });
    cleanups.unshift(() => core.close());
    const call = async (method: string, input: unknown) => {
      const r = await core.dispatch(method, input, actor);
      if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
      return r.value as never;
    };
    const detail = (await call('assessments.get', { id: 'ASM-OLD00001' })) as {
      scoringModel: number;
      answers: { questionId: string; notApplicable: boolean; transcribed: boolean; review: unknown; source: string }[];
      evidence: { id: string; verifiedAt: string | null }[];
      profile: { model: number; threats: { id: string; residual: unknown; inherent: unknown }[] };
    };
    expect(detail.scoringModel).toBe(1);
    expect(detail.profile.model).toBe(1);
    expect(detail.profile.threats.map((t) => [t.id, t.inherent, t.residual])).toEqual(expected.threats.map((t) => [t.id, t.inherent, t.residual]));
    expect(detail.answers).toHaveLength(answers.size);
    for (const a of detail.answers) expect(a).toMatchObject({ notApplicable: false, transcribed: false, review: null, source: answers.get(a.questionId)?.source });
    expect(detail.evidence).toEqual([expect.objectContaining({ id: 'EVD-OLD00001', verifiedAt: null })]);
    const sys = (await call('systems.get', { id: 'SYS-OLD00001' })) as { worstCredibleHarm: unknown; timeCritical: unknown };
    expect(sys).toMatchObject({ worstCredibleHarm: null, timeCritical: null });

    // Not applicable is a model 2 answer.
    const refused = await core.dispatch('assessments.answer', { id: 'ASM-OLD00001', answers: [{ questionId: optionQuestions[0]!.id, notApplicable: true }] }, actor);
    expect(refused.ok ? 'ok' : refused.error.code).toBe('VALIDATION_FAILED');

    const upgraded = (await call('assessments.upgradeScoring', { id: 'ASM-OLD00001' })) as { from: number; to: number; carried: number; notCarried: string[] };
    expect(upgraded).toMatchObject({ from: 1, to: 2, carried: answers.size, notCarried: [] });
    const after = (await call('assessments.get', { id: 'ASM-OLD00001' })) as typeof detail;
    expect(after.scoringModel).toBe(2);
    expect(after.profile.model).toBe(2);
    expect(after.answers.map((a) => a.questionId).sort()).toEqual([...answers.keys()].sort());
    const again = await core.dispatch('assessments.upgradeScoring', { id: 'ASM-OLD00001' }, actor);
    expect(again.ok ? 'ok' : again.error.code).toBe('CONFLICT');

    const db = new Database(dbPath, { readonly: true });
    const events = db.prepare("SELECT action, actor FROM audit_events WHERE entity = 'ASM-OLD00001'").all();
    db.close();
    expect(events).toEqual([{ action: 'assessment.scoringUpgraded', actor: osActor }]);
  });
});
