// Unit tests of scoring model 2 (docs/scoring.md) on small hand-made content: each rule of the
// model read off the profile and its trace, with the numbers worked out by hand.
import { describe, expect, it } from 'vitest';
import {
  Control,
  ProfileRule,
  Questionnaire,
  RiskMatrix,
  Threat,
  ThreatCatalog,
  type AnswerSource,
  type AnswerValue,
  type ThreatScore,
} from '../../../electron/contract/index.ts';
import { contradictionFingerprint, type StoredResolution } from '../../../electron/core/scoring/contradictions.ts';
import { collectFindings, type ScoringAnswer } from '../../../electron/core/scoring/findings.ts';
import { scoreModel2, type InheritedStage } from '../../../electron/core/scoring/score-model-2.ts';
import { buildScoringIndex } from '../../../electron/core/scoring/scoring-index.ts';
import type { SystemProfile } from '../../../electron/core/scoring/visibility.ts';
import { minimalTemplates } from '../../support/template-fixture.ts';

const refs = { nistAiRmf: ['MEASURE 2.7'] };
const threat = (id: string, l: number, i: number, harm: 'clinical' | 'data' | 'service' = 'data', severityOffset = 0) =>
  Threat.parse({ id, name: `Threat ${id}`, category: 'safety', description: 'd', clinicalConsequence: 'c', baseLikelihood: l, baseImpact: i, harm, severityOffset, seeds: [], refs });
const control = (id: string, mitigates: { threat: string; reduces: 'likelihood' | 'detectability' | 'severity'; by: number }[]) =>
  Control.parse({ id, name: `Control ${id}`, category: 'clinical', description: 'd', mitigates, refs });
type Effects = Record<string, unknown>[];
const yesNo = (id: string, yes: Effects, no: Effects, extra: Record<string, unknown> = {}) => ({
  id,
  text: `Question ${id}?`,
  guidance: 'g',
  kind: 'yesNo',
  required: false,
  vendorAnswerable: true,
  options: [
    { value: 'yes', label: 'Yes', effects: yes },
    { value: 'no', label: 'No', effects: no },
  ],
  refs,
  ...extra,
});

/**
 * T-CLIN 3/3 clinical (C-PREVENT −2 likelihood, C-PREVENT2 −1 likelihood, C-WATCH −1
 * detectability, C-FALLBACK −1 severity); T-DATA 2/4 data harm; T-IND 2/3 clinical, one step
 * removed from the harm (severityOffset −1).
 */
const content = {
  threats: [threat('T-CLIN', 3, 3, 'clinical'), threat('T-DATA', 2, 4), threat('T-IND', 2, 3, 'clinical', -1)],
  controls: [
    control('C-PREVENT', [{ threat: 'T-CLIN', reduces: 'likelihood', by: 2 }]),
    control('C-PREVENT2', [{ threat: 'T-CLIN', reduces: 'likelihood', by: 1 }]),
    control('C-WATCH', [{ threat: 'T-CLIN', reduces: 'detectability', by: 1 }]),
    control('C-FALLBACK', [{ threat: 'T-CLIN', reduces: 'severity', by: 1 }]),
    control('C-DOCS', [{ threat: 'T-DATA', reduces: 'likelihood', by: 1 }]),
  ],
  profileRules: [
    ProfileRule.parse({ id: 'PE-TIME', field: 'timeCritical', in: ['yes'], why: 'A late alert for a time-critical condition harms.', effects: [{ threat: 'T-CLIN', floor: { likelihood: 2 } }] }),
  ],
  matrix: RiskMatrix.parse(minimalTemplates().matrix),
  clinicalSeverity: ThreatCatalog.shape.clinicalSeverity.unwrap().parse({ autonomyOffset: { informs: -1, augments: 0, automates: 0 } }),
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
            yesNo('UT-PRE-01', [{ control: 'C-PREVENT' }], [{ threat: 'T-CLIN', likelihood: 1 }]),
            yesNo('UT-PRE-02', [{ control: 'C-PREVENT' }], [{ threat: 'T-CLIN', likelihood: 1 }]),
            yesNo('UT-PRE-03', [{ control: 'C-PREVENT2' }], [{ threat: 'T-CLIN', likelihood: 2 }]),
            yesNo('UT-WAT-01', [{ control: 'C-WATCH' }], []),
            yesNo('UT-FAL-01', [{ control: 'C-FALLBACK' }], []),
            {
              id: 'UT-TRN-01',
              text: 'How are clinicians trained?',
              guidance: 'g',
              kind: 'choice',
              required: false,
              vendorAnswerable: false,
              options: [
                { value: 'course', label: 'Course with assessment', effects: [{ control: 'C-WATCH' }] },
                { value: 'leaflet', label: 'A leaflet', effects: [{ control: 'C-WATCH', strength: 'partial' }] },
                { value: 'none', label: 'None', effects: [{ threat: 'T-CLIN', likelihood: 1 }, { threat: 'T-CLIN', floor: { likelihood: 3 } }] },
              ],
              refs,
            },
            ...Array.from({ length: 6 }, (_, n) => yesNo(`UT-EXP-0${n + 1}`, [], [{ threat: 'T-DATA', likelihood: 1 }])),
            { id: 'UT-TXT-01', text: 'Describe the documents.', guidance: 'g', kind: 'text', required: false, vendorAnswerable: true, answeredEffects: [{ control: 'C-DOCS' }], refs },
            yesNo('UT-API-01', [{ control: 'C-DOCS' }], [{ threat: 'T-DATA', likelihood: 1 }], {
              notApplicable: { when: [{ system: 'deploymentType', in: ['onPremises'] }], why: 'The score is computed inside the hospital with no external interface.' },
            }),
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
  worstCredibleHarm: null,
  timeCritical: null,
  ...over,
});
const ans = (value: AnswerValue, source: AnswerSource = 'assessor', more: Partial<ScoringAnswer> = {}): ScoringAnswer => ({ value, unknown: false, source, hasEvidence: false, ...more });
const dunno: ScoringAnswer = { value: null, unknown: true, source: 'assessor', hasEvidence: false };

