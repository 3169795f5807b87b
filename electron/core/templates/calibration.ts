import type {
  AnswerValue,
  CalibrationAnswer,
  CalibrationAnswerDetail,
  CalibrationAnswerSetResult,
  CalibrationMaterialFlip,
  CalibrationProfile,
  CalibrationProfileResult,
  CalibrationRankEntry,
  CalibrationRankingProblem,
  CalibrationReport,
  CalibrationThreatResult,
  Question,
  TemplateProblem,
  TemplateSet,
  ThreatProfile,
  ThreatScore,
} from '../../contract/index.ts';
import { isCredit, isExposure, isFloor } from '../../contract/index.ts';
import { answerProblem } from '../assessments/answer-validation.ts';
import type { ScoringAnswer } from '../scoring/findings.ts';
import { scoreModel2 } from '../scoring/score-model-2.ts';
import { buildScoringIndex, type ScoringIndex } from '../scoring/scoring-index.ts';
import { systemMatches, visibleQuestions, type SystemProfile } from '../scoring/visibility.ts';
import { calibrationFile } from './load-template-set.ts';

/*
 * Calibration (docs/scoring.md): each reference profile's answer sets are scored with scoring
 * model 2 against the template set's questionnaires for the profile's stage, exactly as an
 * assessment of that stage started today would be, and each expected band is compared with the
 * scored one. Pure: the same templates and profiles always give the same table.
 */

const isDetail = (a: CalibrationAnswer): a is CalibrationAnswerDetail => typeof a === 'object' && !Array.isArray(a);

/** The shorthand "yes" / ["a"] / 12 is the assessor's answer. */
const detailOf = (a: CalibrationAnswer): CalibrationAnswerDetail => (isDetail(a) ? a : { value: a });

/** What an assessment of `stage` started on `set` would be scored against (as snapshotFor pins it). */
export function calibrationIndex(set: TemplateSet, stage: CalibrationProfile['stage']): ScoringIndex {
  return buildScoringIndex({
    threats: set.threats.threats,
    controls: set.controls.controls,
    clinicalSeverity: set.threats.clinicalSeverity,
    profileRules: set.profileEffects.rules,
    matrix: set.matrix,
    questionnaires: set.questionnaires.filter((q) => q.stage === stage),
  });
}

export function calibrationSystem(profile: CalibrationProfile): SystemProfile {
  const s = profile.system;
  return {
    autonomyLevel: s.autonomyLevel,
    modelType: s.modelType,
    dataCategories: [...s.dataCategories],
    deploymentType: s.deploymentType,
    integrationPoints: [...s.integrationPoints],
    worstCredibleHarm: s.worstCredibleHarm,
    timeCritical: s.timeCritical,
  };
}

interface ReadAnswers {
  answers: Map<string, ScoringAnswer>;
  problems: { questionId: string; message: string }[];
}

/**
 * The answer set as scoring answers. Answers that cannot be scored as written (a question not in
 * the stage's questionnaires, a value the question does not take, "Not applicable" where it is
 * not offered for this system) are left out and listed; so are answers to questions that are
 * not asked for this system and these answers, which would silently score nothing.
 */
