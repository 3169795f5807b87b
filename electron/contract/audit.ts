import { z } from 'zod';

export const LedgerVerification = z.object({
  ok: z.boolean(),
  length: z.number(),
  head: z.string(),
  firstBad: z
    .object({ seq: z.number(), problem: z.enum(['altered', 'missing', 'reordered', 'inserted']), detail: z.string() })
    .optional(),
});
export type LedgerVerification = z.output<typeof LedgerVerification>;
