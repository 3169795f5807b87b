import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestCore, type TestCore } from '../../support/core-fixture.ts';

let core: TestCore;
beforeEach(() => {
  core = makeTestCore();
});
afterEach(() => core.dispose());

describe('demo portfolio', () => {
  it('fills an empty database with a varied portfolio, through audited commands', async () => {
    const result = await core.call('demo.load', {});
    expect(result.systems).toBeGreaterThanOrEqual(6);
    expect(result.archived).toBe(1);
    const all = await core.call('systems.list', { includeArchived: true });
    expect(all).toHaveLength(result.systems);
    expect(new Set(all.map((s) => s.autonomyLevel))).toEqual(new Set(['informs', 'augments', 'automates']));
    expect(new Set(all.map((s) => s.deploymentType))).toEqual(new Set(['vendorCloud', 'onPremises', 'embeddedDevice']));
    expect(all.some((s) => s.modelType === 'generative')).toBe(true);
    expect((await core.call('systems.list', {})).length).toBe(result.systems - 1);
    // Assessments at several stages, answered, some by the vendor, with evidence.
    const assessments = await core.call('assessments.list', {});
    expect(assessments).toHaveLength(result.assessments);
    expect(new Set(assessments.map((a) => a.stage))).toEqual(new Set(['procurement', 'validation', 'deployment', 'use']));
    expect(assessments.filter((a) => a.progress.answered === 0).map((a) => a.status)).toEqual([]);
    const bands = new Set(assessments.map((a) => a.overall.band));
    expect(bands.size).toBeGreaterThan(1);
    const details = await Promise.all(assessments.map((a) => core.call('assessments.get', { id: a.id })));
    expect(details.some((d) => d.answers.some((x) => x.source === 'vendor'))).toBe(true);
    expect(details.some((d) => d.evidence.length > 0)).toBe(true);
    // One assessment has a vendor response imported through the exchange: a request record, answers from the vendor;
    // another's request is still waiting for its vendor (the dashboard's outstanding requests).
    const requests = await core.call('vendor.requests', {});
    expect(requests).toHaveLength(2);
    const imported = requests.filter((r) => r.status === 'imported');
    expect(imported).toEqual([expect.objectContaining({ vendorName: 'Mediconverse', questionCount: expect.any(Number) })]);
    expect(requests.filter((r) => r.status === 'open').map((r) => details.find((d) => d.id === r.assessmentId)?.systemName)).toEqual(['Prostate biopsy grading assistant']);
    const exchanged = details.find((d) => d.id === imported[0]?.assessmentId);
    expect(exchanged?.answers.filter((a) => a.answeredBy.startsWith('Mediconverse (vendor response')).length).toBeGreaterThan(0);
    expect(exchanged?.status).toBe('inProgress');
    // The same vendor's published CHAI model card pre-filled what it settles, attached as the evidence for VT-DEV-04.
    const card = exchanged?.evidence.find((e) => e.fileName === 'mediconverse-model-card.xml');
    expect(card?.questionId).toBe('VT-DEV-04');
    expect(exchanged?.answers.find((a) => a.questionId === 'VT-DEV-04')).toMatchObject({ value: 'yes', source: 'vendor' });
    // Answers given plus answers carried into the re-assessment opened by the model change.
    const carried = details.flatMap((d) => d.answers.filter((a) => a.toReconfirm));
    expect(carried.length).toBeGreaterThan(0);
    expect(details.reduce((n, d) => n + d.answers.length, 0)).toBe(result.answers + carried.length);
    // Governance: people, lifecycle stages, reviews in several states, risks treated and accepted.
    expect(result.people).toBeGreaterThanOrEqual(5);
    const stages = new Set((await core.call('systems.list', { includeArchived: true })).map((s) => s.lifecycleStage));
    for (const stage of ['procurement', 'validation', 'deployment', 'reassessmentDue']) expect(stages, stage).toContain(stage);
    const statuses = new Set(assessments.map((a) => a.status));
    for (const status of ['inProgress', 'inReview', 'approved', 'approvedWithConditions', 'returned', 'draft']) expect(statuses, status).toContain(status);
    const risks = await core.call('risks.list', {});
    expect(risks.length).toBe(result.risks);
    const riskStatuses = new Set(risks.map((r) => r.status));
    for (const status of ['identified', 'planned', 'accepted']) expect(riskStatuses, status).toContain(status);
  });

  it('shows scoring model 2 at work: reviewed text, checked evidence, transcribed claims, contradictions, Not applicable, inherited stages', async () => {
    await core.call('demo.load', {});
    const assessments = await core.call('assessments.list', {});
    const details = await Promise.all(assessments.map((a) => core.call('assessments.get', { id: a.id })));
    const bySystem = (name: string, stage: string) => details.find((d) => d.systemName === name && d.stage === stage);
    const answers = details.flatMap((d) => d.answers.map((a) => ({ ...a, assessment: d })));

    // Every assessment is scored by model 2, and no trace uses the old jargon.
    expect(details.map((d) => d.scoringModel)).toEqual(details.map(() => 2));
    expect(details.map((d) => d.profile.model)).toEqual(details.map(() => 2));
    const traceDetails = details.flatMap((d) => d.profile.threats.flatMap((t) => t.trace.map((e) => e.detail)));
    expect(traceDetails.length).toBeGreaterThan(1000);
    for (const jargon of [/catalog base/i, /kept on the/i, /count only in pairs/i]) expect(traceDetails.filter((t) => jargon.test(t))).toEqual([]);

    // Free text reviewed by a named assessor: several adequate (crediting), one inadequate (still a gap).
    const reviewed = answers.filter((a) => a.review !== null);
    const adequate = reviewed.filter((a) => a.review?.verdict === 'adequate');
    expect(adequate.length).toBeGreaterThanOrEqual(5);
    expect(new Set(reviewed.map((a) => a.review?.by))).toEqual(new Set(['Aisha Bello (assessor)', 'Maria Lopez (assessor)']));
    const inadequate = reviewed.filter((a) => a.review?.verdict === 'inadequate');
    expect(inadequate.map((a) => [a.assessment.systemName, a.questionId, a.value])).toEqual([['Sepsis early warning score', 'VT-DATA-01', 'Proprietary; not disclosed.']]);
    const sepsis = bySystem('Sepsis early warning score', 'procurement');
    expect(sepsis?.profile.threats.some((t) => t.gaps.includes('VT-DATA-01'))).toBe(true);
    // Text found adequate credits its safeguard, so it is no longer listed as a gap; unreviewed text still is.
    const cxrGaps = new Set(bySystem('Chest X-ray triage', 'procurement')?.profile.threats.flatMap((t) => t.gaps));
    for (const q of ['VT-USE-01', 'VT-USE-03', 'VT-DATA-01']) expect(cxrGaps.has(q), q).toBe(false);
    expect(new Set(bySystem('Prostate biopsy grading assistant', 'procurement')?.profile.threats.flatMap((t) => t.gaps)).has('VT-DATA-01')).toBe(true);

    // Evidence checked by a named assessor: the SOC 2 summary and the vendor's model card.
    const checked = details.flatMap((d) => d.evidence.filter((e) => e.verifiedAt !== null));
    expect(checked.map((e) => [e.fileName, e.verifiedBy]).sort()).toEqual([
      ['Lumen-SOC2-Type-II-summary.txt', 'Aisha Bello (assessor)'],
      ['mediconverse-model-card.xml', 'Maria Lopez (assessor)'],
    ]);
    expect(details.flatMap((d) => d.evidence.filter((e) => e.verifiedAt === null)).length).toBeGreaterThan(0);

    // One vendor answered through the Word questionnaire: its answers typed in as the vendor's claims.
    const transcribed = answers.filter((a) => a.transcribed);
    expect(new Set(transcribed.map((a) => a.assessment.systemName))).toEqual(new Set(['Ambient clinical scribe']));
    expect(transcribed.length).toBeGreaterThanOrEqual(40);
    expect(transcribed.every((a) => a.source === 'vendor' && a.questionId.startsWith('VT-'))).toBe(true);

    // Contradictions: one open for the committee (the vendor's claim against the assessor's finding), one settled with a note.
    const contradictions = details.flatMap((d) => (d.profile.contradictions ?? []).map((c) => ({ ...c, assessment: d })));
    const open = contradictions.find((c) => c.assessment.systemName === 'Ambient clinical scribe' && c.controlId === 'C-DATA-MINIMISATION');
    expect(open?.resolution).toBeNull();
    expect(open?.assessment.status).toBe('inReview');
    expect(open?.credits).toContainEqual(expect.objectContaining({ questionId: 'VT-DATA-07', source: 'vendor' }));
    expect(open?.denies).toContainEqual(expect.objectContaining({ questionId: 'PR-DAT-06', source: 'assessor' }));
    const resolved = contradictions.filter((c) => c.resolution !== null);
    expect(resolved.map((c) => [c.assessment.systemName, c.controlId, c.resolution?.decision, c.resolution?.by])).toEqual([
      ['Sepsis early warning score', 'C-ENCRYPT-REST', 'credit', 'Maria Lopez (assessor)'],
    ]);
    expect(resolved[0]?.resolution?.note).toMatch(/AES-256/);
    // A handful, not noise: answers about one system tell one story except where written in on purpose.
    expect(contradictions.filter((c) => c.resolution === null).length).toBeLessThanOrEqual(details.length);

    // "Not applicable" where the templates offer it: the on-premises, EHR-integrated sepsis score.
    const notApplicable = answers.filter((a) => a.notApplicable);
    expect(notApplicable.map((a) => [a.assessment.systemName, a.questionId]).sort()).toEqual([
      ['Sepsis early warning score', 'PR-ROB-06'],
      ['Sepsis early warning score', 'VA-SEC-08'],
    ]);

    // Every system records its worst credible harm and whether it is time-critical.
    const systems = await core.call('systems.list', { includeArchived: true });
    expect(systems.filter((s) => s.worstCredibleHarm === null || s.timeCritical === null)).toEqual([]);

    // Stages compose: validation starts from the approved procurement's findings.
    const validations = details.filter((d) => d.stage === 'validation');
    const inheriting = validations.filter((d) => d.profile.threats.some((t) => t.trace.some((e) => e.step === 'inherited')));
    expect(inheriting.map((d) => d.systemName)).toContain('Sepsis early warning score');
    expect(bySystem('Sepsis early warning score', 'validation')?.profile.inheritedFrom).toEqual([expect.objectContaining({ assessmentId: sepsis?.id })]);
  });

  it('refuses a database that already holds systems, and writes nothing', async () => {
    await core.call('systems.create', { name: 'Our real system', vendor: 'Acme' });
    const result = await core.raw('demo.load', {});
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('CONFLICT');
      expect(result.error.message).toMatch(/only into an empty database/);
    }
    expect(await core.call('systems.list', { includeArchived: true })).toHaveLength(1);
    // The system's and its new vendor's events; nothing of the demo.
    expect((await core.call('app.info', {})).auditEvents).toBe(2);
  });
});
