// Shared models and fast-check arbitraries for the scoring property tests: the shipped templates
// indexed per stage exactly as an assessment snapshot is, random system profiles, and answer
// maps a user can actually reach (every answered question is visible).
import fc from 'fast-check';
import {
  assessmentStages,
  autonomyLevels,
  dataCategories,
  deploymentTypes,
  integrationPoints,
  isCredit,
  isFloor,
  modelTypes,
  harmLevels,
  type AnswerSource,
  type AnswerValue,
  type AssessmentStage,
  type Effect,
  type Question,
} from '../../electron/contract/index.ts';
import { createSnapshotCache, hashSnapshot, snapshotFor, type LoadedSnapshot } from '../../electron/core/assessments/snapshot.ts';
import type { ScoringAnswer } from '../../electron/core/scoring/score-assessment.ts';
import type { ScoringIndex } from '../../electron/core/scoring/scoring-index.ts';
import type { SystemProfile } from '../../electron/core/scoring/visibility.ts';
import { loadTemplateSet } from '../../electron/core/templates/load-template-set.ts';

export type Answers = Map<string, ScoringAnswer>;

export interface StageModel {
  stage: AssessmentStage;
  snapshot: LoadedSnapshot['snapshot'];
  index: ScoringIndex;
  questions: readonly Question[];
}

/**
 * The shipped templates, one snapshot per stage, built and indexed through the same code path
 * as an assessment (snapshotFor → canonical JSON → createSnapshotCache → buildScoringIndex).
 */
export function loadShippedStages(templatesDir: string): StageModel[] {
  const loaded = loadTemplateSet(templatesDir);
  if (!loaded.ok) throw new Error(`shipped templates do not load: ${JSON.stringify(loaded.problems.slice(0, 3))}`);
  const stored = new Map<string, string>();
  const load = createSnapshotCache((hash) => {
    const json = stored.get(hash);
    if (json === undefined) throw new Error(`no snapshot ${hash}`);
    return json;
  });
  return assessmentStages.map((stage) => {
    const { hash, json } = hashSnapshot(snapshotFor(loaded.set, stage));
    stored.set(hash, json);
    const { snapshot, index } = load(hash);
    return { stage, snapshot, index, questions: index.questions };
  });
}

// ---------------------------------------------------------------------------------------------
// Reference semantics, written independently of the engine.

const listOf = (v: AnswerValue | null | undefined): string[] => (v === null || v === undefined ? [] : Array.isArray(v) ? v : [String(v)]);

export function systemHas(system: SystemProfile, field: keyof SystemProfile, wanted: readonly string[]): boolean {
  const actual = system[field];
  const values: readonly string[] =
    actual === null || actual === undefined ? [] : Array.isArray(actual) ? actual : [typeof actual === 'boolean' ? (actual ? 'yes' : 'no') : (actual as string)];
  return values.some((v) => wanted.includes(v));
}

/** Least fixpoint of "asked": no condition, a matching system condition, or a visible parent answered with a listed value. */
export function referenceVisible(questions: readonly Question[], system: SystemProfile, answers: ReadonlyMap<string, ScoringAnswer>): Set<string> {
  const visible = new Set<string>();
  for (let changed = true; changed; ) {
    changed = false;
    for (const q of questions) {
      if (visible.has(q.id)) continue;
      const cond = q.showIf;
      let shown: boolean;
      if (!cond) shown = true;
      else if ('system' in cond) shown = systemHas(system, cond.system, cond.in);
      else {
        const a = answers.get(cond.question);
        shown = visible.has(cond.question) && a !== undefined && !a.unknown && listOf(a.value).some((v) => cond.in.includes(v));
      }
      if (shown) {
        visible.add(q.id);
        changed = true;
      }
    }
  }
  return visible;
}

export const isAnswered = (a: ScoringAnswer | undefined): a is ScoringAnswer & { value: AnswerValue } =>
  a !== undefined && !a.unknown && a.value !== null;

/** Drops the answers of hidden questions until none is left: a state reachable by answering only what is asked. */
export function reachable(questions: readonly Question[], system: SystemProfile, candidate: ReadonlyMap<string, ScoringAnswer>): Answers {
  const answers = new Map(candidate);
  for (;;) {
    const visible = referenceVisible(questions, system, answers);
    const hidden = [...answers.keys()].filter((id) => !visible.has(id));
    if (hidden.length === 0) return answers;
    for (const id of hidden) answers.delete(id);
  }
}

export function effectsOf(q: Question, value: AnswerValue): Effect[] {
  if (!('options' in q)) return q.answeredEffects;
  const chosen = listOf(value);
  return q.options.filter((o) => chosen.includes(o.value)).flatMap((o) => o.effects);
}

/** Per threat the summed exposure deltas, and the set of credited controls, of one answer (none when unanswered/unknown). */
export function answerFootprint(q: Question, a: ScoringAnswer | undefined) {
  const exposure = new Map<string, { likelihood: number; impact: number }>();
  /** Credited controls: 2 in full, 1 partial. */
  const controls = new Map<string, number>();
  if (!isAnswered(a)) return { exposure, controls };
  for (const e of effectsOf(q, a.value)) {
    if (isCredit(e)) controls.set(e.control, Math.max(controls.get(e.control) ?? 0, e.strength === 'partial' ? 1 : 2));
    else {
      // A floor keeps risk up, so it counts with the exposures.
      const l = isFloor(e) ? (e.floor.likelihood ?? 0) : (e.likelihood ?? 0);
      const i = isFloor(e) ? (e.floor.impact ?? 0) : (e.impact ?? 0);
      const x = exposure.get(e.threat) ?? { likelihood: 0, impact: 0 };
      exposure.set(e.threat, { likelihood: x.likelihood + l, impact: x.impact + i });
    }
  }
  return { exposure, controls };
}

