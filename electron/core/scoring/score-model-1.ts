import type { AnswerValue, ThreatProfile, ThreatScore, TraceEntry } from '../../contract/index.ts';
import { isCredit, isExposure } from '../../contract/index.ts';
import { describeAnswer, effectsOfAnswer } from './answer-effects.ts';
import { unverifiedVendorStrength, type ScoringAnswer } from './findings.ts';
import { levelName, levelsWords } from './plain-words.ts';
import { summariseProfile } from './profile-summary.ts';
import { bandOf, type ScoringIndex } from './scoring-index.ts';
import { systemMatches, visibleQuestions, type StoredAnswer, type SystemProfile } from './visibility.ts';

const minLevel = 1;
const maxLevel = 5;

interface Credit {
  strength: 'full' | 'reduced';
  questionId: string;
  value: AnswerValue;
  /** Not an answer: assumed in place for a what-if. */
  assumed?: true;
}

const isAnswered = (a: StoredAnswer | undefined): a is StoredAnswer & { value: AnswerValue } =>
  a !== undefined && !a.unknown && a.value !== null;

function describeDelta(likelihood: number, impact: number): string {
  const part = (what: string, n: number) => (n === 0 ? [] : [`${n > 0 ? 'raises' : 'lowers'} the ${what} by ${levelsWords(n)}`]);
  return [...part('likelihood', likelihood), ...part('impact', impact)].join(' and ');
}

/**
 * Scoring model 1, kept unchanged so that assessments pinned to it show the scores they were
 * decided on (docs/scoring.md). Pure: the same index, system and answers always give the same
 * profile, and every number is the sum of its trace. It reads a safeguard's likelihood and
 * detectability reductions as likelihood, its severity reductions as impact, and knows nothing of
 * floors, partial credit, reviews or contradictions.
 */
