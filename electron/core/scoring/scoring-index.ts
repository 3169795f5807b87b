import type { Control, ProfileRule, Question, Questionnaire, RiskMatrix, Threat } from '../../contract/index.ts';
import { touchedThreats } from '../templates/question-effects.ts';

/** The content an assessment is scored against: what its template snapshot pins. */
export interface ScoringContent {
  threats: readonly Threat[];
  controls: readonly Control[];
  profileRules: readonly ProfileRule[];
  matrix: RiskMatrix;
  questionnaires: readonly Questionnaire[];
}

/**
 * Lookups built once per snapshot so that scoring an answer is a walk over small arrays, not a
 * search through the content (the snapshot never changes, so the index is cached with it).
 */
export interface ScoringIndex {
  content: ScoringContent;
  questions: readonly Question[];
  questionsById: ReadonlyMap<string, Question>;
  controlsById: ReadonlyMap<string, Control>;
  /** Per threat, the questions that raise it or could credit a control mitigating it. */
  touching: ReadonlyMap<string, readonly string[]>;
  /** Per threat, every control's reduction of it, in catalog order. */
  mitigations: ReadonlyMap<string, readonly { control: Control; likelihood: number; impact: number }[]>;
  bandRank: ReadonlyMap<string, number>;
}

export function buildScoringIndex(content: ScoringContent): ScoringIndex {
  const questions = content.questionnaires.flatMap((q) => q.sections.flatMap((s) => s.questions));
  const controlsById = new Map(content.controls.map((c) => [c.id, c]));
  const touching = new Map<string, string[]>(content.threats.map((t) => [t.id, []]));
  for (const question of questions) {
    for (const threatId of touchedThreats(question, controlsById)) touching.get(threatId)?.push(question.id);
  }
  const mitigations = new Map<string, { control: Control; likelihood: number; impact: number }[]>();
  for (const control of content.controls) {
    for (const m of control.mitigates) {
      const list = mitigations.get(m.threat) ?? [];
      list.push({ control, likelihood: m.likelihood ?? 0, impact: m.impact ?? 0 });
      mitigations.set(m.threat, list);
    }
  }
  return {
    content,
    questions,
    mitigations,
    questionsById: new Map(questions.map((q) => [q.id, q])),
    controlsById,
    touching,
    bandRank: new Map(content.matrix.bands.map((b, i) => [b.id, i])),
  };
}

export function bandOf(matrix: RiskMatrix, likelihood: number, impact: number): string {
  const band = matrix.cells[likelihood - 1]?.[impact - 1];
  if (band === undefined) throw new RangeError(`no matrix cell for likelihood ${likelihood}, impact ${impact}`);
  return band;
}
