import type { Answer, Question } from '../../contract/index.ts';

/** An option's label as the questionnaire words it, or the stored value when it has none. */
export const optionLabel = (question: Question | undefined, value: string): string =>
  question && 'options' in question ? (question.options.find((o) => o.value === value)?.label ?? value) : value;

/** An answer as a committee reads it: option labels rather than stored values. */
export function answerInWords(question: Question | undefined, answer: Pick<Answer, 'value' | 'unknown' | 'notApplicable'>): string {
  if (answer.unknown) return "I don't know";
  if (answer.notApplicable) return 'Not applicable';
  const value = answer.value;
  if (value === null) return 'Not answered';
  const label = (v: string) => optionLabel(question, v);
  if (Array.isArray(value)) return value.map(label).join('; ');
  if (typeof value === 'number') return String(value);
  return label(value);
}

/** Whose answer it is, in words: the assessor's finding or the vendor's claim (and how it arrived). */
export function answerSourceWords(answer: Pick<Answer, 'source' | 'transcribed'>): string {
  if (answer.source === 'assessor') return 'Assessor';
  return answer.transcribed ? "Vendor's claim, typed in by the assessor" : "Vendor's claim";
}
