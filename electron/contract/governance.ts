import { z } from 'zod';
import { AssessmentSummary, LevelPair } from './assessments.ts';
import { ActingAs, personName, RoleSchema } from './acting-as.ts';
import { SystemId } from './systems.ts';

export { ActingAs, normaliseName, roles, RoleSchema, sameSigner, type Role } from './acting-as.ts';

export const PersonId = z.string().regex(/^PER-[A-Z0-9]{4,16}$/, { error: 'person id must look like PER-XXXXXXXX' });

export const Person = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  roles: z.array(RoleSchema),
  active: z.boolean(),
});
export type Person = z.output<typeof Person>;

export const PersonSaveInput = z.strictObject({
  by: ActingAs.optional(),
  id: PersonId.optional(),
  name: personName,
  email: z.string().trim().max(200).default(''),
  roles: z
    .array(RoleSchema)
    .min(1, { error: 'give the person at least one role' })
    .refine((r) => new Set(r).size === r.length, { error: 'a role is listed more than once' }),
  active: z.boolean().default(true),
});


const bandList = z.array(RoleSchema);
export const Settings = z.object({
  organisation: z.string(),
  signOffsRequired: z.number(),
  acceptanceAuthority: z.record(z.string(), bandList),
  /**
   * Separation of duties (on by default): whoever requested an acceptance may not grant it, a
   * reviewer signs off once per round, and an assessor who answered an assessment may not approve it.
   */
  separationOfDuties: z.boolean(),
});
export type Settings = z.output<typeof Settings>;

export const SettingsUpdateInput = z
  .strictObject({
    by: ActingAs.optional(),
    organisation: z.string().trim().min(1).max(200).optional(),
    signOffsRequired: z.int({ error: 'signOffsRequired must be a whole number' }).min(1).max(9).optional(),
    acceptanceAuthority: z.record(z.string().regex(/^[a-z][a-zA-Z]*$/), bandList).optional(),
    separationOfDuties: z.boolean({ error: 'separationOfDuties must be true or false' }).optional(),
  })
  .refine((s) => Object.keys(s).some((k) => k !== 'by'), { error: 'change at least one setting' });

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'dates are YYYY-MM-DD' });
const shortText = (what: string, max: number) =>
  z.string({ error: `${what} must be text` }).trim().min(1, { error: `${what} is required` }).max(max, { error: `${what} must be at most ${max} characters` });

export const ConditionSchema = z.strictObject({
  text: shortText('condition', 1000),
  owner: shortText('condition owner', 120),
  due: isoDate,
});

export const workflowEvents = [
  'review.submit',
  'review.start',
  'review.approve',
  'review.approveWithConditions',
  'review.return',
  'review.reject',
  'review.reopen',
  'vendor.request',
  'vendor.receive',
  'lifecycle.advance',
  'lifecycle.retire',
  'risk.start',
  'risk.verify',
  'risk.close',
  'risk.rejectAcceptance',
] as const;
export type WorkflowEventName = (typeof workflowEvents)[number];

export const WorkflowSendInput = z.strictObject({
  entityId: z.string().regex(/^(SYS|ASM|RSK)-[A-Z0-9]{4,16}$/, { error: 'entityId must be a system (SYS-), assessment (ASM-) or risk (RSK-) id' }),
  event: z.enum(workflowEvents, { error: `event must be one of: ${workflowEvents.join(', ')}` }),
  by: ActingAs.optional(),
  comment: z.string().trim().max(5000).default(''),
  conditions: z.array(ConditionSchema).max(20).default([]),
});

export const WorkflowState = z.object({
  entityId: z.string(),
  kind: z.enum(['system', 'assessment', 'risk']),
  state: z.string(),
  allowedEvents: z.array(z.string()),
});
export type WorkflowState = z.output<typeof WorkflowState>;

export const WorkflowAllowedInput = z.strictObject({ entityId: WorkflowSendInput.shape.entityId, by: ActingAs.optional() });

export const TreatmentInput = z.strictObject({
  kind: z.enum(['mitigate', 'transfer', 'avoid'], { error: 'treatment must be mitigate, transfer or avoid' }),
  owner: shortText('owner', 120),
  plan: shortText('plan', 5000),
  actions: z.array(z.strictObject({ text: shortText('action', 1000), owner: shortText('action owner', 120), due: isoDate })).max(30).default([]),
});

export const RiskId = z.string().regex(/^RSK-[A-Z0-9]{4,16}$/, { error: 'risk id must look like RSK-XXXXXXXX' });

export const Risk = z.object({
  id: z.string(),
  assessmentId: z.string(),
  systemId: z.string(),
  systemName: z.string(),
  threatId: z.string(),
  threatName: z.string(),
  /** The threat's levels when the risk was opened or last rescored, as scored (model 2 keeps the raw exposure). */
  inherent: LevelPair,
  residual: LevelPair,
  band: z.string(),
  aboveAppetite: z.boolean(),
  owner: z.string(),
  status: z.string(),
  treatment: z.object({ kind: z.string(), owner: z.string(), plan: z.string(), actions: z.array(z.object({ text: z.string(), owner: z.string(), due: z.string() })) }).nullable(),
  acceptance: z
    .object({
      rationale: z.string(),
      expiry: z.string(),
      requestedBy: z.string(),
      grantedBy: z.object({ name: z.string(), role: z.string(), at: z.string() }).optional(),
    })
    .nullable(),
  dueDate: z.string().nullable(),
  overdue: z.boolean(),
  allowedEvents: z.array(z.string()),
  openedAt: z.string(),
  updatedAt: z.string(),
});
export type Risk = z.output<typeof Risk>;

