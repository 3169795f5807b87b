// Property tests of safeguard suggestions (electron/core/scoring/safeguard-suggestions.ts) on the
// shipped templates, every stage, both scoring models, random systems and reachable answers.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ScoringModel } from '../../../electron/contract/index.ts';
import { suggestSafeguards } from '../../../electron/core/scoring/safeguard-suggestions.ts';
import { scoreAssessment, type ScoringRequest } from '../../../electron/core/scoring/score-assessment.ts';
import { templatesDir } from '../../support/core-fixture.ts';
import { assessmentStateArb, loadShippedStages, type StageModel } from '../../support/scoring-arbitraries.ts';

const stages = loadShippedStages(templatesDir);
const meta = { assessmentId: 'ASM-PROPTEST1', scoredAt: '2026-03-01T09:00:00.000Z' };
// Each run scores an assessment once per candidate safeguard: fewer runs than the scoring properties.
const runs = { numRuns: 25 };

/** A state, a scoring model and one of the catalog's threats. */
const caseArb = (model: StageModel) =>
  fc.record({
    state: assessmentStateArb(model),
    scoring: fc.constantFrom<ScoringModel>(1, 2),
    threat: fc.constantFrom(...model.snapshot.threats.threats.map((t) => t.id)),
  });

const requestOf = (model: StageModel, state: { system: ScoringRequest['system']; answers: ScoringRequest['answers'] }): ScoringRequest => ({
  index: model.index,
  system: state.system,
  answers: state.answers,
  meta,
});

describe.each(stages.map((s) => [s.stage, s] as const))('safeguard suggestions at %s', (_stage, model) => {
  it('never suggest one that would not lower the residual; each equals scoring again with it in place; strongest first', () => {
    fc.assert(
      fc.property(caseArb(model), ({ state, scoring, threat }) => {
        const request = requestOf(model, state);
        const profile = scoreAssessment(scoring, request);
        const now = profile.threats.find((t) => t.id === threat);
        const suggestions = suggestSafeguards({ model: scoring, request, profile, threatId: threat });
        for (const s of suggestions) {
          const again = scoreAssessment(scoring, { ...request, assumeInPlace: [s.controlId] }).threats.find((t) => t.id === threat);
          expect(s.residualAfter).toEqual(again?.residual);
          expect(s.lowersScoreBy).toBe((now?.residual.score ?? 0) - s.residualAfter.score);
          expect(s.lowersScoreBy).toBeGreaterThan(0);
          expect(s.residualAfter.likelihood).toBeLessThanOrEqual(now?.residual.likelihood ?? 0);
          expect(s.residualAfter.impact).toBeLessThanOrEqual(now?.residual.impact ?? 0);
          // Only safeguards that mitigate this threat and are not credited in full today.
          expect(model.index.mitigations.get(threat)?.some((m) => m.control.id === s.controlId)).toBe(true);
          expect(now?.controls.find((c) => c.id === s.controlId)?.strength).not.toBe('full');
          for (const q of s.creditedBy) expect(model.index.creditable.get(q.questionId)?.has(s.controlId)).toBe(true);
        }
        const reductions = suggestions.map((s) => s.lowersScoreBy);
        expect(reductions).toEqual([...reductions].sort((a, b) => b - a));
        expect(new Set(suggestions.map((s) => s.controlId)).size).toBe(suggestions.length);
      }),
      runs,
    );
  });

  it('never raise any residual by putting a mitigating safeguard in place, suggested or not', () => {
    fc.assert(
      fc.property(caseArb(model), ({ state, scoring, threat }) => {
        const request = requestOf(model, state);
        const now = scoreAssessment(scoring, request).threats.find((t) => t.id === threat);
        for (const control of new Set((model.index.mitigations.get(threat) ?? []).map((m) => m.control.id))) {
          const after = scoreAssessment(scoring, { ...request, assumeInPlace: [control] }).threats.find((t) => t.id === threat);
          expect(after?.residual.likelihood).toBeLessThanOrEqual(now?.residual.likelihood ?? 0);
          expect(after?.residual.impact).toBeLessThanOrEqual(now?.residual.impact ?? 0);
        }
      }),
      runs,
    );
  });

  it('stop suggesting a safeguard once it is credited in full', () => {
    fc.assert(
      fc.property(caseArb(model), ({ state, scoring, threat }) => {
        const request = requestOf(model, state);
        const [first] = suggestSafeguards({ model: scoring, request, threatId: threat });
        if (!first) return;
        const credited = { ...request, assumeInPlace: [first.controlId] };
        const next = suggestSafeguards({ model: scoring, request: credited, threatId: threat });
        expect(next.map((s) => s.controlId)).not.toContain(first.controlId);
        // What is left is measured from the new residual.
        const residual = scoreAssessment(scoring, credited).threats.find((t) => t.id === threat)?.residual.score ?? 0;
        for (const s of next) expect(s.lowersScoreBy).toBe(residual - s.residualAfter.score);
      }),
      runs,
    );
  });
});

describe('safeguard suggestions on an empty assessment', () => {
  it('suggest something for a threat with uncredited safeguards, and nothing for an unknown threat', () => {
    const model = stages[0] as StageModel;
    const request = requestOf(model, { system: { autonomyLevel: 'augments', dataCategories: ['phi'], deploymentType: 'vendorCloud', integrationPoints: ['ehr'], modelType: 'predictive' }, answers: new Map() });
    const suggestions = suggestSafeguards({ model: 2, request, threatId: 'T-PHI-BREACH' });
    expect(suggestions.length).toBeGreaterThan(0);
    expect(suggestions[0]).toMatchObject({ controlId: expect.stringMatching(/^C-/), name: expect.any(String), lowersScoreBy: expect.any(Number) });
    expect(suggestSafeguards({ model: 2, request, threatId: 'T-NO-SUCH' })).toEqual([]);
  });
});
