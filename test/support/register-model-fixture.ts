import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CommitteeSummary, DecisionItem, SystemDecision } from '../../electron/contract/index.ts';
import type { QuestionnaireModel, QuestionnaireQuestion } from '../../electron/core/export/questionnaire-model.ts';
import type {
  AppendixAssessment,
  MatrixInfo,
  RegisterModel,
  RegisterReview,
  RegisterRisk,
  RegisterSystem,
  ReportStyle,
  SignOff,
} from '../../electron/core/export/register-model.ts';

/*
 * Register and questionnaire models built by hand, for the document writers' tests and the
 * export bench: no database, just the shapes the collector fills. `syntheticRegister` makes a
 * realistic register of any size, deterministic for a given seed.
 */

export const ledgerHead = 'a3f1c9e07b2d4e5f8a6b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f';

export const matrix: MatrixInfo = {
  likelihood: ['Improbable', 'Remote', 'Occasional', 'Probable', 'Frequent'],
  impact: ['Negligible', 'Minor', 'Serious', 'Critical', 'Catastrophic'],
  bands: [
    { id: 'low', label: 'Low', colour: '2F9E44' },
    { id: 'medium', label: 'Medium', colour: 'F08C00' },
    { id: 'high', label: 'High', colour: 'E8590C' },
    { id: 'critical', label: 'Critical', colour: 'C92A2A' },
  ],
  cells: [
    ['low', 'low', 'low', 'low', 'medium'],
    ['low', 'low', 'medium', 'medium', 'high'],
    ['low', 'medium', 'medium', 'high', 'critical'],
    ['low', 'medium', 'high', 'critical', 'critical'],
    ['medium', 'high', 'critical', 'critical', 'critical'],
  ],
  appetite: 'medium',
};

const bandOrder = matrix.bands.map((b) => b.id);
export const bandAt = (likelihood: number, impact: number): string => matrix.cells[likelihood - 1]?.[impact - 1] ?? 'low';

/** The shipped logo, so the cover's picture is exercised too. */
export function reportStyle(overrides: Partial<ReportStyle> = {}): ReportStyle {
  const data = new Uint8Array(readFileSync(join(import.meta.dirname, '..', '..', 'templates', 'report', 'logo.png')));
  return {
    organisation: 'St Elsewhere University Hospital',
    confidentiality: 'CONFIDENTIAL — prepared for the AI governance committee. Do not distribute outside the organisation.',
    font: 'Calibri',
    colours: { heading: '1F3864', accent: '2E5C8A', tableHeader: '1F3864', tableHeaderText: 'FFFFFF', muted: '595959' },
    logo: { data, type: 'png', width: 64, height: 72 },
    ...overrides,
  };
}

export function makeRisk(i: number, overrides: Partial<RegisterRisk> = {}): RegisterRisk {
  const inherent = { likelihood: 4, impact: 4, score: 16, band: bandAt(4, 4) };
  const residual = { likelihood: 2, impact: 4, score: 8, band: bandAt(2, 4) };
  return {
    id: `RSK-${String(i).padStart(8, '0')}`,
    systemId: 'SYS-0001',
    systemName: 'Sepsis early warning',
    assessmentId: 'ASM-0001',
    source: { stage: 'Procurement', title: 'Procurement assessment', status: 'Approved' },
    flags: [],
    threatId: `T-THREAT-${i}`,
    threatName: `Threat number ${i}`,
    inherent,
    residual,
    aboveAppetite: bandOrder.indexOf(residual.band) > bandOrder.indexOf(matrix.appetite),
    keyControls: [
      { id: 'C-ENCRYPT-REST', name: 'Encryption at rest', strength: 'full' },
      { id: 'C-VENDOR-PENTEST', name: 'Vendor penetration test', strength: 'reduced' },
    ],
    owner: 'Dr A. Owner',
    treatmentSummary: 'Mitigate: add monitoring',
    dueDate: '2026-09-30',
    status: 'Treatment planned',
    overdue: false,
    description: `Description of threat ${i}.`,
    clinicalConsequence: `Clinical consequence of threat ${i}.`,
    why: [`Inherent: base likelihood 3, impact 4 (threat ${i})`, 'Inherent: Data leaves the hospital (raises likelihood by 1)', 'Residual: Encryption at rest credited (lowers likelihood by 2)'],
    gaps: [{ questionId: 'PR-SEC-04', text: 'Is the model protected against extraction?' }],
    references: [
      { framework: 'MITRE ATLAS', ids: ['AML.T0024', 'AML.T0057'] },
      { framework: 'HIPAA', ids: ['164.312(a)(1)'] },
    ],
    treatment: { kind: 'Mitigate', owner: 'Chief Clinical Information Officer', plan: 'Add drift monitoring', actions: [{ text: 'Deploy monitoring dashboard', owner: 'IT security', due: '2026-08-01' }] },
    acceptance: null,
    ...overrides,
  };
}

