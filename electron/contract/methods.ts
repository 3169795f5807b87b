import { z } from 'zod';
import { CriteriaSet, MonitoringCriteriaInput, MonitoringImportInput, MonitoringImportResult, MonitoringSummary, MonitoringSummaryInput, SetCriteriaInput } from './monitoring.ts';
import { allRoles, anyone, judgingRoles, treatingRoles, workflowEventActing, type ActingRule } from './acting-rules.ts';
import {
  AiSystem,
  RecordChangeInput,
  ReportIncidentInput,
  SystemArchiveInput,
  SystemCreateMethodInput,
  SystemHistory,
  SystemListInput,
  SystemPage,
  SystemPageInput,
  SystemRefInput,
  SystemUpdateInput,
  TriggerResult,
} from './systems.ts';
import {
  AnswerInput,
  AnswerResult,
  AssessmentDetail,
  AssessmentListInput,
  AssessmentPage,
  AssessmentPageInput,
  AssessmentRef,
  AssessmentSummary,
  EvidenceAddInput,
  EvidenceFile,
  EvidenceMeta,
  EvidenceRef,
  EvidenceRemoveInput,
  StartAssessmentInput,
  ThreatProfile,
  AnswerReviewInput,
  EvidenceVerifyInput,
  ResolveContradictionInput,
  UpgradeScoringInput,
  UpgradeScoringResult,
} from './assessments.ts';
import { AuditEventPage, AuditEventsInput, LedgerVerification } from './audit.ts';
import { Dashboard } from './dashboard.ts';
import { CommitteeSummary, RegisterSummaryInput, ThreatDetail, ThreatDetailInput } from './committee.ts';
import { BackupCreateInput, BackupReport, BackupRestoreInput, RestoreReport } from './backup.ts';
import { Person, PersonSaveInput } from './people.ts';
import { Account, AccountPasswordInput, AccountRef, AccountSaveInput, SessionInfo, SignInRecord, SignInsInput } from './accounts.ts';
import { ReviewPage, ReviewPageInput, ReviewQueue, ReviewQueueInput } from './reviews.ts';
import {
  Risk,
  RiskAcceptInput,
  RiskAssignOwnerInput,
  RiskAssignOwnerResult,
  RiskId,
  RiskListInput,
  RiskPage,
  RiskPageInput,
  RiskRequestAcceptanceInput,
  RiskTreatInput,
} from './risks.ts';
import { Settings, SettingsUpdateInput } from './settings.ts';
import { WorkflowAllowedInput, WorkflowSendInput, WorkflowState } from './workflow.ts';
import {
  CreatedRequest,
  CreateRequestInput,
  ImportInput,
  ImportPreview,
  ImportResult,
  InboxAnswerInput,
  InboxEvidenceInput,
  InboxEvidenceRef,
  InboxItem,
  InboxOpenInput,
  InboxRef,
  InboxRespondInput,
  InboxResponse,
  InboxSummary,
  PreviewInput,
  DocxImportInput,
  DocxPreviewInput,
  RequestListInput,
  VendorRequestSummary,
  WorkspaceIdentity,
} from './exchange.ts';
import { Vendor, VendorCreateInput, VendorDetail, VendorListInput, VendorRefInput, VendorSummary, VendorUpdateInput } from './vendors.ts';
import { ModelCardApplyInput, ModelCardPreview, ModelCardPreviewInput, ModelCardResult } from './model-card.ts';
import { Catalog, Coverage, LintResult, Questionnaire, TemplateList } from './templates.ts';
import { CalibrationReport } from './calibration.ts';
import { Comparison, CompareInput, ExportComparisonInput } from './compare.ts';
import { ExportProgress, ExportProgressInput, ExportQuestionnaireInput, ExportRegisterInput, ExportResult } from './exports.ts';

