import type { ScoringModel, ThreatProfile } from '../../contract/index.ts';
import { scoreModel1 } from './score-model-1.ts';
import { scoreModel2, type ScoringRequest } from './score-model-2.ts';

export type { ScoringAnswer } from './findings.ts';
export type { InheritedStage, ScoringRequest } from './score-model-2.ts';

/**
 * Scores an assessment with the model it is pinned to. Model 1 stays for assessments decided
 * under it; it has no inherited stages, resolutions or reviews and ignores them.
 */
export function scoreAssessment(model: ScoringModel, request: ScoringRequest): ThreatProfile {
  return model === 1 ? scoreModel1(request.index, request.system, request.answers, request.meta, request.assumeInPlace) : scoreModel2(request);
}
