import type { ReadinessSummary, RoleReadiness, TrainingRecord } from '../../contract/index.ts';

/*
 * The readiness rule, in one place (docs/readiness.md): per role group, its latest training
 * record (latest training date; on the same date, the later recorded); coverage = trained /
 * using; a shortfall when coverage is below the hospital's target or the refresher due date has
 * passed. Pure: the observation source, the dashboard, the register and `training.list` all
 * read readiness through `readinessOf`.
 */

/** One group whatever its case and spacing: "ICU  nurses" and "icu nurses" are the same people. */
export const roleKey = (role: string): string => role.trim().replace(/\s+/g, ' ').toLowerCase();

const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "1 March 2026" for 2026-03-01: the day as a committee member reads it. */
export function dateInWords(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  const month = months[(m ?? 0) - 1];
  return month && y && d ? `${d} ${month} ${y}` : isoDate;
}

/** Coverage as a whole percent for words ("35%"), rounded down so 89.9% never reads as 90%. */
export const coveragePercent = (trained: number, using: number): number => Math.floor((trained * 100) / using);

/** Below target, exactly: trained / using < target / 100, in whole numbers (no rounding at the edge). */
export const isBelowTarget = (trained: number, using: number, target: number): boolean => trained * 100 < target * using;

/** Past due: the refresher's due date is before today. */
export const isRefresherOverdue = (refresherDue: string, today: string): boolean => refresherDue < today;

/** The latest record of each role group, in the order the groups were first trained (then by name). */
export function latestPerGroup(records: readonly TrainingRecord[]): TrainingRecord[] {
  const latest = new Map<string, TrainingRecord>();
  for (const r of records) {
    const key = roleKey(r.role);
    const held = latest.get(key);
    if (!held || r.date > held.date || (r.date === held.date && (r.recordedAt > held.recordedAt || (r.recordedAt === held.recordedAt && r.id > held.id)))) latest.set(key, r);
  }
  return [...latest.values()].sort((a, b) => a.role.localeCompare(b.role) || a.id.localeCompare(b.id));
}

/** One group's readiness in words, e.g. "Training: 14 of 40 ICU nurses (35%) trained on version 2.1, below the hospital's 90% target; the refresher was due on 1 March 2026." */
export function groupWords(r: TrainingRecord, target: number, today: string): string {
  const below = isBelowTarget(r.trained, r.using, target);
  const overdue = isRefresherOverdue(r.refresherDue, today);
  const head = `Training: ${r.trained} of ${r.using} ${r.role} (${coveragePercent(r.trained, r.using)}%) trained on version ${r.materialVersion}`;
  const against = below ? `, below the hospital's ${target}% target` : `, meeting the hospital's ${target}% target`;
  const refresher = overdue ? `; the refresher was due on ${dateInWords(r.refresherDue)}` : `; the refresher is due on ${dateInWords(r.refresherDue)}`;
  return `${head}${against}${refresher}.`;
}

export function roleReadiness(latest: TrainingRecord, target: number, today: string): RoleReadiness {
  const belowTarget = isBelowTarget(latest.trained, latest.using, target);
  const refresherOverdue = isRefresherOverdue(latest.refresherDue, today);
  return {
    role: latest.role,
    latest,
    coverage: latest.trained / latest.using,
    belowTarget,
    refresherOverdue,
    shortfall: belowTarget || refresherOverdue,
    words: groupWords(latest, target, today),
  };
}

/** A system's readiness from all its records, against the target (percent), as of `today` (YYYY-MM-DD). */
export function readinessOf(systemId: string, records: readonly TrainingRecord[], target: number, today: string): ReadinessSummary {
  const groups = latestPerGroup(records).map((r) => roleReadiness(r, target, today));
  const trained = groups.reduce((n, g) => n + g.latest.trained, 0);
  const using = groups.reduce((n, g) => n + g.latest.using, 0);
  const short = groups.filter((g) => g.shortfall);
  const status = groups.length === 0 ? 'noRecords' : short.length > 0 ? 'shortfall' : 'ready';
  const words =
    status === 'noRecords'
      ? 'No training records.'
      : status === 'ready'
        ? `Every role group meets the hospital's ${target}% target and no refresher is overdue (${trained} of ${using} people trained).`
        : `${short.length} of ${groups.length} role ${groups.length === 1 ? 'group' : 'groups'} ${short.length === 1 ? 'falls' : 'fall'} short: ${short.map((g) => g.role).join(', ')} (${trained} of ${using} people trained in all).`;
  return { systemId, target, groups, trained, using, groupsInShortfall: short.length, status, words };
}
