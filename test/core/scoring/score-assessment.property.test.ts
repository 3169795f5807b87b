// Property tests of scoring model 2 (docs/scoring.md) on the shipped templates, for every stage,
// with random system profiles and random answer maps a user can reach.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ThreatProfile, type Question, type ThreatScore } from '../../../electron/contract/index.ts';
import { isCredit, isExposure } from '../../../electron/contract/index.ts';
import { toLevel } from '../../../electron/core/scoring/plain-words.ts';
import { scoreAssessment, type ScoringAnswer } from '../../../electron/core/scoring/score-assessment.ts';
import { visibleQuestions } from '../../../electron/core/scoring/visibility.ts';
import { templatesDir } from '../../support/core-fixture.ts';
import {
  assessmentStateArb,
  candidateValues,
  effectsOf,
  isAnswered,
  loadShippedStages,
  reachable,
  referenceVisible,
  safer,
  sourceArb,
  systemHas,
  systemProfileArb,
  type Answers,
  type AssessmentState,
  type StageModel,
} from '../../support/scoring-arbitraries.ts';

const stages = loadShippedStages(templatesDir);
const meta = { assessmentId: 'ASM-PROPTEST1', scoredAt: '2026-03-01T09:00:00.000Z' };
const runs = { numRuns: 100 };

const score = (model: StageModel, system: AssessmentState['system'], answers: Answers) => scoreAssessment(2, { index: model.index, system, answers, meta });

/** The visible questions in questionnaire order (reference semantics, not the engine's). */
const visibleList = (model: StageModel, s: Pick<AssessmentState, 'system' | 'answers'>): Question[] => {
  const visible = referenceVisible(model.questions, s.system, s.answers);
  return model.questions.filter((q) => visible.has(q.id));
};

/** Threats a question touches: raised by any option, or mitigated by a control any option credits. */
function touches(model: StageModel, q: Question): Set<string> {
  const effects = 'options' in q ? q.options.flatMap((o) => o.effects) : q.answeredEffects;
  const threats = new Set<string>();
  for (const e of effects) {
    if ('threat' in e) threats.add(e.threat);
    else for (const m of model.snapshot.controls.controls.find((c) => c.id === e.control)?.mitigates ?? []) threats.add(m.threat);
  }
  return threats;
}

/** Which residual numbers of `after` exceed `before` (empty when none rose). */
function risen(before: readonly ThreatScore[], after: readonly ThreatScore[]): string[] {
  const out: string[] = [];
  after.forEach((t, i) => {
    const b = before[i] as ThreatScore;
    expect(t.id).toBe(b.id);
    for (const k of ['likelihood', 'impact', 'score'] as const) {
      if (t.residual[k] > b.residual[k]) out.push(`${t.id} residual ${k} ${b.residual[k]} → ${t.residual[k]}`);
    }
  });
  return out;
}

const fallbackFree: Record<string, string | number> = { text: 'Documented in the model card', number: 1, date: '2026-01-01' };

