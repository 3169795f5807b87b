import { z } from 'zod';
import { ActingAs } from './acting-as.ts';
import { LevelPair } from './assessments.ts';
import { isoDate, shortText } from './input-fields.ts';
import { SystemId } from './systems.ts';

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
