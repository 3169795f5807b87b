// Who acts, declared once (issue 13, part 2): every method whose contract lets a person be named
// records that person and role on every audit event it writes, and on the answers, evidence,
// systems and assessments it creates; a person in a role the method does not allow, or in a role
// they do not hold, is refused FORBIDDEN with nothing written; with nobody named, the OS login is
// recorded, labelled as such. The list of methods comes from the contract, so a method added
// without being exercised here fails the test.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contract, methodNames, type ActingAs, type MethodName, type Question } from '../../../electron/contract/index.ts';
import { makeTestCore, osActor, type TestCore } from '../../support/core-fixture.ts';
import {
  addPeople,
  answerFor,
  answerWithOneRiskAbove,
  assessorPerson,
  auditCount,
  auditRows,
  benignSystem,
  chair,
  lowStakesSystem,
  owner,
  reviewerA,
  reviewerB,
  type AuditRow,
} from '../../support/governance-fixture.ts';
import { asVendor, vendorResponds } from '../exchange/exchange-fixture.ts';
import { zipEntryText } from '../../../electron/core/export/word/docx-zip.ts';
import { fillQuestionnaire } from '../../support/fill-questionnaire.ts';
import { sampleCard } from '../exchange/model-card/model-card-fixture.ts';

const label = (by: ActingAs) => `${by.name} (${by.role})`;
const asha = assessorPerson;

/** Methods whose contract lets a person be named: every one must be exercised below. */
const actingMethods = methodNames.filter((m) => contract[m].mutates && contract[m].acting !== 'none' && contract[m].acting !== 'administrator');

let core: TestCore;
beforeEach(async () => {
  core = makeTestCore();
  await addPeople(core);
});
afterEach(() => core.dispose());

const questionsOf = (d: { questionnaireSnapshots: { sections: { questions: Question[] }[] }[] }) =>
  d.questionnaireSnapshots.flatMap((q) => q.sections.flatMap((s) => s.questions));

const table = <T = unknown>(text: string, ...params: unknown[]): Promise<T[]> => core.sql.all<T>(text, ...params);

