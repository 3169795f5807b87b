import { createHash } from 'node:crypto';
import { isCredit, isFloor, type AnswerChange, type AnswerValue, type Effect, type Question } from '../../contract/index.ts';

export type Posture = 'strong' | 'mixed' | 'weak';

/** A fixed number in [0, 1) per system and question, so the demo comes out the same each time. */
function draw(seed: string): number {
  return createHash('sha256').update(seed).digest().readUInt32BE(0) / 2 ** 32;
}

const safety = (effects: readonly Effect[]) =>
  effects.reduce(
    (n, e) => n + (isCredit(e) ? (e.strength === 'partial' ? 0.5 : 1) : isFloor(e) ? -2 * ((e.floor.likelihood ?? 0) + (e.floor.impact ?? 0)) : -2 * ((e.likelihood ?? 0) + (e.impact ?? 0))),
    0,
  );

/** Options from the safest (most controls, fewest exposures) to the riskiest. */
function rankOptions(question: Question & { options: { value: string; effects: Effect[] }[] }) {
  return [...question.options].sort((a, b) => safety(b.effects) - safety(a.effects) || a.value.localeCompare(b.value));
}

const freeAnswer = (question: Question): AnswerValue =>
  question.kind === 'number' ? 12 : question.kind === 'date' ? '2026-09-30' : 'Documented in the vendor pack (demo text).';

/**
 * How a hospital with the given posture would answer one question: a strong one mostly picks
 * the safest option, a weak one the riskiest, and everyone says "I don't know" sometimes.
 */
export function demoAnswer(question: Question, posture: Posture, seed: string): AnswerChange {
  const r = draw(`${seed}:${question.id}`);
  const unknownShare = posture === 'strong' ? 0.03 : posture === 'mixed' ? 0.12 : 0.2;
  if (r < unknownShare) return { questionId: question.id, unknown: true };
  if (!('options' in question)) return { questionId: question.id, value: freeAnswer(question) };
  const ranked = rankOptions(question);
  const safeShare = posture === 'strong' ? 0.85 : posture === 'mixed' ? 0.55 : 0.25;
  const u = (r - unknownShare) / (1 - unknownShare);
  const pick = u < safeShare ? ranked[0] : u < safeShare + (1 - safeShare) / 2 ? ranked[Math.floor(ranked.length / 2)] : ranked[ranked.length - 1];
  const value = pick?.value ?? question.options[0]?.value ?? '';
  return { questionId: question.id, value: question.kind === 'multi' ? [value] : value };
}

/** Whether this question gets answered at all, for an assessment answered to `coverage`. */
export const answeredAtCoverage = (questionId: string, coverage: number, seed: string) => draw(`${seed}:cover:${questionId}`) < coverage;