export const RiskListInput = z.strictObject({
  systemId: SystemId.optional(),
  band: z.string().max(40).optional(),
  status: z.string().max(40).optional(),
  owner: z.string().max(120).optional(),
  overdue: z.boolean().optional(),
});

export const RiskTreatInput = z.strictObject({ id: RiskId, treatment: TreatmentInput, by: ActingAs.optional() });
export const RiskRequestAcceptanceInput = z.strictObject({
  id: RiskId,
  rationale: shortText('rationale', 5000),
  expiry: isoDate,
  by: ActingAs,
});
export const RiskAcceptInput = z.strictObject({
  id: RiskId,
  by: ActingAs,
  rationale: shortText('rationale', 5000).optional(),
  expiry: isoDate.optional(),
});

export const changeKinds = ['modelVersion', 'dataSource', 'integration'] as const;
export const incidentKinds = ['securityIncident', 'suspectedManipulation', 'driftAlert'] as const;

export const RecordChangeInput = z.strictObject({
  by: ActingAs.optional(),
  systemId: SystemId,
  kind: z.enum(changeKinds, { error: `kind must be one of: ${changeKinds.join(', ')}` }),
  description: shortText('description', 5000),
  modelVersion: z.string().trim().max(100).default(''),
  provenance: z.string().trim().max(5000).default(''),
  /** A digest identifying the training data set, e.g. sha256:… of its manifest. */
  datasetDigest: z.string().trim().max(200).default(''),
  changeNotice: z.string().trim().max(500).default(''),
  occurredAt: isoDate.optional(),
});

export const ReportIncidentInput = z.strictObject({
  by: ActingAs.optional(),
  systemId: SystemId,
  kind: z.enum(incidentKinds, { error: `kind must be one of: ${incidentKinds.join(', ')}` }),
  description: shortText('description', 5000),
  occurredAt: isoDate.optional(),
});

export const SystemEvent = z.object({
  id: z.string(),
  systemId: z.string(),
  kind: z.enum([...changeKinds, ...incidentKinds]),
  description: z.string(),
  modelVersion: z.string(),
  provenance: z.string(),
  datasetDigest: z.string(),
  changeNotice: z.string(),
  occurredAt: z.string(),
  recordedBy: z.string(),
  recordedAt: z.string(),
  assessmentId: z.string().nullable(),
});
export type SystemEvent = z.output<typeof SystemEvent>;

export const TriggerResult = z.object({ event: SystemEvent, lifecycleStage: z.string(), assessmentId: z.string().nullable() });
export type TriggerResult = z.output<typeof TriggerResult>;

export const HistoryEntry = z.object({ seq: z.number(), at: z.string(), actor: z.string(), action: z.string(), summary: z.string() });
export const GateStatus = z.object({
  stage: z.string().nullable(),
  assessmentId: z.string().nullable(),
  stageApproved: z.boolean(),
  blockingRisks: z.array(z.string()),
});

export const SystemHistory = z.object({
  systemId: z.string(),
  lifecycle: WorkflowState,
  /** What the next lifecycle gate is waiting for (null once in use or retired). */
  gate: GateStatus.nullable(),
  reassessmentDue: z.string().nullable(),
  events: z.array(SystemEvent),
  ledger: z.array(HistoryEntry),
});
export type SystemHistory = z.output<typeof SystemHistory>;

export const ReviewQueueInput = z.strictObject({ name: personName });
export const ReviewQueue = z.object({
  person: Person.nullable(),
  assessments: z.array(AssessmentSummary.extend({ reason: z.string() })),
  risks: z.array(Risk.extend({ reason: z.string() })),
});
export type ReviewQueue = z.output<typeof ReviewQueue>;

export const LedgerVerification = z.object({
  ok: z.boolean(),
  length: z.number(),
  head: z.string(),
  firstBad: z
    .object({ seq: z.number(), problem: z.enum(['altered', 'missing', 'reordered', 'inserted']), detail: z.string() })
    .optional(),
});
export type LedgerVerification = z.output<typeof LedgerVerification>;

export const BackupReport = z.object({
  name: z.string(),
  file: z.string(),
  createdAt: z.string(),
  size: z.number(),
  sha256: z.string(),
  schemaVersion: z.number(),
  ledger: z.object({ length: z.number(), head: z.string() }),
  kind: z.enum(['manual', 'daily', 'preMigration', 'preRestore']),
});
export type BackupReport = z.output<typeof BackupReport>;

export const BackupCreateInput = z.strictObject({
  /** A destination file: only from the command line (or a native save dialog), never from page code. */
  out: z.string().min(1).max(4096).optional(),
});
export const BackupRestoreInput = z.strictObject({
  /** A backup in the app's backups folder, by name (vigil-….db). */
  name: z.string().regex(/^[A-Za-z0-9._-]+\.db$/, { error: 'name must be a backup file name from the backups folder' }).optional(),
  /** Any file: only from the command line (or a native open dialog). */
  file: z.string().min(1).max(4096).optional(),
}).refine((r) => (r.name === undefined) !== (r.file === undefined), { error: 'give either name or file' });
export const RestoreReport = z.object({
  restoredFrom: z.string(),
  schemaVersion: z.number(),
  ledger: z.object({ length: z.number(), head: z.string() }),
  safetyCopy: z.string().nullable(),
});
export type RestoreReport = z.output<typeof RestoreReport>;
