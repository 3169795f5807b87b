import { z } from 'zod';
import { pagedInput, pageOf, withinDays } from './paging.ts';
import { ActingAs } from './acting-as.ts';
import { isoDate, shortText } from './input-fields.ts';
import { WorkflowState } from './workflow.ts';

/** How far the AI acts on its own (DESIGN §1): it informs, augments or automates a decision. */
export const autonomyLevels = ['informs', 'augments', 'automates'] as const;
export const dataCategories = ['phi', 'imaging', 'genomic', 'freeText', 'physiological'] as const;
export const deploymentTypes = ['vendorCloud', 'onPremises', 'embeddedDevice'] as const;
export const integrationPoints = ['ehr', 'pacs', 'lis', 'devices', 'pharmacy', 'patientPortal', 'other'] as const;
export const modelTypes = ['predictive', 'generative', 'other'] as const;
/** The worst credible harm to a patient from a wrong or late output, in ISO 14971 severity words (the matrix's impact levels 1-5). */
export const harmLevels = ['negligible', 'minor', 'serious', 'critical', 'catastrophic'] as const;
export type HarmLevel = (typeof harmLevels)[number];
export const regulatoryPathways = [
  'fda510k',
  'fdaDeNovo',
  'fdaPma',
  'ceMark',
  'ukca',
  'exemptCds',
  'notADevice',
  'pending',
  'unknown',
] as const;
export const clinicalDomains = [
  'radiology',
  'cardiology',
  'oncology',
  'pathology',
  'emergency',
  'intensiveCare',
  'surgery',
  'primaryCare',
  'mentalHealth',
  'endocrinology',
  'pharmacy',
  'laboratory',
  'nursing',
  'administration',
  'other',
] as const;
export const lifecycleStages = ['procurement', 'validation', 'deployment', 'inUse', 'reassessmentDue', 'retired'] as const;

const enumOf = <T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z.enum(values, {
    error: (issue) =>
      issue.input === undefined ? `${what} is required` : `${what} must be one of: ${values.join(', ')}`,
  });

const text = (what: string, max: number) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? `${what} is required` : `${what} must be text`) })
    .trim()
    .max(max, { error: () => `${what} must be at most ${max.toLocaleString('en-US')} characters` });

const requiredText = (what: string, max: number) =>
  text(what, max).min(1, { error: () => `${what} is required` });

const uniqueList = <T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z
    .array(enumOf(values, what), { error: () => `${what} must be a list` })
    .max(values.length, { error: () => `${what} lists a value more than once` })
    .refine((list) => new Set(list).size === list.length, { error: () => `${what} lists a value more than once` });

/**
 * The inventory record's editable fields. Only name and vendor are required: a risk manager
 * often registers a product before the details are known; missing details show as "not recorded".
 */
export const systemFieldShapes = {
  name: requiredText('Name', 200),
  vendor: requiredText('Vendor', 200),
  /** The person accountable for the system in the organisation (a name, as people are named). */
  owner: text('Owner', 120),
  productVersion: text('Product version', 100),
  modelVersion: text('Model version', 100),
  intendedUse: text('Intended use', 5000),
  clinicalDomain: enumOf(clinicalDomains, 'Clinical domain').nullable(),
  intendedUsers: text('Intended users', 1000),
  patientPopulation: text('Patient population', 1000),
  autonomyLevel: enumOf(autonomyLevels, 'Autonomy level').nullable(),
  worstCredibleHarm: enumOf(harmLevels, 'Worst credible harm').nullable(),
  timeCritical: z.boolean({ error: () => 'Time-critical condition must be true or false' }).nullable(),
  modelType: enumOf(modelTypes, 'Model type').nullable(),
  dataCategories: uniqueList(dataCategories, 'Data categories'),
  deploymentType: enumOf(deploymentTypes, 'Deployment type').nullable(),
  regulatoryStatus: enumOf(regulatoryPathways, 'Regulatory status'),
  regulatoryReference: text('Regulatory reference', 200),
  integrationPoints: uniqueList(integrationPoints, 'Integration points'),
};

export const SystemCreateInput = z.strictObject({
  name: systemFieldShapes.name,
  vendor: systemFieldShapes.vendor,
  owner: systemFieldShapes.owner.default(''),
  productVersion: systemFieldShapes.productVersion.default(''),
  modelVersion: systemFieldShapes.modelVersion.default(''),
  intendedUse: systemFieldShapes.intendedUse.default(''),
  clinicalDomain: systemFieldShapes.clinicalDomain.default(null),
  intendedUsers: systemFieldShapes.intendedUsers.default(''),
  patientPopulation: systemFieldShapes.patientPopulation.default(''),
  autonomyLevel: systemFieldShapes.autonomyLevel.default(null),
  worstCredibleHarm: systemFieldShapes.worstCredibleHarm.default(null),
  timeCritical: systemFieldShapes.timeCritical.default(null),
  modelType: systemFieldShapes.modelType.default(null),
  dataCategories: systemFieldShapes.dataCategories.default([]),
  deploymentType: systemFieldShapes.deploymentType.default(null),
  regulatoryStatus: systemFieldShapes.regulatoryStatus.default('unknown'),
  regulatoryReference: systemFieldShapes.regulatoryReference.default(''),
  integrationPoints: systemFieldShapes.integrationPoints.default([]),
});
export type SystemFields = z.output<typeof SystemCreateInput>;
export type SystemCreateRequest = z.input<typeof SystemCreateInput>;

