import type { CriteriaSet } from '../../contract/monitoring.ts';
import { currentAssessments } from '../rules/current-assessments.ts';
import type { Repositories } from '../store/storage-port.ts';

/**
 * The criteria in force for a system: those of its current local validation assessment (latest
 * submitted, else latest draft: rules/current-assessments.ts), or null when it records none.
 */
export async function criteriaInForce(r: Repositories, systemId: string): Promise<CriteriaSet | null> {
  const validations = (await r.assessments.list(systemId))
    .filter((a) => a.stage === 'validation')
    .map((a) => ({ id: a.id, systemId: a.system_id, stage: a.stage, status: a.status, createdAt: a.created_at }));
  const current = currentAssessments(validations)[0];
  return current ? ((await r.monitoring.criteria(current.id)) ?? null) : null;
}