function readAnswers(index: ScoringIndex, system: SystemProfile, profile: CalibrationProfile, answers: Record<string, CalibrationAnswer>): ReadAnswers {
  const problems: ReadAnswers['problems'] = [];
  const scoring = new Map<string, ScoringAnswer>();
  for (const [questionId, raw] of Object.entries(answers)) {
    const question = index.questionsById.get(questionId);
    const problem = (message: string) => problems.push({ questionId, message });
    if (!question) {
      problem(`${questionId} is not a question of the ${profile.stage} questionnaires`);
      continue;
    }
    const a = detailOf(raw);
    if (a.value !== undefined) {
      const wrong = answerProblem(question, a.value);
      if (wrong) {
        problem(wrong);
        continue;
      }
    }
    if (a.notApplicable) {
      const na = question.notApplicable;
      if (!na) {
        problem(`${questionId} cannot be answered "Not applicable": it applies to every system`);
        continue;
      }
      if (!na.when.every((c) => systemMatches(system, c.system, c.in))) {
        problem(`${questionId} is "Not applicable" only when ${na.why.charAt(0).toLowerCase()}${na.why.slice(1)} This profile's system does not say so`);
        continue;
      }
    }
    if (a.review !== undefined && 'options' in question) {
      problem(`${questionId} is a ${question.kind} question; only free-text, number and date answers are reviewed`);
      continue;
    }
    if (a.transcribed && !question.vendorAnswerable) {
      problem(`${questionId} is not a vendor question, so its answer cannot be the vendor's claim, transcribed`);
      continue;
    }
    const source = a.transcribed ? 'vendor' : (a.source ?? 'assessor');
    scoring.set(questionId, {
      value: (a.value ?? null) as AnswerValue | null,
      unknown: a.unknown === true,
      notApplicable: a.notApplicable === true,
      source,
      transcribed: a.transcribed === true,
      hasEvidence: a.evidenceVerified === true,
      evidenceVerified: a.evidenceVerified === true,
      review: a.review ?? null,
    });
  }
  const visible = visibleQuestions(index.questions, index.questionsById, system, scoring);
  for (const questionId of [...scoring.keys()]) {
    if (visible.has(questionId)) continue;
    problems.push({ questionId, message: `${questionId} is not asked for this system with these answers (see its showIf), so its answer would score nothing` });
    scoring.delete(questionId);
  }
  return { answers: scoring, problems };
}

/** Highest residual score first; then the higher band, the higher impact, catalog order. */
function rank(index: ScoringIndex, threats: readonly ThreatScore[]): CalibrationRankEntry[] {
  const bandRank = (band: string) => index.bandRank.get(band) ?? 0;
  return threats
    .map((t, order) => ({ t, order }))
    .sort(
      (a, b) =>
        b.t.residual.score - a.t.residual.score ||
        bandRank(b.t.residual.band) - bandRank(a.t.residual.band) ||
        b.t.residual.impact - a.t.residual.impact ||
        a.order - b.order,
    )
    .map(({ t }) => ({ threatId: t.id, name: t.name, band: t.residual.band, likelihood: t.residual.likelihood, impact: t.residual.impact, score: t.residual.score }));
}

type OptionQuestion = Extract<Question, { options: unknown }>;

const chosenValues = (a: ScoringAnswer): string[] => (Array.isArray(a.value) ? a.value.map(String) : a.value === null ? [] : [String(a.value)]);

function answerWords(question: OptionQuestion, values: readonly string[]): string {
  const labels = values.map((v) => `"${question.options.find((o) => o.value === v)?.label ?? v}"`);
  return labels.length > 0 ? labels.join(', ') : 'nothing';
}

/**
 * The least safe answer to `question`, as "I don't know" counts it: the option the index names
 * for a single choice; for a multi choice, every option that adds risk. Undefined when a multi
 * choice has no option that adds risk.
 */
function leastSafeValue(index: ScoringIndex, question: OptionQuestion): string[] | undefined {
  if (question.kind === 'multi') {
    const risky = question.options.filter((o) => o.effects.some((e) => isExposure(e) || isFloor(e))).map((o) => o.value);
    return risky.length > 0 ? risky : undefined;
  }
  const label = index.unknownEnvelope.get(question.id)?.label;
  const option = question.options.find((o) => o.label === label);
  return option ? [option.value] : undefined;
}

const levels = (t: ThreatScore) => `likelihood ${t.residual.likelihood}, impact ${t.residual.impact}`;

/**
 * `calibration-material` (templates/README.md): every material question answered with an option
 * that credits a safeguard is switched alone to its least safe option and the set scored again;
 * the flip must move at least one threat's residual level. An answer whose safeguards the set
 * does not count (each withheld because another answer of the set denies it) is not flipped:
 * the set already scores them as absent.
 */
