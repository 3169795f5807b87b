import { z } from 'zod';
import { ActingAs } from './acting-as.ts';
import { LevelPair } from './assessments.ts';
import { isoDate, shortText } from './input-fields.ts';
import { SystemId } from './systems.ts';
import { pagedInput, pageOf, withinDays } from './paging.ts';

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
  /** The revision of the risk's workflow state (send it back with workflow.send's expectedRevision). */
  revision: z.number().int(),
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

/**
 * risks.page (docs/lists.md): the register one page at a time, filtered and sorted in SQL.
 * "Open" risks are those not closed or verified. `residualLikelihood`/`residualImpact` pick
 * one cell of the heat map; `vendor` matches the system's vendor whole, without regard to case.
 */
export const riskSorts = ['systemName', 'threatName', 'residual', 'inherent', 'status', 'owner', 'dueDate', 'openedAt', 'updatedAt'] as const;
export type RiskSort = (typeof riskSorts)[number];

const level = (what: string) =>
  z.number({ error: `${what} must be a whole number from 1 to 5` }).int({ error: `${what} must be a whole number from 1 to 5` }).min(1).max(5);

export const RiskPageInput = pagedInput(
  riskSorts,
  'residual',
  {
    systemId: SystemId.optional(),
    assessmentId: z.string().regex(/^ASM-[A-Z0-9]{4,16}$/, { error: 'assessment id must look like ASM-XXXXXXXX' }).optional(),
    vendor: z.string({ error: 'vendor must be text' }).trim().min(1).max(200).optional(),
    band: z.string({ error: 'band must be text' }).max(40).optional(),
    status: z.string({ error: 'status must be text' }).max(40).optional(),
    owner: z.string({ error: 'owner must be text' }).max(120).optional(),
    /** Only risks not closed or verified. */
    openOnly: z.boolean({ error: 'openOnly must be true or false' }).optional(),
    overdue: z.boolean({ error: 'overdue must be true or false' }).optional(),
    aboveAppetite: z.boolean({ error: 'aboveAppetite must be true or false' }).optional(),
    /** Only accepted risks whose acceptance expires within this many days (expired ones included). */
    acceptanceExpiresWithinDays: withinDays('acceptanceExpiresWithinDays').optional(),
    residualLikelihood: level('residualLikelihood').optional(),
    residualImpact: level('residualImpact').optional(),
  },
  'desc',
);

export const RiskPage = pageOf(Risk).extend({
  /** Across every row matching the filters, not only this page. */
  counts: z.object({ aboveAppetite: z.number().int(), overdue: z.number().int() }),
});
export type RiskPage = z.output<typeof RiskPage>;

/**
 * risks.assignOwner: one owner for the selected risks, in one transaction with one audit event
 * naming every risk and its previous owner. The owner must be a person in People.
 */
export const maxBulkRisks = 1000;
export const RiskAssignOwnerInput = z.strictObject({
  ids: z
    .array(RiskId, { error: 'ids must be a list of risk ids' })
    .min(1, { error: 'choose at least one risk' })
    .max(maxBulkRisks, { error: `at most ${maxBulkRisks} risks at a time` })
    .refine((ids) => new Set(ids).size === ids.length, { error: 'a risk is listed more than once' }),
  owner: shortText('owner', 120),
  by: ActingAs.optional(),
});
export const RiskAssignOwnerResult = z.object({
  owner: z.string(),
  /** The risks whose owner changed, and those that already had this owner (left alone). */
  changed: z.array(z.string()),
  unchanged: z.array(z.string()),
});
export type RiskAssignOwnerResult = z.output<typeof RiskAssignOwnerResult>;
