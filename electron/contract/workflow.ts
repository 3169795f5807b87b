import { z } from 'zod';
import { ActingAs } from './acting-as.ts';
import { expectedRevision, isoDate, shortText } from './input-fields.ts';

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
  /**
   * The revision of the workflow state the sender was shown. If the state has moved on, the event
   * is refused with CONFLICT naming who moved it. Without it, the last writer wins.
   */
  expectedRevision: expectedRevision.optional(),
});

export const WorkflowState = z.object({
  entityId: z.string(),
  kind: z.enum(['system', 'assessment', 'risk']),
  state: z.string(),
  allowedEvents: z.array(z.string()),
  /** Bumped by every change of this state; send it back as `expectedRevision` with the next event. */
  revision: z.number().int(),
});
export type WorkflowState = z.output<typeof WorkflowState>;

export const WorkflowAllowedInput = z.strictObject({ entityId: WorkflowSendInput.shape.entityId, by: ActingAs.optional() });