export function makeSignOff(name: string, overrides: Partial<SignOff> = {}): SignOff {
  return {
    name,
    role: 'Clinical safety officer',
    decision: 'Approved with conditions',
    comment: `Comment from ${name}.`,
    conditions: [{ text: `Condition set by ${name}`, owner: 'Head of IT', due: '2026-10-01' }],
    at: '2026-03-01T10:00:00.000Z',
    ...overrides,
  };
}

export function makeReview(overrides: Partial<RegisterReview> = {}): RegisterReview {
  return {
    assessmentId: 'ASM-0001',
    systemName: 'Sepsis early warning',
    stage: 'Procurement',
    title: 'Procurement assessment',
    status: 'Approved',
    submittedAt: '2026-02-20T09:00:00.000Z',
    decidedAt: '2026-03-01T10:00:00.000Z',
    requiredSignOffs: 2,
    signOffs: [makeSignOff('Dr Jane Reviewer'), makeSignOff('Mr John Second', { role: 'Information governance lead', decision: 'Approved', conditions: [] })],
    previousRounds: [[makeSignOff('Dr Early Round', { decision: 'Returned', comment: 'Needs evidence of testing.' })]],
    ...overrides,
  };
}

export function makeAppendix(overrides: Partial<AppendixAssessment> = {}): AppendixAssessment {
  return {
    assessmentId: 'ASM-0001',
    systemName: 'Sepsis early warning',
    stage: 'Procurement',
    title: 'Procurement assessment',
    questionnaires: [{ id: 'procurement', version: '1.0.0' }],
    answers: [
      { questionId: 'PR-GOV-01', question: 'Is there a named clinical owner?', answer: 'Yes', source: 'Hospital', answeredBy: 'Dr A. Owner', answeredAt: '2026-02-01T08:00:00.000Z', flagged: false },
      { questionId: 'PR-SEC-04', question: 'Is the model protected against extraction?', answer: "I don't know", source: 'Vendor', answeredBy: 'Vendor Rep', answeredAt: '2026-02-02T08:00:00.000Z', flagged: true },
    ],
    evidence: [
      { questionId: 'PR-GOV-01', fileName: 'owner-letter.pdf', sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', size: 20480, addedBy: 'Dr A. Owner', addedAt: '2026-02-01T08:05:00.000Z', checked: { by: 'Asha Assessor (assessor)', at: '2026-02-03T10:00:00.000Z' } },
    ],
    ...overrides,
  };
}

/** Heat maps and counts by band of a list of risks, as the collector computes them. */
function tally(risks: RegisterRisk[]) {
  const heat = () => Array.from({ length: 5 }, () => Array.from({ length: 5 }, () => 0));
  const inherent = heat();
  const residual = heat();
  for (const r of risks) {
    inherent[r.inherent.likelihood - 1]![r.inherent.impact - 1]! += 1;
    residual[r.residual.likelihood - 1]![r.residual.impact - 1]! += 1;
  }
  const byBand = (pick: (r: RegisterRisk) => string) => Object.fromEntries(matrix.bands.map((b) => [b.id, risks.filter((r) => pick(r) === b.id).length]));
  return { inherent, residual, byBand };
}

/** A small complete register: two risks (one with an expired acceptance), one review, one appendix. */
export function registerModel(overrides: Partial<RegisterModel> = {}): RegisterModel {
  const risks = [
    makeRisk(1),
    makeRisk(2, {
      residual: { likelihood: 4, impact: 5, score: 20, band: 'critical' },
      aboveAppetite: true,
      status: 'Accepted',
      treatment: null,
      treatmentSummary: 'Accepted until 2026-01-01',
      acceptance: { rationale: 'No alternative product exists.', expiry: '2026-01-01', requestedBy: 'Dr A. Owner', grantedBy: { name: 'Prof Chair', role: 'Committee chair', at: '2025-07-01T12:00:00.000Z' }, expired: true },
    }),
  ];
  const { inherent, residual, byBand } = tally(risks);
  return {
    meta: { title: 'AI risk register', scope: 'All systems', selection: null, generatedAt: '2026-03-14T09:30:00.000Z', preparedBy: 'Dr Grace Preparer', ledger: { head: ledgerHead, length: 4321 }, appVersion: '0.1.0' },
    style: reportStyle(),
    matrix,
    systems: [{ id: 'SYS-0001', name: 'Sepsis early warning', vendor: 'Acme Health AI', lifecycleStage: 'Procurement', reassessmentDue: '2026-01-01', overdue: true }],
    summary: {
      inherentByBand: byBand((r) => r.inherent.band),
      residualByBand: byBand((r) => r.residual.band),
      systemsAboveAppetite: [{ systemId: 'SYS-0001', name: 'Sepsis early warning', risks: 1 }],
      decisionsNeeded: [{ text: 'Decide whether to accept RSK-00000002 above appetite.', ref: 'RSK-00000002' }],
      overdueReassessments: [{ systemId: 'SYS-0001', name: 'Sepsis early warning', due: '2026-01-01', reason: 're-assessment was due 2026-01-01' }],
      expiredAcceptances: [{ riskId: 'RSK-00000002', systemName: 'Sepsis early warning', threatName: 'Threat number 2', expiry: '2026-01-01' }],
    },
    heatmaps: { inherent, residual },
    monitoring: [],
    risks,
    reviews: [makeReview()],
    appendix: [makeAppendix()],
    ...v2Fields([{ id: 'SYS-0001', name: 'Sepsis early warning', vendor: 'Acme Health AI', lifecycleStage: 'procurement', reassessmentDue: '2026-01-01', overdue: true }], risks, true),
    ...overrides,
  };
}

// ---- RegisterModel v2: document control, the committee's summary, definitions, glossary ------

export const definitions: RegisterModel['definitions'] = {
  likelihood: matrix.likelihood.map((label, i) => ({ level: i + 1, label, description: `Likelihood level ${i + 1}: ${label.toLowerCase()} over the life of the system.` })),
  impact: matrix.impact.map((label, i) => ({ level: i + 1, label, description: `Impact level ${i + 1}: ${label.toLowerCase()} harm to a patient or a breach of that size.` })),
  bands: matrix.bands.map((b) => ({ ...b, meaning: `${b.label}: ${bandOrder.indexOf(b.id) <= bandOrder.indexOf(matrix.appetite) ? 'acceptable with monitoring' : 'not acceptable without treatment or a formal acceptance'}.` })),
  appetite: 'Residual risk up to Medium is within the organisation’s appetite; High and Critical need a treatment plan or an acceptance by the committee chair.',
};

const glossaryTitles: Record<string, string> = { 'AML.T0024': 'Exfiltration via ML inference API', 'AML.T0057': 'LLM data leakage', '164.312(a)(1)': 'Access control' };

/** Every framework id the risks cite, as the collector lists them. */
export function glossaryOf(risks: readonly RegisterRisk[]): RegisterModel['glossary'] {
  const seen = new Map<string, { framework: string; id: string; title: string }>();
  for (const r of risks) for (const ref of r.references) for (const id of ref.ids) seen.set(`${ref.framework}|${id}`, { framework: ref.framework, id, title: glossaryTitles[id] ?? `What ${id} names` });
  return [...seen.values()];
}

/** A committee summary for systems and their risks: the highest bands, the top risks, a recommendation per system. */
export function committeeOf(systems: readonly RegisterSystem[], risks: readonly RegisterRisk[], decisions: DecisionItem[] = []): CommitteeSummary {
  const worst = (bands: string[]) => bands.reduce<string | null>((w, b) => (w === null || bandOrder.indexOf(b) > bandOrder.indexOf(w) ? b : w), null);
  return {
    generatedAt: '2026-03-14T09:30:00.000Z',
    organisation: 'St Elsewhere University Hospital',
    appetite: { band: matrix.appetite, label: 'Medium' },
    bands: matrix.bands.map((b) => ({ id: b.id, label: b.label })),
    systems: systems.map((s, i): SystemDecision => {
      const own = risks.filter((r) => r.systemId === s.id);
      const above = own.filter((r) => r.aboveAppetite);
      return {
        systemId: s.id,
        name: s.name,
        vendor: s.vendor,
        lifecycleStage: s.lifecycleStage,
        intendedUse: `Supports clinicians using ${s.name}.`,
        patientPopulation: 'Adult inpatients',
        outputDrives: 'Informs a clinician, who decides',
        modelVersion: `2026.${(i % 12) + 1}`,
        currentAssessments: [{ assessmentId: own[0]?.assessmentId ?? `ASM-${s.id.slice(4)}`, stage: 'procurement', title: 'Procurement assessment', status: 'inReview', decidedAt: null }],
        overall: { inherent: worst(own.map((r) => r.inherent.band)), residual: worst(own.map((r) => r.residual.band)) },
        recommendation: above.length ? 'doNotApprove' : 'approveWithConditions',
        reasons: above.length ? [`${above.length} residual risks are above appetite.`] : ['Approved with conditions that are still open.'],
        acceptability: { acceptable: above.length === 0, statement: above.length ? 'Residual risk is above the appetite of Medium.' : 'Residual risk is within the appetite of Medium.' },
        topRisks: own.slice(0, 5).map((r) => ({ riskId: r.id, threatName: r.threatName, residual: r.residual, aboveAppetite: r.aboveAppetite, status: 'planned', owner: r.owner, assessmentId: r.assessmentId })),
        conditions: [{ text: `Monitor ${s.name} monthly`, owner: 'Head of IT', due: '2026-06-30', overdue: false, assessmentId: own[0]?.assessmentId ?? '' }],
        changesSince: { since: '2026-01-10T10:00:00.000Z', sinceWhat: 'the approval of the procurement assessment', changes: [{ at: '2026-02-01T09:00:00.000Z', by: 'Dr Amira Haddad', what: 'Model version changed from 2025.12 to 2026.1' }] },
        reassessment: { due: s.reassessmentDue, why: s.overdue ? 'the scheduled date has passed' : 'scheduled by its band' },
      };
    }),
    decisions,
  };
}

/** The v2 fields of a register over these systems and risks. */
export function v2Fields(systems: RegisterSystem[], risks: RegisterRisk[], withAnswers: boolean): Pick<RegisterModel, 'documentControl' | 'committee' | 'definitions' | 'glossary' | 'withAnswers'> {
  return {
    documentControl: {
      version: 3,
      status: 'draft',
      author: 'Dr Grace Preparer (Assessor)',
      approvers: [
        { name: 'Prof Chair', role: 'committeeChair' },
        { name: 'Dr Jane Reviewer', role: 'reviewer' },
      ],
      nextReview: '2026-06-12',
      previous: { version: 2, at: '2025-12-01T09:00:00.000Z', by: 'Dr Grace Preparer (Assessor)' },
    },
    committee: committeeOf(
      systems,
      risks,
      risks.filter((r) => r.aboveAppetite).slice(0, 10).map((r) => ({ kind: 'aboveAppetiteUndecided', text: `Agree a treatment or an acceptance for "${r.threatName}" (${r.id}) in ${r.systemName}.`, systemId: r.systemId, ref: r.id, due: null })),
    ),
    definitions,
    glossary: glossaryOf(risks),
    withAnswers,
  };
}

/**
 * A register as a committee meets it: three systems (one due for re-assessment after a model
 * change, one with a Critical residual risk), the model's values as the collector sends them
 * (stages, statuses and roles as codes), and decisions of every kind, one of them found twice.
 */
export function committeeRegister(overrides: Partial<RegisterModel> = {}): RegisterModel {
  const systems: RegisterSystem[] = [
    { id: 'SYS-0001', name: 'Ambient clinical scribe', vendor: 'Nuvola Speech', lifecycleStage: 'inUse', reassessmentDue: '2026-09-01', overdue: false },
    { id: 'SYS-0002', name: 'Chest X-ray triage', vendor: 'Radiant Imaging AI', lifecycleStage: 'reassessmentDue', reassessmentDue: '2026-03-14', overdue: true },
    { id: 'SYS-0003', name: 'Sepsis early warning', vendor: 'Acme Health AI', lifecycleStage: 'validation', reassessmentDue: null, overdue: false },
  ];
  const risk = (i: number, system: RegisterSystem, l: number, im: number, extra: Partial<RegisterRisk> = {}) =>
    makeRisk(i, {
      systemId: system.id,
      systemName: system.name,
      assessmentId: `ASM-${system.id.slice(4)}`,
      source: { stage: system.id === 'SYS-0003' ? 'validation' : 'use', title: 'Routine use assessment', status: 'approvedWithConditions' },
      residual: { likelihood: l, impact: im, score: l * im, band: bandAt(l, im) },
      aboveAppetite: bandOrder.indexOf(bandAt(l, im)) > bandOrder.indexOf(matrix.appetite),
      treatment: { kind: 'mitigate', owner: 'Head of IT Security', plan: 'Add drift monitoring', actions: [] },
      ...extra,
    });
  const risks = [
    risk(1, systems[0]!, 3, 3, { threatName: 'Transcription drift after a model update' }),
    risk(2, systems[0]!, 2, 3, {
      threatName: 'Prompt injection through dictated text',
      status: 'accepted',
      flags: ['Acceptance requested and granted by the same person (Prof Chair)'],
      acceptance: { rationale: 'Compensating review by the clinician.', expiry: '2026-04-01', requestedBy: 'Prof Chair', grantedBy: { name: 'Prof Chair', role: 'committeeChair', at: '2026-01-05T10:00:00.000Z' }, expired: false },
    }),
    risk(3, systems[1]!, 5, 4, { threatName: 'Adversarial perturbation of images' }),
    risk(4, systems[1]!, 4, 4, { threatName: 'Training data poisoning' }),
    risk(5, systems[2]!, 2, 2, { threatName: 'Alert fatigue from false positives' }),
  ];
  const { inherent, residual, byBand } = tally(risks);
  const decision = (kind: DecisionItem['kind'], text: string, systemId: string, ref: string, due: string | null = null): DecisionItem => ({ kind, text, systemId, ref, due });
  const decisions: DecisionItem[] = [
    decision('signOffDue', 'Sign off the validation assessment of Sepsis early warning (1 of 2 sign-offs given).', 'SYS-0003', 'ASM-0003'),
    decision('aboveAppetiteUndecided', 'Decide on "Adversarial perturbation of images" for Chest X-ray triage: Critical, with no treatment or acceptance.', 'SYS-0002', 'RSK-00000003'),
    decision('aboveAppetiteUndecided', 'Decide on "Adversarial perturbation of images" for Chest X-ray triage: Critical, with no treatment or acceptance.', 'SYS-0002', 'RSK-00000003'),
    decision('aboveAppetiteUndecided', 'Decide on "Training data poisoning" for Chest X-ray triage: High, with no treatment or acceptance.', 'SYS-0002', 'RSK-00000004'),
    decision('conditionDue', 'Condition "Monitor word error rate monthly" on Ambient clinical scribe is due.', 'SYS-0001', 'ASM-0001', '2026-04-30'),
    decision('acceptanceExpiring', 'The acceptance of "Prompt injection through dictated text" for Ambient clinical scribe expires.', 'SYS-0001', 'RSK-00000002', '2026-04-01'),
    decision('reassessmentDue', 'Re-assess Chest X-ray triage: the model changed from version 4.1 to 4.2 on 2026-02-20.', 'SYS-0002', 'SYS-0002', '2026-03-14'),
    decision('selfGrantedAcceptance', 'Confirm the acceptance of "Prompt injection through dictated text": Prof Chair requested and granted it.', 'SYS-0001', 'RSK-00000002'),
  ];
  const committee = committeeOf(systems, risks, decisions);
  committee.systems[1] = { ...committee.systems[1]!, recommendation: 'doNotApprove', reasons: ['A Critical residual risk has no treatment or acceptance.'], reassessment: { due: '2026-03-14', why: 'the model changed from version 4.1 to 4.2' } };
  committee.systems[2] = { ...committee.systems[2]!, recommendation: 'notReady', reasons: ['The validation assessment has 1 of 2 sign-offs.'], currentAssessments: [{ assessmentId: 'ASM-0003', stage: 'validation', title: 'Validation assessment', status: 'inReview', decidedAt: null }] };
  committee.systems[0] = { ...committee.systems[0]!, recommendation: 'approveWithConditions', currentAssessments: [{ assessmentId: 'ASM-0001', stage: 'use', title: 'Routine use assessment', status: 'approvedWithConditions', decidedAt: '2026-01-10T10:00:00.000Z' }] };
  return {
    meta: { title: 'AI risk register', scope: 'All systems in the inventory (3)', selection: null, generatedAt: '2026-03-14T09:30:00.000Z', preparedBy: 'Dr Grace Preparer (Assessor)', ledger: { head: ledgerHead, length: 812 }, appVersion: '0.1.0' },
    style: reportStyle(),
    matrix,
    systems,
    summary: { inherentByBand: byBand((r) => r.inherent.band), residualByBand: byBand((r) => r.residual.band), systemsAboveAppetite: [], decisionsNeeded: [], overdueReassessments: [], expiredAcceptances: [] },
    heatmaps: { inherent, residual },
    monitoring: [],
    risks,
    reviews: [makeReview({ assessmentId: 'ASM-0001', systemName: 'Ambient clinical scribe', stage: 'use', title: 'Routine use assessment of Ambient clinical scribe', status: 'approvedWithConditions', signOffs: [makeSignOff('Prof Chair', { role: 'committeeChair', decision: 'approveWithConditions' })], previousRounds: [] })],
    appendix: [makeAppendix({ assessmentId: 'ASM-0001', systemName: 'Ambient clinical scribe', stage: 'use', title: 'Routine use assessment' })],
    ...v2Fields(systems, risks, false),
    committee,
    ...overrides,
  };
}

export function questionnaireModel(overrides: Partial<QuestionnaireModel> = {}): QuestionnaireModel {
  const q = (id: string, kind: QuestionnaireQuestion['kind'], extra: Partial<QuestionnaireQuestion> = {}): QuestionnaireQuestion => ({
    id,
    text: `Question ${id}?`,
    guidance: `Guidance for ${id}.`,
    kind,
    options:
      kind === 'yesNo'
        ? [{ value: 'yes', label: 'Yes' }, { value: 'no', label: 'No' }]
        : kind === 'choice' || kind === 'multi'
          ? [{ value: 'a', label: 'Option A' }, { value: 'b', label: 'Option B' }, { value: 'c', label: 'Option C' }]
          : [],
    required: false,
    condition: null,
    references: ['HTI-1 source attribute HTI1-SA-05'],
    ...extra,
  });
  return {
    meta: {
      title: 'Vendor questionnaire',
      requestId: 'VRQ-0001ABCD',
      nonce: 'ab'.repeat(32),
      issuedAt: '2026-03-14T09:30:00.000Z',
      expiresAt: '2026-04-13T09:30:00.000Z',
      generatedAt: '2026-03-14T09:31:00.000Z',
      preparedBy: 'Dr Grace Preparer',
      appVersion: '0.1.0',
      organisation: 'St Elsewhere University Hospital',
      contact: { name: 'Priya Procurement', email: 'ai.procurement@st-elsewhere.example', telephone: '+44 20 7946 0000' },
      contactIsSet: true,
    },
    system: { name: 'Sepsis early warning', vendor: 'Acme Health AI', productVersion: '3.2', modelVersion: '2025.11', intendedUse: 'Flags adult inpatients at risk of sepsis for nurse review.' },
    style: reportStyle(),
    sections: [
      {
        title: 'Model development',
        questions: [
          q('VT-DEV-01', 'yesNo', { required: true }),
          q('VT-DEV-02', 'choice', { condition: 'Answer if VT-DEV-01 is Yes' }),
          q('VT-DEV-03', 'multi'),
        ],
      },
      { title: 'Performance', questions: [q('VT-PERF-01', 'text', { required: true }), q('VT-PERF-02', 'number'), q('VT-PERF-03', 'date')] },
    ],
    ...overrides,
  };
}

// ---- synthetic registers for the bench and the PDF test ------------------------------------

/** A small deterministic pseudo-random generator (mulberry32). */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T,
  };
}