describe('every audit event names the person and role acting', () => {
  it('for every method that can name a person, through the dispatcher', async () => {
    const covered = new Set<MethodName>();
    /** Calls `method` acting as `by` and expects every event it appends to name them (or an import on their behalf). */
    async function acts<M extends MethodName>(method: M, input: Record<string, unknown>, by: ActingAs): Promise<AuditRow[]> {
      const before = await auditCount(core);
      const result = await core.raw(method, { ...input, by });
      if (!result.ok) throw new Error(`${method} as ${label(by)}: ${result.error.code} ${result.error.message}`);
      const rows = (await auditRows(core)).slice(before);
      expect(rows.length, method).toBeGreaterThan(0);
      for (const row of rows) {
        // Answers imported for a vendor (or from a model card) name the vendor, and who imported them.
        if (row.actor !== label(by)) expect(row.actor, `${method}: ${row.action}`).toContain(`imported by ${label(by)})`);
      }
      covered.add(method);
      return rows;
    }

    // --- People and settings ---
    await acts('people.save', { name: 'Pat Newcomer', roles: ['assessor'] }, chair);
    await acts('settings.update', { organisation: 'St Elsewhere' }, chair);

    // --- The inventory ---
    // A new vendor is recorded (its own event) in the same transaction, by the same person.
    const createdRows = await acts('systems.create', { ...benignSystem, name: 'Acted one' }, asha);
    const systemId = createdRows.find((r) => r.action === 'system.created')!.entity;
    expect((await core.call('systems.get', { id: systemId })).createdBy).toBe(label(asha));
    await acts('systems.update', { id: systemId, changes: { modelVersion: '1.1' } }, asha);
    const [vendorRow] = await acts('vendors.create', { name: 'Acted Vendor Ltd' }, asha);
    await acts('vendors.update', { id: vendorRow!.entity, changes: { notes: 'Acted on.' } }, asha);
    const other = (await core.call('systems.create', { ...lowStakesSystem, name: 'Acted two' })).id;
    await acts('systems.archive', { id: other }, asha);
    await acts('systems.unarchive', { id: other }, asha);

    // --- An assessment: answers, evidence, reviews of free text, a contradiction ---
    const [startedRow] = await acts('assessments.start', { systemId, stage: 'procurement' }, asha);
    const assessmentId = startedRow!.entity;
    const detail = await core.call('assessments.get', { id: assessmentId });
    expect(detail.createdBy).toBe(label(asha));
    const questions = questionsOf(detail).filter((q) => detail.visibleQuestions.includes(q.id));
    const text = questions.find((q) => q.kind === 'text')!;
    await acts('assessments.answer', { id: assessmentId, answers: [{ questionId: text.id, value: 'Role-based access, reviewed quarterly.' }] }, asha);
    expect((await core.call('assessments.get', { id: assessmentId })).answers.find((a) => a.questionId === text.id)?.answeredBy).toBe(label(asha));
    await acts('assessments.reviewAnswer', { assessmentId, questionId: text.id, verdict: 'adequate' }, asha);
    const [added] = await acts('evidence.add', { assessmentId, questionId: text.id, fileName: 'policy.txt', mediaType: 'text/plain', dataBase64: Buffer.from('policy').toString('base64') }, asha);
    const evidenceId = (JSON.parse(added!.payload) as { evidence: { id: string; addedBy: string } }).evidence;
    expect(evidenceId.addedBy).toBe(label(asha));
    await acts('evidence.verify', { id: evidenceId.id, verified: true }, asha);
    await acts('evidence.remove', { id: evidenceId.id }, asha);

    const credits = (q: Question, i: number) =>
      q.kind === 'yesNo' ? (q.options[i]?.effects ?? []).flatMap((e) => ('control' in e && (!('strength' in e) || e.strength !== 'partial') ? [e.control as string] : [])) : [];
    const yesNo = questions.filter((q) => q.kind === 'yesNo' && credits(q, 0).length > 0 && credits(q, 1).length === 0);
    const pair = yesNo.flatMap((a) => yesNo.filter((b) => b.id !== a.id && credits(b, 0).some((c) => credits(a, 0).includes(c))).map((b) => ({ a, b, control: credits(a, 0).find((c) => credits(b, 0).includes(c))! })))[0]!;
    const disagreed = await core.call('assessments.answer', { id: assessmentId, answers: [{ questionId: pair.a.id, value: 'yes' }, { questionId: pair.b.id, value: 'no' }] });
    const control = disagreed.profile.contradictions?.find((c) => c.controlId === pair.control)?.controlId ?? disagreed.profile.contradictions?.[0]?.controlId;
    await acts('assessments.resolveContradiction', { assessmentId, controlId: control, decision: 'credit', note: 'Seen on site.' }, asha);

    // A scoring-model-1 assessment moves to the current model.
    const old = (await core.call('assessments.start', { systemId: other, stage: 'procurement' })).id;
    await core.sql.run('UPDATE assessments SET scoring_model = 1 WHERE id = ?', old);
    await acts('assessments.upgradeScoring', { id: old }, asha);

    // --- Vendor exchange and model cards ---
    await acts('vendor.request', { assessmentId }, asha);
    expect((await core.call('vendor.requests', { assessmentId }))[0]?.issuedBy).toBe(label(asha));
    const vendor = await asVendor(makeTestCore());
    try {
      const issued = await core.call('vendor.request', { assessmentId });
      const { text: response } = await vendorResponds(vendor, issued, 3);
      await acts('vendor.import', { text: response }, asha);
      // A vendor without Vigil: the Word questionnaire of a request, filled in and imported.
      const onPaper = await core.call('vendor.request', { assessmentId });
      const blank = Buffer.from((await core.call('export.questionnaire', { requestId: onPaper.request.id })).dataBase64 ?? '', 'base64');
      const box = /<w:tag w:val="([A-Z]{2}-[A-Z]+-\d{2}:\?)"\/>/.exec(zipEntryText(blank, 'word/document.xml'))?.[1] ?? '';
      await acts('export.questionnaire', { requestId: onPaper.request.id }, asha);
      await acts('vendor.importDocx', { dataBase64: Buffer.from(await fillQuestionnaire(blank, { tick: [box] })).toString('base64') }, asha);
      const imported = (await core.call('assessments.get', { id: assessmentId })).answers.filter((a) => a.source === 'vendor');
      expect(imported.length).toBeGreaterThan(0);
      expect(imported.every((a) => a.answeredBy.endsWith(`imported by ${label(asha)})`))).toBe(true);
    } finally {
      vendor.dispose();
    }
    await acts('modelCard.apply', { assessmentId, text: sampleCard, fileName: 'card.xml', overwrite: false, confirmMismatch: true }, asha);

    // --- Exports ---
    await acts('export.register', {}, chair);
    await acts('export.comparison', { assessmentIds: [assessmentId, old] }, asha);

    // --- Review, risks, lifecycle ---
    const s3 = (await core.call('systems.create', { ...benignSystem, name: 'Acted three' })).id;
    const a3 = (await core.call('assessments.start', { systemId: s3, stage: 'procurement' })).id;
    await answerWithOneRiskAbove(core, a3, 'high');
    await acts('workflow.send', { entityId: a3, event: 'review.submit' }, asha);
    await acts('workflow.send', { entityId: a3, event: 'review.start', by: reviewerA }, reviewerA);
    await acts('workflow.send', { entityId: a3, event: 'review.approve', comment: 'Fine.' }, reviewerA);
    const approved = await acts('workflow.send', { entityId: a3, event: 'review.approve', comment: 'Agreed.' }, reviewerB);
    expect(approved.map((r) => r.action)).toEqual(['review.approve']);
    const risks = await core.call('risks.list', { systemId: s3 });
    const high = risks.find((r) => r.aboveAppetite)!;
    const medium = risks.find((r) => !r.aboveAppetite)!;
    const mitigation = { kind: 'mitigate', owner: owner.name, plan: 'Fix it', actions: [{ text: 'Patch', owner: owner.name, due: '2026-06-01' }] };
    const treated = await acts('risks.treat', { id: high.id, treatment: mitigation }, owner);
    expect(treated.map((r) => r.action)).toEqual(['risk.plan', 'lifecycle.advance']);
    await acts('workflow.send', { entityId: high.id, event: 'risk.start' }, owner);
    await acts('risks.requestAcceptance', { id: medium.id, rationale: 'Pilot only', expiry: '2026-09-01' }, owner);
    await acts('risks.accept', { id: medium.id }, chair);
    const assigned = await acts('risks.assignOwner', { ids: [high.id, medium.id], owner: chair.name }, chair);
    expect(assigned.map((r) => r.action)).toEqual(['risk.ownerAssigned']);
    await core.call('workflow.send', { entityId: high.id, event: 'risk.verify' });
    await acts('systems.recordChange', { systemId: s3, kind: 'dataSource', description: 'New feed' }, asha);
    await acts('incidents.report', { systemId: s3, kind: 'driftAlert', description: 'Drift' }, asha);
    await acts('training.record', { systemId: s3, role: 'ICU nurses', trained: 14, using: 40, date: '2026-01-12', materialVersion: '2.1', refresherDue: '2027-01-12' }, asha);
    await acts('training.import', { systemId: s3, fileName: 't.csv', text: 'role,trained,using,date,materialVersion,refresherDue\nWard doctors,18,20,2026-01-20,2.1,2027-01-20\n' }, asha);
    const v3 = (await core.call('assessments.start', { systemId: s3, stage: 'validation' })).id;
    await acts('monitoring.setCriteria', { assessmentId: v3, criteria: [{ metric: 'sensitivity', subgroup: 'all', min: 0.8 }], reviewPeriod: 'monthly' }, asha);
    await acts('monitoring.import', { systemId: s3, fileName: 'm.csv', text: 'metric,subgroup,period,value,n,source\nsensitivity,all,2025-06,0.91,120,Seismometer\n' }, asha);
    await acts('workflow.send', { entityId: s3, event: 'lifecycle.retire', comment: 'Withdrawn.' }, chair);

    expect([...covered].sort()).toEqual([...actingMethods].sort());
  });

  it('with nobody named, the OS login, labelled as such, on the event and the records', async () => {
    const system = await core.call('systems.create', benignSystem);
    const assessment = await core.call('assessments.start', { systemId: system.id, stage: 'procurement' });
    const q = questionsOf(assessment).find((x) => assessment.visibleQuestions.includes(x.id))!;
    await core.call('assessments.answer', { id: assessment.id, answers: [answerFor(q, 'safest')] });
    expect(system.createdBy).toBe(osActor);
    expect(osActor).toBe('os:test.assessor');
    expect((await core.call('assessments.get', { id: assessment.id })).answers[0]?.answeredBy).toBe(osActor);
    expect(new Set((await auditRows(core)).map((r) => r.actor))).toEqual(new Set([osActor]));
  });
});

