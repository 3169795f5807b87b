import type { ClinicalSeverity, Control, Effect, Mitigation, ProfileRule, Question, Questionnaire, RiskMatrix, Threat } from '../../contract/index.ts';
import { isExposure, isFloor } from '../../contract/index.ts';
import { creditedControls, touchedThreats } from '../templates/question-effects.ts';

/** The content an assessment is scored against: what its template snapshot pins. */
export interface ScoringContent {
  threats: readonly Threat[];
  controls: readonly Control[];
  profileRules: readonly ProfileRule[];
  matrix: RiskMatrix;
  questionnaires: readonly Questionnaire[];
  clinicalSeverity?: ClinicalSeverity | undefined;
}

/**
 * "I don't know" counts as the least safe answer: for a single choice, the highest exposure and
 * floor any option brings; for a multi choice, every option's exposures together (choosing all
 * of them is the least safe answer); never a credit. `label` names the least safe option.
 */
export interface UnknownEnvelope {
  label: string;
  exposures: readonly { threat: string; likelihood: number; impact: number }[];
  floors: readonly { threat: string; likelihood?: number | undefined; impact?: number | undefined }[];
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
  mitigations: ReadonlyMap<string, readonly (Mitigation & { control: Control })[]>;
  /** Per question, the controls any of its options (or a free answer) could credit. */
  creditable: ReadonlyMap<string, ReadonlySet<string>>;
  /** Per single-choice question, each option's effects by value (a lookup instead of a search). */
  optionEffects: ReadonlyMap<string, ReadonlyMap<string, readonly Effect[]>>;
  /** Per option question, what "I don't know" counts as. */
  unknownEnvelope: ReadonlyMap<string, UnknownEnvelope>;
  bandRank: ReadonlyMap<string, number>;
}

function envelopeOf(question: Question): UnknownEnvelope | undefined {
  if (!('options' in question)) return undefined;
  const across = question.kind === 'multi' ? (x: number, y: number) => x + y : Math.max;
  const exposures = new Map<string, { likelihood: number; impact: number }>();
  const floors = new Map<string, { likelihood?: number; impact?: number }>();
  let worst: { label: string; weight: number; credits: number } | undefined;
  for (const option of question.options) {
    // This option's own exposure per threat (its effects add up), then combined across options.
    const own = new Map<string, { likelihood: number; impact: number }>();
    let weight = 0;
    let credits = 0;
    for (const effect of option.effects) {
      if (isFloor(effect)) {
        const f = floors.get(effect.threat) ?? {};
        if (effect.floor.likelihood !== undefined) f.likelihood = Math.max(f.likelihood ?? 0, effect.floor.likelihood);
        if (effect.floor.impact !== undefined) f.impact = Math.max(f.impact ?? 0, effect.floor.impact);
        floors.set(effect.threat, f);
        weight += (effect.floor.likelihood ?? 0) + (effect.floor.impact ?? 0);
      } else if (isExposure(effect)) {
        const e = own.get(effect.threat) ?? { likelihood: 0, impact: 0 };
        own.set(effect.threat, { likelihood: e.likelihood + (effect.likelihood ?? 0), impact: e.impact + (effect.impact ?? 0) });
        weight += (effect.likelihood ?? 0) + (effect.impact ?? 0);
      } else credits++;
    }
    for (const [threat, e] of own) {
      const sum = exposures.get(threat) ?? { likelihood: 0, impact: 0 };
      exposures.set(threat, { likelihood: across(sum.likelihood, e.likelihood), impact: across(sum.impact, e.impact) });
    }
    if (!worst || weight > worst.weight || (weight === worst.weight && credits < worst.credits)) worst = { label: option.label, weight, credits };
  }
  return {
    label: question.kind === 'multi' ? 'all of the options that add risk' : (worst?.label ?? ''),
    exposures: [...exposures].map(([threat, e]) => ({ threat, ...e })),
    floors: [...floors].map(([threat, f]) => ({ threat, ...f })),
  };
}

export function buildScoringIndex(content: ScoringContent): ScoringIndex {
  const questions = content.questionnaires.flatMap((q) => q.sections.flatMap((s) => s.questions));
  const controlsById = new Map(content.controls.map((c) => [c.id, c]));
  const touching = new Map<string, string[]>(content.threats.map((t) => [t.id, []]));
  const creditable = new Map<string, ReadonlySet<string>>();
  const unknownEnvelope = new Map<string, UnknownEnvelope>();
  const optionEffects = new Map<string, ReadonlyMap<string, readonly Effect[]>>();
  for (const question of questions) {
    if ('options' in question) optionEffects.set(question.id, new Map(question.options.map((o) => [o.value, o.effects])));
    for (const threatId of touchedThreats(question, controlsById)) touching.get(threatId)?.push(question.id);
    creditable.set(question.id, new Set(creditedControls(question)));
    const envelope = envelopeOf(question);
    if (envelope) unknownEnvelope.set(question.id, envelope);
  }
  const mitigations = new Map<string, (Mitigation & { control: Control })[]>();
  for (const control of content.controls) {
    for (const m of control.mitigates) {
      const list = mitigations.get(m.threat) ?? [];
      list.push({ ...m, control });
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
    creditable,
    optionEffects,
    unknownEnvelope,
    bandRank: new Map(content.matrix.bands.map((b, i) => [b.id, i])),
  };
}

export function bandOf(matrix: RiskMatrix, likelihood: number, impact: number): string {
  const band = matrix.cells[likelihood - 1]?.[impact - 1];
  if (band === undefined) throw new RangeError(`no matrix cell for likelihood ${likelihood}, impact ${impact}`);
  return band;
}
