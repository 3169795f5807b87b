import type { AnswerValue, Question, ResponseAnswer } from '../../../contract/index.ts';
import { DomainError } from '../../domain-error.ts';
import type { ReadField } from './read-questionnaire-docx.ts';

const invalid = (questionId: string, message: string) =>
  new DomainError('VALIDATION_FAILED', `The questionnaire's answer to ${questionId} cannot be read: ${message}`, { issues: [{ path: questionId, message }] });

/** "12", "-3", "0.85", "1,5" (a decimal comma) → a number; anything else → null. */
function numberOf(text: string): number | null {
  const normal = text.replace(/\s/g, '').replace(/^(-?\d+),(\d+)$/, '$1.$2');
  return /^-?\d+(\.\d+)?$/.test(normal) ? Number(normal) : null;
}

function valueOf(question: Question, ticked: string[], typed: string | null): AnswerValue | null {
  const id = question.id;
  if (question.kind === 'multi') return ticked.length > 0 ? ticked : null;
  if (question.kind === 'yesNo' || question.kind === 'choice') {
    if (ticked.length > 1) throw invalid(id, `it takes one answer, but ${ticked.length} boxes are ticked (${ticked.join(', ')}).`);
    return ticked[0] ?? null;
  }
  if (typed === null || typed === '') return null;
  if (question.kind === 'number') {
    const n = numberOf(typed);
    if (n === null) throw invalid(id, `it takes a number, but the box holds "${typed.slice(0, 80)}".`);
    return n;
  }
  if (question.kind === 'date') {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(typed) || Number.isNaN(Date.parse(`${typed}T00:00:00Z`))) throw invalid(id, `it takes a date as YYYY-MM-DD, but the box holds "${typed.slice(0, 80)}".`);
    return typed;
  }
  return typed;
}

/**
 * The answers the content controls of a returned questionnaire hold, in the request's order:
 * ticked option boxes become the option values, typed text the text, number or date, a ticked
 * "I don't know" an unknown answer. A box for a question the request did not ask, an option the
 * question does not have, two ticks on a one-choice question, or "I don't know" beside an
 * answer is refused. Questions left blank are left out.
 */
export function answersOfFields(
  fields: readonly ReadField[],
  request: { id: string; questionIds: readonly string[] },
  questions: ReadonlyMap<string, Question>,
): ResponseAnswer[] {
  const requested = new Set(request.questionIds);
  const byQuestion = new Map<string, { ticked: string[]; typed: string | null; unknown: boolean }>();
  for (const { field, checked, text } of fields) {
    const question = questions.get(field.questionId);
    if (!requested.has(field.questionId) || !question) {
      throw new DomainError('QUESTION_NOT_IN_REQUEST', `The questionnaire answers ${field.questionId}, which request ${request.id} did not ask; only the request's questions can be answered.`, {
        questionId: field.questionId,
      });
    }
    const entry = byQuestion.get(field.questionId) ?? { ticked: [], typed: null, unknown: false };
    byQuestion.set(field.questionId, entry);
    const options = 'options' in question ? question.options : [];
    if (field.kind === 'unknown') entry.unknown = checked === true;
    else if (field.kind === 'text') {
      if (options.length > 0 || question.kind === 'multi') throw invalid(field.questionId, 'it has a text box, but the question is answered by ticking options.');
      entry.typed = text;
    } else {
      const value = 'value' in field ? field.value : options[field.index]?.value;
      if (options.length === 0) throw invalid(field.questionId, 'it has an option box, but the question takes typed text.');
      if (value === undefined || !options.some((o) => o.value === value)) throw invalid(field.questionId, `it has a box for an option the question does not have (${'value' in field ? field.value : `option ${field.index + 1}`}).`);
      if (checked) entry.ticked.push(value);
    }
  }
  const out: ResponseAnswer[] = [];
  for (const questionId of request.questionIds) {
    const entry = byQuestion.get(questionId);
    const question = questions.get(questionId);
    if (!entry || !question) continue;
    if ('options' in question) entry.ticked.sort((a, b) => question.options.findIndex((o) => o.value === a) - question.options.findIndex((o) => o.value === b));
    const value = valueOf(question, entry.ticked, entry.typed);
    if (entry.unknown && value !== null) throw invalid(questionId, '"I don\'t know" is ticked and an answer is given as well; keep one.');
    if (entry.unknown) out.push({ questionId, unknown: true });
    else if (value !== null) out.push({ questionId, value });
  }
  return out;
}
