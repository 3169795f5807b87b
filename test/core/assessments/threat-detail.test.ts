// assessments.threatDetail through the dispatcher on real assessments: the threat worded for the
// system, why it scored so, its gaps, and safeguard suggestions that keep their word when the
// suggested answer is then given.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isCredit, type AssessmentDetail, type Question, type Result, type ThreatDetail } from '../../../electron/contract/index.ts';
import { makeTestCore, type TestCore } from '../../support/core-fixture.ts';

let core: TestCore;
beforeEach(() => {
  core = makeTestCore();
});
afterEach(() => core.dispose());

const start = async (fields: { name: string; clinicalDomain: 'primaryCare' | 'emergency'; modelType: 'generative' | 'predictive'; timeCritical: boolean }) => {
  const system = await core.call('systems.create', {
    vendor: 'Acme Health',
    deploymentType: 'vendorCloud',
    dataCategories: ['phi', 'freeText'],
    integrationPoints: ['ehr'],
    autonomyLevel: 'augments',
    worstCredibleHarm: 'critical',
    ...fields,
  });
  return core.call('assessments.start', { systemId: system.id, stage: 'procurement' });
};

/** The refusal of a call, or undefined when it succeeded. */
const refusal = async (call: Promise<Result<unknown>>) => {
  const result = await call;
  return result.ok ? undefined : result.error;
};

const questionsOf = (a: AssessmentDetail): Question[] => a.questionnaireSnapshots.flatMap((q) => q.sections.flatMap((s) => s.questions));

/**
 * An option that does nothing but credit `controlId` in full: answering it puts exactly that
 * safeguard in place, so the score must move by exactly what the suggestion promised.
 */
function onlyCredits(a: AssessmentDetail, questionIds: readonly string[], controlId: string): { questionId: string; value: string } | undefined {
  for (const q of questionsOf(a)) {
    if (!questionIds.includes(q.id) || !a.visibleQuestions.includes(q.id) || !('options' in q) || q.kind === 'multi') continue;
    const option = q.options.find((o) => o.effects.length > 0 && o.effects.every((e) => isCredit(e) && e.control === controlId && e.strength !== 'partial'));
    if (option) return { questionId: q.id, value: option.value };
  }
  return undefined;
}

describe('assessments.threatDetail', () => {
  it('describes the threat for an ambient scribe, with why, gaps and references', async () => {
    const scribe = await start({ name: 'Ambient scribe', clinicalDomain: 'primaryCare', modelType: 'generative', timeCritical: false });
    const detail = await core.call('assessments.threatDetail', { id: scribe.id, threatId: 'T-DRIFT' });
    expect(detail).toMatchObject({ assessmentId: scribe.id, systemId: scribe.systemId, systemName: 'Ambient scribe', threat: { id: 'T-DRIFT' } });
    expect(detail.description).toMatch(/generative tool/);
    expect(`${detail.description} ${detail.clinicalConsequence}`).not.toMatch(/sepsis|radiologist/i);
    expect(detail.clinicalConsequence).toMatch(/drafted notes/);
    // The trace in plain words, one line per step, in order.
    const profile = await core.call('assessments.score', { id: scribe.id });
    const scored = profile.threats.find((t) => t.id === 'T-DRIFT');
    expect(detail.threat).toEqual(scored);
    expect(detail.why).toHaveLength(scored?.trace.length ?? -1);
    expect(detail.why[0]).toMatch(/^Before safeguards: Typical for a hospital AI product/);
    // Nothing answered yet: every question touching it is a gap, with its text.
    expect(detail.gaps.map((g) => g.questionId)).toEqual(scored?.gaps);
    expect(detail.gaps.every((g) => g.text.length > 0 && g.text !== g.questionId)).toBe(true);
    expect(detail.references.length).toBeGreaterThan(0);
  });

  it('keeps the sepsis example for an emergency early-warning score', async () => {
    const sepsis = await start({ name: 'Sepsis score', clinicalDomain: 'emergency', modelType: 'predictive', timeCritical: true });
    const detail = await core.call('assessments.threatDetail', { id: sepsis.id, threatId: 'T-DRIFT' });
    expect(detail.clinicalConsequence).toMatch(/delayed sepsis treatment/);
  });

  it('suggests safeguards that lower the residual by what they say once the suggested answer is given', async () => {
    const assessment = await start({ name: 'Sepsis score', clinicalDomain: 'emergency', modelType: 'predictive', timeCritical: true });
    let checked = 0;
    for (const threatId of ['T-PHI-BREACH', 'T-DRIFT', 'T-MODEL-TAMPERING', 'T-OVER-RELIANCE']) {
      const before = await core.call('assessments.threatDetail', { id: assessment.id, threatId });
      expect(before.suggestions.length, threatId).toBeGreaterThan(0);
      const reductions = before.suggestions.map((s) => s.lowersScoreBy);
      expect(reductions).toEqual([...reductions].sort((a, b) => b - a));
      for (const s of before.suggestions) {
        expect(s.lowersScoreBy).toBe(before.threat.residual.score - s.residualAfter.score);
        expect(s.lowersScoreBy).toBeGreaterThan(0);
      }
      // The first suggestion with a question that credits only it: answer it, and the score falls as promised.
      const current = await core.call('assessments.get', { id: assessment.id });
      const pick = before.suggestions.flatMap((s) => {
        const answer = onlyCredits(current, s.creditedBy.map((q) => q.questionId), s.controlId);
        return answer ? [{ s, answer }] : [];
      })[0];
      if (!pick) continue;
      await core.call('assessments.answer', { id: assessment.id, answers: [pick.answer] });
      const after: ThreatDetail = await core.call('assessments.threatDetail', { id: assessment.id, threatId });
      expect(after.threat.residual.score, `${threatId} ${pick.s.controlId} via ${pick.answer.questionId}`).toBe(before.threat.residual.score - pick.s.lowersScoreBy);
      expect(after.threat.residual).toMatchObject({ likelihood: pick.s.residualAfter.likelihood, impact: pick.s.residualAfter.impact, band: pick.s.residualAfter.band });
      // Now credited in full, it is no longer suggested.
      expect(after.suggestions.map((x) => x.controlId)).not.toContain(pick.s.controlId);
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(2);
  });

  it('refuses an unknown threat, an unknown assessment and a malformed threat id, in words', async () => {
    const assessment = await start({ name: 'Sepsis score', clinicalDomain: 'emergency', modelType: 'predictive', timeCritical: true });
    expect(await refusal(core.raw('assessments.threatDetail', { id: assessment.id, threatId: 'T-NO-SUCH-THREAT' }))).toMatchObject({ code: 'NOT_FOUND', message: `${assessment.id} has no threat T-NO-SUCH-THREAT: it is not in the threat catalog this assessment was scored with.` });
    expect(await refusal(core.raw('assessments.threatDetail', { id: 'ASM-99999999', threatId: 'T-DRIFT' }))).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('ASM-99999999') });
    expect(await refusal(core.raw('assessments.threatDetail', { id: assessment.id, threatId: 'drift' }))).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('threat id must look like T-NAME') });
  });
});
