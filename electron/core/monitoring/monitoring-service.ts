import { createHash } from 'node:crypto';
import type { z } from 'zod';
import {
  overallSubgroup,
  type CriteriaSet,
  type MonitoringBreach,
  type MonitoringImportResult,
  type MonitoringSeries,
  type MonitoringSummary,
  type SetCriteriaInput,
} from '../../contract/monitoring.ts';
import { stageLabels } from '../../contract/labels.ts';
import type { CommandRunner } from '../command-runner.ts';
import type { CallContext, Clock, IdSource } from '../deps.ts';
import { DomainError } from '../domain-error.ts';
import { checkRevision } from '../rules/revisions.ts';
import { isEditable } from '../rules/statuses.ts';
import type { Repositories, StoragePort } from '../store/storage-port.ts';
import type { WorkflowService } from '../workflow/workflow-service.ts';
import { driftDescription, findBreaches, type Breach } from './breaches.ts';
import { criteriaInForce } from './criteria-in-force.ts';
import { isOverdue } from './overdue.ts';
import { readMonitoringFile, valueKey, type RecordedValue } from './read-monitoring-file.ts';

export interface MonitoringService {
  setCriteria(ctx: CallContext, input: Omit<z.output<typeof SetCriteriaInput>, 'by'>): Promise<CriteriaSet>;
  criteria(assessmentId: string): Promise<CriteriaSet | null>;
  import(ctx: CallContext, input: { systemId: string; fileName: string; text: string }): Promise<MonitoringImportResult>;
  summary(systemId: string): Promise<MonitoringSummary>;
  /** The ids of the systems with criteria or data: the register asks for their summaries only. */
  monitoredSystems(): Promise<Set<string>>;
}


async function findAssessment(r: Repositories, id: string) {
  const row = await r.assessments.find(id);
  if (!row) throw new DomainError('NOT_FOUND', `No assessment with id ${id}.`, { id });
  return row;
}

async function findSystem(r: Repositories, id: string) {
  const system = await r.systems.find(id);
  if (!system) throw new DomainError('NOT_FOUND', `No AI system with id ${id}.`, { id });
  return system;
}

/** The breaches with the drift events that recorded them (null: not recorded, e.g. found under criteria set after the import). */
async function breachesOf(r: Repositories, systemId: string, criteria: CriteriaSet | null, values: Parameters<typeof findBreaches>[1]): Promise<MonitoringBreach[]> {
  if (!criteria) return [];
  const recorded = new Map((await r.monitoring.recordedBreaches(systemId)).map((b) => [`${b.criterionId}@${b.period}`, b]));
  return findBreaches(criteria.criteria, values, criteria.assessmentId).map((b) => {
    const event = recorded.get(`${b.criterionId}@${b.period}`);
    return { ...b, eventId: event?.eventId ?? null, assessmentId: event?.assessmentId ?? null };
  });
}

