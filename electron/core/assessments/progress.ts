import type { Progress, Question } from '../../contract/index.ts';
import type { StoredAnswer } from '../scoring/visibility.ts';

/** Answered / required / flagged over the questions being asked. "I don't know" is a response. */
export function computeProgress(
  questions: readonly Question[],
  visible: ReadonlySet<string>,
  answers: ReadonlyMap<string, StoredAnswer & { flagged: boolean; toReconfirm: boolean }>,
): Progress {
  let answered = 0;
  let unknown = 0;
  let required = 0;
  let requiredAnswered = 0;
  let flagged = 0;
  const missingRequired: string[] = [];
  const toReconfirm: string[] = [];
  for (const q of questions) {
    if (!visible.has(q.id)) continue;
    const a = answers.get(q.id);
    const responded = a !== undefined && (a.unknown || a.value !== null);
    if (responded) answered++;
    if (a?.unknown) unknown++;
    if (a?.flagged) flagged++;
    if (a?.toReconfirm) toReconfirm.push(q.id);
    if (q.required) {
      required++;
      if (responded) requiredAnswered++;
      else missingRequired.push(q.id);
    }
  }
  return { visible: visible.size, answered, unknown, required, requiredAnswered, flagged, missingRequired, toReconfirm };
}