export interface MethodSpec<I extends z.ZodType, O extends z.ZodType> {
  /** Strict schema: the dispatcher refuses unknown keys and wrong types before any handler runs. */
  input: I;
  /** Output schema: documents the DTO and lets tests check handlers return what they promise. */
  output: O;
  /** Does the method change state? Mutating methods write an audit event in the same transaction. */
  mutates: boolean;
  /**
   * Who acts (see acting-rules.ts): 'none' for reads and OS-only changes, else whether a person
   * must be named and in which roles. The dispatcher checks it; handlers never do. A function
   * declares it per input (workflow.send: per event).
   */
  acting: ActingRule | ((input: z.output<I>) => ActingRule);
  /**
   * Which workspace mode (Settings → workspaceMode, docs/vendor-mode.md) may call it: left out, a
   * hospital method; 'vendor' for the vendor inbox; 'both' for what every workspace needs (its
   * settings, identity, backups and ledger). The dispatcher refuses the others with WRONG_WORKSPACE.
   */
  workspace?: 'vendor' | 'both';
  summary: string;
}

const defineMethod = <I extends z.ZodType, O extends z.ZodType>(spec: MethodSpec<I, O>): MethodSpec<I, O> => spec;

const Empty = z.strictObject({});

/** One run of a scheduled job (the due-date sweep on a team server): when, how it ended, which server ran it. */
export const ScheduledRun = z.object({
  startedAt: z.string(),
  finishedAt: z.string(),
  outcome: z.enum(['ok', 'failed']),
  /** The team server that ran it (host name and process id). */
  runner: z.string(),
});
export type ScheduledRun = z.output<typeof ScheduledRun>;

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  schemaVersion: z.number(),
  databasePath: z.string(),
  auditEvents: z.number(),
  ledgerHead: z.string().nullable(),
  /** The database failed its start-up check: Vigil only reads it and offers a restore. */
  readOnly: z.boolean(),
  problem: z.string().nullable(),
  backupsDir: z.string(),
  newestBackup: BackupReport.nullable(),
  /** The last scheduled due-date sweep a team server recorded (null: none recorded; the desktop sweeps as it opens and does not record it). */
  lastSweep: ScheduledRun.nullable().optional(),
});
export type AppInfo = z.output<typeof AppInfo>;

export const DemoResult = z.object({
  systems: z.number(),
  archived: z.number(),
  assessments: z.number(),
  answers: z.number(),
  people: z.number(),
  risks: z.number(),
});
export type DemoResult = z.output<typeof DemoResult>;