const words =
  'patient model clinical data vendor access training inference record hospital system alert review threshold drift bias monitoring encryption audit update staff workflow output prediction sepsis imaging triage consent privacy integrity safety evidence accuracy population cohort validation deployment network interface supplier contract'.split(
    ' ',
  );

function sentence(r: ReturnType<typeof random>, min: number, max: number): string {
  const n = r.int(min, max);
  const out = Array.from({ length: n }, () => r.pick(words));
  const first = out[0] ?? 'the';
  out[0] = first[0]?.toUpperCase() + first.slice(1);
  return `${out.join(' ')}.`;
}
const sentences = (r: ReturnType<typeof random>, count: number) => Array.from({ length: count }, () => sentence(r, 8, 22)).join(' ');

export interface SyntheticOptions {
  risks: number;
  systems?: number;
  /** Answers per assessment in the appendix; real assessments have 60–150, the bench caps it. */
  answersPerAssessment?: number;
  seed?: number;
}

/**
 * A register shaped like a large hospital's: risks spread over systems (one assessment
 * each), descriptions of 2–4 sentences, traces of ~8 lines, 2–5 evidence gaps, references,
 * treatments with actions, some acceptances, reviews with sign-offs, an appendix of answers
 * and evidence per assessment.
 */
export function syntheticRegister(options: SyntheticOptions): RegisterModel {
  const r = random(options.seed ?? 42);
  const systemCount = options.systems ?? Math.max(1, Math.round(options.risks / 27));
  const answersPer = options.answersPerAssessment ?? 60;
  const systems = Array.from({ length: systemCount }, (_, i) => ({
    id: `SYS-${String(i + 1).padStart(6, '0')}`,
    name: `${r.pick(['Sepsis', 'Radiology', 'Pathology', 'Triage', 'Discharge', 'Dermatology', 'Oncology'])} ${r.pick(['early warning', 'assistant', 'classifier', 'summariser', 'predictor'])} ${i + 1}`,
    vendor: `${r.pick(['Acme', 'Globex', 'Initech', 'Umbrella', 'Stark'])} Health AI`,
    lifecycleStage: r.pick(['procurement', 'validation', 'deployment', 'inUse']),
    reassessmentDue: `2026-0${r.int(1, 9)}-1${r.int(0, 9)}`,
    overdue: r.next() < 0.1,
  }));
  const threats = Array.from({ length: 40 }, (_, i) => ({ id: `T-SYN-${String(i + 1).padStart(2, '0')}`, name: sentence(r, 4, 9).replace(/\.$/, ''), description: sentences(r, r.int(2, 4)), consequence: sentences(r, r.int(1, 3)) }));
  const risks: RegisterRisk[] = [];
  for (let i = 0; i < options.risks; i++) {
    const system = systems[i % systemCount]!;
    const threat = threats[i % threats.length]!;
    const il = r.int(2, 5);
    const ii = r.int(2, 5);
    const rl = Math.max(1, il - r.int(0, 2));
    const ri = Math.max(1, ii - r.int(0, 1));
    const residualBand = bandAt(rl, ri);
    const accepted = r.next() < 0.08;
    risks.push({
      id: `RSK-${(100000 + i).toString(36).toUpperCase().padStart(8, '0')}`,
      systemId: system.id,
      systemName: system.name,
      assessmentId: `ASM-${system.id.slice(4)}`,
      source: { stage: system.lifecycleStage, title: `${system.lifecycleStage} assessment`, status: 'Approved' },
      flags: accepted && r.next() < 0.1 ? ['Acceptance requested and granted by the same person (Dr Amira Haddad)'] : [],
      threatId: threat.id,
      threatName: threat.name,
      inherent: { likelihood: il, impact: ii, score: il * ii, band: bandAt(il, ii) },
      residual: { likelihood: rl, impact: ri, score: rl * ri, band: residualBand },
      aboveAppetite: bandOrder.indexOf(residualBand) > bandOrder.indexOf(matrix.appetite),
      keyControls: Array.from({ length: r.int(0, 4) }, (_, k) => ({ id: `C-SYN-${k}`, name: sentence(r, 2, 5).replace(/\.$/, ''), strength: r.next() < 0.3 ? 'reduced' : 'full' })),
      owner: r.pick(['Dr Amira Haddad', 'Chief Nursing Information Officer', 'Head of IT Security', 'Clinical Safety Officer', 'Dr Tom Okafor']),
      treatmentSummary: accepted ? 'Accepted until 2026-12-31' : r.pick(['Mitigate: add monitoring', 'None yet', 'Transfer: contract clause', 'Avoid: restrict use']),
      dueDate: r.next() < 0.8 ? `2026-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}` : null,
      status: accepted ? 'Accepted' : r.pick(['Identified', 'Treatment planned', 'In progress', 'Verified']),
      overdue: r.next() < 0.1,
      description: threat.description,
      clinicalConsequence: threat.consequence,
      why: Array.from({ length: r.int(6, 10) }, (_, k) => `${k < 4 ? 'Inherent' : 'Residual'}: ${sentence(r, 6, 16)} (${r.pick(['raises', 'lowers'])} likelihood by 1)`),
      gaps: Array.from({ length: r.int(2, 5) }, () => ({ questionId: `PR-SYN-${String(r.int(1, 99)).padStart(2, '0')}`, text: sentence(r, 6, 14).replace(/\.$/, '?') })),
      references: [
        { framework: 'MITRE ATLAS', ids: [`AML.T00${r.int(10, 60)}`, `AML.M00${r.int(10, 30)}`] },
        { framework: 'NIST AI RMF', ids: [`MEASURE 2.${r.int(1, 12)}`] },
        { framework: 'HIPAA', ids: ['164.312(a)(1)'] },
      ],
      treatment: accepted
        ? null
        : {
            kind: 'Mitigate',
            owner: 'Head of IT Security',
            plan: sentence(r, 8, 20),
            actions: Array.from({ length: r.int(1, 3) }, () => ({ text: sentence(r, 5, 12), owner: 'IT Security', due: `2026-${String(r.int(1, 12)).padStart(2, '0')}-15` })),
          },
      acceptance: accepted
        ? { rationale: sentences(r, 2), expiry: '2026-12-31', requestedBy: 'Dr Amira Haddad', grantedBy: { name: 'Prof Chair', role: 'Committee chair', at: '2026-01-10T10:00:00.000Z' }, expired: r.next() < 0.2 }
        : null,
    });
  }
  const { inherent, residual, byBand } = tally(risks);
  const hex = () => Array.from({ length: 64 }, () => '0123456789abcdef'[r.int(0, 15)]).join('');
  const reviews: RegisterReview[] = systems.map((s) => makeReview({ assessmentId: `ASM-${s.id.slice(4)}`, systemName: s.name, previousRounds: r.next() < 0.2 ? [[makeSignOff('Dr Early Round', { decision: 'Returned' })]] : [] }));
  const appendix: AppendixAssessment[] = systems.map((s) => ({
    assessmentId: `ASM-${s.id.slice(4)}`,
    systemName: s.name,
    stage: s.lifecycleStage,
    title: `${s.lifecycleStage} assessment`,
    questionnaires: [{ id: 'procurement', version: '1.0.0' }],
    answers: Array.from({ length: answersPer }, (_, k) => ({
      questionId: `PR-SYN-${String(k + 1).padStart(2, '0')}`,
      question: sentence(r, 8, 20).replace(/\.$/, '?'),
      answer: r.next() < 0.6 ? r.pick(['Yes', 'No', "I don't know", 'Not answered']) : sentences(r, r.int(1, 3)),
      source: r.pick(['Hospital', 'Vendor']),
      answeredBy: r.pick(['Dr Amira Haddad', 'Vendor Rep']),
      answeredAt: '2026-02-01T08:00:00.000Z',
      flagged: r.next() < 0.05,
    })),
    evidence: Array.from({ length: r.int(1, 4) }, (_, k) => ({ questionId: `PR-SYN-0${k + 1}`, fileName: `evidence-${k + 1}.pdf`, sha256: hex(), size: r.int(10_000, 5_000_000), addedBy: 'Dr Amira Haddad', addedAt: '2026-02-01T08:00:00.000Z', checked: null })),
  }));
  return {
    meta: { title: 'AI risk register', scope: 'All systems', selection: null, generatedAt: '2026-03-14T09:30:00.000Z', preparedBy: 'Dr Grace Preparer', ledger: { head: ledgerHead, length: 98765 }, appVersion: '0.1.0' },
    style: reportStyle(),
    matrix,
    systems,
    summary: {
      inherentByBand: byBand((x) => x.inherent.band),
      residualByBand: byBand((x) => x.residual.band),
      systemsAboveAppetite: systems.map((s) => ({ systemId: s.id, name: s.name, risks: risks.filter((x) => x.systemId === s.id && x.aboveAppetite).length })).filter((s) => s.risks > 0),
      decisionsNeeded: risks.filter((x) => x.aboveAppetite && x.status === 'Identified').slice(0, 20).map((x) => ({ text: `Decide how to treat ${x.id} (${x.threatName}).`, ref: x.id })),
      overdueReassessments: systems.filter((s) => s.overdue).map((s) => ({ systemId: s.id, name: s.name, due: s.reassessmentDue ?? '', reason: `re-assessment was due ${s.reassessmentDue ?? ''}` })),
      expiredAcceptances: risks.filter((x) => x.acceptance?.expired).map((x) => ({ riskId: x.id, systemName: x.systemName, threatName: x.threatName, expiry: x.acceptance?.expiry ?? '' })),
    },
    heatmaps: { inherent, residual },
    monitoring: [],
    risks,
    reviews,
    appendix,
    ...v2Fields(systems, risks, true),
  };
}
