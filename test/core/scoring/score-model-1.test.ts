// Unit tests of scoring model 1 on small hand-made content (docs/scoring.md): strengths,
// rounding, double credits, clamping, hidden answers and showIf chains, each read off the trace.
// Model 1 stays for assessments decided under it, so its behaviour is pinned here unchanged.
import { describe, expect, it } from 'vitest';
import {
  Control,
  ProfileRule,
  Questionnaire,
  RiskMatrix,
  Threat,
  type AnswerSource,
  type AnswerValue,
  type ThreatScore,
} from '../../../electron/contract/index.ts';
import type { ScoringAnswer } from '../../../electron/core/scoring/score-assessment.ts';
import { scoreModel1 } from '../../../electron/core/scoring/score-model-1.ts';
import { buildScoringIndex } from '../../../electron/core/scoring/scoring-index.ts';
import { visibleQuestions, type SystemProfile } from '../../../electron/core/scoring/visibility.ts';
import { minimalTemplates } from '../../support/template-fixture.ts';

const refs = { nistAiRmf: ['MEASURE 2.7'] };

const threat = (id: string, baseLikelihood: number, baseImpact: number) =>
  Threat.parse({ id, name: `Threat ${id}`, category: 'integrity', description: 'd', clinicalConsequence: 'c', baseLikelihood, baseImpact, seeds: [], refs });
/** Written as model 1 content was (negative steps), read as today's shape. */
const control = (id: string, mitigates: { threat: string; likelihood?: number; impact?: number }[]) =>
  Control.parse({
    id,
    name: `Control ${id}`,
    category: 'technical',
    description: 'd',
    mitigates: mitigates.flatMap((m) => [
      ...(m.likelihood ? [{ threat: m.threat, reduces: 'likelihood', by: -m.likelihood }] : []),
      ...(m.impact ? [{ threat: m.threat, reduces: 'severity', by: -m.impact }] : []),
    ]),
    refs,
  });

type Effects = ({ control: string } | { threat: string; likelihood?: number; impact?: number })[];
const yesNo = (id: string, yes: Effects, no: Effects, showIf?: { question: string; in: string[] } | { system: string; in: string[] }) => ({
  id,
  text: `Question ${id}?`,
  guidance: 'g',
  kind: 'yesNo',
  required: false,
  vendorAnswerable: true,
  ...(showIf ? { showIf } : {}),
  options: [
    { value: 'yes', label: 'Yes', effects: yes },
    { value: 'no', label: 'No', effects: no },
  ],
  refs,
});

/**
 * T-A 3/3 (mitigated by C-ONE, C-TWO: likelihood −1 each; C-IMP: impact −1), T-B 4/4 (raised by
 * the cloud rule and UT-EXP-01 "high"), T-C 2/2 (C-BIG: likelihood −2, impact −2).
 */
