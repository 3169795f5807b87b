// The scoring model 2 commands through the dispatcher: transcribed vendor claims, reviews of free
// text, checked evidence, contradictions and their resolution, not applicable, and stages that
// start from approved earlier ones. Each change is one transaction with its audit event naming the
// person acting; each refusal leaves the database as it was. Questions are found from the shipped
// templates by what they do, not by id, so content can grow without breaking these tests.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isCredit, type AssessmentDetail, type Question } from '../../../electron/contract/index.ts';
import { makeTestCore, type TestCore } from '../../support/core-fixture.ts';
import { addPeople, answerAll, assessorPerson, driveAssessment, reviewerA, reviewerB } from '../../support/governance-fixture.ts';

let core: TestCore;
let assessment: AssessmentDetail;
const asha = `${assessorPerson.name} (${assessorPerson.role})`;

beforeEach(async () => {
  core = makeTestCore();
  await addPeople(core);
  const system = await core.call('systems.create', {
    name: 'Sepsis early warning',
    vendor: 'Acme Health',
    modelType: 'predictive',
    deploymentType: 'onPremises',
    dataCategories: ['phi'],
    integrationPoints: ['ehr'],
    autonomyLevel: 'augments',
    worstCredibleHarm: 'catastrophic',
    timeCritical: true,
  });
  assessment = await core.call('assessments.start', { systemId: system.id, stage: 'procurement' });
});
afterEach(() => core.dispose());

async function dbState() {
  const { sql } = core;
  return {
    assessments: await sql.all('SELECT * FROM assessments ORDER BY id'),
    answers: await sql.all('SELECT * FROM answers ORDER BY assessment_id, question_id'),
    evidence: await sql.all('SELECT id, verified_by, verified_at FROM evidence ORDER BY id'),
    resolutions: await sql.all('SELECT * FROM contradiction_resolutions ORDER BY assessment_id, control_id'),
    audit: await sql.all('SELECT seq FROM audit_events ORDER BY seq'),
  };
}
const lastEvent = async () => {
  const row = await core.sql.get<{ action: string; actor: string; entity: string; payload: string }>('SELECT action, actor, entity, payload FROM audit_events ORDER BY seq DESC LIMIT 1');
  if (!row) throw new Error('the ledger is empty');
  return row;
};

const questions = () => assessment.questionnaireSnapshots.flatMap((q) => q.sections.flatMap((s) => s.questions));
const visible = (q: Question) => assessment.visibleQuestions.includes(q.id);
type YesNo = Extract<Question, { kind: 'yesNo' }>;
const yesCredits = (q: Question): string[] => (q.kind === 'yesNo' ? (q.options[0]?.effects ?? []).flatMap((e) => (isCredit(e) && e.strength !== 'partial' ? [e.control] : [])) : []);
const noCreditsNothing = (q: YesNo) => !(q.options[1]?.effects ?? []).some(isCredit);

async function expectRefused(method: string, input: unknown, code: string) {
  const before = await dbState();
  const result = await core.raw(method, input);
  expect(result.ok ? 'ok' : result.error.code).toBe(code);
  expect(result.ok ? '' : result.error.message).not.toMatch(/^\s*$/);
  expect(await dbState()).toEqual(before);
}

describe("the vendor's claim, transcribed", () => {
  it('records a vendor-answerable answer as the vendor\'s claim and scores it at half strength', async () => {
    const q = questions().find((x) => visible(x) && x.vendorAnswerable && yesCredits(x).length > 0) as YesNo;
    const control = yesCredits(q)[0] as string;
    const result = await core.call('assessments.answer', { id: assessment.id, answers: [{ questionId: q.id, value: 'yes', transcribed: true }] });
    expect(result.answers.find((a) => a.questionId === q.id)).toMatchObject({ source: 'vendor', transcribed: true });
    const credited = result.profile.threats.flatMap((t) => t.controls).filter((c) => c.id === control);
    expect(credited.length).toBeGreaterThan(0);
    expect(credited.every((c) => c.strength === 'reduced')).toBe(true);
    expect(JSON.parse((await lastEvent()).payload)).toMatchObject({ answers: [{ questionId: q.id, transcribed: true }] });
  });

  it('refuses it for a question the vendor is not asked', async () => {
    const q = questions().find((x) => visible(x) && !x.vendorAnswerable && x.kind === 'yesNo') as YesNo;
    await expectRefused('assessments.answer', { id: assessment.id, answers: [{ questionId: q.id, value: 'yes', transcribed: true }] }, 'VALIDATION_FAILED');
  });
});

