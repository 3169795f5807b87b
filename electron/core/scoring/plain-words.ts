import type { RiskMatrix } from '../../contract/index.ts';

/** 1, 0.5, 0.25 … as "1", "0.5", "0.25" (scores are sums of halves, so they print exactly). */
export const amount = (n: number): string => String(Math.abs(n));

const levelWord = (n: number) => (Math.abs(n) === 1 ? 'level' : 'levels');

/** "makes it more likely by 1 level and more harmful by 1 level" — for trace details. */
export function describeChange(likelihood: number, impact: number): string {
  const parts: string[] = [];
  if (likelihood !== 0) parts.push(`makes it ${likelihood > 0 ? 'more' : 'less'} likely by ${amount(likelihood)} ${levelWord(likelihood)}`);
  if (impact !== 0) parts.push(`makes it ${impact > 0 ? 'more' : 'less'} harmful by ${amount(impact)} ${levelWord(impact)}`);
  return parts.join(' and ');
}

/** "3 (Occasional)" on the likelihood scale, "4 (Critical)" on the impact scale. */
export function levelName(matrix: RiskMatrix, scale: 'likelihood' | 'impact', level: number): string {
  return `${level} (${matrix[scale][level - 1]?.label ?? '?'})`;
}

/** The weight of the n-th strongest safeguard doing one job: in full, then half, a quarter… */
export const diminishingWeight = (rank: number): number => 1 / 2 ** rank;

export function rankWords(rank: number): string {
  if (rank === 0) return '';
  const nth = ['', 'second', 'third', 'fourth', 'fifth'][rank] ?? `${rank + 1}th`;
  const share = ['', 'half', 'a quarter', 'an eighth', 'a sixteenth'][rank] ?? `1/${2 ** rank}`;
  return ` (the ${nth} safeguard doing this job counts ${share})`;
}

/** An exposure on the open scale as a matrix level: nearest level, halves up, within 1-5. */
export const toLevel = (raw: number): number => Math.min(5, Math.max(1, Math.floor(raw + 0.5)));
