import type { Dashboard, TrainingRecord } from '../../contract/index.ts';
import { roleReadiness } from './readiness.ts';

/**
 * The dashboard's readiness part (docs/readiness.md): from the latest record of every role group
 * in the portfolio, the systems with a group in shortfall by the one readiness rule, the earliest
 * refresher first, each with its groups in words; `limit` of them listed, all counted.
 */
export function readinessActions(latest: readonly (TrainingRecord & { systemName: string })[], target: number, today: string, limit: number): Dashboard['readiness'] {
  const bySystem = new Map<string, Dashboard['readiness']['rows'][number]>();
  for (const record of latest) {
    const group = roleReadiness(record, target, today);
    if (!group.shortfall) continue;
    const row = bySystem.get(record.systemId) ?? { systemId: record.systemId, systemName: record.systemName, groups: 0, words: [], due: record.refresherDue };
    row.groups += 1;
    row.words.push(group.words);
    if (record.refresherDue < row.due) row.due = record.refresherDue;
    bySystem.set(record.systemId, row);
  }
  const rows = [...bySystem.values()].sort((a, b) => a.due.localeCompare(b.due) || a.systemName.localeCompare(b.systemName) || a.systemId.localeCompare(b.systemId));
  return { total: rows.length, rows: rows.slice(0, limit) };
}