function score(answers: Record<string, ScoringAnswer>, sys = system(), more: { inherited?: InheritedStage[]; resolutions?: Map<string, StoredResolution> } = {}) {
  return scoreModel2({ index, system: sys, answers: new Map(Object.entries(answers)), meta: { assessmentId: 'ASM-UNIT0002', scoredAt: '2026-03-01T09:00:00.000Z' }, ...more });
}
const t = (profile: ReturnType<typeof score>, id: string) => profile.threats.find((x) => x.id === id) as ThreatScore;
const steps = (s: ThreatScore, step: string) => s.trace.filter((e) => e.step === step);

describe('no saturation', () => {
  it('adds exposures on an open scale and puts them on the matrix only at the end', () => {
    const answers = Object.fromEntries(Array.from({ length: 6 }, (_, n) => [`UT-EXP-0${n + 1}`, ans('no')]));
    const d = t(score(answers), 'T-DATA');
    // 2 + 6 = 8 exposure: shown as 5, and one safeguard (−1) leaves 7, still 5.
    expect(d.inherent).toMatchObject({ likelihood: 5, raw: { likelihood: 8, impact: 4 } });
    const withDocs = t(score({ ...answers, 'UT-TXT-01': ans('Data sheet v2', 'assessor', { review: 'adequate' }) }), 'T-DATA');
    expect(withDocs.residual).toMatchObject({ likelihood: 5, raw: { likelihood: 7, impact: 4 } });
    // Nothing in the trace says "kept on the scale": the exposure is what it is.
    expect(steps(d, 'clamp')).toEqual([]);
  });

  it('combines safeguards doing one job with diminishing returns: the strongest in full, the next half', () => {
    const c = t(score({ 'UT-PRE-01': ans('yes'), 'UT-PRE-03': ans('yes') }), 'T-CLIN');
    expect(steps(c, 'control').map((e) => [e.controlId, e.effect.likelihood])).toEqual([
      ['C-PREVENT', -2],
      ['C-PREVENT2', -0.5],
    ]);
    expect(steps(c, 'control')[1]?.detail).toContain('lowering the likelihood by half a level (it counts half, because a stronger safeguard already does the same job)');
    expect(c.residual.raw).toEqual({ likelihood: 0.5, impact: 3 });
    expect(c.residual.likelihood).toBe(1);
  });

  it('counts a control credited by several answers once, at its strongest', () => {
    const c = t(score({ 'UT-PRE-01': ans('yes', 'vendor'), 'UT-PRE-02': ans('yes') }), 'T-CLIN');
    expect(steps(c, 'control')).toEqual([expect.objectContaining({ controlId: 'C-PREVENT', questionId: 'UT-PRE-02', effect: { likelihood: -2, impact: 0 } })]);
  });
});