describe.each(stages)('scoring the shipped $stage templates', (model) => {
  const states = assessmentStateArb(model);
  const rank = new Map(model.snapshot.matrix.bands.map((b, i) => [b.id, i]));
  const cells = model.snapshot.matrix.cells;
  const threatCount = model.snapshot.threats.threats.length;

  it('is deterministic and does not touch its inputs', () => {
    fc.assert(
      fc.property(states, (s) => {
        const answersBefore = structuredClone(s.answers);
        const systemBefore = structuredClone(s.system);
        const first = score(model, s.system, s.answers);
        const again = score(model, s.system, s.answers);
        const cloned = score(model, structuredClone(s.system), structuredClone(s.answers));
        expect(again).toStrictEqual(first);
        expect(cloned).toStrictEqual(first);
        expect(s.answers).toStrictEqual(answersBefore);
        expect(s.system).toStrictEqual(systemBefore);
      }),
      runs,
    );
  });

  it('keeps levels, scores, bands, the overall summary and the heatmap consistent', () => {
    fc.assert(
      fc.property(states, (s) => {
        const profile = score(model, s.system, s.answers);
        expect(() => ThreatProfile.parse(profile)).not.toThrow();
        expect(profile.threats.map((t) => t.id)).toEqual(model.snapshot.threats.threats.map((t) => t.id));
        // The engine's visibility agrees with the reference semantics.
        expect(visibleQuestions(model.index.questions, model.index.questionsById, s.system, s.answers)).toEqual(
          referenceVisible(model.questions, s.system, s.answers),
        );
        const heat = { inherent: cells.map((r) => r.map(() => 0)), residual: cells.map((r) => r.map(() => 0)) };
        for (const t of profile.threats) {
          for (const phase of ['inherent', 'residual'] as const) {
            const { likelihood: l, impact: i, score: sc, band } = t[phase];
            for (const level of [l, i]) {
              expect(Number.isInteger(level), `${t.id} ${phase} ${level}`).toBe(true);
              expect(level).toBeGreaterThanOrEqual(1);
              expect(level).toBeLessThanOrEqual(5);
            }
            expect(sc).toBe(l * i);
            expect(band).toBe(cells[l - 1]?.[i - 1]);
            const row = heat[phase][l - 1] as number[];
            row[i - 1] = (row[i - 1] ?? 0) + 1;
          }
          expect(t.residual.likelihood).toBeLessThanOrEqual(t.inherent.likelihood);
          expect(t.residual.impact).toBeLessThanOrEqual(t.inherent.impact);
          // Levels are the open-scale exposures put on the matrix.
          for (const phase of ['inherent', 'residual'] as const) {
            const raw = t[phase].raw;
            expect(raw).toBeDefined();
            expect(t[phase].likelihood).toBe(toLevel(raw?.likelihood ?? NaN));
            expect(t[phase].impact).toBe(toLevel(raw?.impact ?? NaN));
          }
          expect(t.residual.raw?.likelihood).toBeLessThanOrEqual(t.inherent.raw?.likelihood ?? NaN);
          expect(t.residual.raw?.impact).toBeLessThanOrEqual(t.inherent.raw?.impact ?? NaN);
        }
        const top = profile.threats.reduce((best, t) => ((rank.get(t.residual.band) ?? -1) > (rank.get(best) ?? -1) ? t.residual.band : best), model.snapshot.matrix.bands[0]?.id ?? '');
        expect(profile.overall.band).toBe(top);
        expect(profile.overall.highestResidual).toBe(Math.max(...profile.threats.map((t) => t.residual.score)));
        expect(profile.heatmap).toStrictEqual(heat);
        for (const map of [profile.heatmap.inherent, profile.heatmap.residual]) expect(map.flat().reduce((a, b) => a + b, 0)).toBe(threatCount);
      }),
      runs,
    );
  });

  /**
   * One visible question changes to a safer answer. Half the time the question is a branching
   * parent whose shown children are answered and, when one exists, the safer answer is one that
   * hides them: branching is exercised on purpose, not left to luck.
   */
  const saferChange = fc
    .tuple(states, fc.nat(), fc.nat(), fc.boolean(), sourceArb, fc.boolean())
    .map(([s, qPick, cPick, preferParent, freshSource, freshEvidence]) => {
      const visible = visibleList(model, s);
      const parents = visible.filter((q) =>
        model.questions.some((c) => c.showIf && 'question' in c.showIf && c.showIf.question === q.id && s.answers.has(c.id)),
      );
      const pool = preferParent && parents.length > 0 ? parents : visible;
      if (pool.length === 0) return null;
      const q = pool[qPick % pool.length] as Question;
      const old = s.answers.get(q.id);
      // The same person and the same evidence: only the value changes.
      const source = old?.source ?? freshSource;
      const hasEvidence = old?.hasEvidence ?? freshEvidence;
      const pooled = s.pool.get(q.id)?.value;
      const sample = pooled !== null && pooled !== undefined && !('options' in q) ? pooled : (fallbackFree[q.kind] ?? 'x');
      const kept = { evidenceVerified: old?.evidenceVerified ?? false, review: old?.review ?? null };
      const candidates: ScoringAnswer[] = candidateValues(q, sample)
        .map((value) => ({ value, unknown: false, source, hasEvidence, ...kept }))
        .filter((next) => safer(q, next, old));
      const hiddenBy = (next: ScoringAnswer) => {
        const stillVisible = referenceVisible(model.questions, s.system, new Map(s.answers).set(q.id, next));
        return [...s.answers.keys()].filter((id) => !stillVisible.has(id));
      };
      const hiding = preferParent ? candidates.filter((c) => hiddenBy(c).length > 0) : [];
      const choices = hiding.length > 0 ? hiding : candidates;
      if (choices.length === 0) return null;
      const next = choices[cPick % choices.length] as ScoringAnswer;
      const after = new Map(s.answers).set(q.id, next);
      const hiddenAnswered = hiddenBy(next);
      const summary = `${q.id} ${JSON.stringify(old?.value ?? (old?.unknown ? 'unknown' : 'unanswered'))} → ${JSON.stringify(next.value)} on ${JSON.stringify(s.system)} with ${s.answers.size} answers`;
      return { s, q, old, next, after, hiddenAnswered, [fc.toStringMethod]: () => summary };
    });

  it('never raises a residual when one visible answer changes to a safer option', () => {
    fc.assert(
      fc.property(saferChange, (change) => {
        fc.pre(change !== null);
        const { s, q, old, next, after, hiddenAnswered } = change;
        const rose = risen(score(model, s.system, s.answers).threats, score(model, s.system, after).threats);
        expect(rose, `${q.id}: ${JSON.stringify(old?.value ?? 'unanswered')} → ${JSON.stringify(next.value)}; answered questions this hides: ${hiddenAnswered.join(', ') || 'none'}`).toEqual([]);
      }),
      // Shrinking a 143-answer state is slow; the assertion message already names the change.
      { numRuns: 200, interruptAfterTimeLimit: 1000 },
    );
  });

  it('never raises a residual when one visible answer changes to a safer option that hides no answered question', () => {
    // Isolates the scoring arithmetic from branching: if only the property above fails, the
    // cause is answers dropped by hiding, not the sums, clamps, credits or rounding.
    fc.assert(
      fc.property(saferChange, (change) => {
        fc.pre(change !== null && change.hiddenAnswered.length === 0);
        const { s, after } = change;
        expect(risen(score(model, s.system, s.answers).threats, score(model, s.system, after).threats)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('never raises a residual when a vendor answer gains evidence an assessor has checked', () => {
    fc.assert(
      fc.property(states, fc.nat(), (s, pick) => {
        const answered = visibleList(model, s).filter((q) => isAnswered(s.answers.get(q.id)));
        fc.pre(answered.length > 0);
        const q = answered[pick % answered.length] as Question;
        const a = s.answers.get(q.id) as ScoringAnswer;
        const claimed = new Map(s.answers).set(q.id, { ...a, source: 'vendor', hasEvidence: false, evidenceVerified: false });
        const evidenced = new Map(s.answers).set(q.id, { ...a, source: 'vendor', hasEvidence: true, evidenceVerified: true });
        expect(risen(score(model, s.system, claimed).threats, score(model, s.system, evidenced).threats)).toEqual([]);
      }),
      runs,
    );
  });

  it('never raises a residual when a vendor answer becomes the assessor’s', () => {
    fc.assert(
      fc.property(states, fc.nat(), (s, pick) => {
        const answered = visibleList(model, s).filter((q) => isAnswered(s.answers.get(q.id)));
        fc.pre(answered.length > 0);
        const q = answered[pick % answered.length] as Question;
        const a = s.answers.get(q.id) as ScoringAnswer;
        const vendor = new Map(s.answers).set(q.id, { ...a, source: 'vendor' });
        const assessor = new Map(s.answers).set(q.id, { ...a, source: 'assessor' });
        expect(risen(score(model, s.system, vendor).threats, score(model, s.system, assessor).threats)).toEqual([]);
      }),
      runs,
    );
  });

  it('scores an empty assessment at inherent with every visible touching question a gap, and "I don\'t know" everywhere no lower', () => {
    fc.assert(
      fc.property(systemProfileArb, sourceArb, (system, source) => {
        const empty: Answers = new Map();
        const visible = visibleList(model, { system, answers: empty });
        const allUnknown: Answers = new Map(visible.map((q) => [q.id, { value: null, unknown: true, source, hasEvidence: false }]));
        const profile = score(model, system, empty);
        const unknownProfile = score(model, system, allUnknown);
        profile.threats.forEach((t, i) => {
          expect(t.residual).toStrictEqual(t.inherent);
          expect(t.controls).toEqual([]);
          const expected = visible.filter((q) => touches(model, q).has(t.id)).map((q) => q.id);
          expect(new Set(t.gaps).size).toBe(t.gaps.length);
          expect([...t.gaps].sort()).toEqual([...expected].sort());
          // Not knowing anything credits nothing, counts every least safe answer, lists the same gaps.
          const u = unknownProfile.threats[i] as ThreatScore;
          expect(u.residual.score).toBe(u.inherent.score);
          expect(u.inherent.raw?.likelihood).toBeGreaterThanOrEqual(t.inherent.raw?.likelihood ?? NaN);
          expect(u.inherent.raw?.impact).toBeGreaterThanOrEqual(t.inherent.raw?.impact ?? NaN);
          expect([...u.gaps].sort()).toEqual([...t.gaps].sort());
        });
      }),
      runs,
    );
  });

  it('never scores "I don\'t know" better than any option of the question', () => {
    fc.assert(
      fc.property(states, fc.nat(), (s, pick) => {
        // Questions whose answer changes no other question's visibility: the comparison is the
        // answer's own effect, not that of follow-ups it shows or hides.
        const candidates = visibleList(model, s).filter(
          (q) => 'options' in q && !model.questions.some((c) => c.showIf && 'question' in c.showIf && c.showIf.question === q.id),
        );
        fc.pre(candidates.length > 0);
        const q = candidates[pick % candidates.length] as Extract<Question, { options: unknown }>;
        const old = s.answers.get(q.id);
        const base = { source: old?.source ?? 'assessor', hasEvidence: old?.hasEvidence ?? false, evidenceVerified: old?.evidenceVerified ?? false } as const;
        const unknown = score(model, s.system, new Map(s.answers).set(q.id, { ...base, value: null, unknown: true }));
        for (const value of candidateValues(q, 'x')) {
          const chosen = score(model, s.system, new Map(s.answers).set(q.id, { ...base, value, unknown: false }));
          chosen.threats.forEach((t, i) => {
            const u = unknown.threats[i] as ThreatScore;
            expect(u.residual.raw?.likelihood, `${q.id}=${JSON.stringify(value)} ${t.id}`).toBeGreaterThanOrEqual(t.residual.raw?.likelihood ?? NaN);
            expect(u.residual.raw?.impact, `${q.id}=${JSON.stringify(value)} ${t.id}`).toBeGreaterThanOrEqual(t.residual.raw?.impact ?? NaN);
          });
        }
      }),
      { numRuns: 100 },
    );
  });

  it('traces every number to a visible answer or a matching profile rule, and replays exactly', () => {
    const rules = new Map(model.snapshot.profileEffects.rules.map((r) => [r.id, r]));
    fc.assert(
      fc.property(states, (s) => {
        const profile = score(model, s.system, s.answers);
        const visible = referenceVisible(model.questions, s.system, s.answers);
        const residualSteps = ['control', 'contradiction', 'floor'];
        for (const t of profile.threats) {
          const exposures: string[] = [];
          for (const entry of t.trace) {
            expect(entry.phase).toBe(residualSteps.includes(entry.step) ? 'residual' : 'inherent');
            if (['exposure', 'unknown', 'control'].includes(entry.step)) expect(entry.questionId).toBeDefined();
            if (entry.questionId !== undefined) {
              const stored = s.answers.get(entry.questionId);
              expect(visible.has(entry.questionId), `${entry.questionId} is not visible`).toBe(true);
              const q = model.index.questionsById.get(entry.questionId) as Question;
              if (entry.step === 'unknown') {
                expect(stored?.unknown).toBe(true);
                continue;
              }
              expect(isAnswered(stored), `${entry.questionId} is not answered`).toBe(true);
              expect(entry.answer).toStrictEqual(stored?.value);
              const effects = effectsOf(q, stored?.value as NonNullable<ScoringAnswer['value']>);
              if (entry.step === 'control') expect(effects.some((e) => isCredit(e) && e.control === entry.controlId)).toBe(true);
              if (entry.step === 'exposure') exposures.push(`${entry.questionId}:${entry.effect.likelihood}:${entry.effect.impact}`);
            }
            if (entry.step === 'profile') {
              const rule = rules.get(entry.ruleId ?? '');
              expect(rule, `unknown rule ${entry.ruleId}`).toBeDefined();
              expect(rule && systemHas(s.system, rule.field, rule.in)).toBe(true);
            }
          }
          // The trace is complete: every exposure of a visible answer on this threat is listed.
          const expectedExposures = model.questions.flatMap((q) => {
            const a = s.answers.get(q.id);
            if (!visible.has(q.id) || !isAnswered(a)) return [];
            return effectsOf(q, a.value).flatMap((e) => (isExposure(e) && e.threat === t.id ? [`${q.id}:${e.likelihood ?? 0}:${e.impact ?? 0}`] : []));
          });
          expect(exposures.sort()).toEqual(expectedExposures.sort());
          // A safeguard counts once per thing it reduces.
          const controlEntries = t.trace.filter((e) => e.step === 'control').map((e) => `${e.controlId}:${e.effect.impact === 0 ? 'L' : 'I'}`);
          expect(new Set(controlEntries).size).toBe(controlEntries.length);
          // Replaying the trace gives the exposures exactly (they are sums of halves), and the levels.
          const total = (phase: 'inherent' | 'residual', k: 'likelihood' | 'impact') =>
            t.trace.filter((e) => e.phase === phase).reduce((n, e) => n + e.effect[k], 0);
          expect(total('inherent', 'likelihood')).toBe(t.inherent.raw?.likelihood);
          expect(total('inherent', 'impact')).toBe(t.inherent.raw?.impact);
          expect(total('inherent', 'likelihood') + total('residual', 'likelihood')).toBe(t.residual.raw?.likelihood);
          expect(total('inherent', 'impact') + total('residual', 'impact')).toBe(t.residual.raw?.impact);
          const replayed = total('inherent', 'likelihood') + total('residual', 'likelihood');
          expect(t.residual.likelihood, `${t.id} residual ${JSON.stringify(t.residual)} replayed ${replayed}`).toBe(toLevel(replayed));
        }
      }),
      runs,
    );
  });
});

describe.each(stages)('a time-critical system with serious harm at stake ($stage templates)', (model) => {
  const rank = new Map(model.snapshot.matrix.bands.map((b, i) => [b.id, i]));
  const states = assessmentStateArb(model);
  const critical = fc.record({ worstCredibleHarm: fc.constantFrom('critical' as const, 'catastrophic' as const) });

  it('keeps drift and clinician over-reliance at Medium or above whatever the answers, so its register is never empty', () => {
    fc.assert(
      fc.property(states, critical, (s, harm) => {
        const system = { ...s.system, ...harm, timeCritical: true };
        const answers = reachable(model.questions, system, s.answers);
        const profile = score(model, system, answers);
        for (const id of ['T-DRIFT', 'T-OVER-RELIANCE']) {
          const t = profile.threats.find((x) => x.id === id) as ThreatScore;
          expect(rank.get(t.residual.band), `${id} ${t.residual.band}`).toBeGreaterThanOrEqual(rank.get('medium') ?? NaN);
        }
      }),
      runs,
    );
  });
});
