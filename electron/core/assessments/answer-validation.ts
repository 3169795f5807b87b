import type { AnswerValue, Question } from '../../contract/index.ts';

/** What answer checking needs of a question: a template question or one carried in a vendor request. */
export interface AnswerableQuestion {
  id: string;
  kind: Question['kind'];
  options?: readonly { value: string }[];
}

/**
 * Checks a value against its question's kind and options. Returns the problem in words that
 * name the question, or null when the value fits.
 */
export function answerProblem(question: AnswerableQuestion, value: AnswerValue): string | null {
  const q = question.id;
  const options = question.options ?? [];
  switch (question.kind) {
    case 'yesNo':
    case 'choice': {
      const allowed = options.map((o) => o.value);
      if (typeof value !== 'string') return `${q} takes one of: ${allowed.join(', ')}`;
      return allowed.includes(value) ? null : `${q}: "${value}" is not one of the options (${allowed.join(', ')})`;
    }
    case 'multi': {
      const allowed = options.map((o) => o.value);
      if (!Array.isArray(value)) return `${q} takes a list of options (${allowed.join(', ')})`;
      // An empty choice is not an answer: "none" is an option where it applies, else clear it.
      if (value.length === 0) return `${q}: choose at least one option, or clear the answer`;
      const unknown = value.filter((v) => !allowed.includes(v));
      if (unknown.length > 0) return `${q}: ${unknown.map((v) => `"${v}"`).join(', ')} not among the options (${allowed.join(', ')})`;
      return new Set(value).size === value.length ? null : `${q}: an option is chosen more than once`;
    }
    case 'text':
      if (typeof value !== 'string') return `${q} takes text`;
      return value.trim() === '' ? `${q}: the answer is empty; clear it instead` : null;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : `${q} takes a number`;
    case 'date': {
      if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return `${q} takes a date as YYYY-MM-DD`;
      const d = new Date(`${value}T00:00:00Z`);
      return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value ? `${q}: ${value} is not a real date` : null;
    }
  }
}
