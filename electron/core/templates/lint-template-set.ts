import {
  isCredit,
  isFloor,
  registryFrameworks,
  threatVariantFields,
  threatVariantKeys,
  type Effect,
  type Option,
  type Question,
  type Questionnaire,
  type Refs,
  type TemplateProblem,
  type TemplateSet,
} from '../../contract/index.ts';
import { loadTemplateSet, questionnaireFile, templateFiles } from './load-template-set.ts';
import { creditedControls, touchedThreats } from './question-effects.ts';
import { lintModelCardMappings } from './lint-model-card-mappings.ts';
import { lintCalibration } from './calibration.ts';

export interface LintReport {
  ok: boolean;
  problems: TemplateProblem[];
}

function duplicates(ids: readonly string[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const id of ids) (seen.has(id) ? repeated : seen).add(id);
  return [...repeated];
}

/** Checks a loaded set as a whole: ids, cross-references, coverage, branching, references. */
export function lintTemplateSet(set: TemplateSet): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const report = (file: string, path: string, rule: string, message: string) => problems.push({ file, path, rule, message });

  const threatIds = new Set(set.threats.threats.map((t) => t.id));
  const controlsById = new Map(set.controls.controls.map((c) => [c.id, c]));
  const registry = new Map(set.references.items.map((r) => [r.id, r.framework]));

  // 1. Repeated ids.
  for (const id of duplicates(set.threats.threats.map((t) => t.id))) report(templateFiles.threats, id, 'duplicate-id', `threat id ${id} is used more than once`);
  for (const id of duplicates(set.controls.controls.map((c) => c.id))) report(templateFiles.controls, id, 'duplicate-id', `control id ${id} is used more than once`);
  for (const id of duplicates(set.profileEffects.rules.map((r) => r.id))) report(templateFiles.profileEffects, id, 'duplicate-id', `rule id ${id} is used more than once`);
  for (const id of duplicates(set.references.items.map((r) => r.id))) report(templateFiles.references, id, 'duplicate-id', `reference id ${id} is listed more than once`);
  for (const id of duplicates(set.matrix.bands.map((b) => b.id))) report(templateFiles.matrix, id, 'duplicate-id', `band id ${id} is used more than once`);
  for (const id of duplicates(set.questionnaires.map((q) => q.id))) report(templateFiles.questionnaires, id, 'duplicate-id', `questionnaire id ${id} is used more than once`);
  const allQuestions = set.questionnaires.flatMap((q) => q.sections.flatMap((s) => s.questions.map((question) => ({ q, question }))));
  for (const id of duplicates(allQuestions.map((x) => x.question.id))) {
    const files = allQuestions.filter((x) => x.question.id === id).map((x) => questionnaireFile(x.q));
    report(files[0] ?? templateFiles.questionnaires, id, 'duplicate-id', `question id ${id} is used more than once (${[...new Set(files)].join(', ')})`);
  }
  for (const q of set.questionnaires) {
    for (const id of duplicates(q.sections.map((s) => s.id))) report(questionnaireFile(q), id, 'duplicate-id', `section id ${id} is used more than once`);
    for (const { question } of allQuestions.filter((x) => x.q === q)) {
      if ('options' in question) {
        for (const v of duplicates(question.options.map((o) => o.value))) {
          report(questionnaireFile(q), question.id, 'duplicate-id', `option value "${v}" is used more than once in ${question.id}`);
        }
      }
    }
  }

  // 2. References to threats, controls and framework items that do not exist.
  const checkEffects = (file: string, path: string, effects: readonly Effect[]) => {
    for (const effect of effects) {
      if ('threat' in effect && !threatIds.has(effect.threat)) report(file, path, 'unknown-threat', `unknown threat ${effect.threat}`);
      if ('control' in effect && !controlsById.has(effect.control)) report(file, path, 'unknown-control', `unknown control ${effect.control}`);
    }
  };
  const checkRefs = (file: string, path: string, refs: Refs) => {
    for (const framework of registryFrameworks) {
      for (const id of refs[framework] ?? []) {
        const known = registry.get(id);
        if (known === undefined) report(file, path, 'unknown-reference', `${framework} reference ${id} is not listed in ${templateFiles.references}`);
        else if (known !== framework) report(file, path, 'unknown-reference', `${id} is a ${known} reference, not ${framework}`);
      }
    }
  };
  for (const t of set.threats.threats) checkRefs(templateFiles.threats, t.id, t.refs);
  // Wording variants: a key that is not a model type or clinical domain would never be shown.
  for (const t of set.threats.threats) {
    for (const field of threatVariantFields) {
      const known: readonly string[] = threatVariantKeys[field];
      for (const key of Object.keys(t[field] ?? {})) {
        if (!known.includes(key)) {
          report(templateFiles.threats, `${t.id}.${field}.${key}`, 'unknown-variant', `${field} has "${key}", which is not one of: ${known.join(', ')}`);
        }
      }
    }
  }
  for (const c of set.controls.controls) {
    checkRefs(templateFiles.controls, c.id, c.refs);
    for (const m of c.mitigates) if (!threatIds.has(m.threat)) report(templateFiles.controls, c.id, 'unknown-threat', `unknown threat ${m.threat}`);
  }
  for (const r of set.profileEffects.rules) checkEffects(templateFiles.profileEffects, r.id, r.effects);

  for (const q of set.questionnaires) {
    const file = questionnaireFile(q);
    const questions = new Map(q.sections.flatMap((s) => s.questions).map((question) => [question.id, question]));
    for (const question of questions.values()) {
      checkRefs(file, question.id, question.refs);
      if ('options' in question) question.options.forEach((o) => checkEffects(file, `${question.id} option "${o.value}"`, o.effects));
      else checkEffects(file, question.id, question.answeredEffects);
    }
    problems.push(...lintVendorWording(q, file));
    problems.push(...lintBranching(q, file));
    problems.push(...lintSaferHides(q, file));
  }

  // 3. Coverage: every threat touched by some question, every control credited by some question.
  const touched = new Set<string>();
  const credited = new Set<string>();
  for (const { question } of allQuestions) {
    for (const t of touchedThreats(question, controlsById)) touched.add(t);
    for (const c of creditedControls(question)) credited.add(c);
  }
  for (const t of set.threats.threats) {
    if (!touched.has(t.id)) report(templateFiles.threats, t.id, 'uncovered-threat', `threat ${t.id} is touched by no question in any questionnaire`);
  }
  for (const c of set.controls.controls) {
    if (!credited.has(c.id)) report(templateFiles.controls, c.id, 'uncredited-control', `control ${c.id} is credited by no question`);
  }
  // Mappings from vendor documents to answers: only existing, vendor-answerable questions.
  problems.push(...lintModelCardMappings(set));
  // 4. Calibration: the reference profiles still score the bands the table promises.
  problems.push(...lintCalibration(set));
  return problems;
}

