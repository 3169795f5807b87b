import type { Kysely } from 'kysely';
import type { TrainingRecord } from '../../contract/index.ts';
import type { Row, Schema } from '../store/schema.ts';

/** A record as written: the contract's record with the group's key. */
export interface TrainingRecordWrite extends Omit<TrainingRecord, 'importId'> {
  roleKey: string;
  importId: string | null;
}

export interface TrainingImportWrite {
  id: string;
  systemId: string;
  fileName: string;
  sha256: string;
  text: string;
  rows: number;
  at: string;
  by: string;
}

/** All SQL of training records and their imports (014). */
export interface TrainingRepository {
  /** A system's records, newest training date first (the later recorded first on the same date). */
  forSystem(systemId: string): Promise<TrainingRecord[]>;
  /** The record of this role group (by key) on this date, if one is held. */
  find(systemId: string, roleKey: string, date: string): Promise<(TrainingRecord & { roleKey: string }) | undefined>;
  /** The systems holding any training record (their readiness follows the hospital's target). */
  systemsWithRecords(): Promise<string[]>;
  insertImport(file: TrainingImportWrite): Promise<void>;
  /** Writes the records in the order given (one statement per batch). */
  insert(records: readonly TrainingRecordWrite[]): Promise<void>;
}

export function recordFromRow(row: Row<'training_records'>): TrainingRecord {
  return {
    id: row.id,
    systemId: row.system_id,
    role: row.role,
    trained: row.trained,
    using: row.users,
    date: row.trained_on,
    materialVersion: row.material_version,
    refresherDue: row.refresher_due,
    note: row.note,
    importId: row.import_id,
    recordedBy: row.recorded_by,
    recordedAt: row.recorded_at,
  };
}

/** Rows per INSERT: well under both engines' limits on bound values (13 columns). */
const batch = 500;

export function createTrainingRepository(db: Kysely<Schema>): TrainingRepository {
  return {
    forSystem: async (systemId) =>
      (
        await db
          .selectFrom('training_records')
          .selectAll()
          .where('system_id', '=', systemId)
          .orderBy('trained_on', 'desc')
          .orderBy('recorded_at', 'desc')
          .orderBy('id', 'desc')
          .execute()
      ).map(recordFromRow),
    find: async (systemId, roleKey, date) => {
      const row = await db.selectFrom('training_records').selectAll().where('system_id', '=', systemId).where('role_key', '=', roleKey).where('trained_on', '=', date).executeTakeFirst();
      return row && { ...recordFromRow(row), roleKey: row.role_key };
    },
    systemsWithRecords: async () => (await db.selectFrom('training_records').select('system_id').distinct().orderBy('system_id').execute()).map((r) => r.system_id),
    insertImport: async (file) => {
      await db
        .insertInto('training_imports')
        .values({ id: file.id, system_id: file.systemId, file_name: file.fileName, sha256: file.sha256, text: file.text, row_count: file.rows, imported_at: file.at, imported_by: file.by })
        .execute();
    },
    insert: async (records) => {
      for (let i = 0; i < records.length; i += batch) {
        await db
          .insertInto('training_records')
          .values(
            records.slice(i, i + batch).map((r) => ({
              id: r.id,
              system_id: r.systemId,
              role: r.role,
              role_key: r.roleKey,
              trained: r.trained,
              users: r.using,
              trained_on: r.date,
              material_version: r.materialVersion,
              refresher_due: r.refresherDue,
              note: r.note,
              import_id: r.importId,
              recorded_at: r.recordedAt,
              recorded_by: r.recordedBy,
            })),
          )
          .execute();
      }
    },
  };
}
