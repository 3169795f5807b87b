// A system in use whose local validation recorded acceptance criteria, for the monitoring tests
// (docs/monitoring.md); and what a refused import must leave as it was.
import type { MethodInput } from '../../../electron/contract/index.ts';
import type { TestCore } from '../../support/core-fixture.ts';
import { benignSystem, driveAssessment, type Caller } from '../../support/governance-fixture.ts';

export const header = 'metric,subgroup,period,value,n,source';
export const csv = (...rows: string[]): string => [header, ...rows].join('\n') + '\n';

export const criteria: MethodInput<'monitoring.setCriteria'>['criteria'] = [
  { metric: 'sensitivity', subgroup: 'all', min: 0.8, rationale: 'Local validation: 0.86 (95% CI 0.83–0.89).' },
  { metric: 'sensitivity', subgroup: 'age:65+', min: 0.8, maxGap: 0.1 },
  { metric: 'alertRate', subgroup: 'all', max: 0.3 },
];

/** A new system through procurement, validation (with the criteria) and deployment, to inUse. */
export async function monitoredSystem(core: Caller, name = 'Sepsis watch'): Promise<{ systemId: string; validationId: string; assessments: string[] }> {
  const system = await core.call('systems.create', { ...benignSystem, name });
  const ids: string[] = [];
  for (const stage of ['procurement', 'validation', 'deployment'] as const) {
    const a = await core.call('assessments.start', { systemId: system.id, stage });
    if (stage === 'validation') await core.call('monitoring.setCriteria', { assessmentId: a.id, reviewPeriod: 'monthly', criteria });
    await driveAssessment(core, a.id);
    ids.push(a.id);
  }
  const after = await core.call('systems.get', { id: system.id });
  if (after.lifecycleStage !== 'inUse') throw new Error(`${system.id} is ${after.lifecycleStage}, not inUse`);
  return { systemId: system.id, validationId: ids[1]!, assessments: ids };
}

/** What an import writes: values, imports, breaches, system events and the ledger, counted. */
export async function monitoringCounts(core: TestCore): Promise<Record<string, number>> {
  const count = async (table: string) => Number((await core.rows<{ n: number | string }>(`SELECT count(*) AS n FROM ${table}`))[0]!.n);
  return {
    values: await count('monitoring_values'),
    imports: await count('monitoring_imports'),
    breaches: await count('monitoring_breaches'),
    events: await count('system_events'),
    ledger: await count('audit_events'),
  };
}
