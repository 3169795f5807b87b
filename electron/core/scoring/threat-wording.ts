import type { AiSystem, Threat } from '../../contract/index.ts';

/** What the wording depends on: the system's clinical domain and model type (either may be unrecorded). */
export type WordingSystem = Pick<AiSystem, 'clinicalDomain' | 'modelType'>;

export interface ThreatWording {
  description: string;
  clinicalConsequence: string;
}

/**
 * A threat described for one system. The catalog's generic text is setting-neutral; where it
 * would be wrong or vague for a system, the catalog carries variants: the description by model
 * type (how the threat arises in a generative tool differs from a predictive one), the clinical
 * consequence by clinical domain (what harm looks like in radiology is not what it looks like in
 * an emergency department) and, failing that, by model type. The most specific text wins; a
 * domain variant is written to hold for any model type used in that domain.
 */
export function threatWordingFor(threat: Threat, system: WordingSystem): ThreatWording {
  const byModelType = (variants: Readonly<Record<string, string>> | undefined) =>
    system.modelType === null ? undefined : variants?.[system.modelType];
  const byDomain = (variants: Readonly<Record<string, string>> | undefined) =>
    system.clinicalDomain === null ? undefined : variants?.[system.clinicalDomain];
  return {
    description: byModelType(threat.descriptionByModelType) ?? threat.description,
    clinicalConsequence: byDomain(threat.consequenceByDomain) ?? byModelType(threat.consequenceByModelType) ?? threat.clinicalConsequence,
  };
}
