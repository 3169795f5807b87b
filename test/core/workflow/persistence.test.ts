// Workflow snapshots live in SQLite: a review half signed and a risk half treated carry on after
// the core is closed and a new one is opened on the same file.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { makeTestCore, type TestCore } from '../../support/core-fixture.ts';
import { addPeople, answerRequired, benignSystem, coreOn, owner, prefixedIds, query, reviewerA, reviewerB, type CoreHandle } from '../../support/governance-fixture.ts';

let core: TestCore;
let restarted: CoreHandle | undefined;
beforeEach(() => {
  core = makeTestCore();
});
afterEach(() => {
  restarted?.close();
  restarted = undefined;
  core.dispose();
});

it('an assessment in review with one sign-off and a planned risk continue after a restart', async () => {
  await addPeople(core);
  const system = await core.call('systems.create', benignSystem);
  const assessment = await core.call('assessments.start', { systemId: system.id, stage: 'procurement' });
  // Only the required questions, safely: some medium risks open, none above appetite.
  await answerRequired(core, assessment.id);
  await core.call('workflow.send', { entityId: assessment.id, event: 'review.submit' });
  await core.call('workflow.send', { entityId: assessment.id, event: 'review.start', by: reviewerA });
  await core.call('workflow.send', { entityId: assessment.id, event: 'review.approve', by: reviewerA, comment: 'Day one: fine.' });
  const [risk] = await core.call('risks.list', { systemId: system.id });
  expect(risk).toBeDefined();
  const planned = await core.call('risks.treat', {
    id: risk!.id,
    treatment: { kind: 'mitigate', owner: owner.name, plan: 'Tighten access', actions: [{ text: 'Review roles', owner: owner.name, due: '2026-05-01' }] },
    by: owner,
  });
  expect(planned.status).toBe('planned');
  const [stored] = await query<{ review_snapshot: string; status: string }>(core, 'SELECT status, review_snapshot FROM assessments WHERE id = ?', assessment.id);
  if (!stored) throw new Error(`${assessment.id} is not stored`);
  expect(stored.status).toBe('inReview');
  expect(JSON.parse(stored.review_snapshot)).toMatchObject({ value: 'inReview', context: { requiredSignOffs: 2, signOffs: [{ name: reviewerA.name }] } });

  core.close();
  restarted = coreOn(core, '2026-03-02T09:00:00.000Z', prefixedIds('R'));

  const before = await restarted.call('assessments.get', { id: assessment.id });
  expect(before.status).toBe('inReview');
  expect(before.review.signOffs).toEqual([
    { name: reviewerA.name, role: 'reviewer', decision: 'approve', comment: 'Day one: fine.', conditions: [], at: expect.stringMatching(/^2026-03-01T/) as string },
  ]);
  expect(before.review.allowedEvents).toContain('review.approve');

  const approved = await restarted.call('workflow.send', { entityId: assessment.id, event: 'review.approve', by: reviewerB, comment: 'Day two: agreed.' });
  expect(approved.state).toBe('approved');
  const after = await restarted.call('assessments.get', { id: assessment.id });
  expect(after.review.signOffs.map((s) => [s.name, s.role, s.decision, s.comment, s.at.slice(0, 10)])).toEqual([
    [reviewerA.name, 'reviewer', 'approve', 'Day one: fine.', '2026-03-01'],
    [reviewerB.name, 'reviewer', 'approve', 'Day two: agreed.', '2026-03-02'],
  ]);
  expect(after.review.decidedAt).toMatch(/^2026-03-02T/);
  expect((await restarted.call('systems.get', { id: system.id })).lifecycleStage).toBe('validation');

  const started = await restarted.call('workflow.send', { entityId: risk!.id, event: 'risk.start', by: owner });
  expect(started).toMatchObject({ state: 'inProgress', allowedEvents: ['risk.verify'] });
  const reloaded = await restarted.call('risks.get', { id: risk!.id });
  expect(reloaded.status).toBe('inProgress');
  expect(reloaded.treatment?.actions).toEqual([{ text: 'Review roles', owner: owner.name, due: '2026-05-01' }]);
  expect(reloaded.owner).toBe(owner.name);
});
