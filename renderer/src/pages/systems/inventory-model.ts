import type { SystemRow } from '../../../../electron/contract/index.ts';
import { listHref } from '../../routing/list-href.ts';
import { formatDate, todayIso } from '../../text/format.ts';

/** The inventory's "review due within" filter: the horizons a risk manager plans by. */
export const reviewDueOptions = [30, 60, 90].map((days) => ({ value: String(days), label: `Within ${days} days` }));

/** Today's date as YYYY-MM-DD in local time: a due date is a calendar day, not an instant. */
export const localToday = todayIso;

/** The next review in words, saying when it is already overdue. */
export function nextReviewText(nextReview: string | null, today: string): { text: string; overdue: boolean } {
  if (nextReview === null) return { text: 'Not set', overdue: false };
  const day = nextReview.slice(0, 10);
  return day < today ? { text: `${formatDate(day)} (overdue)`, overdue: true } : { text: formatDate(day), overdue: false };
}

/** The risk register filtered to this system's open risks: the rows behind "open risks". */
export const openRisksHref = (row: Pick<SystemRow, 'id'>): string => listHref('risks', { systemId: row.id, openOnly: true });

/** The risk register filtered to this system's open risks above appetite: the rows behind that count. */
export const aboveAppetiteHref = (row: Pick<SystemRow, 'id'>): string => listHref('risks', { systemId: row.id, openOnly: true, aboveAppetite: true });
