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

type Option = { value: string; effects: Effect[] };

/** Options from the safest (most controls, fewest exposures) to the riskiest. */
function rankOptions(options: readonly Option[]) {
  return [...options].sort((a, b) => safety(b.effects) - safety(a.effects) || a.value.localeCompare(b.value));
}

const creditsOf = (option: Option) => new Set(option.effects.flatMap((e) => (isCredit(e) ? [e.control] : [])));

const freeAnswer = (question: Question): AnswerValue =>
  question.kind === 'number' ? 12 : question.kind === 'date' ? '2026-09-30' : 'Documented in the vendor pack (demo text).';

/**
 * Which safeguards a system really has, as everyone who answers about it finds. A safeguard
 * nobody has answered about yet follows a draw per system and safeguard (a strong posture has
 * most, a weak one few); after that the answers decide: a claim that it is in place wins over a
 * draw that it is not (some options claim two safeguards at once), and what an earlier
 * assessment settled holds at later stages. So every answer about a system — the hospital's,
 * the vendor's, at every stage — tells the same story, and the disagreements between answers
 * are the ones the portfolio writes in on purpose.
 */
export interface Stance {
  inPlace(control: string, posture: Posture): boolean;
  /** What an earlier assessment of the system settled about the safeguard, if anything. */
  settled(control: string): boolean | undefined;
  record(credited: Iterable<string>, denied: Iterable<string>): void;
  /** What this assessment's answers said now holds for the later ones. */
  commit(): void;
}

export function stanceOf(systemSeed: string): Stance {
  const settled = new Map<string, boolean>();
  const working = new Map<string, boolean>();
  return {
    inPlace: (control, posture) =>
      settled.get(control) ?? working.get(control) ?? draw(`${systemSeed}:control:${control}`) < (posture === 'strong' ? 0.9 : posture === 'mixed' ? 0.6 : 0.3),
    settled: (control) => settled.get(control),
    record(credited, denied) {
      for (const c of credited) if (!settled.has(c)) working.set(c, true);
      for (const c of denied) if (!settled.has(c) && working.get(c) !== true) working.set(c, false);
    },
    commit() {
      for (const [c, v] of working) settled.set(c, v);
      working.clear();
    },
  };
}

/**
 * Lets the stance settle for a set of questions before they are answered: two dry walks, so an
 * option met late that claims a safeguard is known when an earlier question asks about it.
 */
export function settleStance(questions: readonly Question[], posture: Posture, seed: string, stance: Stance) {
  for (let pass = 0; pass < 2; pass++) for (const q of questions) demoAnswer(q, posture, seed, stance);
}

/**
 * How a hospital with the given posture would answer one question, consistently with what is
 * in place (`stance`): an option that credits only safeguards in place (the safest one for a
 * strong posture, a weaker practice sometimes for the others); where none of the safeguards the
 * question asks about is in place, the riskiest option or "I don't know". Questions that credit
 * no safeguard get the safest, a middling or the riskiest option by the posture.
 */
export function demoAnswer(question: Question, posture: Posture, seed: string, stance: Stance): AnswerChange {
  const r = draw(`${seed}:${question.id}`);
  const unknownShare = posture === 'strong' ? 0.03 : posture === 'mixed' ? 0.12 : 0.2;
  if (!('options' in question)) {
    // "I don't know" denies what the answer could credit: only when none of it is in place.
    const creditable = question.answeredEffects.flatMap((e) => (isCredit(e) ? [e.control] : []));
    const unknown = r < unknownShare && !creditable.some((c) => stance.inPlace(c, posture));
    if (unknown) stance.record([], creditable);
    return unknown ? { questionId: question.id, unknown: true } : { questionId: question.id, value: freeAnswer(question) };
  }
  const ranked = rankOptions(question.options);
  const creditable = new Set(question.options.flatMap((o) => [...creditsOf(o)]));
  const answer = (picked: readonly Option[]): AnswerChange => {
    const values = picked.map((o) => o.value);
    stance.record(picked.flatMap((o) => [...creditsOf(o)]), []);
    return { questionId: question.id, value: question.kind === 'multi' ? values : (values[0] ?? '') };
  };
  const deny = (change: AnswerChange): AnswerChange => {
    stance.record([], creditable);
    return change;
  };
  if (creditable.size === 0) {
    // Nothing to credit or deny: the posture decides how safe the answer is.
    if (r < unknownShare) return { questionId: question.id, unknown: true };
    const safeShare = posture === 'strong' ? 0.85 : posture === 'mixed' ? 0.55 : 0.25;
    const u = (r - unknownShare) / (1 - unknownShare);
    const pick = u < safeShare ? ranked[0] : u < safeShare + (1 - safeShare) / 2 ? ranked[Math.floor(ranked.length / 2)] : ranked[ranked.length - 1];
    return answer(pick ? [pick] : []);
  }
  const inPlace = (c: string) => stance.inPlace(c, posture);
  // Options that credit something, and only safeguards that are in place.
  const honest = ranked.filter((o) => {
    const credits = creditsOf(o);
    return credits.size > 0 && [...credits].every(inPlace);
  });
  if (honest.length > 0) {
    if (question.kind === 'multi') return answer(posture === 'strong' ? honest : honest.slice(0, Math.max(1, Math.ceil(honest.length / 2))));
    const weaker = posture === 'weak' || (posture === 'mixed' && r < 0.4);
    return answer([(weaker ? honest[honest.length - 1] : honest[0]) as Option]);
  }
  // Some of it is in place, but every option that says so claims more: the closest one, unless
  // it would contradict an earlier stage more than saying "no" would.
  if ([...creditable].some(inPlace)) {
    const score = (o: Option) => [...creditsOf(o)].reduce((n, c) => n + (inPlace(c) ? 1 : -1), 0);
    const closest = [...ranked].filter((o) => creditsOf(o).size > 0).sort((a, b) => score(b) - score(a))[0];
    const against = (controls: Iterable<string>, value: boolean) => [...controls].filter((c) => stance.settled(c) === !value).length;
    if (closest && against(creditsOf(closest), true) <= against(creditable, false)) return answer([closest]);
  }
  // None of what the question asks about is in place: say so (or do not know).
  if (posture !== 'strong' && r < unknownShare * 2) return deny({ questionId: question.id, unknown: true });
  const crediting = new Set<Option>(question.options.filter((o) => creditsOf(o).size > 0));
  const denying = ranked.filter((o) => !crediting.has(o));
  const riskiest = denying[denying.length - 1];
  // A multi choice leaves the unchosen open; a single choice with no effect denies nothing.
  if (!riskiest) return { questionId: question.id, value: question.kind === 'multi' ? [] : ((ranked[ranked.length - 1] as Option).value) };
  return deny(answer([riskiest]));
}

/** Whether this question gets answered at all, for an assessment answered to `coverage`. */
export const answeredAtCoverage = (questionId: string, coverage: number, seed: string) => draw(`${seed}:cover:${questionId}`) < coverage;
