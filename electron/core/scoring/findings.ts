import type { AnswerSource, AnswerValue } from '../../contract/index.ts';
import { isCredit, isExposure, isFloor } from '../../contract/index.ts';
import { describeAnswer, effectsOfAnswer } from './answer-effects.ts';
import type { ScoringIndex } from './scoring-index.ts';
import { visibleQuestions, type StoredAnswer, type SystemProfile } from './visibility.ts';

export interface ScoringAnswer extends StoredAnswer {
  source: AnswerSource;
  /** A vendor's claim typed in by the assessor from the vendor's own questionnaire. */
  transcribed?: boolean | undefined;
  /** At least one evidence file is attached to this answer (model 1 gives a vendor claim full strength for it). */
  hasEvidence: boolean;
  /** An assessor has checked an attached file (model 2 gives a vendor claim full strength only then). */
  evidenceVerified?: boolean | undefined;
  /** An assessor's verdict on a free-text answer (model 2 credits free text only when adequate). */
  review?: 'adequate' | 'inadequate' | null | undefined;
}

/** Where a finding came from: an answer of this assessment, or of an approved earlier stage's. */
export interface FindingOrigin {
  questionId: string;
  answer: AnswerValue;
  answerText: string;
  source: AnswerSource;
  transcribed: boolean;
  fromAssessment?: string | undefined;
  /** The answer was "I don't know". */
  unknown?: true;
  /** Not an answer: a safeguard assumed in place for a what-if (ScoringRequest.assumeInPlace). */
  assumed?: true;
}

/** A vendor's claim without an assessor's check moves a score half as far as a checked one. */
export const unverifiedVendorStrength = 0.5;
/** A weaker practice (an option marked `partial`) earns half a control's credit. */
export const partialCreditStrength = 0.5;

export type Finding =
  | { kind: 'exposure'; threat: string; likelihood: number; impact: number; origin: FindingOrigin; unknownAs?: string }
  | { kind: 'floor'; threat: string; likelihood?: number | undefined; impact?: number | undefined; origin: FindingOrigin }
  /** The answer credits the control; `strength` is 1 (full) or less, with why in `strengthWhy`. */
  | { kind: 'credit'; control: string; strength: number; strengthWhy: string[]; origin: FindingOrigin }
  /** The answer says the control is not in place (or cannot confirm it: "I don't know"). */
  | { kind: 'denial'; control: string; origin: FindingOrigin };

export interface CollectedFindings {
  visible: Set<string>;
  findings: Finding[];
  /** Free-text answers that could credit a control but have no "adequate" review yet. */
  unreviewed: Set<string>;
}

const isAnswered = (a: StoredAnswer | undefined): a is StoredAnswer & { value: AnswerValue } =>
  a !== undefined && !a.unknown && !a.notApplicable && a.value !== null;

function creditStrength(answer: ScoringAnswer, optionStrength: 'full' | 'partial' | undefined): { strength: number; why: string[] } {
  let strength = 1;
  const why: string[] = [];
  if (optionStrength === 'partial') {
    strength *= partialCreditStrength;
    why.push('only partly in place, so it counts half');
  }
  if (answer.source === 'vendor' && !answer.evidenceVerified) {
    strength *= unverifiedVendorStrength;
    why.push(
      answer.hasEvidence
        ? "it is the vendor's claim and no assessor has checked its evidence yet, so it counts half"
        : "it is the vendor's claim with no evidence an assessor has checked, so it counts half",
    );
  }
  return { strength, why };
}

/**
 * What the visible answers of one assessment say, in question order (model 2): exposures,
 * floors, credits (with their strength) and denials of safeguards. The same walk serves the
 * assessment being scored and the approved earlier stages it inherits from.
 */
export function collectFindings(
  index: ScoringIndex,
  system: SystemProfile,
  answers: ReadonlyMap<string, ScoringAnswer>,
  fromAssessment?: string,
  /** The visible questions, when the caller has already worked them out for these answers. */
  known?: Set<string>,
): CollectedFindings {
  const visible = known ?? visibleQuestions(index.questions, index.questionsById, system, answers);
  const findings: Finding[] = [];
  const unreviewed = new Set<string>();
  for (const question of index.questions) {
    const answer = answers.get(question.id);
    if (!visible.has(question.id) || answer === undefined || answer.notApplicable) continue;
    const creditable = index.creditable.get(question.id) ?? new Set<string>();
    const base = { questionId: question.id, source: answer.source, transcribed: answer.transcribed === true, fromAssessment };

    if (answer.unknown) {
      const envelope = index.unknownEnvelope.get(question.id);
      const origin: FindingOrigin = { ...base, answer: "I don't know", answerText: "I don't know", unknown: true };
      for (const e of envelope?.exposures ?? []) {
        findings.push({ kind: 'exposure', threat: e.threat, likelihood: e.likelihood, impact: e.impact, origin, unknownAs: envelope?.label ?? '' });
      }
      for (const f of envelope?.floors ?? []) findings.push({ kind: 'floor', threat: f.threat, likelihood: f.likelihood, impact: f.impact, origin });
      for (const control of creditable) findings.push({ kind: 'denial', control, origin });
      continue;
    }
    if (!isAnswered(answer)) continue;

    const origin: FindingOrigin = { ...base, answer: answer.value, answerText: describeAnswer(question, answer.value) };
    const effects = (typeof answer.value === 'string' && index.optionEffects.get(question.id)?.get(answer.value)) || effectsOfAnswer(question, answer.value);
    const free = !('options' in question);
    let credited = false;
    // One credit per safeguard per answer, at its strongest (several chosen options of a multi
    // choice may credit the same safeguard).
    const credits = new Map<string, Extract<Finding, { kind: 'credit' }>>();
    for (const effect of effects) {
      if (isCredit(effect)) {
        // Free text credits nothing on its own: an assessor must find it adequate first.
        if (free && answer.review !== 'adequate') {
          unreviewed.add(question.id);
          continue;
        }
        const { strength, why } = creditStrength(answer, effect.strength);
        const before = credits.get(effect.control);
        if (!before || strength > before.strength) credits.set(effect.control, { kind: 'credit', control: effect.control, strength, strengthWhy: why, origin });
        credited = true;
      } else if (isFloor(effect)) {
        findings.push({ kind: 'floor', threat: effect.threat, likelihood: effect.floor.likelihood, impact: effect.floor.impact, origin });
      } else if (isExposure(effect)) {
        findings.push({ kind: 'exposure', threat: effect.threat, likelihood: effect.likelihood ?? 0, impact: effect.impact ?? 0, origin });
      }
    }
    findings.push(...credits.values());
    // A single choice that credits none of the safeguards the question asks about, and raises a
    // risk instead, says they are not in place. An option with no effect at all ("no change to
    // integrations", "standalone") is neutral, a multi choice leaves the unchosen ones open, and
    // an inadequate free-text answer is a gap: none of these is a denial.
    if (!credited && !free && question.kind !== 'multi' && effects.length > 0) {
      for (const control of creditable) findings.push({ kind: 'denial', control, origin });
    }
  }
  return { visible, findings, unreviewed };
}