/** The whole API. Each method is declared exactly once; every transport is generated from this map. */
export const contract = {
  'app.info': defineMethod({
    input: Empty,
    output: AppInfo,
    mutates: false, acting: 'none',
    workspace: 'both', summary: 'Version, schema version and database location',
  }),
  'systems.list': defineMethod({
    input: SystemListInput,
    output: z.array(AiSystem),
    mutates: false, acting: 'none',
    summary: 'List AI systems in the inventory',
  }),
  'systems.page': defineMethod({
    input: SystemPageInput,
    output: SystemPage,
    mutates: false, acting: 'none',
    summary: 'One page of the inventory, filtered, searched and sorted, with each system\'s risk position',
  }),
  'systems.get': defineMethod({
    input: SystemRefInput,
    output: AiSystem,
    mutates: false, acting: 'none',
    summary: 'Show one AI system',
  }),
  'systems.create': defineMethod({
    input: SystemCreateMethodInput,
    output: AiSystem,
    mutates: true, acting: anyone,
    summary: 'Register an AI system in the inventory',
  }),
  'systems.update': defineMethod({
    input: SystemUpdateInput,
    output: AiSystem,
    mutates: true, acting: anyone,
    summary: 'Edit an AI system',
  }),
  'systems.archive': defineMethod({
    input: SystemArchiveInput,
    output: AiSystem,
    mutates: true, acting: anyone,
    summary: 'Archive an AI system (kept, hidden from the default list)',
  }),
  'systems.unarchive': defineMethod({
    input: SystemArchiveInput,
    output: AiSystem,
    mutates: true, acting: anyone,
    summary: 'Bring an archived AI system back into the inventory',
  }),
  // Vendors as records (issue 17, docs/vendors.md).
  'vendors.list': defineMethod({
    input: VendorListInput,
    output: z.array(VendorSummary),
    mutates: false, acting: 'none',
    summary: 'Vendors, searched, with their products, open requests and pinned key',
  }),
  'vendors.get': defineMethod({
    input: VendorRefInput,
    output: VendorDetail,
    mutates: false, acting: 'none',
    summary: 'A vendor with its contacts, products, pinned key and its history, requests, and responses with what changed between them',
  }),
  'vendors.create': defineMethod({
    input: VendorCreateInput,
    output: Vendor,
    mutates: true, acting: anyone,
    summary: 'Add a vendor (name unique whatever its case, contacts, notes)',
  }),
  'vendors.update': defineMethod({
    input: VendorUpdateInput,
    output: Vendor,
    mutates: true, acting: anyone,
    summary: "Change a vendor's name, contacts or notes (a new name is carried to its systems)",
  }),
  // Continuous monitoring after go-live (issue 20, docs/monitoring.md).
  'monitoring.setCriteria': defineMethod({
    input: SetCriteriaInput,
    output: CriteriaSet,
    mutates: true, acting: anyone,
    summary: "Record the acceptance criteria (metrics, subgroups, limits, review period) of a system's local validation assessment while it is editable",
  }),
  'monitoring.criteria': defineMethod({
    input: MonitoringCriteriaInput,
    output: CriteriaSet.nullable(),
    mutates: false, acting: 'none',
    summary: "A validation assessment's acceptance criteria (null when it records none)",
  }),
  'monitoring.import': defineMethod({
    input: MonitoringImportInput,
    output: MonitoringImportResult,
    mutates: true, acting: anyone,
    summary: 'Import monitoring values (CSV or JSON: metric, subgroup, period, value, n, source); a breach of a criterion records a drift event',
  }),
  'monitoring.summary': defineMethod({
    input: MonitoringSummaryInput,
    output: MonitoringSummary,
    mutates: false, acting: 'none',
    summary: "A system's monitoring: the criteria in force, each metric's series, breaches newest first, imports, whether data is overdue",
  }),
  'assessments.start': defineMethod({
    input: StartAssessmentInput,
    output: AssessmentDetail,
    mutates: true, acting: anyone,
    summary: "Start an assessment of a system at a lifecycle stage, pinning the stage's questionnaires",
  }),
  'assessments.list': defineMethod({
    input: AssessmentListInput,
    output: z.array(AssessmentSummary),
    mutates: false, acting: 'none',
    summary: 'List assessments, of one system or all',
  }),
  'assessments.page': defineMethod({
    input: AssessmentPageInput,
    output: AssessmentPage,
    mutates: false, acting: 'none',
    summary: 'One page of assessments, filtered, searched and sorted',
  }),
  'assessments.get': defineMethod({
    input: AssessmentRef,
    output: AssessmentDetail,
    mutates: false, acting: 'none',
    summary: 'An assessment with its questionnaires, answers, evidence and threat profile',
  }),
  'assessments.answer': defineMethod({
    input: AnswerInput,
    output: AnswerResult,
    mutates: true, acting: anyone,
    summary: 'Save answers (or "I don\'t know", or a flag) and rescore, in one transaction',
  }),
  'assessments.score': defineMethod({
    input: AssessmentRef,
    output: ThreatProfile,
    mutates: false, acting: 'none',
    summary: 'The threat profile with traces and gaps',
  }),
  'assessments.compare': defineMethod({
    input: CompareInput,
    output: Comparison,
    mutates: false, acting: 'none',
    summary: 'Two to four assessments side by side: per threat inherent and residual, the answers that differ, gaps and contradictions, and which leaves less residual risk',
  }),
  'assessments.threatDetail': defineMethod({
    input: ThreatDetailInput,
    output: ThreatDetail,
    mutates: false, acting: 'none',
    summary: 'One threat of an assessment as its owner plans from it: description for the system, why it scored so, gaps, and the safeguards that would lower it',
  }),
  'assessments.reviewAnswer': defineMethod({
    input: AnswerReviewInput,
    output: AnswerResult,
    mutates: true, acting: judgingRoles,
    summary: 'Mark a free-text answer reviewed: adequate (it may then credit a safeguard) or inadequate; null takes the verdict back',
  }),
  'assessments.resolveContradiction': defineMethod({
    input: ResolveContradictionInput,
    output: AnswerResult,
    mutates: true, acting: judgingRoles,
    summary: 'Settle a contradiction between answers about one safeguard: credit it or not, with the reason',
  }),
  'assessments.upgradeScoring': defineMethod({
    input: UpgradeScoringInput,
    output: UpgradeScoringResult,
    mutates: true, acting: { required: false, roles: ['assessor', 'committeeChair'] },
    summary: 'Move an editable assessment to the current scoring model and templates, carrying its answers by question id',
  }),
  'evidence.verify': defineMethod({
    input: EvidenceVerifyInput,
    output: EvidenceMeta,
    mutates: true, acting: judgingRoles,
    summary: "Mark an evidence file checked (it then gives a vendor's claim full strength), or take the mark back",
  }),
  'evidence.add': defineMethod({
    input: EvidenceAddInput,
    output: EvidenceMeta,
    mutates: true, acting: anyone,
    summary: 'Attach an evidence file (up to 25 MB) to an answer',
  }),
  'evidence.get': defineMethod({
    input: EvidenceRef,
    output: EvidenceFile,
    mutates: false, acting: 'none',
    summary: 'Download an evidence file, byte for byte',
  }),
  'evidence.remove': defineMethod({
    input: EvidenceRemoveInput,
    output: EvidenceMeta,
    mutates: true, acting: anyone,
    summary: 'Detach an evidence file',
  }),
  'workflow.send': defineMethod({
    input: WorkflowSendInput,
    output: WorkflowState,
    mutates: true, acting: (input) => workflowEventActing[input.event],
    summary: 'Send a workflow event to a system, assessment or risk (submit, sign off, advance...)',
  }),
  'workflow.allowed': defineMethod({
    input: WorkflowAllowedInput,
    output: WorkflowState,
    mutates: false, acting: 'none',
    summary: 'The current state of a system, assessment or risk and the events it accepts now',
  }),
  'reviews.queue': defineMethod({
    input: ReviewQueueInput,
    output: ReviewQueue,
    mutates: false, acting: 'none',
    summary: 'What awaits a person: reviews to sign, risks to treat or accept',
  }),
  'reviews.page': defineMethod({
    input: ReviewPageInput,
    output: ReviewPage,
    mutates: false, acting: 'none',
    summary: 'One page of the review log: assessments sent to review, awaiting a decision or decided',
  }),
  'risks.page': defineMethod({
    input: RiskPageInput,
    output: RiskPage,
    mutates: false, acting: 'none',
    summary: 'One page of the risk register, filtered, searched and sorted, with counts over every match',
  }),
  'risks.assignOwner': defineMethod({
    input: RiskAssignOwnerInput,
    output: RiskAssignOwnerResult,
    mutates: true, acting: anyone,
    summary: 'Make one person the owner of the selected risks (one change, one audit event)',
  }),
  'dashboard.summary': defineMethod({
    input: Empty,
    output: Dashboard,
    mutates: false, acting: 'none',
    summary: 'The portfolio at a glance: bands, appetite, heat map, what is overdue or due soon, and the trend',
  }),
  'risks.list': defineMethod({
    input: RiskListInput,
    output: z.array(Risk),
    mutates: false, acting: 'none',
    summary: 'The risk register, filtered by system, band, status, owner or overdue',
  }),
  'risks.get': defineMethod({ input: z.strictObject({ id: RiskId }), output: Risk, mutates: false, acting: 'none', summary: 'One risk with its treatment and acceptance' }),
  'risks.treat': defineMethod({
    input: RiskTreatInput,
    output: Risk,
    mutates: true, acting: { required: false, roles: treatingRoles },
    summary: 'Plan a treatment: mitigate (actions with owners and due dates), transfer or avoid',
  }),
  'risks.requestAcceptance': defineMethod({
    input: RiskRequestAcceptanceInput,
    output: Risk,
    mutates: true, acting: { required: true, roles: allRoles },
    summary: 'Ask for a risk to be accepted, with a rationale and an expiry date',
  }),
  'risks.accept': defineMethod({
    input: RiskAcceptInput,
    output: Risk,
    mutates: true, acting: { required: true, roles: allRoles },
    summary: 'Accept a risk (only a role authorised for its band)',
  }),
  'systems.recordChange': defineMethod({
    input: RecordChangeInput,
    output: TriggerResult,
    mutates: true, acting: anyone,
    summary: 'Record a new model version, data source or integration change; the system becomes due for re-assessment',
  }),
  'incidents.report': defineMethod({
    input: ReportIncidentInput,
    output: TriggerResult,
    mutates: true, acting: anyone,
    summary: 'Report a security incident, suspected manipulation or drift alert; the system becomes due for re-assessment',
  }),
  'systems.history': defineMethod({
    input: SystemRefInput,
    output: SystemHistory,
    mutates: false, acting: 'none',
    summary: 'Lifecycle, model versions, changes, incidents and the audit trail of a system',
  }),
  // In both modes: the app's shell reads who may act before it knows the mode; a vendor workspace has nobody (people.save is refused).
  'people.list': defineMethod({ input: Empty, output: z.array(Person), mutates: false, acting: 'none', workspace: 'both', summary: 'People and their governance roles' }),
  'people.save': defineMethod({ input: PersonSaveInput, output: Person, mutates: true, acting: anyone, summary: 'Add or change a person and their roles' }),
  'settings.get': defineMethod({ input: Empty, output: Settings, mutates: false, acting: 'none', workspace: 'both', summary: 'Governance settings' }),
  // Team mode (docs/team-mode.md): who is calling, and the administrator's accounts.
  'session.current': defineMethod({ input: Empty, output: SessionInfo, mutates: false, acting: 'none', workspace: 'both', summary: 'Who is calling: the desktop, or the signed-in team account' }),
  'accounts.list': defineMethod({ input: Empty, output: z.array(Account), mutates: false, acting: 'administrator', summary: 'Accounts on this team server (administrators only)' }),
  'accounts.save': defineMethod({
    input: AccountSaveInput,
    output: Account,
    mutates: true, acting: 'administrator',
    summary: 'Create or change an account and the person in Settings → People it signs in as (administrators only)',
  }),
  'accounts.setPassword': defineMethod({ input: AccountPasswordInput, output: Account, mutates: true, acting: 'administrator', summary: "Set an account's password (administrators only)" }),
  'accounts.unlock': defineMethod({ input: AccountRef, output: Account, mutates: true, acting: 'administrator', summary: 'Lift the lock after too many failed sign-ins (administrators only)' }),
  'accounts.signIns': defineMethod({
    input: SignInsInput,
    output: z.array(SignInRecord),
    mutates: false, acting: 'administrator',
    summary: 'Sign-in attempts and session ends, newest first (administrators only)',
  }),
  'settings.update': defineMethod({
    input: SettingsUpdateInput,
    output: Settings,
    mutates: true, acting: anyone,
    workspace: 'both', summary: 'Change sign-offs required, who may accept which band, the organisation name',
  }),
  'backup.create': defineMethod({
    input: BackupCreateInput,
    output: BackupReport,
    mutates: true, acting: 'none',
    workspace: 'both', summary: 'Take a verified backup (SQLite backup API) carrying the ledger head and length',
  }),
  'backup.list': defineMethod({ input: Empty, output: z.array(BackupReport), mutates: false, acting: 'none', workspace: 'both', summary: 'Backups in the backups folder, newest first' }),
  'backup.restore': defineMethod({
    input: BackupRestoreInput,
    output: RestoreReport,
    mutates: true, acting: 'none',
    workspace: 'both', summary: 'Replace the database with a verified backup (refused, untouched, for a damaged, foreign or newer file)',
  }),
  'audit.verify': defineMethod({
    input: z.strictObject({
      /** A head and length remembered from an export or backup: catches events added or cut at the end. */
      expected: z
        .strictObject({
          length: z.int({ error: 'length must be a whole number' }).min(0),
          head: z.string().regex(/^[0-9a-f]{64}$/, { error: 'head must be a SHA-256 hex digest' }),
          /** For the head a document states: events recorded after it are fine, the anchored one must be unchanged. */
          laterEventsAllowed: z.boolean().default(false),
        })
        .optional(),
    }),
    output: LedgerVerification,
    mutates: false, acting: 'none',
    workspace: 'both', summary: 'Recompute the hash chain of the audit ledger and report its head, or the first bad event',
  }),
  'audit.events': defineMethod({
    input: AuditEventsInput,
    output: AuditEventPage,
    mutates: false, acting: 'none',
    workspace: 'both', summary: 'One page of the audit ledger, newest first, filtered by action, actor, entity or date',
  }),
  'register.summary': defineMethod({
    input: RegisterSummaryInput,
    output: CommitteeSummary,
    mutates: false, acting: 'none',
    summary: "The committee's decision summary: per system a recommendation with its reasons, and the decisions asked of the committee",
  }),
  'export.register': defineMethod({
    input: ExportRegisterInput,
    output: ExportResult,
    mutates: true, acting: anyone,
    summary: 'The risk register of all systems or some, as a Word document or CSV, stating the ledger head; the export is recorded in the ledger',
  }),
  'export.questionnaire': defineMethod({
    input: ExportQuestionnaireInput,
    output: ExportResult,
    mutates: true, acting: anyone,
    summary: "An open vendor request as a Word questionnaire for a vendor who does not run Vigil: content controls to fill in, the deadline and a declaration",
  }),
  'export.comparison': defineMethod({
    input: ExportComparisonInput,
    output: ExportResult,
    mutates: true, acting: anyone,
    summary: 'Two to four assessments compared side by side as a Word document; the export is recorded in the ledger',
  }),
  'export.progress': defineMethod({
    input: ExportProgressInput,
    output: ExportProgress,
    mutates: false, acting: 'none',
    summary: 'How far a running export has got, by the key its caller chose',
  }),
  'demo.load': defineMethod({
    input: Empty,
    output: DemoResult,
    mutates: true, acting: 'none',
    summary: 'Fill an empty database with the fictional demo portfolio',
  }),
  'templates.list': defineMethod({
    input: Empty,
    output: TemplateList,
    mutates: false, acting: 'none',
    summary: 'The questionnaires and catalogs installed, with counts',
  }),
  'templates.get': defineMethod({
    input: z.strictObject({ id: z.string({ error: 'id must be text' }).min(1).max(100) }),
    output: Questionnaire,
    mutates: false, acting: 'none',
    summary: 'One questionnaire with its sections, questions, effects and references',
  }),
  'templates.catalog': defineMethod({
    input: Empty,
    output: Catalog,
    mutates: false, acting: 'none',
    summary: 'The threat and control catalogs, profile effects, reference registry and risk matrix',
  }),
  'templates.coverage': defineMethod({
    input: Empty,
    output: Coverage,
    mutates: false, acting: 'none',
    summary: 'How many questions of each questionnaire touch each threat',
  }),
  'templates.lint': defineMethod({
    input: Empty,
    output: LintResult,
    mutates: false, acting: 'none',
    summary: 'Check the installed templates for mistakes',
  }),
  'templates.calibration': defineMethod({
    input: Empty,
    output: CalibrationReport,
    mutates: false, acting: 'none',
    summary: 'The calibration table: each reference profile answer set scored, expected residual band against scored',
  }),
  // Vendor transparency exchange (issue 8): the hospital's side…
  'identity.get': defineMethod({
    input: Empty,
    output: WorkspaceIdentity,
    mutates: false, acting: 'none',
    workspace: 'both', summary: "This workspace's signing key: fingerprint, public key, when it was made and how it is protected",
  }),
  'vendor.request': defineMethod({
    input: CreateRequestInput,
    output: CreatedRequest,
    mutates: true, acting: anyone,
    summary: "Issue a signed request for the vendor's answers to an assessment's vendor questions",
  }),
  'vendor.requests': defineMethod({
    input: RequestListInput,
    output: z.array(VendorRequestSummary),
    mutates: false, acting: 'none',
    summary: 'Vendor requests issued, of one assessment or all, with their status',
  }),
  'vendor.previewImport': defineMethod({
    input: PreviewInput,
    output: ImportPreview,
    mutates: false, acting: 'none',
    summary: "Check a vendor's response package and show what importing it would change",
  }),
  'vendor.import': defineMethod({
    input: ImportInput,
    output: ImportResult,
    mutates: true, acting: anyone,
    summary: "Import a vendor's signed response: every check, then one transaction",
  }),
  'vendor.previewDocx': defineMethod({
    input: DocxPreviewInput,
    output: ImportPreview,
    mutates: false, acting: 'none',
    summary: "Read a vendor's filled-in Word questionnaire (its content controls) and show what importing it would change",
  }),
  'vendor.importDocx': defineMethod({
    input: DocxImportInput,
    output: ImportResult,
    mutates: true, acting: anyone,
    summary: "Import a vendor's filled-in Word questionnaire as transcribed vendor answers (unsigned): the request's checks, then one transaction",
  }),
  'modelCard.preview': defineMethod({
    input: ModelCardPreviewInput,
    output: ModelCardPreview,
    mutates: false, acting: 'none',
    summary: "Read a vendor's CHAI Applied Model Card (XML; DTDs, entities and processing instructions refused) and show which answers it would fill",
  }),
  'modelCard.apply': defineMethod({
    input: ModelCardApplyInput,
    output: ModelCardResult,
    mutates: true, acting: anyone,
    summary: "Fill an assessment's vendor answers from a CHAI Applied Model Card, attach the card as evidence, in one transaction",
  }),
  // …and the vendor's, in the vendor's own workspace.
  'vendorInbox.open': defineMethod({
    input: InboxOpenInput,
    output: InboxItem,
    mutates: true, acting: 'none',
    workspace: 'vendor', summary: "Open a hospital's request package in this vendor workspace (signature and expiry checked)",
  }),
  'vendorInbox.list': defineMethod({ input: Empty, output: z.array(InboxSummary), mutates: false, acting: 'none', workspace: 'vendor', summary: 'Requests opened in this vendor workspace' }),
  'vendorInbox.get': defineMethod({ input: InboxRef, output: InboxItem, mutates: false, acting: 'none', workspace: 'vendor', summary: "One opened request with this vendor's draft answers" }),
  'vendorInbox.answer': defineMethod({
    input: InboxAnswerInput,
    output: InboxItem,
    mutates: true, acting: 'none',
    workspace: 'vendor', summary: "Answer a request's questions (only those) in the vendor workspace",
  }),
  'vendorInbox.addEvidence': defineMethod({
    input: InboxEvidenceInput,
    output: InboxItem,
    mutates: true, acting: 'none',
    workspace: 'vendor', summary: 'Attach an evidence file (up to 25 MB) to an answer in the vendor workspace',
  }),
  'vendorInbox.removeEvidence': defineMethod({
    input: InboxEvidenceRef,
    output: InboxItem,
    mutates: true, acting: 'none',
    workspace: 'vendor', summary: 'Take an evidence file off a draft response in the vendor workspace (it is not sent)',
  }),
  'vendorInbox.respond': defineMethod({
    input: InboxRespondInput,
    output: InboxResponse,
    mutates: true, acting: 'none',
    workspace: 'vendor', summary: "Make the signed response package, bound to the request's nonce",
  }),
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type ParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;

export const methodNames = Object.keys(contract) as MethodName[];

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}