/**
 * Vendor wording: a question the vendor answers is put to the vendor in the vendor's own words
 * (vendorText, vendorGuidance), so both are required; a question the vendor never sees must not
 * carry them (they would be dead text, or a sign the question was meant to be vendor-answerable).
 * A vendorLabel likewise belongs only to an option of a vendor-answerable question.
 */
function lintVendorWording(q: Questionnaire, file: string): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const report = (path: string, message: string) => problems.push({ file, path, rule: 'vendor-wording', message });
  for (const question of q.sections.flatMap((s) => s.questions)) {
    const vendorLabels = 'options' in question ? question.options.filter((o) => o.vendorLabel !== undefined) : [];
    if (question.vendorAnswerable) {
      if (question.vendorText === undefined) report(question.id, `${question.id} is vendor-answerable but has no vendorText (the question addressed to the vendor)`);
      if (question.vendorGuidance === undefined) report(question.id, `${question.id} is vendor-answerable but has no vendorGuidance (the guidance addressed to the vendor)`);
      continue;
    }
    if (question.vendorText !== undefined) report(question.id, `${question.id} is not vendor-answerable, so it must not have vendorText`);
    if (question.vendorGuidance !== undefined) report(question.id, `${question.id} is not vendor-answerable, so it must not have vendorGuidance`);
    for (const o of vendorLabels) report(`${question.id} option "${o.value}"`, `${question.id} is not vendor-answerable, so option "${o.value}" must not have a vendorLabel`);
  }
  return problems;
}