describe('what safeguards reduce', () => {
  it('puts prevention and detection on the likelihood axis in one pool, and severity on the impact axis', () => {
    const c = t(score({ 'UT-PRE-01': ans('yes'), 'UT-WAT-01': ans('yes'), 'UT-FAL-01': ans('yes') }), 'T-CLIN');
    expect(steps(c, 'control').map((e) => [e.controlId, e.effect])).toEqual([
      ['C-PREVENT', { likelihood: -2, impact: 0 }],
      ['C-WATCH', { likelihood: -0.5, impact: 0 }],
      ['C-FALLBACK', { likelihood: 0, impact: -1 }],
    ]);
    expect(steps(c, 'control')[1]?.detail).toContain('more likely to be caught before it reaches a patient');
    expect(c.residual.raw).toEqual({ likelihood: 0.5, impact: 2 });
  });

  it('gives half credit to a partial practice, and none to a refusal', () => {
    const leaflet = t(score({ 'UT-TRN-01': ans('leaflet') }), 'T-CLIN');
    expect(steps(leaflet, 'control')).toEqual([expect.objectContaining({ controlId: 'C-WATCH', effect: { likelihood: -0.5, impact: 0 }, detail: expect.stringContaining('only partly in place, so it counts half') })]);
  });
});

describe('floors', () => {
  it('keeps what no safeguard removes, and never lifts a residual above the inherent exposure', () => {
    const answers = { 'UT-PRE-01': ans('yes'), 'UT-PRE-03': ans('yes'), 'UT-WAT-01': ans('yes') };
    const timeCritical = t(score(answers, system({ timeCritical: true })), 'T-CLIN');
    // 3 − 2 − 0.5 − 0.25 = 0.25, lifted to the floor of 2.
    expect(steps(timeCritical, 'floor')).toEqual([expect.objectContaining({ phase: 'residual', effect: { likelihood: 1.75, impact: 0 }, detail: expect.stringContaining('time-critical') })]);
    expect(timeCritical.residual).toMatchObject({ likelihood: 2, raw: { likelihood: 2, impact: 3 } });
    expect(t(score(answers, system({ timeCritical: false })), 'T-CLIN').residual.likelihood).toBe(1);
  });

  it('takes a floor from an answer as well as from the system record', () => {
    const c = t(score({ 'UT-TRN-01': ans('none'), 'UT-PRE-01': ans('yes') }), 'T-CLIN');
    // 3 + 1 = 4 inherent; −2 = 2, lifted to the answer's floor of 3.
    expect(c.residual.raw).toEqual({ likelihood: 3, impact: 3 });
  });
});

describe('clinical severity', () => {
  it('takes the impact of a clinical harm from the worst credible harm and what the output drives', () => {
    const informs = t(score({}, system({ worstCredibleHarm: 'catastrophic', autonomyLevel: 'informs' })), 'T-CLIN');
    expect(steps(informs, 'severity')).toEqual([expect.objectContaining({ effect: { likelihood: 0, impact: 1 }, detail: expect.stringMatching(/Catastrophic.*only informs.*impact 4/) })]);
    expect(informs.inherent.impact).toBe(4);
    expect(t(score({}, system({ worstCredibleHarm: 'catastrophic', autonomyLevel: 'augments' })), 'T-CLIN').inherent.impact).toBe(5);
    // One step removed from the harm.
    expect(t(score({}, system({ worstCredibleHarm: 'catastrophic', autonomyLevel: 'augments' })), 'T-IND').inherent.impact).toBe(4);
    // A data harm keeps its typical impact whatever the clinical harm.
    expect(t(score({}, system({ worstCredibleHarm: 'minor' })), 'T-DATA').inherent.impact).toBe(4);
  });

  it('says so when the worst credible harm is not recorded, and uses the typical impact', () => {
    const c = t(score({}), 'T-CLIN');
    expect(steps(c, 'severity')).toEqual([expect.objectContaining({ effect: { likelihood: 0, impact: 0 }, detail: expect.stringContaining('not recorded') })]);
    expect(c.inherent.impact).toBe(3);
  });
});

