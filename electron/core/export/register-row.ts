import type { LevelPair, MatrixInfo, RegisterRisk } from './register-model.ts';
import { assessmentName, assessmentStatusWords, riskStatusWords } from './words.ts';

/*
 * One risk as the cells of the register, in the order of `registerColumns`. The Word table
 * and the CSV both take their cells from here, so the two never disagree about what a cell says.
 */

export const bandLabel = (matrix: MatrixInfo, id: string): string => matrix.bands.find((b) => b.id === id)?.label ?? id;

/** "4 × 5 = 20": likelihood, impact and their product. */
export const scoreText = (pair: LevelPair): string => `${pair.likelihood} × ${pair.impact} = ${pair.score}`;

/** Credited safeguards, strongest first; a vendor's claim without evidence is marked, as it counts half. */
export const keyControlsText = (risk: RegisterRisk): string =>
  risk.keyControls.length === 0 ? 'None credited' : risk.keyControls.map((c) => (c.strength === 'reduced' ? `${c.name} (unverified)` : c.name)).join('; ');

export const dueText = (risk: RegisterRisk): string => (risk.dueDate ? (risk.overdue ? `${risk.dueDate} (overdue)` : risk.dueDate) : '');

/** Which assessment the risk comes from: "Local validation assessment (Approved)". */
export const sourceText = (risk: RegisterRisk): string =>
  risk.source.stage ? `${assessmentName(risk.source.stage)} (${assessmentStatusWords(risk.source.status)})` : risk.source.title;

export function registerRow(risk: RegisterRisk, matrix: MatrixInfo): string[] {
  return [
    risk.id,
    risk.systemName,
    sourceText(risk),
    risk.threatName,
    scoreText(risk.inherent),
    keyControlsText(risk),
    scoreText(risk.residual),
    bandLabel(matrix, risk.residual.band),
    risk.owner,
    risk.treatmentSummary,
    dueText(risk),
    riskStatusWords(risk.status),
  ];
}