describe('a role the method does not allow, or one the person does not hold, is FORBIDDEN and writes nothing', () => {
  async function refused(method: MethodName, input: Record<string, unknown>, message: string | RegExp) {
    const before = await table('SELECT * FROM audit_events ORDER BY seq');
    const counts = await table<{ n: number }>('SELECT (SELECT count(*) FROM systems) + (SELECT count(*) FROM answers) + (SELECT count(*) FROM risks) AS n');
    const result = await core.raw(method, input);
    expect(result.ok ? 'ok' : result.error.code, method).toBe('FORBIDDEN');
    expect(result.ok ? '' : result.error.message).toMatch(message);
    expect(await table('SELECT * FROM audit_events ORDER BY seq')).toEqual(before);
    expect(await table('SELECT (SELECT count(*) FROM systems) + (SELECT count(*) FROM answers) + (SELECT count(*) FROM risks) AS n')).toEqual(counts);
  }

  it('refuses each declared role restriction from the contract', async () => {
    const system = (await core.call('systems.create', benignSystem)).id;
    const assessment = (await core.call('assessments.start', { systemId: system, stage: 'procurement' })).id;
    await answerWithOneRiskAbove(core, assessment, 'high');
    // review.submit is the assessor's; review.start and sign-offs a reviewer's or the chair's; retiring the chair's.
    await refused('workflow.send', { entityId: assessment, event: 'review.submit', by: reviewerA }, 'Dr Ada Reviewer is acting as reviewer; review.submit needs an assessor.');
    await core.call('workflow.send', { entityId: assessment, event: 'review.submit', by: asha });
    await refused('workflow.send', { entityId: assessment, event: 'review.start', by: asha }, 'Asha Assessor is acting as assessor; review.start needs a reviewer or the committee chair.');
    await refused('workflow.send', { entityId: system, event: 'lifecycle.retire', by: reviewerA }, /lifecycle\.retire needs the committee chair/);
    const [risk] = await core.call('risks.list', { systemId: system });
    expect(risk).toBeDefined();
    await refused('risks.treat', { id: risk!.id, treatment: { kind: 'avoid', owner: owner.name, plan: 'Stop' }, by: asha }, /risks\.treat needs a risk owner or the committee chair/);
  });

  it('refuses a role the person does not hold, and a stranger, on any method that names a person', async () => {
    await refused('systems.create', { ...benignSystem, by: { name: asha.name, role: 'committeeChair' } }, 'Asha Assessor does not hold the committeeChair role (their roles: assessor).');
    await refused('systems.create', { ...benignSystem, by: { name: 'Mallory', role: 'assessor' } }, /Mallory is not in Vigil's list of people/);
    const system = (await core.call('systems.create', benignSystem)).id;
    const assessment = await core.call('assessments.start', { systemId: system, stage: 'procurement' });
    const q = questionsOf(assessment).find((x) => assessment.visibleQuestions.includes(x.id))!;
    await refused('assessments.answer', { id: assessment.id, answers: [answerFor(q, 'safest')], by: { name: owner.name, role: 'assessor' } }, /does not hold the assessor role/);
    await core.call('people.save', { name: 'Gone Person', roles: ['assessor'], active: false });
    await refused('assessments.answer', { id: assessment.id, answers: [answerFor(q, 'safest')], by: { name: 'Gone Person', role: 'assessor' } }, /no longer active/);
  });

  it('a method requiring a person refuses a call without one (VALIDATION_FAILED, nothing written)', async () => {
    const system = (await core.call('systems.create', benignSystem)).id;
    const before = await auditCount(core);
    const result = await core.raw('workflow.send', { entityId: system, event: 'lifecycle.retire' });
    expect(result.ok ? 'ok' : result.error.code).toBe('VALIDATION_FAILED');
    expect(result.ok ? '' : result.error.message).toBe('lifecycle.retire needs the person acting (by: name and role; --actor and --role on the command line).');
    expect(await auditCount(core)).toBe(before);
  });
});
