// A valid input for every contract method, on the demo portfolio (the hospital workspace) and a
// vendor workspace that has opened one of its requests. The table is complete by type: a new
// contract method without a sample is a compile error here.
import type { ActingAs, AssessmentDetail, MethodInput, MethodName, MethodOutput, Result, SignedInAccount } from '../../electron/contract/index.ts';
import type { CallContext, Clock } from '../../electron/core/deps.ts';
import { sampleCard } from '../core/exchange/model-card/model-card-fixture.ts';
import { actor, makeTestCore, type CoreChoices, type TestCore } from './core-fixture.ts';
import { zipEntryText } from '../../electron/core/export/word/docx-zip.ts';
import { fillQuestionnaire } from './fill-questionnaire.ts';

/** A clock that moves one second per reading and can be set to another day. */
export interface MovableClock extends Clock {
  set(iso: string): void;
}

export function movableClock(start: string): MovableClock {
  let t = Date.parse(start);
  return {
    now: () => {
      const d = new Date(t);
      t += 1000;
      return d;
    },
    set: (iso) => {
      t = Date.parse(iso);
    },
  };
}

/**
 * A workspace on the engine under test; `core` is the same core, for what is not a contract call
 * (the sweep, close). `raw` may run in another context (a signed-in account).
 */
export type Workspace = Omit<TestCore, 'raw'> & { core: TestCore; raw(method: string, input: unknown, ctx?: CallContext): Promise<Result<unknown>> };

function workspace(clock: Clock, choices: Omit<CoreChoices, 'clock'> = {}): Workspace {
  const core = makeTestCore({ ...choices, clock });
  return { ...core, core, raw: (method, input, ctx = actor) => core.dispatch(method, input, ctx) };
}

/** Ids and texts the samples refer to; filled by the setup and, in the output test, by earlier calls. */
export interface SampleState {
  systemId: string;
  /** The vendor of `systemId` (its request was answered by the vendor workspace). */
  vendorId: string;
  assessmentId: string;
  /** An editable assessment (in progress) of the demo. */
  editableId: string;
  /** An assessment other than `assessmentId`, to compare with it. */
  comparedId: string;
  evidenceId: string;
  riskId: string;
  templateId: string;
  reviewer: ActingAs;
  chairName: string;
  /** The team's first administrator (accounts.* run as this signed-in account). */
  administrator: SignedInAccount;
  /** A request issued for `editableId` and opened in the vendor workspace, with the vendor's response. */
  inboxId: string;
  responseText: string;
  /** An editable local validation assessment (acceptance criteria, issue 20) and its system. */
  validationId: string;
  monitoredSystemId: string;
  /** Filled as the mutations run (output test). */
  newSystemId?: string;
  newAssessmentId?: string;
  textQuestionId?: string;
  newEvidenceId?: string;
  inboxEvidenceId?: string;
  createdRequestText?: string;
  newInboxId?: string;
  newInboxQuestionId?: string;
  newResponseText?: string;
  treatRiskId?: string;
  acceptRiskId?: string;
  acceptBy?: ActingAs;
  returnedId?: string;
  backupName?: string;
  newAccountId?: string;
  newVendorId?: string;
  /** An open request with a Word questionnaire for it, filled in (one answer), not yet imported. */
  docxRequestId: string;
  questionnaireDocxBase64: string;
}

export interface Sample<M extends MethodName> {
  /** Which workspace the method runs in. */
  on?: 'vendor';
  /** Runs as the signed-in administrator of a team server (the accounts.* methods). */
  signedIn?: 'administrator';
  input(state: SampleState): MethodInput<M>;
  /** Keeps what later samples need from the result. */
  after?(value: MethodOutput<M>, state: SampleState): void;
}

export type SampleTable = { [M in MethodName]: Sample<M> };

export interface DemoSetup {
  hospital: Workspace;
  vendor: Workspace;
  clock: MovableClock;
  state: SampleState;
  demo: MethodOutput<'demo.load'>;
  dispose(): void;
}

/**
 * The demo portfolio loaded at `start` (hospital), a vendor workspace, and one request (valid
 * for a year) opened, answered and responded to by the vendor, its response not yet imported.
 */
