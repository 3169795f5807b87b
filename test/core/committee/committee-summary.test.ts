import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AiSystem, AssessmentSummary, Catalog, CommitteeSummary, Risk } from '../../../electron/contract/index.ts';
import { threatWordingFor } from '../../../electron/core/scoring/threat-wording.ts';
import type { RegisterModel } from '../../../electron/core/export/register-model.ts';
import { registerCsv } from '../../../electron/core/export/register-csv.ts';
import { currentAssessments } from '../../../electron/core/rules/current-assessments.ts';
import { sameSigner } from '../../../electron/core/rules/signers.ts';
import { makeTestCore, type TestCore } from '../../support/core-fixture.ts';

/*
 * The committee's decision summary and the register collector over the demo portfolio, through
 * the dispatcher, checked against the data the other methods return.
 */

const models: RegisterModel[] = [];
let core: TestCore;
const call = async <T>(method: string, input: unknown): Promise<T> => {
  const result = await core.raw(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value as T;
};

let summary: CommitteeSummary;
let risks: Risk[];
let assessments: AssessmentSummary[];
let currentRisks: Risk[];

beforeAll(async () => {
  core = makeTestCore({
    // The writer sees the model the collector filled: keep it for the assertions.
    exportWriters: {
      registerCsv: (model) => {
        models.push(model);
        return registerCsv(model);
      },
    },
  });
  await call('demo.load', {});
  summary = await call<CommitteeSummary>('register.summary', {});
  risks = await call<Risk[]>('risks.list', {});
  assessments = await call<AssessmentSummary[]>('assessments.list', {});
  const current = new Set(currentAssessments(assessments).map((a) => a.id));
  currentRisks = risks.filter((r) => current.has(r.assessmentId));
});

afterAll(() => core.dispose());

const system = (name: string) => {
  const found = summary.systems.find((s) => s.name === name);
  if (!found) throw new Error(`${name} is not in the summary`);
  return found;
};

describe('register.summary over the demo portfolio', () => {
  it('covers every system that is not archived, with its vendor', async () => {
    const systems = await call<{ id: string; name: string; vendor: string }[]>('systems.list', {});
    expect(summary.systems.map((s) => s.systemId).sort()).toEqual(systems.map((s) => s.id).sort());
    expect(summary.systems.map((s) => s.name)).not.toContain('Bed demand forecasting');
    for (const s of systems) expect(summary.systems.find((x) => x.systemId === s.id)?.vendor).toBe(s.vendor);
    expect(summary.appetite).toEqual({ band: 'medium', label: 'Medium' });
  });

  it('lists every current risk above appetite without a decision, and nothing else under that kind', () => {
    const today = summary.generatedAt.slice(0, 10);
    const undecided = currentRisks.filter(
      (r) => r.aboveAppetite && ['identified', 'rejected', 'acceptanceRequested'].includes(r.status) && !(r.acceptance && r.acceptance.expiry < today),
    );
    expect(undecided.length).toBeGreaterThan(0);
    const asked = summary.decisions.filter((d) => d.kind === 'aboveAppetiteUndecided');
    expect(asked.map((d) => d.ref).sort()).toEqual(undecided.map((r) => r.id).sort());
    for (const d of asked) {
      const r = risks.find((x) => x.id === d.ref);
      expect(d.text).toContain(r?.threatName);
      expect(d.text).toContain(r?.systemName);
    }
  });

  it('asks for the sign-offs due and flags every acceptance its requester granted', () => {
    const inReview = currentAssessments(assessments).filter((a) => a.status === 'inReview' || a.status === 'submitted');
    expect(summary.decisions.filter((d) => d.kind === 'signOffDue').map((d) => d.ref).sort()).toEqual(inReview.map((a) => a.id).sort());
    const selfGranted = currentRisks.filter((r) => r.status === 'accepted' && r.acceptance?.grantedBy && sameSigner(r.acceptance.requestedBy, r.acceptance.grantedBy.name));
    expect(selfGranted.length).toBeGreaterThan(0);
    expect(summary.decisions.filter((d) => d.kind === 'selfGrantedAcceptance').map((d) => d.ref).sort()).toEqual(selfGranted.map((r) => r.id).sort());
  });

  it('says the X-ray system is due because monitoring found drift after its new model version, and is not ready until re-assessed', () => {
    const xray = system('Chest X-ray triage');
    expect(xray.recommendation).toBe('notReady');
    expect(xray.reasons[0]).toBe('The routine use assessment is not yet submitted (Not started).');
    // The latest reason: the demo's year of monitoring breached the age 80+ criterion after the model update.
    expect(xray.reassessment.why).toMatch(/^Drift alert \(cxr-2026\.06\) recorded on \d{4}-\d{2}-\d{2}: Sensitivity for age 80\+ was 0\.\d+ in /);
    const due = summary.decisions.find((d) => d.kind === 'reassessmentDue' && d.systemId === xray.systemId);
    expect(due?.text).toContain('Drift alert (cxr-2026.06)');
    expect(xray.modelVersion).toBe('cxr-2026.06');
    // Changes since the approval of the routine use assessment: the model change is one of them.
    expect(xray.changesSince.sinceWhat).toMatch(/^the approval of the routine use assessment on /);
    expect(xray.changesSince.changes.map((c) => c.what)).toContain('New model version (cxr-2026.06): Vendor released cxr-2026.06 with retraining on additional portable-X-ray images.');
    // The year of monitoring and the training records are among them too, in words.
    const whats = xray.changesSince.changes.map((c) => c.what);
    expect(whats.find((w) => w.startsWith('Monitoring data imported from cxr-triage-monitoring-last-12-months.csv (96 rows): 2 new breaches — Sensitivity for age 80+'))).toBeDefined();
    expect(whats.find((w) => w.startsWith('Lifecycle stage still Re-assessment due, for a further reason (Sensitivity for age 80+'))).toBeDefined();
    expect(whats.filter((w) => w.startsWith('Training recorded: '))).toHaveLength(2);
  });

  it('recommends from the workflow state and the risks', () => {
    const scribe = system('Ambient clinical scribe');
    expect(scribe.recommendation).toBe('doNotApprove');
    expect(scribe.reasons[0]).toMatch(/^\d+ residual risks above the appetite \(Medium\) have neither a treatment nor an acceptance: /);
    expect(scribe.reasons).toContain('The procurement assessment is not yet approved: it is in review.');
    expect(scribe.acceptability.acceptable).toBe(false);
    const genomic = system('Genomic variant prioritisation');
    expect(genomic).toMatchObject({ recommendation: 'notReady', reasons: ['The procurement assessment has not been started.'], overall: { inherent: null, residual: null } });
    const insulin = system('Closed-loop insulin dosing');
    expect(insulin.recommendation).toBe('doNotApprove');
    expect(insulin.reasons.some((r) => r.includes('returned for changes by Tom Okafor (Reviewer)'))).toBe(true);
    expect(insulin.outputDrives).toMatch(/^Actions taken without a person reviewing each one/);
    for (const s of summary.systems) expect(s.reasons.length).toBeGreaterThan(0);
  });

  it('shows conditions of approval with owner and date', () => {
    const sepsis = system('Sepsis early warning score');
    expect(sepsis.conditions.length).toBeGreaterThan(0);
    for (const c of sepsis.conditions) expect(c).toMatchObject({ owner: expect.any(String), due: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
  });

  it('prints no internal code in any sentence', () => {
    const words = JSON.stringify(
      summary.systems.map((s) => [s.reasons, s.acceptability.statement, s.outputDrives, s.lifecycleStage, s.changesSince, s.reassessment.why, s.topRisks.map((r) => r.status)]).concat(summary.decisions.map((d) => d.text)),
    );
    expect(words).not.toMatch(/\b(inReview|approvedWithConditions|committeeChair|riskOwner|acceptanceRequested|inProgress|reassessmentDue|modelVersion|inUse)\b/);
    expect(words).not.toMatch(/\((assessor|reviewer|committeeChair|riskOwner)\)/);
  });
});

describe('the register collector v2', () => {
  it('lists only current risks, each saying which assessment it comes from; document control counts the registers', async () => {
    const superseded = assessments.filter((a) => !currentAssessments(assessments).some((c) => c.id === a.id));
    // The X-ray system's re-assessment draft supersedes nothing until it is submitted: the
    // approved routine-use assessment stays current and its risks stay in the register.
    const xray = assessments.filter((a) => a.systemName === 'Chest X-ray triage' && a.stage === 'use');
    expect(xray.map((a) => a.status).sort()).toEqual(['approved', 'draft']);
    expect(superseded.map((a) => a.id)).toContain(xray.find((a) => a.status === 'draft')?.id);
    const approvedUse = xray.find((a) => a.status === 'approved');
    expect(risks.filter((r) => r.assessmentId === approvedUse?.id).length).toBeGreaterThan(0);
    const supersededRisks = risks.filter((r) => superseded.some((a) => a.id === r.assessmentId));

    await call('export.register', { format: 'csv' });
    const first = models.at(-1);
    expect(first?.risks.map((r) => r.id).sort()).toEqual(currentRisks.map((r) => r.id).sort());
    for (const r of supersededRisks) expect(first?.risks.some((x) => x.id === r.id)).toBe(false);
    for (const r of risks.filter((x) => x.assessmentId === approvedUse?.id)) expect(first?.risks.some((x) => x.id === r.id)).toBe(true);
    for (const r of first?.risks ?? []) {
      const a = assessments.find((x) => x.id === r.assessmentId);
      expect(r.source.title).toBe(a?.title);
      expect(r.source.stage).not.toBe('');
    }
    expect(first?.documentControl).toMatchObject({ version: 1, status: 'draft', author: 'os:test.assessor (no person chosen)', previous: null });
    expect(first?.documentControl.approvers).toEqual([
      { name: 'Dr Priya Raman', role: 'Committee chair' },
      { name: 'Dr Hannah Weiss', role: 'Reviewer' },
      { name: 'Tom Okafor', role: 'Reviewer' },
    ]);
    // No answers appendix unless asked; the committee part is the summary's own data.
    expect(first?.withAnswers).toBe(false);
    expect(first?.appendix).toEqual([]);
    expect(first?.committee.decisions.map((d) => d.ref)).toEqual(summary.decisions.map((d) => d.ref));

    await call('export.register', { format: 'csv', withAnswers: true, status: 'final', nextReview: '2026-06-30', by: { name: 'Dr Priya Raman', role: 'committeeChair' } });
    const second = models.at(-1);
    expect(second?.documentControl).toMatchObject({ version: 2, status: 'final', nextReview: '2026-06-30', author: 'Dr Priya Raman (Committee chair)' });
    expect(second?.documentControl.previous).toMatchObject({ version: 1, by: 'os:test.assessor (no person chosen)' });
    expect(second?.appendix.length).toBe(currentAssessments(assessments).length);
    expect(first?.documentControl.nextReview).toBe('2026-05-30');
  });

  it('flags self-granted acceptances and a threat listed from two assessments, and explains the scales and every cited ID', async () => {
    const model = models[0] ?? (await call('export.register', { format: 'csv' }), models[0]);
    const selfGranted = model?.risks.filter((r) => r.flags.some((f) => f.startsWith('Acceptance requested and granted by the same person (Dr Priya Raman)'))) ?? [];
    expect(selfGranted.map((r) => r.id).sort()).toEqual(summary.decisions.filter((d) => d.kind === 'selfGrantedAcceptance').map((d) => d.ref).sort());
    const twice = model?.risks.filter((r) => r.flags.some((f) => f.startsWith('The same threat is also listed from the '))) ?? [];
    expect(twice.length).toBeGreaterThan(0);
    expect(model?.risks.filter((r) => r.flags.includes('Above appetite with neither a treatment nor an acceptance')).length).toBe(
      summary.decisions.filter((d) => d.kind === 'aboveAppetiteUndecided' && risks.find((x) => x.id === d.ref)?.status !== 'acceptanceRequested').length,
    );
    expect(model?.definitions.likelihood.map((l) => l.label)).toEqual(['Improbable', 'Remote', 'Occasional', 'Probable', 'Frequent']);
    expect(model?.definitions.impact[4]?.description).toMatch(/^Death or permanent harm/);
    for (const b of model?.definitions.bands ?? []) expect(b.meaning.length).toBeGreaterThan(20);
    const cited = new Set(model?.risks.flatMap((r) => r.references.flatMap((ref) => ref.ids.map((id) => `${ref.framework} ${id}`))));
    expect(new Set(model?.glossary.map((g) => `${g.framework} ${g.id}`))).toEqual(cited);
    for (const g of model?.glossary ?? []) expect(g.title, `${g.framework} ${g.id}`).not.toBe('');
  });

  it('puts the source assessment and the flags in the CSV', () => {
    const model = models[0];
    if (!model) throw new Error('no register was exported');
    const text = new TextDecoder().decode(registerCsv(model));
    const header = text.slice(1).split('\r\n')[0]?.split(',');
    expect(header).toContain('Source assessment');
    expect(header?.at(-1)).toBe('Flags');
    expect(text).toContain('Acceptance requested and granted by the same person (Dr Priya Raman)');
    expect(text).toMatch(/Routine use assessment \(Approved\)|Procurement assessment \(In review\)/);
  });
});

describe('risk wording in the register', () => {
  it("describes each risk for its system's model type and clinical domain (threatWordingFor)", async () => {
    const model = models[0];
    if (!model) throw new Error('no register was exported');
    const catalog = await call<Catalog>('templates.catalog', {});
    const systems = await call<AiSystem[]>('systems.list', {});
    // The variants matter here: at least one risk reads differently from the generic text.
    expect(model.risks.some((r) => r.clinicalConsequence !== catalog.threats.threats.find((t) => t.id === r.threatId)?.clinicalConsequence)).toBe(true);
    for (const r of model.risks) {
      const threat = catalog.threats.threats.find((t) => t.id === r.threatId);
      const sys = systems.find((s) => s.id === r.systemId);
      if (!threat || !sys) throw new Error(`${r.threatId} or ${r.systemId} is unknown`);
      expect(r.description).toBe(threatWordingFor(threat, sys).description);
      expect(r.clinicalConsequence).toBe(threatWordingFor(threat, sys).clinicalConsequence);
    }
  });
});
