import {
  assessmentStatusLabels,
  decisionKindLabels,
  decisionKinds,
  lifecycleLabels,
  recommendationLabels,
  riskStatusLabels,
  type DecisionItem,
  type DecisionKind,
  type Recommendation,
  type RiskMatrix,
} from '../../../../electron/contract/index.ts';
import type { Route } from '../../routing/use-hash-route.ts';
import { entityRoute } from '../../routing/entity-route.ts';

/** A value's label, or the value in words when no label knows it (never a bare camelCase code). */
function labelOf(labels: Readonly<Record<string, string>>, value: string): string {
  if (Object.hasOwn(labels, value)) return labels[value] ?? value;
  const words = value.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export const lifecycleLabel = (stage: string): string => labelOf(lifecycleLabels, stage);
export const assessmentStatusLabel = (status: string): string => labelOf(assessmentStatusLabels, status);
export const riskStatusText = (status: string): string => labelOf(riskStatusLabels, status);
export const recommendationLabel = (r: Recommendation): string => recommendationLabels[r];

/** Badge colours: the recommendation at a glance (the words say it too). */
export const recommendationColors: Readonly<Record<Recommendation, string>> = {
  approve: 'teal',
  approveWithConditions: 'lime',
  doNotApprove: 'red',
  notReady: 'gray',
};

export interface DecisionGroup {
  kind: DecisionKind;
  label: string;
  items: DecisionItem[];
}

/**
 * The decisions asked of the committee grouped by kind, in the contract's order (sign-offs
 * first), kinds with nothing asked left out; within a kind the soonest due first, undated last.
 */
export function groupDecisions(decisions: readonly DecisionItem[]): DecisionGroup[] {
  return decisionKinds.flatMap((kind) => {
    const items = decisions
      .filter((d) => d.kind === kind)
      .map((d, i) => ({ d, i }))
      .sort((a, b) => (a.d.due ?? '\uffff').localeCompare(b.d.due ?? '\uffff') || a.i - b.i)
      .map(({ d }) => d);
    return items.length > 0 ? [{ kind, label: decisionKindLabels[kind], items }] : [];
  });
}

/** The page a decision concerns: its assessment or risk, else the system. */
export function routeForRef(ref: string, systemId: string): Route {
  return entityRoute(ref) ?? { page: 'system', id: systemId };
}

/** What a link to a decision's record says, for a screen reader listing links. */
export function refLinkText(ref: string): string {
  if (ref.startsWith('ASM-')) return `Open assessment ${ref}`;
  if (ref.startsWith('RSK-')) return `Open risk ${ref}`;
  return `Open system ${ref}`;
}

/** A band's label on the organisation's matrix, or "Not scored" without a scored assessment. */
export function bandLabel(matrix: RiskMatrix | undefined, band: string | null): string {
  if (band === null) return 'Not scored';
  return matrix?.bands.find((b) => b.id === band)?.label ?? band;
}

/** "High → Medium": the overall inherent band to the overall residual band. */
export function overallText(matrix: RiskMatrix | undefined, overall: { inherent: string | null; residual: string | null }): string {
  if (overall.inherent === null && overall.residual === null) return 'Not scored';
  return `${bandLabel(matrix, overall.inherent)} → ${bandLabel(matrix, overall.residual)}`;
}

/** "Sign off … (1 of 2 sign-offs given) — due 1 May 2026." : one full stop, whether the core ended the sentence or not. */
export function decisionSentence(text: string, due: string | null, formatDate: (isoDate: string) => string): string {
  const body = text.trim().replace(/[.\s]+$/, '');
  return `${body}${due ? ` — due ${formatDate(due)}` : ''}.`;
}
