import { sql, type Kysely, type Updateable } from 'kysely';
import { z } from 'zod';
import { dataCategories, integrationPoints, type AiSystem, type SystemFields } from '../../contract/index.ts';
import { decodeJson } from '../store/decode-json.ts';
import { prepareQuery } from '../store/prepared-query.ts';
import type { Row, Schema, SystemsTable } from '../store/schema.ts';
import { nextWorkflowRevision } from '../store/workflow-revision.ts';
import { naturalSortKey } from '../rules/natural-sort-key.ts';
import type { Revised, RevisionStamp } from '../rules/revisions.ts';

const DataCategories = z.array(z.enum(dataCategories));
const IntegrationPoints = z.array(z.enum(integrationPoints));

function fromRow(row: Row<'systems'>): AiSystem {
  return {
    id: row.id,
    name: row.name,
    vendor: row.vendor,
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
function toColumns(fields: Partial<SystemFields>): Updateable<SystemsTable> {
  const columns: Updateable<SystemsTable> = {
    name: fields.name,
    name_key: fields.name === undefined ? undefined : naturalSortKey(fields.name),
    vendor: fields.vendor,
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

/**
 * A search term as a LIKE pattern that finds it anywhere, literally (%, _ and \ escaped). Fold
 * its case in SQL with the text it is matched against (`LIKE lower(pattern) ESCAPE '\'`): the
 * engine's lower() and JavaScript's do not fold the same letters.
 */
export const containsPattern = (term: string) => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

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

export interface SystemsRepository {
  find(id: string): Promise<AiSystem | undefined>;
  findActiveByNameAndVendor(name: string, vendor: string, exceptId?: string): Promise<AiSystem | undefined>;
  list(options: { includeArchived: boolean; search: string }): Promise<AiSystem[]>;
  /** Ids of systems in use whose re-assessment date is before `date` (the sweep). */
  dueBefore(date: string): Promise<string[]>;
  insert(record: { id: string; fields: SystemFields; at: string; actor: string }): Promise<void>;
  update(id: string, changes: Partial<SystemFields>, at: string): Promise<void>;
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

export function createSystemsRepository(db: Kysely<Schema>): SystemsRepository {
  return {
    find: async (id) => {
      const [row] = await byId.execute(db, { id });
      return row && fromRow(row);
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
    insert: async ({ id, fields, at, actor }) => {
      await insertSystem.execute(db, {
        id,
        name: fields.name,
        name_key: naturalSortKey(fields.name),
        vendor: fields.vendor,
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
