import { frameworkNames, type SafeguardSuggestion } from '../../../electron/contract/index.ts';

const names: ReadonlyMap<string, string> = new Map(Object.entries(frameworkNames));

/** A framework as a committee reads it ("MITRE ATLAS"), whether the core sent its key or its name. */
export const frameworkName = (framework: string): string => names.get(framework) ?? framework;

/** "likelihood 2 × impact 3 = 6, 6 points lower": what the residual would be with the safeguard in place. */
export function suggestionText(s: Pick<SafeguardSuggestion, 'residualAfter' | 'lowersScoreBy'>): string {
  const { likelihood, impact, score } = s.residualAfter;
  const by = s.lowersScoreBy;
  return `likelihood ${likelihood} × impact ${impact} = ${score}, ${by === 1 ? '1 point' : `${by} points`} lower`;
}
