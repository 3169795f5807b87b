import { readSettings } from '../settings/settings-service.ts';
import type { ObservationSource } from '../scoring/observed.ts';
import type { Repositories } from '../store/storage-port.ts';
import { readinessOf, roleKey } from './readiness.ts';
import type { ReadinessSummary } from '../../contract/index.ts';

/** The threat a training shortfall raises (templates/catalog/threats.json). */
export const readinessThreat = 'T-CLINICIAN-READINESS';

/** A system's readiness as of `today`, inside the caller's read or write: its records against the hospital's target. */
export async function readSystemReadiness(r: Repositories, systemId: string, today: string): Promise<ReadinessSummary> {
  const target = (await readSettings(r.settings)).readinessTarget;
  return readinessOf(systemId, await r.training.forSystem(systemId), target, today);
}

/**
 * What training says about a system, as scoring counts it (scoring/observed.ts): one signal on
 * T-CLINICIAN-READINESS per role group in shortfall (below the target or its refresher overdue),
 * its detail the group's readiness in words. A group back on target raises nothing; its history
 * stays in its records.
 */
export const readinessObservations: ObservationSource = async (r, systemId, today) =>
  (await readSystemReadiness(r, systemId, today)).groups
    .filter((g) => g.shortfall)
    .map((g) => ({ threatId: readinessThreat, source: 'readiness' as const, ref: `training:${roleKey(g.role)}`, detail: g.words }));
