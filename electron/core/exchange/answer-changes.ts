import type { AnswerValue, ResponseAnswer, ResponseChange } from '../../contract/index.ts';

/** What one response answered to a question: its value, or null for "I don't know". */
export const responseValue = (a: ResponseAnswer): AnswerValue | null => ('value' in a ? a.value : null);

const stateOf = (a: ResponseAnswer) => ({ value: responseValue(a), unknown: 'unknown' in a });

/**
 * How an answer in a vendor's response compares with the same question in its previous response
 * for the system: new (not answered then), changed (another value, or "I don't know" either way)
 * or the same. The one rule the import preview and the vendor page share.
 */
export function answerChange(before: ResponseAnswer | undefined, after: ResponseAnswer): 'new' | 'changed' | 'same' {
  if (before === undefined) return 'new';
  const [b, a] = [stateOf(before), stateOf(after)];
  return JSON.stringify(b.value) === JSON.stringify(a.value) && b.unknown === a.unknown ? 'same' : 'changed';
}

/**
 * What changed from one response to the next: answers new or changed in `current` (in its order),
 * then those `previous` gave that `current` does not (removed). Unchanged answers are left out.
 */
export function responseChanges(previous: readonly ResponseAnswer[], current: readonly ResponseAnswer[], textOf: (questionId: string) => string): ResponseChange[] {
  const before = new Map(previous.map((a) => [a.questionId, a]));
  const now = new Set(current.map((a) => a.questionId));
  const changes: ResponseChange[] = [];
  for (const a of current) {
    const b = before.get(a.questionId);
    const kind = answerChange(b, a);
    if (kind !== 'same') changes.push({ questionId: a.questionId, text: textOf(a.questionId), kind, before: b ? stateOf(b) : null, after: stateOf(a) });
  }
  for (const b of previous) {
    if (!now.has(b.questionId)) changes.push({ questionId: b.questionId, text: textOf(b.questionId), kind: 'removed', before: stateOf(b), after: null });
  }
  return changes;
}
