import { expressionBuilder, sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool, type Updateable } from 'kysely';
import { z } from 'zod';
import { dataCategories, integrationPoints, type AiSystem, type SystemFields, type SystemPageInput, type SystemRow, type SystemSort } from '../../contract/index.ts';
import type { BandOrder } from '../rules/band-order.ts';
import { closedRiskStatuses } from '../rules/risk-due-date.ts';
import { decodeJson } from '../store/decode-json.ts';
import { addDays, bandRankOf, containsPattern, containsTerm, isIn, missingLast } from '../store/page-sql.ts';
import { nextReviewSql } from '../store/next-review-sql.ts';
import { prepareQuery } from '../store/prepared-query.ts';
import type { Row, Schema, SystemsTable } from '../store/schema.ts';
import { nextWorkflowRevision } from '../store/workflow-revision.ts';
import { naturalSortKey } from '../rules/natural-sort-key.ts';
import type { Revised, RevisionStamp } from '../rules/revisions.ts';

const DataCategories = z.array(z.enum(dataCategories));
const IntegrationPoints = z.array(z.enum(integrationPoints));

function fromRow(row: Row<'systems'>): AiSystem {
  // Migration 012 links every system and the code writes the link with every new one.
  if (row.vendor_id === null) throw new Error(`systems.vendor_id of ${row.id} is missing: the system is linked to no vendor.`);
  return {
    id: row.id,
    name: row.name,
    vendor: row.vendor,
    vendorId: row.vendor_id,
    owner: row.owner,
    productVersion: row.product_version,
    modelVersion: row.model_version,
    intendedUse: row.intended_use,
    clinicalDomain: row.clinical_domain,
    intendedUsers: row.intended_users,
    patientPopulation: row.patient_population,
    autonomyLevel: row.autonomy_level,
    worstCredibleHarm: row.worst_credible_harm,
    timeCritical: row.time_critical === null ? null : row.time_critical === 1,
    modelType: row.model_type,
    dataCategories: decodeJson(DataCategories, row.data_categories, `systems.data_categories of ${row.id}`),
    deploymentType: row.deployment_type,
    regulatoryStatus: row.regulatory_status,
    regulatoryReference: row.regulatory_reference,
    integrationPoints: decodeJson(IntegrationPoints, row.integration_points, `systems.integration_points of ${row.id}`),
    lifecycleStage: row.lifecycle_stage,
    archived: row.archived_at !== null,
    archivedAt: row.archived_at,
    reassessmentDue: row.reassessment_due,
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
  };
}

const flag = (value: boolean | null): 0 | 1 | null => (value === null ? null : value ? 1 : 0);

/**
 * Contract fields → columns: the one place the mapping lives. Only the fields given are set; the
 * name's sort key is written whenever the name is.
 */
function toColumns(fields: SystemChanges): Updateable<SystemsTable> {
  const columns: Updateable<SystemsTable> = {
    name: fields.name,
    name_key: fields.name === undefined ? undefined : naturalSortKey(fields.name),
    vendor: fields.vendor,
    vendor_id: fields.vendorId,
    owner: fields.owner,
    product_version: fields.productVersion,
    model_version: fields.modelVersion,
    intended_use: fields.intendedUse,
    clinical_domain: fields.clinicalDomain,
    intended_users: fields.intendedUsers,
    patient_population: fields.patientPopulation,
    autonomy_level: fields.autonomyLevel,
    worst_credible_harm: fields.worstCredibleHarm,
    time_critical: fields.timeCritical === undefined ? undefined : flag(fields.timeCritical),
    model_type: fields.modelType,
    data_categories: fields.dataCategories && JSON.stringify(fields.dataCategories),
    deployment_type: fields.deploymentType,
    regulatory_status: fields.regulatoryStatus,
    regulatory_reference: fields.regulatoryReference,
    integration_points: fields.integrationPoints && JSON.stringify(fields.integrationPoints),
  };
  // Kysely would write an explicit undefined as NULL: drop the fields not given.
  for (const key of Object.keys(columns) as (keyof typeof columns)[]) if (columns[key] === undefined) delete columns[key];
  return columns;
}

/** A change to a system's record: its fields, and the vendor it links to (given with the vendor's name). */
export type SystemChanges = Partial<SystemFields> & { vendorId?: string | undefined };

/** Where a system is in its lifecycle, as the workflow reads and moves it. */
export interface LifecycleRecord {
  id: string;
  name: string;
  stage: AiSystem['lifecycleStage'];
  /** The lifecycle machine's persisted state (JSON), null for systems registered before workflows. */
  snapshot: string | null;
  reassessmentDue: string | null;
  archived: boolean;
  /** The lifecycle state's revision and who last changed it (optimistic concurrency). */
  workflow: Revised;
}