function materialFlips(index: ScoringIndex, answers: ReadonlyMap<string, ScoringAnswer>, base: ThreatProfile, score: (a: ReadonlyMap<string, ScoringAnswer>) => ThreatProfile): CalibrationMaterialFlip[] {
  const flips: CalibrationMaterialFlip[] = [];
  const before = new Map(base.threats.map((t) => [t.id, t]));
  const counted = new Set(base.threats.flatMap((t) => t.controls.map((c) => c.id)));
  for (const [questionId, answer] of answers) {
    const question = index.questionsById.get(questionId);
    if (!question || question.material !== true || !('options' in question)) continue;
    if (answer.unknown || answer.notApplicable || answer.value === null) continue;
    const chosen = chosenValues(answer);
    const credited = question.options.filter((o) => chosen.includes(o.value)).flatMap((o) => o.effects.filter(isCredit).map((e) => e.control));
    // A safeguard the set already counts as absent (withheld: another answer denies it) is not load-bearing here.
    if (!credited.some((c) => counted.has(c))) continue;
    const worst = leastSafeValue(index, question);
    const from = answerWords(question, chosen);
    if (worst === undefined) {
      flips.push({ questionId, from, to: 'no option that adds risk', moved: [] });
      continue;
    }
    if (worst.length === chosen.length && worst.every((v) => chosen.includes(v))) continue;
    const value = question.kind === 'multi' ? worst : (worst[0] ?? null);
    const flipped = score(new Map(answers).set(questionId, { ...answer, value }));
    const moved = flipped.threats.flatMap((t) => {
      const b = before.get(t.id);
      if (!b || (b.residual.likelihood === t.residual.likelihood && b.residual.impact === t.residual.impact)) return [];
      return [{ threatId: t.id, from: levels(b), to: levels(t) }];
    });
    flips.push({ questionId, from, to: answerWords(question, worst), moved });
  }
  return flips;
}

/** Residual exposure on the open scale: raw likelihood × raw impact, the tie-breaker of `ranking`. */
const exposureOf = (t: ThreatScore) => (t.residual.raw?.likelihood ?? t.residual.likelihood) * (t.residual.raw?.impact ?? t.residual.impact);

/** `calibration-ranking`: every `above` threat outranks every `below` threat. */
function rankingProblems(set: TemplateSet, answerSet: CalibrationProfile['answerSets'][number], scored: ThreatProfile): CalibrationRankingProblem[] {
  const ranking = answerSet.ranking;
  if (!ranking) return [];
  const byId = new Map(scored.threats.map((t) => [t.id, t]));
  const label = (band: string) => set.matrix.bands.find((b) => b.id === band)?.label ?? band;
  const words = (t: ThreatScore) => `${t.id} (${label(t.residual.band)}, score ${t.residual.score}, residual exposure ${exposureOf(t)})`;
  const problems: CalibrationRankingProblem[] = [];
  const missing = [...new Set([...ranking.above, ...ranking.below])].filter((id) => !byId.has(id));
  for (const id of missing) problems.push({ above: ranking.above.includes(id) ? id : '', below: ranking.below.includes(id) ? id : '', message: `ranking names ${id}, which is not a threat of the catalog` });
  for (const a of ranking.above) {
    for (const b of ranking.below) {
      const ta = byId.get(a);
      const tb = byId.get(b);
      if (!ta || !tb) continue;
      const outranks = ta.residual.score > tb.residual.score || (ta.residual.score === tb.residual.score && exposureOf(ta) > exposureOf(tb));
      if (!outranks) problems.push({ above: a, below: b, message: `${words(ta)} should rank above ${words(tb)}` });
    }
  }
  return problems;
}

/** Scores every answer set of one profile and compares each expected band with the scored one. */
export function scoreCalibrationProfile(set: TemplateSet, profile: CalibrationProfile, index: ScoringIndex = calibrationIndex(set, profile.stage)): CalibrationProfileResult {
  const system = calibrationSystem(profile);
  const bandLabel = (id: string) => set.matrix.bands.find((b) => b.id === id)?.label ?? id;
  const answerSets = profile.answerSets.map((answerSet): CalibrationAnswerSetResult => {
    const read = readAnswers(index, system, profile, answerSet.answers);
    const score = (answers: ReadonlyMap<string, ScoringAnswer>) => scoreModel2({ index, system, answers, meta: { assessmentId: `${profile.id}/${answerSet.id}`, scoredAt: '' } });
    const scored = score(read.answers);
    const flips = materialFlips(index, read.answers, scored, score);
    const ranked = rankingProblems(set, answerSet, scored);
    const byId = new Map(scored.threats.map((t) => [t.id, t]));
    const threats = Object.entries(answerSet.expected).map(([threatId, expected]): CalibrationThreatResult => {
      const t = byId.get(threatId);
      return {
        threatId,
        name: t?.name ?? null,
        expected,
        expectedLabel: bandLabel(expected),
        scored: t
          ? { band: t.residual.band, label: bandLabel(t.residual.band), likelihood: t.residual.likelihood, impact: t.residual.impact, score: t.residual.score }
          : null,
        ok: t !== undefined && t.residual.band === expected,
      };
    });
    return {
      id: answerSet.id,
      title: answerSet.title,
      answerProblems: read.problems,
      threats,
      ranking: rank(index, scored.threats),
      materialFlips: flips,
      rankingProblems: ranked,
      hasRanking: answerSet.ranking !== undefined,
      ok: read.problems.length === 0 && threats.every((t) => t.ok) && flips.every((f) => f.moved.length > 0) && ranked.length === 0,
    };
  });
  return {
    id: profile.id,
    version: profile.version,
    title: profile.title,
    file: calibrationFile(profile),
    cases: profile.cases,
    stage: profile.stage,
    system: profile.system,
    answerSets,
    ok: answerSets.every((s) => s.ok),
  };
}

