import type { Question } from '../../../../electron/contract/index.ts';

/** A section as the moves see it: its id and the questions asked in it, in order. */
export interface MoveSection {
  id: string;
  questions: readonly Pick<Question, 'id' | 'required'>[];
}

export interface MoveTarget {
  section: string;
  /** null: the section itself (its heading). */
  question: string | null;
}

export type Move = 'nextQuestion' | 'previousQuestion' | 'nextSection' | 'previousSection' | 'nextUnanswered' | 'nextRequired' | 'firstUnanswered';

/**
 * Where a move of the keyboard shortcuts (shortcuts.ts) and the skip link lead, from the
 * section shown and the question focus is in (null when focus is not in a question). Question
 * moves go on into the next or previous section; the unanswered ones go round from the end to
 * the start. null: nowhere to go.
 */
export function moveTarget(
  move: Move,
  sections: readonly MoveSection[],
  at: { section: string; question: string | null },
  answered: (questionId: string) => boolean,
): MoveTarget | null {
  const order = sections.flatMap((s) => s.questions.map((q) => ({ section: s.id, question: q.id, required: q.required })));
  const sectionIndex = sections.findIndex((s) => s.id === at.section);
  const here = at.question === null ? -1 : order.findIndex((q) => q.question === at.question);
  // Without a question in focus: just before the shown section's first question.
  const firstOfSection = order.findIndex((q) => q.section === at.section);
  const from = here >= 0 ? here : firstOfSection >= 0 ? firstOfSection - 1 : -1;
  const at_ = (i: number): MoveTarget | null => {
    const q = order[i];
    return q ? { section: q.section, question: q.question } : null;
  };
  switch (move) {
    case 'nextQuestion':
      return at_(from + 1);
    case 'previousQuestion':
      return here >= 0 ? at_(here - 1) : at_(from);
    case 'nextSection':
    case 'previousSection': {
      const s = sections[sectionIndex + (move === 'nextSection' ? 1 : -1)];
      return sectionIndex >= 0 && s ? { section: s.id, question: null } : null;
    }
    case 'firstUnanswered':
    case 'nextUnanswered':
    case 'nextRequired': {
      const start = move === 'firstUnanswered' ? 0 : from + 1;
      for (let n = 0; n < order.length; n++) {
        const i = (start + n + order.length) % order.length;
        const q = order[i];
        if (q && !answered(q.question) && (move !== 'nextRequired' || q.required)) return at_(i);
      }
      return null;
    }
  }
}