/** showIf must point at a question of the same questionnaire, use its values, and never loop. */
function lintBranching(q: Questionnaire, file: string): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const questions = new Map(q.sections.flatMap((s) => s.questions).map((question) => [question.id, question]));
  const dependsOn = new Map<string, string>();
  for (const question of questions.values()) {
    const cond = question.showIf;
    if (!cond || !('question' in cond)) continue;
    const target = questions.get(cond.question);
    if (!target) {
      problems.push({ file, path: `${question.id}.showIf`, rule: 'showif-missing', message: `showIf refers to ${cond.question}, which is not in this questionnaire` });
      continue;
    }
    if ('options' in target) {
      const values = new Set(target.options.map((o) => o.value));
      for (const v of cond.in) {
        if (!values.has(v)) problems.push({ file, path: `${question.id}.showIf`, rule: 'showif-value', message: `${cond.question} has no option "${v}"` });
      }
    }
    dependsOn.set(question.id, cond.question);
  }
  const reported = new Set<string>();
  for (const start of dependsOn.keys()) {
    const chain = [start];
    let next = dependsOn.get(start);
    while (next !== undefined) {
      if (chain.includes(next)) {
        const cycle = [...chain.slice(chain.indexOf(next)), next];
        const key = [...new Set(cycle)].sort().join(',');
        if (!reported.has(key)) {
          reported.add(key);
          problems.push({ file, path: `${next}.showIf`, rule: 'showif-cycle', message: `showIf forms a cycle: ${cycle.join(' → ')}` });
        }
        break;
      }
      chain.push(next);
      next = dependsOn.get(next);
    }
  }
  return problems;
}

/** What one answer (the options chosen, together) does: its exposure per threat and the controls it credits. */
interface Footprint {
  /** Exposure per threat; a floor counts as exposure too (it keeps the risk up). */
  exposure: Map<string, { likelihood: number; impact: number }>;
  /** Credited controls: 2 in full, 1 partial. */
  controls: Map<string, number>;
}

function footprint(chosen: readonly Option[]): Footprint {
  const exposure = new Map<string, { likelihood: number; impact: number }>();
  const controls = new Map<string, number>();
  for (const effect of chosen.flatMap((o) => o.effects)) {
    if (isCredit(effect)) {
      controls.set(effect.control, Math.max(controls.get(effect.control) ?? 0, effect.strength === 'partial' ? 1 : 2));
      continue;
    }
    const l = isFloor(effect) ? (effect.floor.likelihood ?? 0) : (effect.likelihood ?? 0);
    const i = isFloor(effect) ? (effect.floor.impact ?? 0) : (effect.impact ?? 0);
    const sum = exposure.get(effect.threat) ?? { likelihood: 0, impact: 0 };
    exposure.set(effect.threat, { likelihood: sum.likelihood + l, impact: sum.impact + i });
  }
  return { exposure, controls };
}

/** `a` is a safer answer than `b`: it exposes no threat more and credits every control `b` credits. */
function isSafer(a: Footprint, b: Footprint): boolean {
  for (const [threat, x] of a.exposure) {
    const y = b.exposure.get(threat) ?? { likelihood: 0, impact: 0 };
    if (x.likelihood > y.likelihood || x.impact > y.impact) return false;
  }
  return [...b.controls].every(([c, strength]) => (a.controls.get(c) ?? 0) >= strength);
}

/** A multi question's hiding answers are tried as every non-empty set of up to this many options; beyond it, one option at a time. */
const maxEnumeratedOptions = 10;

/** Every non-empty set of `options`, smallest first. */
function nonEmptySubsets<T>(options: readonly T[]): T[][] {
  const subsets: T[][] = [];
  for (let mask = 1; mask < 1 << options.length; mask++) subsets.push(options.filter((_, i) => (mask & (1 << i)) !== 0));
  return subsets.sort((x, y) => x.length - y.length);
}

