import type { CompiledQuery, Kysely } from 'kysely';
import type { CriteriaSet, MonitoringMetric, MonitoringValue } from '../../contract/monitoring.ts';
import type { Row, Schema } from '../store/schema.ts';

/** A criteria set as stored (its system and criteria with their ids). */
export type StoredCriteriaSet = CriteriaSet;

/** One row of a monitoring file, checked, as it is stored. */
export interface MonitoringRow {
  metric: MonitoringMetric;
  subgroup: string;
  period: string;
  value: number;
  n: number;
  source: string;
}

export interface MonitoringImportRow {
  id: string;
  systemId: string;
  fileName: string;
  text: string;
  sha256: string;
  rows: number;
  importedBy: string;
  importedAt: string;
}

/** A breach already recorded: which criterion, which month, and the drift event that recorded it. */
export interface RecordedBreach {
  criterionId: string;
  period: string;
  eventId: string;
  /** The re-assessment the drift event opened or joined (null: the system was retired or none was opened). */
  assessmentId: string | null;
}

/** All SQL of monitoring (013): criteria sets, imports with their text, values, recorded breaches. */
export interface MonitoringRepository {
  criteria(assessmentId: string): Promise<StoredCriteriaSet | undefined>;
  /** Replaces the assessment's set (criteria keep the ids given). */
  saveCriteria(set: StoredCriteriaSet): Promise<void>;
  /** Every value of the system, by metric, subgroup, then month. */
  values(systemId: string): Promise<MonitoringValue[]>;
  /** The system's imports, newest first (without their text). */
  imports(systemId: string): Promise<Omit<MonitoringImportRow, 'text' | 'systemId'>[]>;
  /** The import's stored text (the evidence), or undefined. */
  importText(importId: string): Promise<string | undefined>;
  insertImport(record: MonitoringImportRow): Promise<void>;
  /** In batches of prepared multi-row inserts: a file may carry 200,000 rows. */
  insertValues(systemId: string, importId: string, rows: readonly MonitoringRow[]): Promise<void>;
  recordedBreaches(systemId: string): Promise<RecordedBreach[]>;
  /** The systems with acceptance criteria recorded or monitoring values imported (few: read once for a whole register). */
  monitoredSystems(): Promise<string[]>;
  insertBreaches(systemId: string, at: string, breaches: readonly Omit<RecordedBreach, 'assessmentId'>[]): Promise<void>;
}

/** Rows per insert: 8 values a row stays well inside both engines' parameter caps (SQLite 32,766). */
export const valuesBatch = 500;

/**
 * The multi-row insert of `size` values, compiled once per engine: its parameters are the rows'
 * eight values in column order, row after row, so a batch is run with an array filled in that
 * order (no names to map for 4,000 parameters, 200 times over for a large file).
 */
const insertsByEngine = new WeakMap<object, Map<number, CompiledQuery>>();
const valueColumns = 8;
function compiledInsert(db: Kysely<Schema>, size: number): CompiledQuery {
  const adapter = db.getExecutor().adapter;
  let bySize = insertsByEngine.get(adapter);
  if (!bySize) insertsByEngine.set(adapter, (bySize = new Map()));
  let query = bySize.get(size);
  if (!query) {
    const blank = { system_id: '', import_id: '', metric: '', subgroup: '', period: '', value: 0, n: 0, source: '' };
    query = db
      .insertInto('monitoring_values')
      .values(Array.from({ length: size }, () => blank))
      .compile();
    if (query.parameters.length !== size * valueColumns) throw new Error('The monitoring values insert did not compile to one parameter per value.');
    bySize.set(size, query);
  }
  return query;
}

function setFromRows(set: Row<'monitoring_criteria_sets'>, criteria: Row<'monitoring_criteria'>[]): StoredCriteriaSet {
  return {
    assessmentId: set.assessment_id,
    systemId: set.system_id,
    reviewPeriod: set.review_period,
    revision: set.revision,
    recordedBy: set.recorded_by,
    recordedAt: set.recorded_at,
    criteria: criteria.map((c) => ({
      id: c.id,
      metric: c.metric as MonitoringMetric,
      subgroup: c.subgroup,
      min: c.min,
      max: c.max,
      maxGap: c.max_gap,
      rationale: c.rationale,
    })),
  };
}

