// Property tests of what is observed after go-live (electron/core/scoring/observed.ts) in scoring
// model 2: each signal is one `observed` trace step on its threat, the first counting a whole
// level of likelihood, the next half, then a quarter…; inherent and residual rise by the same
// sum; nothing else moves; the trace still adds up.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ThreatScore } from '../../../electron/contract/index.ts';
import type { ObservedSignal } from '../../../electron/core/scoring/observed.ts';
import { scoreAssessment, type ScoringRequest } from '../../../electron/core/scoring/score-assessment.ts';
import { templatesDir } from '../../support/core-fixture.ts';
import { assessmentStateArb, loadShippedStages } from '../../support/scoring-arbitraries.ts';

const stages = loadShippedStages(templatesDir);
const meta = { assessmentId: 'ASM-PROPTEST1', scoredAt: '2026-03-01T09:00:00.000Z' };
const watched = ['T-DRIFT', 'T-BIAS', 'T-OVER-RELIANCE', 'T-ALERT-BURDEN', 'T-CLINICIAN-READINESS'];

const signalArb = fc.record({
  threatId: fc.constantFrom(...watched),
  source: fc.constantFrom<ObservedSignal['source']>('monitoring', 'readiness'),
  ref: fc.stringMatching(/^[A-Z]{3}-[0-9]{1,4}$/),
  detail: fc.constantFrom('Sensitivity for age 65+ was 0.71 in October 2026 (n = 212), below the 0.80 the local validation set.', 'Training: 14 of 40 ICU nurses trained.'),
});

const sum = (score: ThreatScore, phase: 'inherent' | 'residual') => score.trace.filter((t) => phase === 'residual' || t.phase === 'inherent').reduce((s, t) => s + t.effect.likelihood, 0);

describe.each(stages.map((s) => [s.stage, s] as const))('observed signals at %s', (_stage, model) => {
  it('raise only their threats, by 1, ½, ¼… in both phases, each named in the trace', () => {
    fc.assert(
      fc.property(assessmentStateArb(model), fc.array(signalArb, { maxLength: 6 }), (state, signals) => {
        const request: ScoringRequest = { index: model.index, system: state.system, answers: state.answers, meta };
        const before = scoreAssessment(2, request);
        const after = scoreAssessment(2, { ...request, observed: signals });
        for (const threat of after.threats) {
          const was = before.threats.find((t) => t.id === threat.id);
          if (!was) throw new Error(`threat ${threat.id} missing`);
          const mine = signals.filter((s) => s.threatId === threat.id);
          const rise = mine.reduce((s, _x, rank) => s + 1 / 2 ** rank, 0);
          const steps = threat.trace.filter((t) => t.step === 'observed');
          expect(steps.map((t) => t.ruleId)).toEqual(mine.map((s) => s.ref));
          steps.forEach((t, rank) => {
            expect(t.phase).toBe('inherent');
            expect(t.effect).toEqual({ likelihood: 1 / 2 ** rank, impact: 0 });
            expect(t.detail.startsWith(mine[rank]?.detail ?? '?')).toBe(true);
          });
          expect((threat.inherent.raw?.likelihood ?? NaN) - (was.inherent.raw?.likelihood ?? NaN)).toBeCloseTo(rise, 10);
          expect((threat.residual.raw?.likelihood ?? NaN) - (was.residual.raw?.likelihood ?? NaN)).toBeCloseTo(rise, 10);
          expect(threat.inherent.raw?.impact).toBe(was.inherent.raw?.impact);
          // The trace still adds up to the raw exposures.
          expect(sum(threat, 'inherent')).toBeCloseTo(threat.inherent.raw?.likelihood ?? NaN, 10);
          if (mine.length === 0) expect(threat.residual).toEqual(was.residual);
          else expect(threat.residual.likelihood).toBeGreaterThanOrEqual(was.residual.likelihood);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('model 1 keeps the scores it was decided on', () => {
    const state = fc.sample(assessmentStateArb(model), { numRuns: 1, seed: 7 })[0];
    if (!state) throw new Error('no sample');
    const request: ScoringRequest = { index: model.index, system: state.system, answers: state.answers, meta };
    const observed: ObservedSignal[] = [{ threatId: 'T-DRIFT', source: 'monitoring', ref: 'CRT-1', detail: 'x' }];
    expect(scoreAssessment(1, { ...request, observed })).toEqual(scoreAssessment(1, request));
  });
});
