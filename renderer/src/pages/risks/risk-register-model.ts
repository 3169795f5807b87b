import type { z } from 'zod';
import type { RiskAssignOwnerResult, RiskPageInput } from '../../../../electron/contract/index.ts';
import { formatCount } from '../../components/list/list-text.ts';

/** The register's state as `useListState` reads it from the address. */
export type RiskListInput = z.output<typeof RiskPageInput>;

/** The filters of `risks.page` (everything but the search, sort and window). */
export const riskFilterFields = [
  'systemId',
  'assessmentId',
  'vendor',
  'band',
  'status',
  'owner',
  'openOnly',
  'overdue',
  'aboveAppetite',
  'acceptanceExpiresWithinDays',
  'residualLikelihood',
  'residualImpact',
] as const satisfies readonly (keyof RiskListInput)[];

/** Is anything narrowing the register (a filter or a search)? */
export const isFiltered = (input: RiskListInput): boolean => input.search !== '' || riskFilterFields.some((f) => input[f] !== undefined);

/** The change that clears every filter and the search, keeping the sort. */
export const clearFilters = (): Partial<RiskListInput> => ({ search: '', ...Object.fromEntries(riskFilterFields.map((f) => [f, undefined])) });

export interface FilterChip {
  label: string;
  clear: Partial<RiskListInput>;
}

/**
 * Filters that arrive by link (the dashboard's heat map and acceptance list, an assessment's
 * risks) and have no control of their own on the register: each as a chip saying what it keeps,
 * and the change that removes it.
 */
export function chipsOf(input: RiskListInput): FilterChip[] {
  const chips: FilterChip[] = [];
  const { residualLikelihood: l, residualImpact: i } = input;
  if (l !== undefined && i !== undefined) {
    chips.push({ label: `Heat-map cell: likelihood ${l} × impact ${i}`, clear: { residualLikelihood: undefined, residualImpact: undefined } });
  } else if (l !== undefined) {
    chips.push({ label: `Residual likelihood ${l}`, clear: { residualLikelihood: undefined } });
  } else if (i !== undefined) {
    chips.push({ label: `Residual impact ${i}`, clear: { residualImpact: undefined } });
  }
  const days = input.acceptanceExpiresWithinDays;
  if (days !== undefined) {
    chips.push({ label: `Acceptance expires within ${days} ${days === 1 ? 'day' : 'days'}`, clear: { acceptanceExpiresWithinDays: undefined } });
  }
  if (input.assessmentId !== undefined) chips.push({ label: `Assessment ${input.assessmentId}`, clear: { assessmentId: undefined } });
  return chips;
}

export const risksText = (n: number): string => `${formatCount(n)} ${n === 1 ? 'risk' : 'risks'}`;

/** What risks.assignOwner did, in words. */
export function assignedText(result: RiskAssignOwnerResult): string {
  const changed = result.changed.length;
  const unchanged = result.unchanged.length;
  const parts = [changed > 0 ? `${risksText(changed)} now owned by ${result.owner}.` : 'No risk changed owner.'];
  if (unchanged > 0) parts.push(`${risksText(unchanged)} already ${unchanged === 1 ? 'was' : 'were'} owned by ${result.owner}.`);
  return parts.join(' ');
}
