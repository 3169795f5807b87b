import { z } from 'zod';
import { decodeJson } from '../store/decode-json.ts';

/**
 * When a risk is next due, and whether it is still open: the one place these are decided. The
 * risk's `dueDate` (contract), the stored `risks.due_date` the register sorts and filters on
 * (written by the risks repository on every change of state), and migration 010's fill of that
 * column for existing risks all come from here.
 */

/** A risk is open until it is verified or closed. */
export const closedRiskStatuses: readonly string[] = ['closed', 'verified'];
export const isOpenRisk = (status: string): boolean => !closedRiskStatuses.includes(status);

export interface DueDateFacts {
  status: string;
  treatment: { actions: readonly { due: string }[] } | null;
  acceptance: { expiry: string } | null;
}

/** The earliest due date of the treatment's actions, or the acceptance's expiry while it is accepted. */
export function riskDueDate({ status, treatment, acceptance }: DueDateFacts): string | null {
  const dues = [...(treatment?.actions.map((a) => a.due) ?? []), ...(acceptance && status === 'accepted' ? [acceptance.expiry] : [])].sort();
  return dues[0] ?? null;
}

/** Only what the due date reads of the risk machine's stored snapshot. */
const StoredRiskContext = z.object({
  context: z.object({
    treatment: z.object({ actions: z.array(z.object({ due: z.string() })) }).nullable().default(null),
    acceptance: z.object({ expiry: z.string() }).nullable().default(null),
  }),
});

/** The due date of a risk from its stored snapshot (JSON), as the repository writes it. */
export function riskDueDateOfSnapshot(status: string, snapshot: string): string | null {
  const { context } = decodeJson(StoredRiskContext, snapshot, 'a stored risk snapshot');
  return riskDueDate({ status, ...context });
}