describe('reviewing free text', () => {
  type Free = Extract<Question, { answeredEffects: unknown }>;
  const textCrediting = () => questions().find((x): x is Free => visible(x) && x.kind === 'text' && 'answeredEffects' in x && x.answeredEffects.some(isCredit)) as Free;

  it('credits free text only once an assessor finds it adequate, names who, and needs a new review when the text changes', async () => {
    const q = textCrediting();
    const control = q.answeredEffects.find(isCredit)?.control as string;
    const creditedBy = (profile: AssessmentDetail['profile']) => profile.threats.flatMap((t) => t.trace).filter((e) => e.step === 'control' && e.questionId === q.id && e.controlId === control);
    const answered = await core.call('assessments.answer', { id: assessment.id, answers: [{ questionId: q.id, value: 'Proprietary; not disclosed.' }] });
    expect(creditedBy(answered.profile)).toEqual([]);
    expect(answered.profile.threats.some((t) => t.gaps.includes(q.id))).toBe(true);

    const reviewed = await core.call('assessments.reviewAnswer', { assessmentId: assessment.id, questionId: q.id, verdict: 'adequate', by: assessorPerson });
    expect(reviewed.answers.find((a) => a.questionId === q.id)?.review).toMatchObject({ verdict: 'adequate', by: asha });
    expect(await lastEvent()).toMatchObject({ action: 'answer.reviewed', actor: asha, entity: assessment.id });
    const otherCredit = answered.profile.threats.flatMap((t) => t.trace).some((e) => e.step === 'control' && e.controlId === control);
    if (!otherCredit) expect(creditedBy(reviewed.profile).length).toBeGreaterThan(0);
    expect(reviewed.profile.threats.some((t) => t.gaps.includes(q.id))).toBe(false);

    const changed = await core.call('assessments.answer', { id: assessment.id, answers: [{ questionId: q.id, value: 'Model facts label, version 4' }] });
    expect(changed.answers.find((a) => a.questionId === q.id)?.review).toBeNull();
  });

  it('refuses a review of an option answer, of an unanswered question, or by someone unknown', async () => {
    const option = questions().find((x) => visible(x) && x.kind === 'yesNo') as YesNo;
    await core.call('assessments.answer', { id: assessment.id, answers: [{ questionId: option.id, value: 'yes' }] });
    await expectRefused('assessments.reviewAnswer', { assessmentId: assessment.id, questionId: option.id, verdict: 'adequate' }, 'VALIDATION_FAILED');
    await expectRefused('assessments.reviewAnswer', { assessmentId: assessment.id, questionId: textCrediting().id, verdict: 'adequate' }, 'CONFLICT');
    await core.call('assessments.answer', { id: assessment.id, answers: [{ questionId: textCrediting().id, value: 'Some text' }] });
    await expectRefused('assessments.reviewAnswer', { assessmentId: assessment.id, questionId: textCrediting().id, verdict: 'adequate', by: { name: 'Nobody', role: 'assessor' } }, 'FORBIDDEN');
  });
});

describe('checked evidence', () => {
  it("gives a vendor claim full strength once an assessor checks its evidence, and can be taken back", async () => {
    const q = questions().find((x) => visible(x) && x.vendorAnswerable && yesCredits(x).length > 0) as YesNo;
    const control = yesCredits(q)[0] as string;
    await core.call('assessments.answer', { id: assessment.id, answers: [{ questionId: q.id, value: 'yes', transcribed: true }] });
    const file = await core.call('evidence.add', { assessmentId: assessment.id, questionId: q.id, fileName: 'soc2-report.pdf', mediaType: 'application/pdf', dataBase64: Buffer.from('SOC 2 Type II, section 4').toString('base64') });
    const strength = async () => (await core.call('assessments.get', { id: assessment.id })).profile.threats.flatMap((t) => t.controls).find((c) => c.id === control)?.strength;
    expect(await strength()).toBe('reduced');
    const checked = await core.call('evidence.verify', { id: file.id, verified: true, by: assessorPerson });
    expect(checked).toMatchObject({ verifiedBy: asha, verifiedAt: expect.any(String) });
    expect(await lastEvent()).toMatchObject({ action: 'evidence.verified', actor: asha });
    expect(await strength()).toBe('full');
    await expectRefused('evidence.verify', { id: file.id, verified: true }, 'CONFLICT');
    await core.call('evidence.verify', { id: file.id, verified: false, by: assessorPerson });
    expect(await lastEvent()).toMatchObject({ action: 'evidence.unverified', actor: asha });
    expect(await strength()).toBe('reduced');
  });
});

