import type { Database } from 'better-sqlite3';
import type { AiSystem, SystemFields } from '../../contract/index.ts';

interface SystemRow {
  id: string;
  name: string;
  vendor: string;
  product_version: string;
  model_version: string;
  intended_use: string;
  clinical_domain: AiSystem['clinicalDomain'];
  intended_users: string;
  patient_population: string;
  autonomy_level: AiSystem['autonomyLevel'];
  worst_credible_harm: AiSystem['worstCredibleHarm'];
  time_critical: 0 | 1 | null;
  model_type: AiSystem['modelType'];
  data_categories: string;
  deployment_type: AiSystem['deploymentType'];
  regulatory_status: AiSystem['regulatoryStatus'];
  regulatory_reference: string;
  integration_points: string;
  lifecycle_stage: AiSystem['lifecycleStage'];
  archived_at: string | null;
  reassessment_due: string | null;
  created_at: string;
  created_by: string;
  updated_at: string;
}

/** Field name in the contract → column name. One table so the mapping lives in one place. */
const columns: Record<keyof SystemFields, keyof SystemRow> = {
  name: 'name',
  vendor: 'vendor',
  productVersion: 'product_version',
  modelVersion: 'model_version',
  intendedUse: 'intended_use',
  clinicalDomain: 'clinical_domain',
  intendedUsers: 'intended_users',
  patientPopulation: 'patient_population',
  autonomyLevel: 'autonomy_level',
  worstCredibleHarm: 'worst_credible_harm',
  timeCritical: 'time_critical',
  modelType: 'model_type',
  dataCategories: 'data_categories',
  deploymentType: 'deployment_type',
  regulatoryStatus: 'regulatory_status',
  regulatoryReference: 'regulatory_reference',
  integrationPoints: 'integration_points',
};

const listColumns = new Set<keyof SystemFields>(['dataCategories', 'integrationPoints']);

function toColumnValue(field: keyof SystemFields, value: unknown): unknown {
  if (listColumns.has(field)) return JSON.stringify(value);
  // SQLite has no boolean: yes/no fields are stored as 1/0.
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

function fromRow(row: SystemRow): AiSystem {
  return {
    id: row.id,
    name: row.name,
    vendor: row.vendor,
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
    dataCategories: JSON.parse(row.data_categories) as AiSystem['dataCategories'],
    deploymentType: row.deployment_type,
    regulatoryStatus: row.regulatory_status,
    regulatoryReference: row.regulatory_reference,
    integrationPoints: JSON.parse(row.integration_points) as AiSystem['integrationPoints'],
    lifecycleStage: row.lifecycle_stage,
    archived: row.archived_at !== null,
    archivedAt: row.archived_at,
    reassessmentDue: row.reassessment_due,
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
  };
}

export interface SystemsRepository {
  find(id: string): AiSystem | undefined;
  findActiveByNameAndVendor(name: string, vendor: string, exceptId?: string): AiSystem | undefined;
  list(options: { includeArchived: boolean; search: string }): AiSystem[];
  insert(record: { id: string; fields: SystemFields; at: string; actor: string }): void;
  update(id: string, changes: Partial<SystemFields>, at: string): void;
  setArchived(id: string, archivedAt: string | null, at: string): void;
}

export function createSystemsRepository(db: Database): SystemsRepository {
  const byId = db.prepare('SELECT * FROM systems WHERE id = ?');
  const byNameVendor = db.prepare(
    'SELECT * FROM systems WHERE archived_at IS NULL AND name = ? COLLATE NOCASE AND vendor = ? COLLATE NOCASE AND id <> ?',
  );
  const listAll = db.prepare(
    `SELECT * FROM systems
      WHERE (@includeArchived = 1 OR archived_at IS NULL)
        AND (@search = '' OR instr(lower(name || ' ' || vendor || ' ' || intended_use), lower(@search)) > 0)
      ORDER BY name COLLATE NOCASE, vendor COLLATE NOCASE, id`,
  );
  const fieldNames = Object.keys(columns) as (keyof SystemFields)[];
  const insert = db.prepare(
    `INSERT INTO systems (id, ${fieldNames.map((f) => columns[f]).join(', ')}, created_at, created_by, updated_at)
     VALUES (@id, ${fieldNames.map((f) => `@${f}`).join(', ')}, @at, @actor, @at)`,
  );
  const archive = db.prepare('UPDATE systems SET archived_at = ?, updated_at = ? WHERE id = ?');

  return {
    find: (id) => {
      const row = byId.get(id) as SystemRow | undefined;
      return row && fromRow(row);
    },
    findActiveByNameAndVendor: (name, vendor, exceptId = '') => {
      const row = byNameVendor.get(name, vendor, exceptId) as SystemRow | undefined;
      return row && fromRow(row);
    },
    list: ({ includeArchived, search }) =>
      (listAll.all({ includeArchived: includeArchived ? 1 : 0, search }) as SystemRow[]).map(fromRow),
    insert: ({ id, fields, at, actor }) => {
      const values: Record<string, unknown> = { id, at, actor };
      for (const field of fieldNames) values[field] = toColumnValue(field, fields[field]);
      insert.run(values);
    },
    update: (id, changes, at) => {
      const fields = (Object.keys(changes) as (keyof SystemFields)[]).filter((f) => changes[f] !== undefined);
      if (fields.length === 0) return;
      // Column names come from the fixed map above, never from input.
      const assignments = fields.map((f) => `${columns[f]} = @${f}`).join(', ');
      const values: Record<string, unknown> = { id, at };
      for (const field of fields) values[field] = toColumnValue(field, changes[field]);
      db.prepare(`UPDATE systems SET ${assignments}, updated_at = @at WHERE id = @id`).run(values);
    },
    setArchived: (id, archivedAt, at) => {
      archive.run(archivedAt, at, id);
    },
  };
}