/** systems.page's input, with what the query needs from outside the database. */
export type SystemPageQuery = z.output<typeof SystemPageInput> & {
  /** The matrix in force: band ranks and the bands above appetite. */
  bands: BandOrder;
  /** Today (YYYY-MM-DD): reviews due within N days count from it. */
  today: string;
};

export interface SystemsRepository {
  find(id: string): Promise<AiSystem | undefined>;
  /** One page of the inventory with each system's risk position, worked out in SQL (docs/lists.md). */
  page(query: SystemPageQuery): Promise<{ rows: SystemRow[]; total: number }>;
  findActiveByNameAndVendor(name: string, vendor: string, exceptId?: string): Promise<AiSystem | undefined>;
  list(options: { includeArchived: boolean; search: string }): Promise<AiSystem[]>;
  /** Ids of systems in use whose re-assessment date is before `date` (the sweep). */
  dueBefore(date: string): Promise<string[]>;
  insert(record: { id: string; fields: SystemFields; vendorId: string; at: string; actor: string }): Promise<void>;
  update(id: string, changes: SystemChanges, at: string): Promise<void>;
  /** A vendor renamed: its systems' vendor text follows (their records are otherwise unchanged). */
  setVendorName(vendorId: string, name: string): Promise<void>;
  setArchived(id: string, archivedAt: string | null, at: string): Promise<void>;
  setReassessmentDue(id: string, due: string | null): Promise<void>;
  lifecycle(id: string): Promise<LifecycleRecord | undefined>;
  /** Moves the lifecycle, bumping its workflow revision. */
  saveLifecycle(id: string, stage: AiSystem['lifecycleStage'], snapshot: string, stamp: RevisionStamp): Promise<void>;
  /** A recorded model change moves the system's model version with it. */
  setModelVersion(id: string, modelVersion: string): Promise<void>;
}

// Run on every new or changed system (see prepared-query.ts).
const byId = prepareQuery((db, p: { id: string }) => db.selectFrom('systems').selectAll().where('id', '=', p.id));
const activeByNameAndVendor = prepareQuery((db, p: { name: string; vendor: string; exceptId: string }) =>
  db
    .selectFrom('systems')
    .selectAll()
    .where('archived_at', 'is', null)
    // Case-insensitive through lower(), indexed on both engines (migration 007); both sides are
    // folded by the engine (JavaScript folds more letters than SQLite's lower()).
    .where((eb) => eb(eb.fn('lower', ['name']), '=', eb.fn('lower', [eb.val(p.name)])))
    .where((eb) => eb(eb.fn('lower', ['vendor']), '=', eb.fn('lower', [eb.val(p.vendor)])))
    .where('id', '<>', p.exceptId)
    .limit(1),
);

const insertSystem = prepareQuery((db, p: Row<'systems'>) =>
  db.insertInto('systems').values({
    id: p.id,
    name: p.name,
    name_key: p.name_key,
    vendor: p.vendor,
    vendor_id: p.vendor_id,
    owner: p.owner,
    product_version: p.product_version,
    model_version: p.model_version,
    intended_use: p.intended_use,
    clinical_domain: p.clinical_domain,
    intended_users: p.intended_users,
    patient_population: p.patient_population,
    autonomy_level: p.autonomy_level,
    worst_credible_harm: p.worst_credible_harm,
    time_critical: p.time_critical,
    model_type: p.model_type,
    data_categories: p.data_categories,
    deployment_type: p.deployment_type,
    regulatory_status: p.regulatory_status,
    regulatory_reference: p.regulatory_reference,
    integration_points: p.integration_points,
    lifecycle_stage: p.lifecycle_stage,
    lifecycle_snapshot: p.lifecycle_snapshot,
    archived_at: p.archived_at,
    reassessment_due: p.reassessment_due,
    created_at: p.created_at,
    created_by: p.created_by,
    updated_at: p.updated_at,
    workflow_revision: p.workflow_revision,
    workflow_revised_by: p.workflow_revised_by,
    workflow_revised_at: p.workflow_revised_at,
  }),
);

type SystemTables = Schema & { s: Schema['systems'] };
type SystemExpressions = ExpressionBuilder<SystemTables, 's'>;

/** Each system's risk position and latest assessment, as correlated subqueries on `s`. */
function position(eb: SystemExpressions, bands: BandOrder) {
  const openRisks = () =>
    eb
      .selectFrom('risks as r')
      .whereRef('r.system_id', '=', 's.id')
      .where((w) => w.not(isIn(w.ref('r.status'), closedRiskStatuses)));
  const latest = () => eb.selectFrom('assessments as a').whereRef('a.system_id', '=', 's.id').orderBy('a.created_at', 'desc').orderBy('a.id', 'desc').limit(1);
  return {
    openRisks: openRisks().select((c) => c.fn.countAll<number>().as('n')),
    aboveAppetite: openRisks()
      .where((w) => isIn(w.ref('r.band'), bands.aboveAppetite))
      .select((c) => c.fn.countAll<number>().as('n')),
    latestAssessmentId: latest().select('a.id'),
    // Stored with every rescore of the assessment (migration 011); null before any scoring.
    overallBand: sql<string | null>`(${latest().select('a.overall_band')})`,
  };
}

