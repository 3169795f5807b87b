import { z } from 'zod';
import { isoDate } from './input-fields.ts';
import { pagedInput, pageOf } from './paging.ts';

export const LedgerVerification = z.object({
  ok: z.boolean(),
  length: z.number(),
  head: z.string(),
  firstBad: z
    .object({ seq: z.number(), problem: z.enum(['altered', 'missing', 'reordered', 'inserted']), detail: z.string() })
    .optional(),
});
export type LedgerVerification = z.output<typeof LedgerVerification>;

/**
 * audit.events (docs/lists.md): the ledger one page at a time, newest first by default. Reading
 * it never changes it; `audit.verify` is what checks the chain.
 */
export const auditSorts = ['seq', 'actor', 'action', 'entity'] as const;
export type AuditSort = (typeof auditSorts)[number];

export const AuditEventsInput = pagedInput(
  auditSorts,
  'seq',
  {
    action: z.string({ error: 'action must be text' }).max(80).optional(),
    actor: z.string({ error: 'actor must be text' }).max(200).optional(),
    /** The entity an event is about (SYS-…, ASM-…, RSK-…, …). */
    entity: z.string({ error: 'entity must be text' }).max(80).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
  },
  'desc',
);

export const AuditEventRow = z.object({
  seq: z.number().int(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  entity: z.string(),
  /** The payload as canonical JSON, cut to 300 characters for the list (whole in the ledger). */
  payloadPreview: z.string(),
});
export type AuditEventRow = z.output<typeof AuditEventRow>;
export const AuditEventPage = pageOf(AuditEventRow);
export type AuditEventPage = z.output<typeof AuditEventPage>;