export async function demoSetup(start = '2026-03-01T09:00:00.000Z', choices: Omit<CoreChoices, 'clock'> = {}): Promise<DemoSetup> {
  const clock = movableClock(start);
  const hospital = workspace(clock, choices);
  const vendor = workspace(movableClock(start));
  const dispose = () => {
    hospital.dispose();
    vendor.dispose();
  };
  try {
    await vendor.call('settings.update', { workspaceMode: 'vendor', organisation: 'Mediconverse' });
    const demo = await hospital.call('demo.load', {});
    const assessments = await hospital.call('assessments.list', {});
    const details: AssessmentDetail[] = await Promise.all(assessments.map((a) => hospital.call('assessments.get', { id: a.id })));
    const editable = details.find((d) => d.status === 'inProgress' && d.stage === 'procurement') ?? details.find((d) => d.editable)!;
    const withEvidence = details.find((d) => d.evidence.length > 0)!;
    const risks = await hospital.call('risks.list', {});
    const people = await hospital.call('people.list', {});
    const reviewer = people.find((p) => p.roles.includes('reviewer'))!;
    const chair = people.find((p) => p.roles.includes('committeeChair'))!;
    const templates = await hospital.call('templates.list', {});

    const created = await hospital.call('vendor.request', { assessmentId: editable.id, expiresInDays: 365 });
    const item = await vendor.call('vendorInbox.open', { text: created.text });
    const q = item.questions[0]!;
    const value = q.kind === 'multi' ? [q.options[0]!.value] : 'options' in q && q.options.length > 0 ? q.options[0]!.value : q.kind === 'number' ? 3 : q.kind === 'date' ? '2026-01-15' : 'Documented.';
    await vendor.call('vendorInbox.answer', { id: item.id, answers: [{ questionId: q.id, value }] });
    const withFile = await vendor.call('vendorInbox.addEvidence', {
      id: item.id,
      questionId: q.id,
      fileName: 'pentest.txt',
      mediaType: 'text/plain',
      dataBase64: Buffer.from('No critical findings.').toString('base64'),
    });
    const response = await vendor.call('vendorInbox.respond', { id: item.id });
    // A second request, answered on paper: its Word questionnaire filled in with one "I don't know".
    const onPaper = details.find((d) => d.editable && d.id !== editable.id && d.questionnaireSnapshots.some((q) => q.kind === 'vendor')) ?? editable;
    const paperRequest = await hospital.call('vendor.request', { assessmentId: onPaper.id, expiresInDays: 365 });
    const blank = await hospital.call('export.questionnaire', { requestId: paperRequest.request.id });
    const blankBytes = Buffer.from(blank.dataBase64 ?? '', 'base64');
    const firstBox = /<w:tag w:val="([A-Z]{2}-[A-Z]+-\d{2}:\?)"\/>/.exec(zipEntryText(blankBytes, 'word/document.xml'))?.[1] ?? '';
    const filled = await fillQuestionnaire(blankBytes, { tick: [firstBox] });
    const validation = details.find((d) => d.stage === 'validation' && d.editable) ?? (await hospital.call('assessments.start', { systemId: editable.systemId, stage: 'validation' }));
    const admin = await hospital.core.authority.createFirstAdministrator({ login: 'admin', name: 'Ada Administrator', password: 'a long admin passphrase', actor: 'os:test' });
    if (!admin.ok) throw new Error(admin.error.message);

    const state: SampleState = {
      systemId: editable.systemId,
      vendorId: (await hospital.call('systems.get', { id: editable.systemId })).vendorId,
      assessmentId: withEvidence.id,
      editableId: editable.id,
      comparedId: details.find((d) => d.id !== withEvidence.id)!.id,
      evidenceId: withEvidence.evidence[0]!.id,
      riskId: risks[0]!.id,
      templateId: templates.questionnaires[0]!.id,
      reviewer: { name: reviewer.name, role: 'reviewer' },
      chairName: chair.name,
      administrator: { id: admin.value.id, login: admin.value.login, name: admin.value.name, roles: admin.value.roles, administrator: true },
      inboxId: item.id,
      inboxEvidenceId: withFile.evidence[0]?.id,
      responseText: response.text,
      validationId: validation.id,
      monitoredSystemId: validation.systemId,
      docxRequestId: paperRequest.request.id,
      questionnaireDocxBase64: Buffer.from(filled).toString('base64'),
    };
    return { hospital, vendor, clock, state, demo, dispose };
  } catch (error) {
    dispose();
    throw error;
  }
}