/** The filters and the search of systems.page, as one condition. */
function systemConditions(eb: SystemExpressions, q: SystemPageQuery): Expression<SqlBool> {
  const all: Expression<SqlBool>[] = [];
  const p = position(eb, q.bands);
  if (!q.includeArchived) all.push(eb('s.archived_at', 'is', null));
  if (q.lifecycleStage !== undefined) all.push(eb('s.lifecycle_stage', '=', q.lifecycleStage));
  if (q.vendor !== undefined) all.push(eb(eb.fn('lower', ['s.vendor']), '=', eb.fn('lower', [eb.val(q.vendor)])));
  if (q.overallBand !== undefined) all.push(eb(p.overallBand, '=', q.overallBand));
  if (q.aboveAppetiteOnly === true) all.push(eb(p.aboveAppetite, '>', 0));
  if (q.reviewDueWithinDays !== undefined) {
    // Dates or timestamps: before the day after the last day in the window.
    const due = nextReviewSql(q.today);
    all.push(eb.and([eb(due, 'is not', null), eb(due, '<', addDays(q.today, q.reviewDueWithinDays + 1))]));
  }
  if (q.search !== '') all.push(containsTerm([eb.ref('s.name'), eb.ref('s.id'), eb.ref('s.vendor'), eb.ref('s.owner')], q.search));
  return eb.and(all);
}

/** What each sort orders by, before the id that breaks ties; names in natural order (their key). */
function systemSortKeys(eb: SystemExpressions, sort: SystemSort, bands: BandOrder, today: string): Expression<unknown>[] {
  const p = position(eb, bands);
  switch (sort) {
    case 'name':
      return [eb.ref('s.name_key')];
    case 'vendor':
      return [eb.fn('lower', ['s.vendor'])];
    case 'lifecycleStage':
      return [eb.ref('s.lifecycle_stage')];
    case 'overallBand':
      return [missingLast(p.overallBand), bandRankOf(p.overallBand, bands)];
    case 'openRisks':
      return [p.openRisks];
    case 'aboveAppetite':
      return [p.aboveAppetite];
    case 'owner':
      return [eb.fn('lower', ['s.owner'])];
    case 'nextReview':
      return [missingLast(nextReviewSql(today)), nextReviewSql(today)];
    case 'updatedAt':
      return [eb.ref('s.updated_at')];
  }
}

