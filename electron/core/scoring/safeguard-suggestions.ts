import type { SafeguardSuggestion, ScoringModel, ThreatProfile } from '../../contract/index.ts';
import { scoreAssessment, type ScoringRequest } from './score-assessment.ts';
import { visibleQuestions } from './visibility.ts';

export interface SuggestionRequest {
  /** The scoring model the assessment is pinned to. */
  model: ScoringModel;
  /** What the assessment's profile was scored from. */
  request: ScoringRequest;
  /** The profile scored from `request` (scored here when not given). */
  profile?: ThreatProfile;
  threatId: string;
}

/**
 * The safeguards that would lower one threat's residual risk and are not credited in full today
 * (not claimed, only partly in place, a vendor's unchecked claim, or withheld while answers
 * disagree): each with the residual it would leave if it were in place and credited in full,
 * worked out by scoring the assessment again with that safeguard assumed in place, under the
 * same scoring model. Strongest reduction first; a safeguard that would not lower the residual
 * score is left out. Pure.
 */
export function suggestSafeguards({ model, request, profile, threatId }: SuggestionRequest): SafeguardSuggestion[] {
  const { index } = request;
  const current = (profile ?? scoreAssessment(model, request)).threats.find((t) => t.id === threatId);
  if (!current) return [];
  const fullyCredited = new Set(current.controls.filter((c) => c.strength === 'full').map((c) => c.id));
  const candidates = [...new Set((index.mitigations.get(threatId) ?? []).map((m) => m.control.id))].filter((id) => !fullyCredited.has(id));
  if (candidates.length === 0) return [];

  const visible = request.visible ?? visibleQuestions(index.questions, index.questionsById, request.system, request.answers);
  const creditedBy = (controlId: string) => {
    const questions = index.questions.filter((q) => index.creditable.get(q.id)?.has(controlId));
    // Questions shown now first: those can be answered as they stand.
    return [...questions.filter((q) => visible.has(q.id)), ...questions.filter((q) => !visible.has(q.id))].map((q) => ({ questionId: q.id, text: q.text }));
  };

  const assumed = request.assumeInPlace ?? [];
  const suggestions: (SafeguardSuggestion & { order: number })[] = [];
  candidates.forEach((controlId, order) => {
    const after = scoreAssessment(model, { ...request, assumeInPlace: [...assumed, controlId] }).threats.find((t) => t.id === threatId);
    if (!after) return;
    const lowersScoreBy = current.residual.score - after.residual.score;
    if (lowersScoreBy <= 0) return;
    suggestions.push({
      controlId,
      name: index.controlsById.get(controlId)?.name ?? controlId,
      residualAfter: after.residual,
      lowersScoreBy,
      creditedBy: creditedBy(controlId),
      order,
    });
  });
  return suggestions.sort((a, b) => b.lowersScoreBy - a.lowersScoreBy || a.order - b.order).map(({ order: _order, ...s }) => s);
}