export function createMonitoringRepository(db: Kysely<Schema>): MonitoringRepository {
  return {
    criteria: async (assessmentId) => {
      const set = await db.selectFrom('monitoring_criteria_sets').selectAll().where('assessment_id', '=', assessmentId).executeTakeFirst();
      if (!set) return undefined;
      const criteria = await db.selectFrom('monitoring_criteria').selectAll().where('assessment_id', '=', assessmentId).orderBy('position').execute();
      return setFromRows(set, criteria);
    },
    saveCriteria: async (set) => {
      await db.deleteFrom('monitoring_criteria').where('assessment_id', '=', set.assessmentId).execute();
      const row = {
        system_id: set.systemId,
        review_period: set.reviewPeriod,
        revision: set.revision,
        recorded_by: set.recordedBy,
        recorded_at: set.recordedAt,
      };
      await db
        .insertInto('monitoring_criteria_sets')
        .values({ assessment_id: set.assessmentId, ...row })
        .onConflict((oc) => oc.column('assessment_id').doUpdateSet(row))
        .execute();
      if (set.criteria.length === 0) return;
      await db
        .insertInto('monitoring_criteria')
        .values(
          set.criteria.map((c, position) => ({
            id: c.id,
            assessment_id: set.assessmentId,
            position,
            metric: c.metric,
            subgroup: c.subgroup,
            min: c.min,
            max: c.max,
            max_gap: c.maxGap,
            rationale: c.rationale,
          })),
        )
        .execute();
    },
    values: async (systemId) => {
      const rows = await db
        .selectFrom('monitoring_values')
        .select(['metric', 'subgroup', 'period', 'value', 'n', 'source', 'import_id'])
        .where('system_id', '=', systemId)
        .orderBy('metric')
        .orderBy('subgroup')
        .orderBy('period')
        .execute();
      return rows.map((v) => ({ metric: v.metric as MonitoringMetric, subgroup: v.subgroup, period: v.period, value: v.value, n: v.n, source: v.source, importId: v.import_id }));
    },
    imports: async (systemId) => {
      const rows = await db
        .selectFrom('monitoring_imports')
        .select(['id', 'file_name', 'sha256', 'rows', 'imported_by', 'imported_at'])
        .where('system_id', '=', systemId)
        .orderBy('imported_at', 'desc')
        .orderBy('id', 'desc')
        .execute();
      return rows.map((i) => ({ id: i.id, fileName: i.file_name, sha256: i.sha256, rows: i.rows, importedBy: i.imported_by, importedAt: i.imported_at }));
    },
    importText: async (importId) => (await db.selectFrom('monitoring_imports').select('text').where('id', '=', importId).executeTakeFirst())?.text,
    insertImport: async (i) => {
      await db
        .insertInto('monitoring_imports')
        .values({ id: i.id, system_id: i.systemId, file_name: i.fileName, text: i.text, sha256: i.sha256, rows: i.rows, imported_by: i.importedBy, imported_at: i.importedAt })
        .execute();
    },
    insertValues: async (systemId, importId, rows) => {
      for (let start = 0; start < rows.length; start += valuesBatch) {
        const size = Math.min(valuesBatch, rows.length - start);
        const query = compiledInsert(db, size);
        // In the order the blank row's columns compiled to (see compiledInsert).
        const parameters: unknown[] = new Array(size * valueColumns);
        for (let i = 0, at = 0; i < size; i++) {
          const row = rows[start + i]!;
          parameters[at++] = systemId;
          parameters[at++] = importId;
          parameters[at++] = row.metric;
          parameters[at++] = row.subgroup;
          parameters[at++] = row.period;
          parameters[at++] = row.value;
          parameters[at++] = row.n;
          parameters[at++] = row.source;
        }
        await db.executeQuery({ ...query, parameters });
      }
    },
    recordedBreaches: async (systemId) =>
      (
        await db
          .selectFrom('monitoring_breaches as b')
          .leftJoin('system_events as e', 'e.id', 'b.event_id')
          .select(['b.criterion_id', 'b.period', 'b.event_id', 'e.assessment_id'])
          .where('b.system_id', '=', systemId)
          .execute()
      ).map((b) => ({
        criterionId: b.criterion_id,
        period: b.period,
        eventId: b.event_id,
        assessmentId: b.assessment_id,
      })),
    monitoredSystems: async () =>
      (
        await db
          .selectFrom('monitoring_criteria_sets')
          .select('system_id')
          .union(db.selectFrom('monitoring_values').select('system_id').distinct())
          .execute()
      ).map((row) => row.system_id),
    insertBreaches: async (systemId, at, breaches) => {
      if (breaches.length === 0) return;
      await db
        .insertInto('monitoring_breaches')
        .values(breaches.map((b) => ({ criterion_id: b.criterionId, period: b.period, system_id: systemId, event_id: b.eventId, recorded_at: at })))
        .execute();
    },
  };
}