/** safer(new, old): new's exposures are per threat no larger than old's and new credits every control old did. */
export function safer(q: Question, next: ScoringAnswer | undefined, old: ScoringAnswer | undefined): boolean {
  const n = answerFootprint(q, next);
  const o = answerFootprint(q, old);
  for (const [threat, x] of n.exposure) {
    const y = o.exposure.get(threat) ?? { likelihood: 0, impact: 0 };
    if (x.likelihood > y.likelihood || x.impact > y.impact) return false;
  }
  return [...o.controls].every(([c, strength]) => (n.controls.get(c) ?? 0) >= strength);
}

/**
 * Every value a question can take, for option kinds (all non-empty subsets for multi: an empty
 * list is refused, answering nothing is "unanswered"); one sample value for free kinds.
 */
export function candidateValues(q: Question, freeSample: AnswerValue): AnswerValue[] {
  if (!('options' in q)) return [freeSample];
  const values = q.options.map((o) => o.value);
  if (q.kind !== 'multi') return values;
  const subsets: AnswerValue[] = [];
  for (let mask = 1; mask < 1 << values.length; mask++) subsets.push(values.filter((_, i) => (mask & (1 << i)) !== 0));
  return subsets;
}

// ---------------------------------------------------------------------------------------------
// Arbitraries.

export const systemProfileArb: fc.Arbitrary<SystemProfile> = fc
  .record({
    autonomyLevel: fc.constantFrom(null, ...autonomyLevels),
    dataCategories: fc.shuffledSubarray([...dataCategories]),
    deploymentType: fc.constantFrom(null, ...deploymentTypes),
    integrationPoints: fc.shuffledSubarray([...integrationPoints]),
    modelType: fc.constantFrom(null, ...modelTypes),
    worstCredibleHarm: fc.constantFrom(null, ...harmLevels),
    timeCritical: fc.constantFrom(null, true, false),
  })
  .map((s) => ({ ...s })); // a plain object, as the inventory returns (fc.record may build null-prototype ones)

export const textArb = fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim() !== '');
export const dateArb = fc
  .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
export const numberArb = fc.oneof(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.double({ noNaN: true, noDefaultInfinity: true }));

/**
 * A value of the question's kind: one option, a non-empty subset of options (the core refuses an
 * empty list; answering nothing is "unanswered"), text, a number or an ISO date.
 */
export function valueArb(q: Question): fc.Arbitrary<AnswerValue> {
  if ('options' in q) {
    const values = q.options.map((o) => o.value);
    return q.kind === 'multi' ? fc.shuffledSubarray(values, { minLength: 1 }) : fc.constantFrom(...values);
  }
  switch (q.kind) {
    case 'text':
      return textArb;
    case 'number':
      return numberArb;
    case 'date':
      return dateArb;
  }
  throw new Error(`unexpected kind ${String((q as { kind: unknown }).kind)}`);
}

export const sourceArb: fc.Arbitrary<AnswerSource> = fc.constantFrom('assessor', 'vendor');

/** A stored answer: mostly a value; sometimes "I don't know", sometimes a cleared (null) row. */
export function scoringAnswerArb(q: Question): fc.Arbitrary<ScoringAnswer> {
  return fc.record({
    state: fc.constantFrom('value', 'value', 'value', 'value', 'unknown', 'cleared'),
    value: valueArb(q),
    source: sourceArb,
    hasEvidence: fc.boolean(),
    evidenceVerified: fc.boolean(),
    review: fc.constantFrom(null, 'adequate', 'inadequate'),
  }).map(({ state, value, source, hasEvidence, evidenceVerified, review }) => ({
    value: state === 'value' ? value : null,
    unknown: state === 'unknown',
    source,
    hasEvidence,
    // A check needs a file to check.
    evidenceVerified: hasEvidence && evidenceVerified,
    review: 'options' in q ? null : review,
  }));
}

export interface AssessmentState {
  system: SystemProfile;
  /** Reachable: only visible questions carry answers. */
  answers: Answers;
  /** One random answer for every question, before pruning (a pool of fresh values). */
  pool: Map<string, ScoringAnswer>;
}

/** A random system and a reachable answer map; density varies from empty to nearly full. */
export function assessmentStateArb(model: StageModel): fc.Arbitrary<AssessmentState> {
  const perQuestion = fc.tuple(...model.questions.map((q) => fc.tuple(fc.integer({ min: 0, max: 99 }), scoringAnswerArb(q))));
  return fc.record({ system: systemProfileArb, density: fc.integer({ min: 0, max: 100 }), rolls: perQuestion }).map(({ system, density, rolls }) => {
    const pool = new Map<string, ScoringAnswer>();
    const candidate = new Map<string, ScoringAnswer>();
    model.questions.forEach((q, i) => {
      const [roll, answer] = rolls[i] as [number, ScoringAnswer];
      pool.set(q.id, answer);
      if (roll < density) candidate.set(q.id, answer);
    });
    return { system, answers: reachable(model.questions, system, candidate), pool };
  });
}
