import type { CalibrationProfile } from './calibration.ts';
import type { ModelCardMapping } from './model-card.ts';
import type { ControlCatalog, ProfileEffects, Questionnaire, ReferenceRegistry, RiskMatrix, ThreatCatalog } from './templates.ts';

// In its own file so that templates.ts, which calibration and model cards build on, imports neither.
/** Everything loaded from templates/, validated. */
export interface TemplateSet {
  threats: ThreatCatalog;
  controls: ControlCatalog;
  profileEffects: ProfileEffects;
  references: ReferenceRegistry;
  matrix: RiskMatrix;
  questionnaires: Questionnaire[];
  /** Mappings from documents a vendor publishes (e.g. a CHAI model card) to answers; `templates/mappings/`, optional. */
  modelCardMappings: ModelCardMapping[];
  /** Reference profiles with the residual bands the content must reproduce; `templates/calibration/`, optional. */
  calibration: CalibrationProfile[];
}

