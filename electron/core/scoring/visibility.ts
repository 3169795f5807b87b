import type { AiSystem, AnswerValue, Question } from '../../contract/index.ts';

/** The inventory fields scoring reads; the clinical severity fields may be absent (model 1 callers). */
export type SystemProfile = Pick<AiSystem, 'autonomyLevel' | 'dataCategories' | 'deploymentType' | 'integrationPoints' | 'modelType'> &
  Partial<Pick<AiSystem, 'worstCredibleHarm' | 'timeCritical'>>;

export interface StoredAnswer {
  value: AnswerValue | null;
  unknown: boolean;
  /** "Not applicable" (model 2); absent means no. */
  notApplicable?: boolean | undefined;
}

const valuesOf = (value: AnswerValue | null | undefined): string[] =>
  value === null || value === undefined ? [] : Array.isArray(value) ? value : [String(value)];

/** Does the inventory record have any of `wanted` in `field` (a single value or a list)? */
export function systemMatches(system: SystemProfile, field: keyof SystemProfile, wanted: readonly string[]): boolean {
  const actual = system[field];
  // A yes/no field (time-critical) is matched as "yes" or "no"; not recorded matches nothing.
  const list = Array.isArray(actual) ? actual : actual === null || actual === undefined ? [] : [typeof actual === 'boolean' ? (actual ? 'yes' : 'no') : actual];
  return list.some((v) => wanted.includes(v));
}

/**
 * The questions that are asked, given the system and the answers so far. A question whose
 * showIf depends on another question is asked only when that question is itself asked and
 * answered with one of the listed values.
 */
export function visibleQuestions(
  questions: readonly Question[],
  byId: ReadonlyMap<string, Question>,
  system: SystemProfile,
  answers: ReadonlyMap<string, StoredAnswer>,
): Set<string> {
  const memo = new Map<string, boolean>();
  const visiting = new Set<string>();
  const isVisible = (question: Question): boolean => {
    const known = memo.get(question.id);
    if (known !== undefined) return known;
    const cond = question.showIf;
    let visible = true;
    if (cond && 'system' in cond) {
      visible = systemMatches(system, cond.system, cond.in);
    } else if (cond) {
      const parent = byId.get(cond.question);
      // A cycle or a missing parent (both refused by the linter) hides the question.
      if (!parent || visiting.has(question.id)) visible = false;
      else {
        visiting.add(question.id);
        const answer = answers.get(parent.id);
        visible = isVisible(parent) && answer !== undefined && !answer.unknown && !answer.notApplicable && valuesOf(answer.value).some((v) => cond.in.includes(v));
        visiting.delete(question.id);
      }
    }
    memo.set(question.id, visible);
    return visible;
  };
  return new Set(questions.filter(isVisible).map((q) => q.id));
}