describe('contradictions', () => {
  /** Two visible yes/no questions whose "yes" credits the same safeguard and whose "no" credits nothing. */
  function pair() {
    const candidates = questions().filter((x): x is YesNo => visible(x) && x.kind === 'yesNo' && noCreditsNothing(x as YesNo) && yesCredits(x).length > 0);
    for (const a of candidates) {
      for (const b of candidates) {
        const shared = yesCredits(a).find((c) => a.id !== b.id && yesCredits(b).includes(c));
        if (shared) return { a, b, control: shared };
      }
    }
    throw new Error('no two questions credit one safeguard');
  }

  it('withholds a safeguard while answers disagree, lists both sides, and follows a recorded resolution', async () => {
    const { a, b, control } = pair();
    const result = await core.call('assessments.answer', { id: assessment.id, answers: [{ questionId: a.id, value: 'yes', transcribed: a.vendorAnswerable }, { questionId: b.id, value: 'no' }] });
    const found = result.profile.contradictions?.find((c) => c.controlId === control);
    expect(found).toMatchObject({ credits: [expect.objectContaining({ questionId: a.id, answerText: 'Yes' })], denies: [expect.objectContaining({ questionId: b.id, answerText: 'No' })], resolution: null });
    expect(result.profile.threats.flatMap((t) => t.controls).some((c) => c.id === control)).toBe(false);

    await expectRefused('assessments.resolveContradiction', { assessmentId: assessment.id, controlId: control, decision: 'credit', note: '   ' }, 'VALIDATION_FAILED');
    await expectRefused('assessments.resolveContradiction', { assessmentId: assessment.id, controlId: 'C-NOT-DISPUTED', decision: 'credit', note: 'x' }, 'NOT_FOUND');
    const resolved = await core.call('assessments.resolveContradiction', { assessmentId: assessment.id, controlId: control, decision: 'credit', note: 'Seen in the vendor demo tenant on 3 March.', by: assessorPerson });
    expect(resolved.profile.contradictions?.find((c) => c.controlId === control)?.resolution).toMatchObject({ decision: 'credit', by: asha, note: 'Seen in the vendor demo tenant on 3 March.' });
    expect(resolved.profile.threats.flatMap((t) => t.controls).some((c) => c.id === control)).toBe(true);
    expect(await lastEvent()).toMatchObject({ action: 'contradiction.resolved', actor: asha });

    // A changed answer reopens it.
    const reopened = await core.call('assessments.answer', { id: assessment.id, answers: [{ questionId: a.id, value: 'yes' }] });
    expect(reopened.profile.contradictions?.find((c) => c.controlId === control)?.resolution).toBeNull();
  });
});

describe('not applicable', () => {
  it('is offered only where the question says when, for a system that matches', async () => {
    const offered = questions().filter((x) => x.notApplicable);
    expect(offered.length).toBeGreaterThan(0);
    const system = await core.call('systems.get', { id: assessment.systemId });
    const matches = offered.find((x) => visible(x) && x.notApplicable?.when.every((c) => ([] as unknown[]).concat(system[c.system as 'deploymentType'] as unknown).some((v) => c.in.includes(typeof v === 'boolean' ? (v ? 'yes' : 'no') : String(v)))));
    const everywhere = questions().find((x) => visible(x) && !x.notApplicable) as Question;
    await expectRefused('assessments.answer', { id: assessment.id, answers: [{ questionId: everywhere.id, notApplicable: true }] }, 'VALIDATION_FAILED');
    if (matches) {
      const result = await core.call('assessments.answer', { id: assessment.id, answers: [{ questionId: matches.id, notApplicable: true }] });
      expect(result.answers.find((a) => a.questionId === matches.id)).toMatchObject({ notApplicable: true, value: null, unknown: false });
      expect(result.profile.threats.some((t) => t.gaps.includes(matches.id))).toBe(false);
      expect(result.profile.threats.flatMap((t) => t.trace).some((e) => e.questionId === matches.id)).toBe(false);
    }
  });
});

describe('stages compose', () => {
  it("starts a validation assessment from the approved procurement assessment's findings", async () => {
    await driveAssessment(core, assessment.id, { posture: 'riskiest' });
    expect((await core.call('assessments.get', { id: assessment.id })).status).toBe('approved');
    const validation = await core.call('assessments.start', { systemId: assessment.systemId, stage: 'validation' });
    expect(validation.profile.inheritedFrom).toEqual([{ assessmentId: assessment.id, stage: 'procurement', title: assessment.title }]);
    const inherited = validation.profile.threats.flatMap((t) => t.trace).filter((e) => e.step === 'inherited');
    expect(inherited.length).toBeGreaterThan(0);
    expect(inherited[0]?.detail).toContain(`approved procurement assessment (${assessment.id})`);
  });
});

