import { lifecycleLabels, riskStatusLabels, type SystemDecision } from '../../contract/index.ts';
import { acceptability, outputDrives } from './acceptability.ts';
import { changesSince } from './changes-since.ts';
import { reassessment } from './decisions.ts';
import type { PolicyFacts, SystemFacts } from './facts.ts';
import { recommend } from './recommend.ts';
import { isEditable } from '../rules/statuses.ts';
import { conditionsOf, currentOf, isDone } from './risk-state.ts';

/** The risks a system page shows first. */
export const topRiskCount = 5;

/** One system's page of the decision summary, from its facts: a pure function. */
export function systemDecision(facts: SystemFacts, policy: PolicyFacts): SystemDecision {
  const { system } = facts;
  const { assessments: current, risks } = currentOf(facts);
  const rank = (band: string) => policy.bands.findIndex((b) => b.id === band);
  const highest = (bands: readonly string[]) => [...bands].sort((a, b) => rank(b) - rank(a))[0] ?? null;
  // Risks are opened when an assessment is submitted; before that, its live profile is what
  // says how bad the system looks, so an unsubmitted assessment's bands count too.
  const live = current.filter((a) => isEditable(a.status));
  const scored = current.length > 0;
  const open = risks.filter((r) => !isDone(r));
  const { recommendation, reasons } = recommend(facts, policy);
  return {
    systemId: system.id,
    name: system.name,
    vendor: system.vendor,
    lifecycleStage: lifecycleLabels[system.lifecycleStage],
    intendedUse: system.intendedUse,
    patientPopulation: system.patientPopulation,
    outputDrives: outputDrives(system),
    modelVersion: system.modelVersion,
    currentAssessments: current.map((a) => ({ assessmentId: a.id, stage: a.stage, title: a.title, status: a.status, decidedAt: a.review.decidedAt })),
    overall: {
      inherent: highest([...risks.map((r) => r.inherent.band), ...live.flatMap((a) => (a.highestInherent ? [a.highestInherent] : []))]),
      residual: highest([...open.map((r) => r.residual.band), ...live.map((a) => a.overall.band)]),
    },
    recommendation,
    reasons,
    acceptability: acceptability(risks, live.map((a) => ({ stage: a.stage, band: a.overall.band })), scored, policy),
    topRisks: [...open]
      .sort((a, b) => rank(b.band) - rank(a.band) || b.residual.score - a.residual.score || a.threatName.localeCompare(b.threatName))
      .slice(0, topRiskCount)
      .map((r) => ({
        riskId: r.id,
        threatName: r.threatName,
        residual: r.residual,
        aboveAppetite: r.aboveAppetite,
        status: riskStatusLabels[r.status] ?? r.status,
        owner: r.owner || 'Not assigned',
        assessmentId: r.assessmentId,
      })),
    conditions: conditionsOf(current, policy.today),
    changesSince: changesSince(facts),
    reassessment: reassessment(facts, policy),
  };
}
