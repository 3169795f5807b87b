import { roles, stageLabels, type AssessmentStage } from '../../contract/index.ts';
import { roleWords } from '../export/words.ts';
import type { PolicyFacts } from './facts.ts';

/* Small wording helpers the committee rules share: documents name people and bands in words. */

export const bandWords = (policy: PolicyFacts, band: string): string => policy.bands.find((b) => b.id === band)?.label ?? band;

const roleInLabel = new RegExp(`\\((${roles.join('|')})\\)`, 'g');

/**
 * An actor label in words: "Dr A. Osei (committeeChair)" → "Dr A. Osei (Committee chair)", also
 * inside longer labels ("…, imported by M. Lopez (assessor)"); the OS login says nobody was
 * chosen; the scheduled check stays as it is.
 */
export function actorWords(actor: string): string {
  if (actor.startsWith('os:')) return `${actor} (no person chosen)`;
  return actor.replace(roleInLabel, (_, role: string) => `(${roleWords(role)})`);
}

/** "the local validation assessment". */
export const assessmentWords = (stage: AssessmentStage): string => `the ${stageLabels[stage].toLowerCase()} assessment`;

export const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** "1 risk", "3 risks". */
export const count = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** YYYY-MM-DD plus `days` (UTC calendar days). */
export const addDays = (isoDate: string, days: number): string => {
  const d = new Date(`${isoDate.slice(0, 10)}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/** Joins a list in words: "a", "a and b", "a, b and c". */
export function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;
}

/** Ends a sentence with a full stop unless it already ends with one (comments often do). */
export const sentence = (text: string): string => (/[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

/** A list in words that names at most `max` items: "a, b, c, d and 7 more". */
export const listCapped = (items: readonly string[], max = 4): string =>
  items.length <= max ? listWords(items) : `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