const text = (s: string) => Buffer.from(s).toString('base64');

/** The context a sample runs in: the OS login, or the signed-in administrator it asks for. */
export const sampleContext = (sample: Sample<MethodName>, state: SampleState): CallContext =>
  sample.signedIn === 'administrator' ? { ...actor, account: state.administrator } : actor;

/** One valid input per method. Reads refer to the setup; mutations also to what earlier mutations made. */
export const samples: SampleTable = {
  'app.info': { input: () => ({}) },
  'systems.list': { input: () => ({ includeArchived: true }) },
  'systems.page': { input: () => ({ includeArchived: true, search: 'a', sort: 'openRisks', direction: 'desc', limit: 5 }) },
  'systems.get': { input: (s) => ({ id: s.systemId }) },
  'systems.create': {
    input: () => ({ name: 'Contract check scribe', vendor: 'Acme Health', modelType: 'generative', dataCategories: ['phi', 'freeText'], worstCredibleHarm: 'serious', timeCritical: false }),
    after: (v, s) => {
      s.newSystemId = v.id;
    },
  },
  'systems.update': { input: (s) => ({ id: s.newSystemId!, changes: { productVersion: '2.0', clinicalDomain: null } }) },
  'systems.archive': { input: (s) => ({ id: s.newSystemId! }) },
  'systems.unarchive': { input: (s) => ({ id: s.newSystemId! }) },
  'vendors.list': { input: () => ({ search: 'a' }) },
  'vendors.get': { input: (s) => ({ id: s.vendorId }) },
  'vendors.create': {
    input: () => ({ name: 'Contract Check Vendor', contacts: [{ name: 'Vera Vendor', role: 'Account manager', email: 'vera@example.org' }], notes: 'Met at a fair.' }),
    after: (v, s) => {
      s.newVendorId = v.id;
    },
  },
  'vendors.update': { input: (s) => ({ id: s.newVendorId!, changes: { name: 'Contract Check Vendor Ltd', notes: '' } }) },
  'monitoring.setCriteria': {
    input: (s) => ({ assessmentId: s.validationId, reviewPeriod: 'monthly', criteria: [{ metric: 'sensitivity', subgroup: 'all', min: 0.8, rationale: 'Local validation: 0.86.' }] }),
  },
  'monitoring.criteria': { input: (s) => ({ assessmentId: s.validationId }) },
  'monitoring.import': {
    input: (s) => ({ systemId: s.monitoredSystemId, fileName: 'monitoring.csv', text: 'metric,subgroup,period,value,n,source\nsensitivity,all,2026-01,0.84,410,contract check\n' }),
  },
  'monitoring.summary': { input: (s) => ({ systemId: s.monitoredSystemId }) },
  'assessments.start': {
    input: (s) => ({ systemId: s.newSystemId!, stage: 'procurement' }),
    after: (v, s) => {
      s.newAssessmentId = v.id;
      const visible = new Set(v.visibleQuestions);
      const textQuestion = v.questionnaireSnapshots.flatMap((q) => q.sections.flatMap((x) => x.questions)).find((q) => q.kind === 'text' && visible.has(q.id));
      s.textQuestionId = textQuestion!.id;
    },
  },
  'assessments.list': { input: () => ({}) },
  'assessments.page': { input: (s) => ({ search: 'assessment', sort: 'overallBand', direction: 'desc', limit: 5, systemId: s.systemId }) },
  'assessments.get': { input: (s) => ({ id: s.assessmentId }) },
  'assessments.answer': { input: (s) => ({ id: s.newAssessmentId!, answers: [{ questionId: s.textQuestionId!, value: 'Reviewed by our security team in March.' }] }) },
  'assessments.score': { input: (s) => ({ id: s.assessmentId }) },
  'assessments.compare': { input: (s) => ({ assessmentIds: [s.assessmentId, s.comparedId] }) },
  'assessments.threatDetail': { input: (s) => ({ id: s.assessmentId, threatId: 'T-PHI-BREACH' }) },
  'assessments.reviewAnswer': { input: (s) => ({ assessmentId: s.newAssessmentId!, questionId: s.textQuestionId!, verdict: 'adequate', by: s.reviewer }) },
  'assessments.resolveContradiction': {
    // Filled in by the output test from an assessment whose answers disagree (see there).
    input: () => {
      throw new Error('resolveContradiction needs a contradiction: the output test builds one');
    },
  },
  'assessments.upgradeScoring': {
    // Needs a scoring model 1 assessment: the output test opens a schema 5 database for it.
    input: () => {
      throw new Error('upgradeScoring needs a model 1 assessment: the output test builds one');
    },
  },
  'evidence.verify': { input: (s) => ({ id: s.newEvidenceId!, verified: true, by: s.reviewer }) },
  'evidence.add': {
    input: (s) => ({ assessmentId: s.newAssessmentId!, questionId: s.textQuestionId!, fileName: 'policy.txt', mediaType: 'text/plain', dataBase64: text('Our policy.') }),
    after: (v, s) => {
      s.newEvidenceId = v.id;
    },
  },
  'evidence.get': { input: (s) => ({ id: s.evidenceId }) },
  'evidence.remove': { input: (s) => ({ id: s.newEvidenceId! }) },
  'workflow.send': { input: (s) => ({ entityId: s.returnedId!, event: 'review.reopen' }) },
  'workflow.allowed': { input: (s) => ({ entityId: s.assessmentId, by: s.reviewer }) },
  'reviews.queue': { input: (s) => ({ name: s.chairName }) },
  'reviews.page': { input: () => ({ sort: 'decidedAt', limit: 5 }) },
  'risks.list': { input: () => ({}) },
  'risks.page': { input: () => ({ openOnly: true, sort: 'dueDate', direction: 'asc', limit: 5 }) },
  'risks.assignOwner': { input: (s) => ({ ids: [s.riskId], owner: s.chairName }) },
  'risks.get': { input: (s) => ({ id: s.riskId }) },
  'risks.treat': {
    input: (s) => ({ id: s.treatRiskId!, treatment: { kind: 'mitigate', owner: 'Owner', plan: 'Human review of every output', actions: [{ text: 'Train staff', owner: 'Owner', due: '2026-06-30' }] } }),
  },
  'risks.requestAcceptance': { input: (s) => ({ id: s.acceptRiskId!, rationale: 'Pilot only, supervised.', expiry: '2026-12-31', by: s.reviewer }) },
  'risks.accept': { input: (s) => ({ id: s.acceptRiskId!, by: s.acceptBy! }) },
  'systems.recordChange': { input: (s) => ({ systemId: s.newSystemId!, kind: 'dataSource', description: 'New laboratory feed', provenance: 'Lab system v9' }) },
  'incidents.report': { input: (s) => ({ systemId: s.newSystemId!, kind: 'driftAlert', description: 'Sensitivity fell', occurredAt: '2026-02-27' }) },
  'systems.history': { input: (s) => ({ id: s.systemId }) },
  'people.list': { input: () => ({}) },
  'people.save': { input: () => ({ name: 'Contract Checker', roles: ['assessor'] }) },
  'settings.get': { input: () => ({}) },
  'settings.update': { input: () => ({ organisation: 'Contract Check Trust' }) },
  'session.current': { input: () => ({}) },
  'accounts.list': { signedIn: 'administrator', input: () => ({}) },
  'accounts.save': {
    signedIn: 'administrator',
    input: () => ({ login: 'contract.checker', name: 'Contract Account', email: 'checker@example.org', roles: ['reviewer'], password: 'a long enough password' }),
    after: (v, s) => {
      s.newAccountId = v.id;
    },
  },
  'accounts.setPassword': { signedIn: 'administrator', input: (s) => ({ id: s.newAccountId!, password: 'another long password' }) },
  'accounts.unlock': { signedIn: 'administrator', input: (s) => ({ id: s.newAccountId! }) },
  'accounts.signIns': { signedIn: 'administrator', input: () => ({ limit: 10 }) },
  'backup.create': {
    input: () => ({}),
    after: (v, s) => {
      s.backupName = v.name;
    },
  },
  'backup.list': { input: () => ({}) },
  'backup.restore': { input: (s) => ({ name: s.backupName! }) },
  'audit.verify': { input: () => ({}) },
  'audit.events': { input: () => ({ search: 'assessment', sort: 'action', direction: 'asc', limit: 5 }) },
  'register.summary': { input: () => ({ systemIds: [] }) },
  'dashboard.summary': { input: () => ({}) },
  'export.register': { input: () => ({ format: 'csv', progressKey: 'contract-register' }) },
  'export.questionnaire': { input: (s) => ({ requestId: s.docxRequestId }) },
  'export.comparison': { input: (s) => ({ assessmentIds: [s.assessmentId, s.comparedId] }) },
  'export.progress': { input: () => ({ progressKey: 'contract-register' }) },
  'demo.load': { input: () => ({}) },
  'templates.list': { input: () => ({}) },
  'templates.get': { input: (s) => ({ id: s.templateId }) },
  'templates.catalog': { input: () => ({}) },
  'templates.coverage': { input: () => ({}) },
  'templates.lint': { input: () => ({}) },
  'templates.calibration': { input: () => ({}) },
  'identity.get': { input: () => ({}) },
  'vendor.request': {
    input: (s) => ({ assessmentId: s.newAssessmentId!, expiresInDays: 30 }),
    after: (v, s) => {
      s.createdRequestText = v.text;
    },
  },
  'vendor.requests': { input: () => ({}) },
  'vendor.previewImport': { input: (s) => ({ text: s.responseText }) },
  'vendor.previewDocx': { input: (s) => ({ dataBase64: s.questionnaireDocxBase64 }) },
  'vendor.importDocx': { input: (s) => ({ dataBase64: s.questionnaireDocxBase64 }) },
  'vendor.import': { input: (s) => ({ text: s.newResponseText ?? s.responseText }) },
  'modelCard.preview': { input: (s) => ({ assessmentId: s.editableId, text: sampleCard, fileName: 'card.xml' }) },
  // The sample card is Northwind's Lumen, not this system: applying it takes the explicit confirmation.
  'modelCard.apply': { input: (s) => ({ assessmentId: s.newAssessmentId!, text: sampleCard, fileName: 'card.xml', confirmMismatch: true }) },
  'vendorInbox.open': {
    on: 'vendor',
    input: (s) => ({ text: s.createdRequestText! }),
    after: (v, s) => {
      s.newInboxId = v.id;
      s.newInboxQuestionId = v.questions[0]!.id;
    },
  },
  'vendorInbox.list': { on: 'vendor', input: () => ({}) },
  'vendorInbox.get': { on: 'vendor', input: (s) => ({ id: s.inboxId }) },
  'vendorInbox.answer': {
    on: 'vendor',
    input: (s) => ({ id: s.newInboxId!, answers: [{ questionId: s.newInboxQuestionId!, unknown: true }] }),
  },
  'vendorInbox.addEvidence': {
    on: 'vendor',
    input: (s) => ({ id: s.newInboxId!, questionId: s.newInboxQuestionId!, fileName: 'notes.txt', mediaType: 'text/plain', dataBase64: text('Notes.') }),
    after: (v, s) => {
      s.inboxEvidenceId = v.evidence[0]!.id;
    },
  },
  'vendorInbox.removeEvidence': { on: 'vendor', input: (s) => ({ id: s.newInboxId!, evidenceId: s.inboxEvidenceId! }) },
  'vendorInbox.respond': {
    on: 'vendor',
    input: (s) => ({ id: s.newInboxId! }),
    after: (v, s) => {
      s.newResponseText = v.text;
    },
  },
};