describe('a failed local validation with go-live still proposed', () => {
  it('puts the clinical threats it concerns at the top of the profile, above lab-style attacks', async () => {
    const validation = await core.call('assessments.start', { systemId: assessment.systemId, stage: 'validation' });
    const all = validation.questionnaireSnapshots.flatMap((q) => q.sections.flatMap((s) => s.questions));
    // Everything else answered as safely as it can be, so only the failed validation speaks.
    const safest = all
      .filter((q): q is Extract<Question, { options: unknown }> => 'options' in q && validation.visibleQuestions.includes(q.id) && q.id !== 'VA-GO-01')
      .map((q) => {
        const best = [...q.options].sort((a, b) => b.effects.filter(isCredit).length - a.effects.filter(isCredit).length || a.effects.length - b.effects.length)[0];
        return { questionId: q.id, value: q.kind === 'multi' ? [best?.value ?? ''] : (best?.value ?? '') };
      });
    await core.call('assessments.answer', { id: validation.id, answers: safest });
    const passed = await core.call('assessments.answer', { id: validation.id, answers: [{ questionId: 'VA-GO-01', value: 'met' }] });
    const failed = await core.call('assessments.answer', { id: validation.id, answers: [{ questionId: 'VA-GO-01', value: 'notMet' }, { questionId: 'VA-GO-08', value: 'yes' }] });
    const score = (p: typeof failed.profile, id: string) => p.threats.find((t) => t.id === id)?.residual.score ?? 0;
    const clinical = ['T-POOR-DISCRIMINATION', 'T-BIAS', 'T-OUT-OF-SCOPE-USE', 'T-OVER-RELIANCE'];
    const labStyle = ['T-ADVERSARIAL-INPUT', 'T-MODEL-BACKDOOR', 'T-MODEL-THEFT', 'T-MEMBERSHIP-INFERENCE', 'T-MODEL-INVERSION'];
    for (const id of clinical) {
      expect(score(failed.profile, id), id).toBeGreaterThan(score(passed.profile, id));
      for (const lab of labStyle) expect(score(failed.profile, id), `${id} above ${lab}`).toBeGreaterThan(score(failed.profile, lab));
    }
    const top = Math.max(...failed.profile.threats.map((t) => t.residual.score));
    expect(score(failed.profile, 'T-POOR-DISCRIMINATION')).toBe(top);
    expect(failed.profile.threats.find((t) => t.id === 'T-POOR-DISCRIMINATION')?.residual.band).toBe('critical');
  });
});

describe('a contradiction resolved in an approved earlier stage', () => {
  it('stays settled in the later stage that inherits it', async () => {
    const questionsNow = assessment.questionnaireSnapshots.flatMap((q) => q.sections.flatMap((s) => s.questions));
    const candidates = questionsNow.filter((x): x is YesNo => assessment.visibleQuestions.includes(x.id) && x.kind === 'yesNo' && noCreditsNothing(x as YesNo) && yesCredits(x).length > 0);
    const pairOf = () => {
      for (const a of candidates) for (const b of candidates) {
        const shared = yesCredits(a).find((c) => a.id !== b.id && yesCredits(b).includes(c));
        if (shared) return { a, b, control: shared };
      }
      throw new Error('no pair');
    };
    const { a, b, control } = pairOf();
    await answerAll(core, assessment.id, 'safest');
    await core.call('assessments.answer', { id: assessment.id, answers: [{ questionId: a.id, value: 'yes' }, { questionId: b.id, value: 'no' }] });
    await core.call('assessments.resolveContradiction', { assessmentId: assessment.id, controlId: control, decision: 'credit', note: 'Seen in place on site.', by: assessorPerson });
    await core.call('workflow.send', { entityId: assessment.id, event: 'review.submit' });
    await core.call('workflow.send', { entityId: assessment.id, event: 'review.start', by: reviewerA });
    await core.call('workflow.send', { entityId: assessment.id, event: 'review.approve', by: reviewerA });
    await core.call('workflow.send', { entityId: assessment.id, event: 'review.approve', by: reviewerB });
    const validation = await core.call('assessments.start', { systemId: assessment.systemId, stage: 'validation' });
    expect(validation.profile.inheritedFrom?.map((x) => x.assessmentId)).toEqual([assessment.id]);
    expect(validation.profile.contradictions?.find((c) => c.controlId === control)).toBeUndefined();
    expect(validation.profile.threats.some((t) => t.controls.some((c) => c.id === control))).toBe(true);
  });
});