export function scoreModel1(
  index: ScoringIndex,
  system: SystemProfile,
  answers: ReadonlyMap<string, ScoringAnswer>,
  meta: { assessmentId: string; scoredAt: string },
  /** A what-if: safeguards treated as in place and credited in full (see ScoringRequest.assumeInPlace). */
  assumeInPlace: readonly string[] = [],
): ThreatProfile {
  const { content, questions, questionsById } = index;
  const visible = visibleQuestions(questions, questionsById, system, answers);

  // One pass over the visible answers: the controls they credit (full strength unless only a
  // vendor claimed it without evidence) and their exposures, bucketed by threat. Profile rules
  // go first so each threat's trace reads base, profile, then answers in question order.
  const credits = new Map<string, Credit>();
  const exposures = new Map<string, TraceEntry[]>();
  const push = (threatId: string, entry: TraceEntry) => {
    const list = exposures.get(threatId);
    if (list) list.push(entry);
    else exposures.set(threatId, [entry]);
  };
  for (const rule of content.profileRules) {
    if (!systemMatches(system, rule.field, rule.in)) continue;
    for (const effect of rule.effects) {
      if (!isExposure(effect)) continue;
      const l = effect.likelihood ?? 0;
      const i = effect.impact ?? 0;
      push(effect.threat, { step: 'profile', phase: 'inherent', ruleId: rule.id, effect: { likelihood: l, impact: i }, detail: `${rule.why} (${describeDelta(l, i)})` });
    }
  }
  for (const question of questions) {
    const answer = answers.get(question.id);
    if (!visible.has(question.id) || !isAnswered(answer)) continue;
    const strength = answer.source === 'vendor' && !answer.hasEvidence ? 'reduced' : 'full';
    let described: string | undefined;
    for (const effect of effectsOfAnswer(question, answer.value)) {
      if (!isCredit(effect) && !isExposure(effect)) continue;
      if (isCredit(effect)) {
        const existing = credits.get(effect.control);
        if (!existing || (existing.strength === 'reduced' && strength === 'full')) {
          credits.set(effect.control, { strength, questionId: question.id, value: answer.value });
        }
        continue;
      }
      const l = effect.likelihood ?? 0;
      const i = effect.impact ?? 0;
      described ??= describeAnswer(question, answer.value);
      push(effect.threat, {
        step: 'exposure',
        phase: 'inherent',
        questionId: question.id,
        answer: answer.value,
        effect: { likelihood: l, impact: i },
        detail: `The answer to ${question.id} was "${described}", which ${describeDelta(l, i)}`,
      });
    }
  }
  for (const control of assumeInPlace) credits.set(control, { strength: 'full', questionId: '', value: '', assumed: true });

  const threats: ThreatScore[] = content.threats.map((threat) => {
    const trace: TraceEntry[] = [
      {
        step: 'base',
        phase: 'inherent',
        effect: { likelihood: threat.baseLikelihood, impact: threat.baseImpact },
        detail: `Typical for a hospital AI product before anything is known about it: likelihood ${levelName(content.matrix, 'likelihood', threat.baseLikelihood)}, impact ${levelName(content.matrix, 'impact', threat.baseImpact)}`,
      },
    ];
    let rawL = threat.baseLikelihood;
    let rawI = threat.baseImpact;
    for (const entry of exposures.get(threat.id) ?? []) {
      trace.push(entry);
      rawL += entry.effect.likelihood;
      rawI += entry.effect.impact;
    }
    const inherentL = Math.min(maxLevel, Math.max(minLevel, rawL));
    const inherentI = Math.min(maxLevel, Math.max(minLevel, rawI));
    if (inherentL !== rawL || inherentI !== rawI) {
      trace.push({
        step: 'clamp',
        phase: 'inherent',
        effect: { likelihood: inherentL - rawL, impact: inherentI - rawI },
        detail: `The older scoring method used for this assessment cannot go above level ${maxLevel} or below level ${minLevel}, so the exposure beyond that is not counted`,
      });
    }

    const applied: ThreatScore['controls'] = [];
    let reducedL = inherentL;
    let reducedI = inherentI;
    for (const m of index.mitigations.get(threat.id) ?? []) {
      const credit = credits.get(m.control.id);
      if (!credit) continue;
      const factor = credit.strength === 'full' ? 1 : unverifiedVendorStrength;
      const l = m.reduces === 'severity' ? 0 : -m.by * factor;
      const i = m.reduces === 'severity' ? -m.by * factor : 0;
      reducedL += l;
      reducedI += i;
      applied.push({ id: m.control.id, strength: credit.strength });
      const question = questionsById.get(credit.questionId);
      trace.push({
        step: 'control',
        phase: 'residual',
        ...(credit.assumed ? {} : { questionId: credit.questionId, answer: credit.value }),
        controlId: m.control.id,
        effect: { likelihood: l, impact: i },
        detail:
          `${m.control.name} (${m.control.id}) is in place: ` +
          (credit.assumed ? 'assumed to be in place and counted in full, to show what it would do' : `the answer to ${credit.questionId}`) +
          (question ? ` was "${describeAnswer(question, credit.value)}"` : '') +
          (credit.strength === 'reduced' ? ', claimed by the vendor without evidence, so it counts half' : '') +
          `; it ${describeDelta(l, i)}`,
      });
    }
    // Partial (half-strength) reductions round towards the higher risk; a residual never goes
    // below the scale or above the inherent level.
    const residualL = Math.min(inherentL, Math.max(minLevel, Math.ceil(reducedL)));
    const residualI = Math.min(inherentI, Math.max(minLevel, Math.ceil(reducedI)));
    if (residualL !== reducedL || residualI !== reducedI) {
      trace.push({
        step: 'rounding',
        phase: 'residual',
        effect: { likelihood: residualL - reducedL, impact: residualI - reducedI },
        detail:
          'Rounded up to a whole level, towards the higher risk, and never below 1: under the older scoring method used for this assessment, a safeguard that only counts half (a vendor claim without evidence) lowers a level only together with another one',
      });
    }

    const gaps = (index.touching.get(threat.id) ?? []).filter((qid) => visible.has(qid) && !isAnswered(answers.get(qid)));
    const inherentBand = bandOf(content.matrix, inherentL, inherentI);
    const residualBand = bandOf(content.matrix, residualL, residualI);
    return {
      id: threat.id,
      name: threat.name,
      inherent: { likelihood: inherentL, impact: inherentI, score: inherentL * inherentI, band: inherentBand },
      residual: { likelihood: residualL, impact: residualI, score: residualL * residualI, band: residualBand },
      trace,
      gaps,
      controls: applied,
    };
  });

  const { overall, heatmap } = summariseProfile(index, threats);
  return { assessmentId: meta.assessmentId, model: 1, overall, threats, heatmap, scoredAt: meta.scoredAt };
}
