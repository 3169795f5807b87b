// What the assessment lists sort by is stored on the assessment at every rescore (migration
// 011): after answering, evidence and the review workflow, the stored overall
// band, highest residual and required progress are what assessments.get works out, on the
// engine under test — over a single assessment changed step by step, and over the demo
// portfolio, whose assessments reach every status through the commands.
import { afterEach, describe, expect, it } from 'vitest';
import type { AssessmentDetail, AssessmentRow } from '../../../electron/contract/index.ts';
import { makeTestCore, type TestCore } from '../../support/core-fixture.ts';

let core: TestCore;
afterEach(() => core.dispose());

interface Stored {
  overall_band: string | null;
  highest_residual: number | null;
  required_answered: number | null;
  required_count: number | null;
}

/** The stored columns, read beside the core, and the page row: both as assessments.get computes them. */
async function expectStoredAsComputed(id: string): Promise<AssessmentDetail> {
  const detail = await core.call('assessments.get', { id });
  const stored = await core.sql.get<Stored>('SELECT overall_band, highest_residual, required_answered, required_count FROM assessments WHERE id = ?', id);
  expect({ id, ...stored }).toStrictEqual({
    id,
    overall_band: detail.overall.band,
    highest_residual: detail.overall.highestResidual,
    required_answered: detail.progress.requiredAnswered,
    required_count: detail.progress.required,
  });
  const page = await core.call('assessments.page', { search: id, limit: 1 });
  expect(page.rows[0]).toMatchObject<Partial<AssessmentRow>>({
    id,
    overallBand: detail.overall.band,
    highestResidual: detail.overall.highestResidual,
    requiredAnswered: detail.progress.requiredAnswered,
    required: detail.progress.required,
    status: detail.status,
    updatedAt: detail.updatedAt,
  });
  return detail;
}

describe('stored list columns', () => {
  it('follow every change to one assessment: answers, "I don\'t know", cleared answers and evidence', async () => {
    core = makeTestCore();
    const system = await core.call('systems.create', {
      name: 'Chest X-ray triage',
      vendor: 'Acme Imaging',
      modelType: 'predictive',
      deploymentType: 'vendorCloud',
      dataCategories: ['phi', 'imaging'],
      integrationPoints: ['pacs'],
      autonomyLevel: 'augments',
    });
    const started = await core.call('assessments.start', { systemId: system.id, stage: 'procurement' });
    let detail = await expectStoredAsComputed(started.id);
    expect(detail.progress.requiredAnswered).toBe(0);

    const questions = detail.questionnaireSnapshots.flatMap((q) => q.sections.flatMap((s) => s.questions)).filter((q) => detail.visibleQuestions.includes(q.id));
    const required = questions.filter((q) => q.required && 'options' in q);
    expect(required.length).toBeGreaterThan(3);
    // Answer required questions a few at a time, the least safe option first, then the safest.
    for (const [i, batch] of [required.slice(0, 2), required.slice(2, 4)].entries()) {
      await core.call('assessments.answer', {
        id: started.id,
        answers: batch.map((q) => ({ questionId: q.id, value: 'options' in q ? (i === 0 ? q.options.at(-1)!.value : q.options[0]!.value) : 'x' })),
      });
      detail = await expectStoredAsComputed(started.id);
    }
    expect(detail.progress.requiredAnswered).toBe(4);
    // "I don't know" is a response; clearing an answer takes it back.
    await core.call('assessments.answer', { id: started.id, answers: [{ questionId: required[4]!.id, unknown: true }, { questionId: required[0]!.id, value: null }] });
    detail = await expectStoredAsComputed(started.id);
    expect(detail.progress.requiredAnswered).toBe(4);

    const evidence = await core.call('evidence.add', {
      assessmentId: started.id,
      questionId: required[1]!.id,
      fileName: 'policy.txt',
      mediaType: 'text/plain',
      dataBase64: Buffer.from('Security policy, section 4.').toString('base64'),
    });
    await expectStoredAsComputed(started.id);
    await core.call('evidence.verify', { id: evidence.id, verified: true });
    await expectStoredAsComputed(started.id);
    await core.call('evidence.remove', { id: evidence.id });
    await expectStoredAsComputed(started.id);
  });

  it('match assessments.get for every assessment of the demo portfolio, whatever its status', async () => {
    core = makeTestCore();
    await core.call('demo.load', {});
    const all = await core.call('assessments.page', { limit: 200 });
    expect(all.total).toBeGreaterThan(3);
    expect(new Set(all.rows.map((r) => r.status)).size).toBeGreaterThan(2);
    for (const row of all.rows) await expectStoredAsComputed(row.id);
    const log = await core.call('reviews.page', { limit: 200 });
    expect(log.rows.map((r) => r.id).sort()).toStrictEqual(all.rows.filter((r) => r.submittedAt !== null).map((r) => r.id).sort());
  });
});