/** The calibration table of a template set: every profile, every answer set. */
export function scoreCalibration(set: TemplateSet): CalibrationReport {
  const indexes = new Map<CalibrationProfile['stage'], ScoringIndex>();
  const indexFor = (stage: CalibrationProfile['stage']) => {
    let index = indexes.get(stage);
    if (!index) indexes.set(stage, (index = calibrationIndex(set, stage)));
    return index;
  };
  const profiles = set.calibration.map((p) => scoreCalibrationProfile(set, p, indexFor(p.stage)));
  return { ok: profiles.every((p) => p.ok), profiles };
}

/**
 * The linter's calibration rules: `calibration-answer` (an answer that cannot be scored as
 * written), `calibration-threat` (an expected threat or band that does not exist),
 * `calibration-mismatch` (the shipped content no longer gives the expected band),
 * `calibration-material` (a material safeguard answer whose loss moves no residual level) and
 * `calibration-ranking` (a threat of the set's `ranking.above` that does not outrank one of
 * `ranking.below`).
 */
export function lintCalibration(set: TemplateSet, report: CalibrationReport = scoreCalibration(set)): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const bands = new Set(set.matrix.bands.map((b) => b.id));
  const bandList = set.matrix.bands.map((b) => b.id).join(', ');
  for (const profile of report.profiles) {
    profile.answerSets.forEach((answerSet, i) => {
      const where = `${profile.id} / ${answerSet.id}`;
      for (const p of answerSet.answerProblems) {
        problems.push({ file: profile.file, path: `answerSets[${i}].answers.${p.questionId} (${answerSet.id})`, rule: 'calibration-answer', message: `${where}: ${p.message}` });
      }
      for (const t of answerSet.threats) {
        const path = `answerSets[${i}].expected.${t.threatId} (${answerSet.id})`;
        if (t.scored === null) {
          problems.push({ file: profile.file, path, rule: 'calibration-threat', message: `${where}: ${t.threatId} is not a threat of the catalog` });
        } else if (!bands.has(t.expected)) {
          problems.push({ file: profile.file, path, rule: 'calibration-threat', message: `${where}: ${t.threatId} expects "${t.expected}", which is not a band of the risk matrix (${bandList})` });
        } else if (!t.ok) {
          problems.push({
            file: profile.file,
            path,
            rule: 'calibration-mismatch',
            message: `${where}: ${t.threatId} expected ${t.expectedLabel}, scored ${t.scored.label} (likelihood ${t.scored.likelihood}, impact ${t.scored.impact})`,
          });
        }
      }
      for (const f of answerSet.materialFlips) {
        if (f.moved.length > 0) continue;
        problems.push({
          file: profile.file,
          path: `answerSets[${i}].answers.${f.questionId} (${answerSet.id})`,
          rule: 'calibration-material',
          message:
            f.to === 'no option that adds risk'
              ? `${where}: ${f.questionId} is material but has no option that adds risk, so losing its safeguard cannot be shown`
              : `${where}: switching the material safeguard ${f.questionId} from ${f.from} to ${f.to} moves no threat's residual level; its loss does not show`,
        });
      }
      for (const r of answerSet.rankingProblems) {
        const rule = r.above === '' || r.below === '' ? 'calibration-threat' : 'calibration-ranking';
        problems.push({ file: profile.file, path: `answerSets[${i}].ranking (${answerSet.id})`, rule, message: `${where}: ${r.message}` });
      }
    });
  }
  return problems;
}