/** A vendor record (contract/vendors.ts); here because systems link to one. */
export const VendorId = z
  .string({ error: () => 'vendorId must be text' })
  .regex(/^VEN-[A-Z0-9]{4,16}$/, { error: () => 'vendorId must look like VEN-XXXXXXXX' });

export const SystemId = z
  .string({ error: () => 'id must be text' })
  .regex(/^SYS-[A-Z0-9]{4,16}$/, { error: () => 'id must look like SYS-XXXXXXXX' });

/**
 * systems.create: the fields, and who registers the system (a person, or the OS login). The
 * vendor is named (an existing vendor matched whatever its case, or a new one) or given by id.
 */
export const SystemCreateMethodInput = SystemCreateInput.extend({
  vendor: systemFieldShapes.vendor.optional(),
  vendorId: VendorId.optional(),
  by: ActingAs.optional(),
}).refine((input) => input.vendor !== undefined || input.vendorId !== undefined, { error: () => 'Vendor is required', path: ['vendor'] });
/** What systems.create registers: the fields, the vendor by name or by id. */
export type SystemCreateFields = Omit<SystemFields, 'vendor'> & { vendor?: string | undefined; vendorId?: string | undefined };

export const SystemUpdateInput = z.strictObject({
  id: SystemId,
  by: ActingAs.optional(),
  changes: z
    .strictObject({ ...systemFieldShapes, vendorId: VendorId })
    .partial()
    .refine((changes) => Object.keys(changes).length > 0, { error: () => 'changes must name at least one field' }),
});

export const SystemRefInput = z.strictObject({ id: SystemId });
/** systems.archive / systems.unarchive. */
export const SystemArchiveInput = SystemRefInput.extend({ by: ActingAs.optional() });

export const SystemListInput = z.strictObject({
  includeArchived: z.boolean({ error: () => 'includeArchived must be true or false' }).default(false),
  search: text('search', 200).default(''),
});

export const AiSystem = z.object({
  id: z.string(),
  ...SystemCreateInput.shape,
  /** The vendor record; `vendor` is its name, kept in step with it. */
  vendorId: z.string(),
  lifecycleStage: z.enum(lifecycleStages),
  archived: z.boolean(),
  archivedAt: z.string().nullable(),
  reassessmentDue: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
});
export type AiSystem = z.output<typeof AiSystem>;

// A system's history: recorded changes and incidents, its lifecycle gate and audit trail.
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

/**
 * systems.page: the inventory one page at a time (docs/lists.md), with each system's risk
 * position worked out in SQL. "Overall band" is the overall band of the system's latest
 * assessment (null before any); "open risks" are its risks not closed or verified, and
 * "above appetite" those of them whose residual band is above the matrix's appetite.
 */
export const systemSorts = ['name', 'vendor', 'lifecycleStage', 'overallBand', 'openRisks', 'aboveAppetite', 'owner', 'nextReview', 'updatedAt'] as const;
export type SystemSort = (typeof systemSorts)[number];

export const SystemPageInput = pagedInput(systemSorts, 'name', {
  includeArchived: z.boolean({ error: () => 'includeArchived must be true or false' }).default(false),
  lifecycleStage: enumOf(lifecycleStages, 'Lifecycle stage').optional(),
  /** The vendor's name, matched whole and without regard to case. */
  vendor: z.string({ error: 'vendor must be text' }).trim().min(1).max(200).optional(),
  overallBand: z.string({ error: 'overallBand must be text' }).max(40).optional(),
  /** Only systems with at least one open risk above appetite. */
  aboveAppetiteOnly: z.boolean({ error: () => 'aboveAppetiteOnly must be true or false' }).optional(),
  /** Only systems whose next review (re-assessment due date) falls within this many days (overdue ones included). */
  reviewDueWithinDays: withinDays('reviewDueWithinDays').optional(),
});

export const SystemRow = z.object({
  id: z.string(),
  name: z.string(),
  vendor: z.string(),
  owner: z.string(),
  lifecycleStage: z.enum(lifecycleStages),
  archived: z.boolean(),
  overallBand: z.string().nullable(),
  /** The latest assessment, whose overall band this is (null before any). */
  latestAssessmentId: z.string().nullable(),
  openRisks: z.number().int(),
  aboveAppetite: z.number().int(),
  /** When the system is next due for re-assessment (null when nothing sets a date). */
  nextReview: z.string().nullable(),
  updatedAt: z.string(),
});
export type SystemRow = z.output<typeof SystemRow>;
export const SystemPage = pageOf(SystemRow);
export type SystemPage = z.output<typeof SystemPage>;
