import type { RiskMatrix } from '../../contract/index.ts';

/*
 * The words of score traces, read by committee members in the register and by owners in the app:
 * no scoring vocabulary, and every amount printed exactly (scores are sums of halves, so a
 * reader adding up the lines of a trace gets the score).
 */

/** 1, 0.5, 0.25 … as "1", "0.5", "0.25": exact, for places that print a bare number. */
export const amount = (n: number): string => String(Math.abs(n));

const namedFractions = new Map<number, [alone: string, after: string]>([
  [0.5, ['half a level', '½']],
  [0.25, ['a quarter of a level', '¼']],
  [0.75, ['three quarters of a level', '¾']],
  [0.125, ['an eighth of a level', '⅛']],
]);

/** The greatest common divisor, for reducing a fraction of a level. */
const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/**
 * An amount of levels in words, exactly: "1 level", "2 levels", "half a level", "1½ levels",
 * "3/16 of a level". Amounts are sums of halves, quarters …, so a denominator of 2^k is exact.
 */
export function levelsWords(n: number): string {
  const value = Math.abs(n);
  const whole = Math.floor(value);
  const fraction = value - whole;
  if (fraction === 0) return `${whole} ${whole === 1 ? 'level' : 'levels'}`;
  const named = namedFractions.get(fraction);
  if (named) return whole === 0 ? named[0] : `${whole}${named[1]} levels`;
  let denominator = 1;
  while (!Number.isInteger(fraction * denominator) && denominator < 2 ** 30) denominator *= 2;
  const numerator = Math.round(fraction * denominator);
  const d = gcd(numerator, denominator);
  const part = `${numerator / d}/${denominator / d}`;
  return whole === 0 ? `${part} of a level` : `${whole} and ${part} levels`;
}

/** "makes it more likely by 1 level and more harmful by half a level" — for trace details. */
export function describeChange(likelihood: number, impact: number): string {
  const parts: string[] = [];
  if (likelihood !== 0) parts.push(`makes it ${likelihood > 0 ? 'more' : 'less'} likely by ${levelsWords(likelihood)}`);
  if (impact !== 0) parts.push(`makes it ${impact > 0 ? 'more' : 'less'} harmful by ${levelsWords(impact)}`);
  return parts.join(' and ');
}

/** "3 (Occasional)" on the likelihood scale, "4 (Critical)" on the impact scale. */
export function levelName(matrix: RiskMatrix, scale: 'likelihood' | 'impact', level: number): string {
  return `${level} (${matrix[scale][level - 1]?.label ?? '?'})`;
}

/** The weight of the n-th strongest safeguard doing one job: in full, then half, a quarter… */
export const diminishingWeight = (rank: number): number => 1 / 2 ** rank;

/** Why a safeguard counts less than in full when stronger ones already do the same job. */
export function rankWords(rank: number): string {
  if (rank === 0) return '';
  const share = ['', 'half', 'a quarter', 'an eighth', 'a sixteenth'][rank] ?? `1/${2 ** rank}`;
  const stronger = rank === 1 ? 'a stronger safeguard already does' : `${rank} stronger safeguards already do`;
  return ` (it counts ${share}, because ${stronger} the same job)`;
}

/** An exposure on the open scale as a matrix level: nearest level, halves up, within 1-5. */
export const toLevel = (raw: number): number => Math.min(5, Math.max(1, Math.floor(raw + 0.5)));