describe('credit only for substance', () => {
  it('credits free text only once an assessor has found it adequate, and lists it as a gap until then', () => {
    const unreviewed = t(score({ 'UT-TXT-01': ans('Proprietary; not disclosed.') }), 'T-DATA');
    expect(steps(unreviewed, 'control')).toEqual([]);
    expect(unreviewed.gaps).toContain('UT-TXT-01');
    const inadequate = t(score({ 'UT-TXT-01': ans('Proprietary; not disclosed.', 'assessor', { review: 'inadequate' }) }), 'T-DATA');
    expect(steps(inadequate, 'control')).toEqual([]);
    const adequate = t(score({ 'UT-TXT-01': ans('Model facts label v3, section 4', 'assessor', { review: 'adequate' }) }), 'T-DATA');
    expect(steps(adequate, 'control')).toEqual([expect.objectContaining({ controlId: 'C-DOCS', effect: { likelihood: -1, impact: 0 } })]);
    expect(adequate.gaps).not.toContain('UT-TXT-01');
  });

  it('gives a vendor claim full strength only when an assessor has checked its evidence', () => {
    const cut = (a: ScoringAnswer) => steps(t(score({ 'UT-PRE-01': a }), 'T-CLIN'), 'control')[0]?.effect.likelihood;
    expect(cut(ans('yes', 'vendor'))).toBe(-1);
    expect(cut(ans('yes', 'vendor', { hasEvidence: true }))).toBe(-1);
    expect(cut(ans('yes', 'vendor', { hasEvidence: true, evidenceVerified: true }))).toBe(-2);
    expect(cut(ans('yes', 'vendor', { transcribed: true }))).toBe(-1);
    expect(cut(ans('yes'))).toBe(-2);
  });
});

describe('"I don\'t know"', () => {
  it('counts as the least safe answer, credits nothing and is a gap; the trace says so', () => {
    const c = t(score({ 'UT-PRE-03': dunno }), 'T-CLIN');
    expect(steps(c, 'unknown')).toEqual([expect.objectContaining({ questionId: 'UT-PRE-03', effect: { likelihood: 2, impact: 0 }, detail: expect.stringContaining('it counts as the least safe answer ("No") until it is known') })]);
    expect(c.gaps).toContain('UT-PRE-03');
    const no = t(score({ 'UT-PRE-03': ans('no') }), 'T-CLIN');
    expect(c.residual.raw).toEqual(no.residual.raw);
  });
});

describe('not applicable', () => {
  it('has no effect and is not a gap', () => {
    const d = t(score({ 'UT-API-01': { value: null, unknown: false, notApplicable: true, source: 'assessor', hasEvidence: false } }, system({ deploymentType: 'onPremises' })), 'T-DATA');
    expect(d.trace.some((e) => e.questionId === 'UT-API-01')).toBe(false);
    expect(d.gaps).not.toContain('UT-API-01');
  });
});

describe('contradictions', () => {
  const disagree = { 'UT-PRE-01': ans('yes', 'vendor'), 'UT-PRE-02': ans('no') };

  it('withholds a safeguard while the vendor and the assessor disagree, and lists both sides', () => {
    const profile = score(disagree);
    expect(profile.contradictions).toEqual([
      {
        controlId: 'C-PREVENT',
        controlName: 'Control C-PREVENT',
        credits: [expect.objectContaining({ questionId: 'UT-PRE-01', answerText: 'Yes', source: 'vendor' })],
        denies: [expect.objectContaining({ questionId: 'UT-PRE-02', answerText: 'No', source: 'assessor' })],
        resolution: null,
      },
    ]);
    const c = t(profile, 'T-CLIN');
    expect(steps(c, 'control')).toEqual([]);
    expect(steps(c, 'contradiction')).toEqual([expect.objectContaining({ effect: { likelihood: 0, impact: 0 }, detail: expect.stringContaining('answers disagree') })]);
  });

  it('follows a resolution while the answers stay the same, and reopens when one changes', () => {
    const open = score(disagree).contradictions?.[0];
    const fingerprint = contradictionFingerprint(open?.credits ?? [], open?.denies ?? []);
    const resolutions = new Map<string, StoredResolution>([['C-PREVENT', { decision: 'credit', note: 'Seen encrypted at rest in the demo tenant.', by: 'Dana (assessor)', at: 'x', fingerprint }]]);
    const resolved = score(disagree, system(), { resolutions });
    expect(resolved.contradictions?.[0]?.resolution).toMatchObject({ decision: 'credit' });
    expect(steps(t(resolved, 'T-CLIN'), 'control')).toEqual([expect.objectContaining({ controlId: 'C-PREVENT', effect: { likelihood: -1, impact: 0 } })]);
    const changed = score({ ...disagree, 'UT-PRE-01': ans('yes', 'vendor', { hasEvidence: true, evidenceVerified: true }), 'UT-PRE-03': ans('no') }, system(), { resolutions });
    expect(changed.contradictions?.[0]?.resolution).toMatchObject({ decision: 'credit' });
    const reanswered = score({ 'UT-PRE-01': ans('yes'), 'UT-PRE-02': ans('no') }, system(), { resolutions });
    expect(reanswered.contradictions?.[0]?.resolution).toBeNull();
  });

  it('does not read an answer with no effect at all as saying a safeguard is missing', () => {
    expect(score({ 'UT-WAT-01': ans('no'), 'UT-TRN-01': ans('course') }).contradictions).toEqual([]);
    expect(score({ 'UT-TRN-01': ans('none'), 'UT-WAT-01': ans('yes') }).contradictions?.map((c) => c.controlId)).toEqual(['C-WATCH']);
  });

  it('treats "I don\'t know" as not confirming a claimed safeguard', () => {
    expect(score({ 'UT-PRE-01': ans('yes', 'vendor'), 'UT-PRE-02': dunno }).contradictions?.map((c) => c.controlId)).toEqual(['C-PREVENT']);
  });
});

