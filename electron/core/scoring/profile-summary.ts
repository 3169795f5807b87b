import type { ThreatProfile, ThreatScore } from '../../contract/index.ts';
import type { ScoringIndex } from './scoring-index.ts';

const maxLevel = 5;

/**
 * What both scoring models say about a profile as a whole: the highest residual band and score,
 * and the inherent and residual heat maps (threats per likelihood × impact cell).
 */
export function summariseProfile(index: ScoringIndex, threats: readonly ThreatScore[]): Pick<ThreatProfile, 'overall' | 'heatmap'> {
  const heat = () => Array.from({ length: maxLevel }, () => Array.from({ length: maxLevel }, () => 0));
  const heatmap = { inherent: heat(), residual: heat() };
  let band = index.content.matrix.bands[0]?.id ?? 'low';
  let highestResidual = 0;
  for (const t of threats) {
    for (const phase of ['inherent', 'residual'] as const) {
      const row = heatmap[phase][t[phase].likelihood - 1];
      if (row) row[t[phase].impact - 1] = (row[t[phase].impact - 1] ?? 0) + 1;
    }
    highestResidual = Math.max(highestResidual, t.residual.score);
    if ((index.bandRank.get(t.residual.band) ?? 0) > (index.bandRank.get(band) ?? 0)) band = t.residual.band;
  }
  return { overall: { band, highestResidual }, heatmap };
}