/** Continuous monitoring after go-live (issue 20, docs/monitoring.md). */
export function createMonitoringService(deps: {
  store: StoragePort;
  run: CommandRunner;
  ids: IdSource;
  clock: Clock;
  workflow: Pick<WorkflowService, 'recordEvent' | 'refreshLiveProfile'>;
}): MonitoringService {
  const { store, run, ids, clock, workflow } = deps;
  const today = () => clock.now().toISOString().slice(0, 10);

  return {
    setCriteria: (ctx, input) =>
      run(ctx, 'monitoring.criteriaSet', async ({ at, actor }, r) => {
        const assessment = await findAssessment(r, input.assessmentId);
        if (assessment.stage !== 'validation') {
          throw new DomainError(
            'CONFLICT',
            `${assessment.id} is a ${stageLabels[assessment.stage].toLowerCase()} assessment: acceptance criteria are recorded with the system's local validation assessment.`,
            { id: assessment.id, stage: assessment.stage },
          );
        }
        if (!isEditable(assessment.status)) {
          throw new DomainError('CONFLICT', `${assessment.id} is ${assessment.status}: its acceptance criteria are frozen with it. Start a new validation assessment to change them.`, {
            id: assessment.id,
            status: assessment.status,
          });
        }
        const seen = new Map<string, number>();
        input.criteria.forEach((c, i) => {
          const key = `${c.metric}\u0000${c.subgroup}`;
          const first = seen.get(key);
          if (first !== undefined) {
            throw new DomainError('VALIDATION_FAILED', `Criteria ${first + 1} and ${i + 1} are both for ${c.metric} in ${c.subgroup}: give one criterion per metric and subgroup, with both its limits.`, {
              issues: [{ path: `criteria.${i}.subgroup`, message: `${c.metric} in ${c.subgroup} is already criterion ${first + 1}` }],
            });
          }
          seen.set(key, i);
        });
        const before = await r.monitoring.criteria(assessment.id);
        checkRevision(
          { what: `the acceptance criteria of ${assessment.id}`, reload: 'Reload to see them now; nothing was changed.' },
          input.expectedRevision,
          before && { revision: before.revision, revisedBy: before.recordedBy, revisedAt: before.recordedAt },
        );
        // A criterion keeps its id while it is for the same metric and subgroup: its recorded breaches stay recorded.
        const kept = new Map((before?.criteria ?? []).map((c) => [`${c.metric}\u0000${c.subgroup}`, c.id]));
        const set: CriteriaSet = {
          assessmentId: assessment.id,
          systemId: assessment.system_id,
          reviewPeriod: input.reviewPeriod,
          revision: (before?.revision ?? 0) + 1,
          recordedBy: actor,
          recordedAt: at,
          criteria: input.criteria.map((c) => ({ id: kept.get(`${c.metric}\u0000${c.subgroup}`) ?? ids.next('CRT'), ...c })),
        };
        await r.monitoring.saveCriteria(set);
        return {
          entity: assessment.id,
          payload: { system: assessment.system_id, reviewPeriod: set.reviewPeriod, revision: set.revision, criteria: set.criteria },
          result: set,
        };
      }),

    criteria: (assessmentId) =>
      store.read(async (r) => {
        await findAssessment(r, assessmentId);
        return (await r.monitoring.criteria(assessmentId)) ?? null;
      }),

    import: (ctx, input) =>
      run(ctx, 'monitoring.imported', async (stamp, r) => {
        const system = await findSystem(r, input.systemId);
        if (system.archived) throw new DomainError('CONFLICT', `${system.id} is archived: bring it back into the inventory before importing its monitoring.`, { id: system.id });
        if (system.lifecycleStage === 'retired') throw new DomainError('CONFLICT', `${system.id} is retired: it is not monitored any more.`, { id: system.id });
        const stored = await r.monitoring.values(system.id);
        const recorded = new Map<string, RecordedValue>(stored.map((v) => [valueKey(v.metric, v.subgroup, v.period), { value: v.value, n: v.n, importId: v.importId }]));
        const file = readMonitoringFile(input.text, { fileName: input.fileName, today: today(), recorded });

        const importId = ids.next('MON');
        const sha256 = createHash('sha256').update(input.text, 'utf8').digest('hex');
        await r.monitoring.insertImport({ id: importId, systemId: system.id, fileName: input.fileName, text: input.text, sha256, rows: file.total, importedBy: stamp.actor, importedAt: stamp.at });
        await r.monitoring.insertValues(system.id, importId, file.rows);

        // Governance: each criterion breached in months not yet recorded gets one drift event.
        const newBreaches: MonitoringBreach[] = [];
        let assessmentId: string | null = null;
        const criteria = await criteriaInForce(r, system.id);
        if (criteria && file.rows.length > 0) {
          const already = new Set((await r.monitoring.recordedBreaches(system.id)).map((b) => `${b.criterionId}@${b.period}`));
          const fresh = new Map<string, Breach[]>();
          for (const b of findBreaches(criteria.criteria, [...stored, ...file.rows], criteria.assessmentId)) {
            if (already.has(`${b.criterionId}@${b.period}`)) continue;
            fresh.set(b.criterionId, [...(fresh.get(b.criterionId) ?? []), b]);
          }
          for (const criterion of criteria.criteria) {
            const breaches = fresh.get(criterion.id);
            if (!breaches) continue;
            const event = await workflow.recordEvent(stamp, r, {
              systemId: system.id,
              kind: 'driftAlert',
              description: driftDescription(breaches),
              modelVersion: system.modelVersion,
              provenance: '',
              changeNotice: `Monitoring import ${importId} (${input.fileName})`,
            });
            assessmentId = event.assessmentId ?? assessmentId;
            await r.monitoring.insertBreaches(system.id, stamp.at, breaches.map((b) => ({ criterionId: b.criterionId, period: b.period, eventId: event.event.id })));
            newBreaches.push(...breaches.map((b) => ({ ...b, eventId: event.event.id, assessmentId: event.assessmentId })));
          }
        }
        if (file.rows.length > 0) await workflow.refreshLiveProfile(stamp, r, system.id);
        return {
          entity: system.id,
          payload: {
            import: importId,
            fileName: input.fileName,
            sha256,
            rows: file.total,
            alreadyRecorded: file.alreadyRecorded,
            breaches: newBreaches.map((b) => ({ criterion: b.criterionId, metric: b.metric, subgroup: b.subgroup, period: b.period, value: b.value, n: b.n, event: b.eventId, words: b.words })),
          },
          result: { importId, sha256, rows: file.total, alreadyRecorded: file.alreadyRecorded, newBreaches, assessmentId },
        };
      }),

    monitoredSystems: () => store.read(async (r) => new Set(await r.monitoring.monitoredSystems())),

    summary: (systemId) =>
      store.read(async (r): Promise<MonitoringSummary> => {
        await findSystem(r, systemId);
        const criteria = await criteriaInForce(r, systemId);
        const values = await r.monitoring.values(systemId);
        const breaches = await breachesOf(r, systemId, criteria, values);
        const breached = new Set(breaches.map((b) => `${b.metric}\u0000${b.subgroup}\u0000${b.period}`));
        const criterionOf = new Map((criteria?.criteria ?? []).map((c) => [`${c.metric}\u0000${c.subgroup}`, c.id]));
        const series = new Map<string, MonitoringSeries>();
        // Values come by metric, subgroup, then month: each series in order, overall first.
        for (const v of values) {
          const key = `${v.metric}\u0000${v.subgroup}`;
          let line = series.get(key);
          if (!line) {
            line = { metric: v.metric, subgroup: v.subgroup, criterionId: criterionOf.get(key) ?? null, points: [] };
            series.set(key, line);
          }
          line.points.push({ period: v.period, value: v.value, n: v.n, breached: breached.has(`${key}\u0000${v.period}`) });
        }
        const latestPeriod = values.reduce<string | null>((latest, v) => (latest === null || v.period > latest ? v.period : latest), null);
        return {
          systemId,
          criteria,
          series: [...series.values()].sort((a, b) => a.metric.localeCompare(b.metric) || Number(b.subgroup === overallSubgroup) - Number(a.subgroup === overallSubgroup) || a.subgroup.localeCompare(b.subgroup)),
          breaches,
          imports: await r.monitoring.imports(systemId),
          latestPeriod,
          overdue: criteria !== null && isOverdue(latestPeriod, criteria.reviewPeriod, clock.now().toISOString().slice(0, 10)),
        };
      }),
  };
}
