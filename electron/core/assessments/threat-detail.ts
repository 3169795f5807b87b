import { frameworkNames, refFrameworks, type Refs, type Threat, type ThreatDetail } from '../../contract/index.ts';
import { DomainError } from '../domain-error.ts';
import { traceLine } from '../scoring/plain-words.ts';
import { suggestSafeguards } from '../scoring/safeguard-suggestions.ts';
import { threatWordingFor } from '../scoring/threat-wording.ts';
import type { AssessmentRow } from './assessments-repository.ts';
import type { Evaluation } from './evaluate-assessment.ts';

/** A threat's framework references by framework, in the frameworks' order, named for people. */
export const referencesOf = (refs: Refs): ThreatDetail['references'] =>
  refFrameworks.flatMap((f) => {
    const ids = refs[f] ?? [];
    return ids.length > 0 ? [{ framework: frameworkNames[f], ids: [...ids] }] : [];
  });

/**
 * One threat of an evaluated assessment as its owner plans from it. The words (description,
 * consequence, references) come from the installed catalog when it still has the threat, as the
 * register's do, so that both say the same; the scores and suggestions from the assessment's own
 * snapshot and scoring model.
 */
export function threatDetailOf(row: AssessmentRow, e: Evaluation, threatId: string, installed: Threat | undefined): ThreatDetail {
  const score = e.profile.threats.find((t) => t.id === threatId);
  const pinned = e.snapshot.threats.threats.find((t) => t.id === threatId);
  const threat = installed ?? pinned;
  if (!score || !threat) {
    throw new DomainError('NOT_FOUND', `${row.id} has no threat ${threatId}: it is not in the threat catalog this assessment was scored with.`, { id: row.id, threatId });
  }
  const { description, clinicalConsequence } = threatWordingFor(threat, e.system);
  return {
    assessmentId: row.id,
    systemId: row.system_id,
    systemName: e.system.name,
    threat: score,
    description,
    clinicalConsequence,
    why: score.trace.map(traceLine),
    gaps: score.gaps.map((questionId) => ({ questionId, text: e.index.questionsById.get(questionId)?.text ?? questionId })),
    references: referencesOf(threat.refs),
    suggestions: suggestSafeguards({ model: row.scoring_model, request: e.request, profile: e.profile, threatId }),
  };
}
