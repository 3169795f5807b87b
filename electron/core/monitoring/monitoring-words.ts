import { overallSubgroup } from '../../contract/monitoring.ts';

/** A value as people read it: at least two decimals (0.80), more when it has them (0.805), never a float's noise. */
export function formatValue(value: number): string {
  if (Number.isInteger(value * 100)) return value.toFixed(2);
  return String(Number(value.toPrecision(12)));
}

/** "for age 65+", or "overall". */
export function subgroupWords(subgroup: string): string {
  if (subgroup === overallSubgroup) return 'overall';
  const at = subgroup.indexOf(':');
  return `for ${subgroup.slice(0, at)} ${subgroup.slice(at + 1)}`;
}
