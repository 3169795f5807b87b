import type { CriteriaSet } from '../../contract/monitoring.ts';

/** Months from one YYYY-MM to another (positive when `to` is later). */
export const monthsBetween = (from: string, to: string): number => (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7));

/**
 * Monitoring data is overdue when its latest month is more than one review period before the
 * current month (docs/monitoring.md): reviewed monthly, December expects November's data at the
 * latest. With no data yet nothing is overdue: there is no month to count from.
 */
export const isOverdue = (latestPeriod: string | null, reviewPeriod: CriteriaSet['reviewPeriod'], today: string): boolean =>
  latestPeriod !== null && monthsBetween(latestPeriod, today.slice(0, 7)) > (reviewPeriod === 'quarterly' ? 3 : 1);