describe('stages compose', () => {
  it('starts from the findings of an approved earlier stage, named in the trace', () => {
    const procurement = collectFindings(index, system(), new Map([['UT-PRE-03', ans('no')], ['UT-WAT-01', ans('yes')]]), 'ASM-PROC0001');
    const inherited: InheritedStage[] = [{ assessmentId: 'ASM-PROC0001', stage: 'procurement', title: 'Procurement', findings: procurement.findings }];
    const profile = score({}, system(), { inherited });
    const c = t(profile, 'T-CLIN');
    expect(steps(c, 'inherited')).toEqual([expect.objectContaining({ effect: { likelihood: 2, impact: 0 }, detail: expect.stringContaining('approved procurement assessment (ASM-PROC0001)') })]);
    expect(steps(c, 'control')).toEqual([expect.objectContaining({ controlId: 'C-WATCH' })]);
    expect(profile.inheritedFrom).toEqual([{ assessmentId: 'ASM-PROC0001', stage: 'procurement', title: 'Procurement' }]);
    // A later stage that finds the safeguard missing contradicts the earlier finding.
    expect(score({ 'UT-TRN-01': ans('none') }, system(), { inherited }).contradictions?.map((x) => x.controlId)).toEqual(['C-WATCH']);
  });
});

describe('an empty assessment', () => {
  it('has residual equal to inherent for every threat', () => {
    for (const x of score({}, system({ worstCredibleHarm: 'critical', timeCritical: true })).threats) expect(x.residual).toEqual(x.inherent);
  });
});

describe('resolutions carry into later stages', () => {
  it("drops the losing side of a contradiction an earlier stage resolved, so the later stage does not reopen it", async () => {
    const { applyResolutions } = await import('../../../electron/core/scoring/contradictions.ts');
    const answers = new Map([
      ['UT-PRE-01', ans('yes', 'vendor')],
      ['UT-PRE-02', ans('no')],
    ]);
    const { findings } = collectFindings(index, system(), answers, 'ASM-PROC0001');
    const open = score({}, system(), { inherited: [{ assessmentId: 'ASM-PROC0001', stage: 'procurement', title: 'P', findings }] }).contradictions?.[0];
    expect(open?.controlId).toBe('C-PREVENT');
    const fingerprint = contradictionFingerprint(open?.credits ?? [], open?.denies ?? []);
    for (const [decision, credited] of [['credit', true], ['deny', false]] as const) {
      const settled = applyResolutions(findings, index, new Map([['C-PREVENT', { decision, note: 'n', by: 'b', at: 'a', fingerprint }]]));
      const later = score({}, system(), { inherited: [{ assessmentId: 'ASM-PROC0001', stage: 'procurement', title: 'P', findings: settled }] });
      expect(later.contradictions).toEqual([]);
      expect(t(later, 'T-CLIN').controls.some((c) => c.id === 'C-PREVENT')).toBe(credited);
    }
  });
});