const content = {
  threats: [threat('T-A', 3, 3), threat('T-B', 4, 4), threat('T-C', 2, 2)],
  controls: [
    control('C-ONE', [{ threat: 'T-A', likelihood: -1 }]),
    control('C-TWO', [{ threat: 'T-A', likelihood: -1 }]),
    control('C-IMP', [{ threat: 'T-A', impact: -1 }]),
    control('C-BIG', [{ threat: 'T-C', likelihood: -2, impact: -2 }, { threat: 'T-A', likelihood: -1 }]),
  ],
  profileRules: [
    ProfileRule.parse({ id: 'PE-CLOUD', field: 'deploymentType', in: ['vendorCloud'], why: 'Data leaves the hospital.', effects: [{ threat: 'T-B', likelihood: 1, impact: 1 }] }),
  ],
  matrix: RiskMatrix.parse(minimalTemplates().matrix),
  questionnaires: [
    Questionnaire.parse({
      id: 'unit',
      version: '1.0.0',
      stage: 'procurement',
      kind: 'lifecycle',
      title: 'Unit',
      description: 'Hand-made content for unit tests.',
      sections: [
        {
          id: 'UT-ALL',
          title: 'All',
          questions: [
            yesNo('UT-CTL-01', [{ control: 'C-ONE' }], [{ threat: 'T-A', likelihood: 1 }]),
            yesNo('UT-CTL-02', [{ control: 'C-TWO' }], []),
            yesNo('UT-CTL-03', [{ control: 'C-ONE' }], []),
            yesNo('UT-BIG-01', [{ control: 'C-BIG' }], []),
            {
              id: 'UT-EXP-01',
              text: 'How exposed?',
              guidance: 'g',
              kind: 'choice',
              required: true,
              vendorAnswerable: false,
              options: [
                { value: 'high', label: 'High', effects: [{ threat: 'T-B', likelihood: 2, impact: 2 }] },
                { value: 'low', label: 'Low', effects: [] },
              ],
              refs,
            },
            yesNo('UT-BR-01', [{ threat: 'T-C', likelihood: 1 }], []),
            yesNo('UT-BR-02', [{ control: 'C-IMP' }], [{ threat: 'T-A', impact: 1 }], { question: 'UT-BR-01', in: ['yes'] }),
            yesNo('UT-BR-03', [{ control: 'C-TWO' }], [{ threat: 'T-C', impact: 1 }], { question: 'UT-BR-02', in: ['yes'] }),
            yesNo('UT-GEN-01', [{ control: 'C-IMP' }], [], { system: 'modelType', in: ['generative'] }),
            { id: 'UT-TXT-01', text: 'Describe it.', guidance: 'g', kind: 'text', required: false, vendorAnswerable: true, answeredEffects: [{ control: 'C-TWO' }], refs },
          ],
        },
      ],
    }),
  ],
};
const index = buildScoringIndex(content);

const system = (over: Partial<SystemProfile> = {}): SystemProfile => ({
  autonomyLevel: null,
  dataCategories: [],
  deploymentType: null,
  integrationPoints: [],
  modelType: null,
  ...over,
});

const ans = (value: AnswerValue | null, source: AnswerSource = 'assessor', hasEvidence = false): ScoringAnswer => ({ value, unknown: false, source, hasEvidence });
const dunno: ScoringAnswer = { value: null, unknown: true, source: 'assessor', hasEvidence: false };

function score(answers: Record<string, ScoringAnswer>, sys: SystemProfile = system()) {
  return scoreModel1(index, sys, new Map(Object.entries(answers)), { assessmentId: 'ASM-UNIT0001', scoredAt: '2026-03-01T09:00:00.000Z' });
}
const threatOf = (profile: ReturnType<typeof score>, id: string) => profile.threats.find((t) => t.id === id) as ThreatScore;
const steps = (t: ThreatScore, step: string) => t.trace.filter((e) => e.step === step);

describe('vendor claims and evidence', () => {
  it('counts one unverified vendor claim at half strength, which rounds back up to no change', () => {
    const a = threatOf(score({ 'UT-CTL-01': ans('yes', 'vendor') }), 'T-A');
    expect(a.inherent).toMatchObject({ likelihood: 3, impact: 3 });
    expect(a.residual).toMatchObject({ likelihood: 3, impact: 3, score: 9 });
    expect(a.controls).toEqual([{ id: 'C-ONE', strength: 'reduced' }]);
    expect(steps(a, 'control')).toEqual([
      expect.objectContaining({ phase: 'residual', questionId: 'UT-CTL-01', answer: 'yes', controlId: 'C-ONE', effect: { likelihood: -0.5, impact: 0 }, detail: expect.stringMatching(/claimed by the vendor without evidence, so it counts half; it lowers the likelihood by half a level/) }),
    ]);
    expect(steps(a, 'rounding')).toEqual([expect.objectContaining({ phase: 'residual', effect: { likelihood: 0.5, impact: 0 } })]);
  });

  it('lets two unverified vendor claims lower the level by one', () => {
    const a = threatOf(score({ 'UT-CTL-01': ans('yes', 'vendor'), 'UT-CTL-02': ans('yes', 'vendor') }), 'T-A');
    expect(a.residual).toMatchObject({ likelihood: 2, impact: 3, score: 6 });
    expect(steps(a, 'control').map((e) => e.effect.likelihood)).toEqual([-0.5, -0.5]);
    expect(steps(a, 'rounding')).toEqual([]);
  });

  it('counts a vendor claim with evidence in full', () => {
    const a = threatOf(score({ 'UT-CTL-01': ans('yes', 'vendor', true) }), 'T-A');
    expect(a.residual).toMatchObject({ likelihood: 2, impact: 3 });
    expect(a.controls).toEqual([{ id: 'C-ONE', strength: 'full' }]);
    expect(steps(a, 'control')[0]?.effect).toEqual({ likelihood: -1, impact: 0 });
    expect(steps(a, 'control')[0]?.detail).not.toMatch(/counts half/);
  });

  it('counts an assessor credit in full, evidence or not', () => {
    for (const evidence of [false, true]) {
      const a = threatOf(score({ 'UT-CTL-01': ans('yes', 'assessor', evidence) }), 'T-A');
      expect(a.residual.likelihood).toBe(2);
      expect(a.controls).toEqual([{ id: 'C-ONE', strength: 'full' }]);
    }
  });
});

