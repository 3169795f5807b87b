import type { AnswerValue, Effect, Question } from '../../contract/index.ts';

/** The effects an answer has: the chosen options' effects, or answeredEffects for free answers. */
export function effectsOfAnswer(question: Question, value: AnswerValue | null): Effect[] {
  if (value === null) return [];
  if (!('options' in question)) return question.answeredEffects;
  const chosen = Array.isArray(value) ? value : [String(value)];
  return question.options.filter((o) => chosen.includes(o.value)).flatMap((o) => o.effects);
}

/** "Yes", "Vendor cloud, Hospital data centre", the number or the text — for trace details. */
export function describeAnswer(question: Question, value: AnswerValue): string {
  if (!('options' in question)) {
    const text = String(value);
    return text.length > 80 ? `${text.slice(0, 77)}…` : text;
  }
  const chosen = Array.isArray(value) ? value : [String(value)];
  const labels = question.options.filter((o) => chosen.includes(o.value)).map((o) => o.label);
  return labels.length > 0 ? labels.join(', ') : 'none of the options';
}