interface SaferHide {
  /** The safer answer, which hides the follow-up. */
  safer: Option[];
  /** The less safe answer, which shows it. */
  than: Option[];
  /** The controls the follow-up can credit that the safer answer does not. */
  lost: string[];
}

/**
 * An answer to `parent` that hides a follow-up (shown by the values `shownBy`) and is safer
 * than one that shows it, yet does not credit everything in `credits`; undefined when none is.
 * For a multi question it is enough to compare each hiding set with each showing option on its
 * own and with the largest answer whose options credit nothing beyond the set: exposures only
 * add up, so no other answer is less safe than the set when that one is not.
 */
function findSaferHide(parent: Extract<Question, { options: unknown }>, shownBy: ReadonlySet<string>, credits: ReadonlySet<string>): SaferHide | undefined {
  const multi = parent.kind === 'multi';
  const hiding = parent.options.filter((o) => !shownBy.has(o.value));
  const showing = parent.options.filter((o) => shownBy.has(o.value));
  const hidingAnswers = multi && hiding.length <= maxEnumeratedOptions ? nonEmptySubsets(hiding) : hiding.map((o) => [o]);
  for (const safer of hidingAnswers) {
    const kept = footprint(safer);
    const lost = [...credits].filter((c) => !kept.controls.has(c));
    if (lost.length === 0) continue;
    const showingAnswers = showing.map((o) => [o]);
    if (multi) {
      const within = parent.options.filter((o) => [...footprint([o]).controls.keys()].every((c) => kept.controls.has(c)));
      if (within.some((o) => shownBy.has(o.value))) showingAnswers.push(within);
    }
    const than = showingAnswers.find((answer) => isSafer(kept, footprint(answer)));
    if (than) return { safer, than, lost };
  }
  return undefined;
}

/**
 * DESIGN §4: changing an answer to a safer option never raises a residual score. A hidden
 * question does not score, so an answer that hides a follow-up drops every control the
 * follow-up's answer credited. A parent answer that is safer than one showing the follow-up
 * must therefore itself credit every control the follow-up, or any question shown beneath it,
 * can credit: otherwise answering more safely raises residual risk. Answers are single options
 * or, for a multi question, non-empty sets of options (an empty list is not an answer).
 */
function lintSaferHides(q: Questionnaire, file: string): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const questions = q.sections.flatMap((s) => s.questions);
  const followUps = (id: string) =>
    questions.flatMap((c) => (c.showIf && 'question' in c.showIf && c.showIf.question === id ? [{ child: c, shownBy: new Set(c.showIf.in) }] : []));
  // A showIf cycle (reported by lintBranching) is cut rather than followed.
  const creditsBelow = (question: Question, seen: Set<string>): Set<string> => {
    seen.add(question.id);
    const credits = new Set(creditedControls(question));
    for (const { child } of followUps(question.id)) if (!seen.has(child.id)) for (const c of creditsBelow(child, seen)) credits.add(c);
    return credits;
  };
  for (const parent of questions) {
    if (!('options' in parent)) continue;
    const answer = (chosen: readonly Option[]) => (parent.kind === 'multi' ? `[${chosen.map((o) => o.value).join(', ')}]` : `"${chosen[0]?.value ?? ''}"`);
    for (const { child, shownBy } of followUps(parent.id)) {
      const found = findSaferHide(parent, shownBy, creditsBelow(child, new Set([parent.id])));
      if (!found) continue;
      problems.push({
        file,
        path: `${child.id}.showIf`,
        rule: 'showif-safer-hides',
        message:
          `${parent.id} ${answer(found.safer)} is a safer answer than ${answer(found.than)} but hides ${child.id}, ` +
          `dropping the credit it can give for ${found.lost.join(', ')}; answering more safely would raise residual risk`,
      });
    }
  }
  return problems;
}

/** Load and lint a templates folder: what `vigil templates lint [DIR]` runs. */
export function lintTemplatesDir(dir: string): LintReport {
  const loaded = loadTemplateSet(dir);
  const problems = loaded.ok ? lintTemplateSet(loaded.set) : loaded.problems;
  return { ok: problems.length === 0, problems };
}