describe('controls credited more than once', () => {
  it('counts a control credited by two answers once', () => {
    const a = threatOf(score({ 'UT-CTL-01': ans('yes'), 'UT-CTL-03': ans('yes') }), 'T-A');
    expect(a.residual.likelihood).toBe(2);
    expect(steps(a, 'control')).toHaveLength(1);
    expect(a.controls).toEqual([{ id: 'C-ONE', strength: 'full' }]);
  });

  it('takes the full-strength credit when one of the answers is an unverified vendor claim', () => {
    const a = threatOf(score({ 'UT-CTL-01': ans('yes', 'vendor'), 'UT-CTL-03': ans('yes', 'assessor') }), 'T-A');
    expect(a.residual.likelihood).toBe(2);
    expect(steps(a, 'control')).toEqual([expect.objectContaining({ questionId: 'UT-CTL-03', controlId: 'C-ONE', effect: { likelihood: -1, impact: 0 } })]);
  });

  it('credits a free-text answer with its answeredEffects, whatever the text', () => {
    const a = threatOf(score({ 'UT-TXT-01': ans('Documented in the model card') }), 'T-A');
    expect(steps(a, 'control')).toEqual([expect.objectContaining({ questionId: 'UT-TXT-01', answer: 'Documented in the model card', controlId: 'C-TWO' })]);
    expect(a.residual.likelihood).toBe(2);
  });
});

describe('keeping levels on the scale', () => {
  it('clamps inherent levels at 5 and records the clamp in the trace', () => {
    const b = threatOf(score({ 'UT-EXP-01': ans('high') }, system({ deploymentType: 'vendorCloud' })), 'T-B');
    expect(b.inherent).toEqual({ likelihood: 5, impact: 5, score: 25, band: 'high' });
    expect(steps(b, 'profile')).toEqual([expect.objectContaining({ ruleId: 'PE-CLOUD', effect: { likelihood: 1, impact: 1 } })]);
    expect(steps(b, 'exposure')).toEqual([expect.objectContaining({ questionId: 'UT-EXP-01', answer: 'high', effect: { likelihood: 2, impact: 2 } })]);
    // 4 + 1 + 2 = 7 on both axes: the clamp takes 2 off each.
    expect(steps(b, 'clamp')).toEqual([expect.objectContaining({ phase: 'inherent', effect: { likelihood: -2, impact: -2 } })]);
  });

  it('writes no clamp entry when nothing overflows', () => {
    const b = threatOf(score({ 'UT-EXP-01': ans('low') }, system({ deploymentType: 'vendorCloud' })), 'T-B');
    expect(b.inherent).toMatchObject({ likelihood: 5, impact: 5 });
    expect(steps(b, 'clamp')).toEqual([]);
  });

  it('keeps a residual at 1 when the reductions overshoot, and says so', () => {
    // T-C 2/2 with C-BIG −2/−2 → 0/0, kept at 1/1 by a rounding entry of +1/+1.
    const c = threatOf(score({ 'UT-BIG-01': ans('yes') }), 'T-C');
    expect(c.residual).toMatchObject({ likelihood: 1, impact: 1, score: 1 });
    expect(steps(c, 'rounding')).toEqual([expect.objectContaining({ effect: { likelihood: 1, impact: 1 } })]);
  });
});

