import type { Answer, Question } from '../../contract/index.ts';

/** An answer as a committee reads it: option labels rather than stored values. */
export function answerInWords(question: Question | undefined, answer: Answer): string {
  if (answer.unknown) return "I don't know";
  const value = answer.value;
  if (value === null) return 'Not answered';
  const label = (v: string) => (question && 'options' in question ? (question.options.find((o) => o.value === v)?.label ?? v) : v);
  if (Array.isArray(value)) return value.map(label).join('; ');
  if (typeof value === 'number') return String(value);
  return label(value);
}