export function createSystemsRepository(db: Kysely<Schema>): SystemsRepository {
  return {
    find: async (id) => {
      const [row] = await byId.execute(db, { id });
      return row && fromRow(row);
    },
    page: async (q) => {
      const counted = await db
        .selectFrom('systems as s')
        .where((eb) => systemConditions(eb, q))
        .select((eb) => eb.fn.countAll<number>().as('total'))
        .executeTakeFirstOrThrow();
      let query = db
        .selectFrom('systems as s')
        .where((eb) => systemConditions(eb, q))
        .select((eb) => {
          const p = position(eb, q.bands);
          return [
            's.id',
            's.name',
            's.vendor',
            's.owner',
            's.lifecycle_stage',
            's.archived_at',
            nextReviewSql(q.today).as('next_review'),
            's.updated_at',
            p.openRisks.as('open_risks'),
            p.aboveAppetite.as('above_appetite'),
            p.latestAssessmentId.as('latest_assessment_id'),
            p.overallBand.as('overall_band'),
          ];
        });
      const eb = expressionBuilder<SystemTables, 's'>();
      const keys = systemSortKeys(eb, q.sort, q.bands, q.today);
      // A missing overall band or review date comes last whichever way the list runs.
      const fixedFirst = q.sort === 'overallBand' || q.sort === 'nextReview' ? 1 : 0;
      keys.forEach((key, i) => {
        query = query.orderBy(key, i < fixedFirst ? 'asc' : q.direction);
      });
      const rows = await query.orderBy('s.id', q.direction).limit(q.limit).offset(q.offset).execute();
      return {
        total: Number(counted.total),
        rows: rows.map((row) => ({
          id: row.id,
          name: row.name,
          vendor: row.vendor,
          owner: row.owner,
          lifecycleStage: row.lifecycle_stage,
          archived: row.archived_at !== null,
          overallBand: row.overall_band,
          latestAssessmentId: row.latest_assessment_id,
          openRisks: Number(row.open_risks ?? 0),
          aboveAppetite: Number(row.above_appetite ?? 0),
          nextReview: row.next_review,
          updatedAt: row.updated_at,
        })),
      };
    },
    findActiveByNameAndVendor: async (name, vendor, exceptId = '') => {
      const [row] = await activeByNameAndVendor.execute(db, { name, vendor, exceptId });
      return row && fromRow(row);
    },
    list: async ({ includeArchived, search }) => {
      let query = db.selectFrom('systems').selectAll();
      if (!includeArchived) query = query.where('archived_at', 'is', null);
      if (search !== '') query = query.where(sql<boolean>`lower(name || ' ' || vendor || ' ' || intended_use) LIKE lower(${containsPattern(search)}) ESCAPE '\\'`);
      const rows = await query
        .orderBy((eb) => eb.fn('lower', ['name']))
        .orderBy((eb) => eb.fn('lower', ['vendor']))
        .orderBy('id')
        .execute();
      return rows.map(fromRow);
    },
    dueBefore: async (date) =>
      (
        await db
          .selectFrom('systems')
          .select('id')
          .where('archived_at', 'is', null)
          .where('reassessment_due', 'is not', null)
          .where('reassessment_due', '<', date)
          .where('lifecycle_stage', '=', 'inUse')
          .execute()
      ).map((r) => r.id),
    insert: async ({ id, fields, vendorId, at, actor }) => {
      await insertSystem.execute(db, {
        id,
        name: fields.name,
        name_key: naturalSortKey(fields.name),
        vendor: fields.vendor,
        vendor_id: vendorId,
        owner: fields.owner,
        product_version: fields.productVersion,
        model_version: fields.modelVersion,
        intended_use: fields.intendedUse,
        clinical_domain: fields.clinicalDomain,
        intended_users: fields.intendedUsers,
        patient_population: fields.patientPopulation,
        autonomy_level: fields.autonomyLevel,
        worst_credible_harm: fields.worstCredibleHarm,
        time_critical: flag(fields.timeCritical),
        model_type: fields.modelType,
        data_categories: JSON.stringify(fields.dataCategories),
        deployment_type: fields.deploymentType,
        regulatory_status: fields.regulatoryStatus,
        regulatory_reference: fields.regulatoryReference,
        integration_points: JSON.stringify(fields.integrationPoints),
        lifecycle_stage: 'procurement',
        lifecycle_snapshot: null,
        archived_at: null,
        reassessment_due: null,
        created_at: at,
        created_by: actor,
        updated_at: at,
        workflow_revision: 1,
        workflow_revised_by: actor,
        workflow_revised_at: at,
      });
    },
    update: async (id, changes, at) => {
      const columns = toColumns(changes);
      if (Object.keys(columns).length === 0) return;
      await db
        .updateTable('systems')
        .set({ ...columns, updated_at: at })
        .where('id', '=', id)
        .execute();
    },
    setVendorName: async (vendorId, name) => {
      await db.updateTable('systems').set({ vendor: name }).where('vendor_id', '=', vendorId).execute();
    },
    setArchived: async (id, archivedAt, at) => {
      await db.updateTable('systems').set({ archived_at: archivedAt, updated_at: at }).where('id', '=', id).execute();
    },
    setReassessmentDue: async (id, due) => {
      await db.updateTable('systems').set({ reassessment_due: due }).where('id', '=', id).execute();
    },
    lifecycle: async (id) => {
      const row = await db
        .selectFrom('systems')
        .select(['id', 'name', 'lifecycle_stage', 'lifecycle_snapshot', 'reassessment_due', 'archived_at', 'workflow_revision', 'workflow_revised_by', 'workflow_revised_at'])
        .where('id', '=', id)
        .executeTakeFirst();
      return (
        row && {
          id: row.id,
          name: row.name,
          stage: row.lifecycle_stage,
          snapshot: row.lifecycle_snapshot,
          reassessmentDue: row.reassessment_due,
          archived: row.archived_at !== null,
          workflow: { revision: row.workflow_revision, revisedBy: row.workflow_revised_by, revisedAt: row.workflow_revised_at },
        }
      );
    },
    saveLifecycle: async (id, stage, snapshot, stamp) => {
      await db
        .updateTable('systems')
        .set({
          lifecycle_stage: stage,
          lifecycle_snapshot: snapshot,
          updated_at: stamp.at,
          ...nextWorkflowRevision(stamp),
        })
        .where('id', '=', id)
        .execute();
    },
    setModelVersion: async (id, modelVersion) => {
      await db.updateTable('systems').set({ model_version: modelVersion }).where('id', '=', id).execute();
    },
  };
}