describe('branching', () => {
  it('does not score a hidden question’s stored answer, but leaves it in place', () => {
    const answers = { 'UT-BR-01': ans('no'), 'UT-BR-02': ans('no') };
    const input = new Map(Object.entries(answers));
    const profile = scoreModel1(index, system(), input, { assessmentId: 'ASM-UNIT0001', scoredAt: 'x' });
    expect(input.get('UT-BR-02')).toEqual(ans('no'));
    for (const t of profile.threats) {
      expect(t.trace.some((e) => e.questionId === 'UT-BR-02')).toBe(false);
      expect(t.gaps).not.toContain('UT-BR-02');
    }
    // The same as not having the hidden answer at all.
    expect(profile.threats).toEqual(score({ 'UT-BR-01': ans('no') }).threats);
    // Once shown, the same stored answer counts.
    const shown = threatOf(score({ 'UT-BR-01': ans('yes'), 'UT-BR-02': ans('no') }), 'T-A');
    expect(steps(shown, 'exposure')).toEqual([expect.objectContaining({ questionId: 'UT-BR-02', effect: { likelihood: 0, impact: 1 } })]);
  });

  it('hides a grandchild whenever its parent is hidden, even if the parent’s stored answer would show it', () => {
    const visible = (answers: Record<string, ScoringAnswer>, sys = system()) =>
      [...visibleQuestions(index.questions, index.questionsById, sys, new Map(Object.entries(answers)))].filter((id) => id.startsWith('UT-BR'));
    expect(visible({})).toEqual(['UT-BR-01']);
    expect(visible({ 'UT-BR-01': ans('yes') })).toEqual(['UT-BR-01', 'UT-BR-02']);
    expect(visible({ 'UT-BR-01': ans('yes'), 'UT-BR-02': ans('yes') })).toEqual(['UT-BR-01', 'UT-BR-02', 'UT-BR-03']);
    // UT-BR-02 still says "yes", but it is hidden, so UT-BR-03 is hidden too.
    expect(visible({ 'UT-BR-01': ans('no'), 'UT-BR-02': ans('yes'), 'UT-BR-03': ans('no') })).toEqual(['UT-BR-01']);
    expect(visible({ 'UT-BR-01': dunno, 'UT-BR-02': ans('yes'), 'UT-BR-03': ans('no') })).toEqual(['UT-BR-01']);
    expect(visible({ 'UT-BR-02': ans('yes'), 'UT-BR-03': ans('no') })).toEqual(['UT-BR-01']);

    const c = threatOf(score({ 'UT-BR-01': ans('no'), 'UT-BR-02': ans('yes'), 'UT-BR-03': ans('no') }), 'T-C');
    expect(c.trace.some((e) => e.questionId === 'UT-BR-03')).toBe(false);
    const a = threatOf(score({ 'UT-BR-01': ans('no'), 'UT-BR-02': ans('yes'), 'UT-BR-03': ans('yes') }), 'T-A');
    expect(a.controls).toEqual([]);
  });

  it('shows a system-conditioned question only for a matching system', () => {
    const profile = (sys: SystemProfile) => threatOf(score({}, sys), 'T-A').gaps;
    expect(profile(system())).not.toContain('UT-GEN-01');
    expect(profile(system({ modelType: 'generative' }))).toContain('UT-GEN-01');
  });
});

describe('gaps', () => {
  it('lists the visible questions that touch a threat and are unanswered or unknown', () => {
    const a = threatOf(score({ 'UT-CTL-01': ans('yes'), 'UT-CTL-02': dunno, 'UT-CTL-03': ans(null) }), 'T-A');
    // T-A is touched by UT-CTL-01/02/03, UT-BIG-01 (C-BIG), UT-BR-02 and UT-GEN-01 (hidden), UT-TXT-01.
    expect(a.gaps).toEqual(['UT-CTL-02', 'UT-CTL-03', 'UT-BIG-01', 'UT-TXT-01']);
  });
});
