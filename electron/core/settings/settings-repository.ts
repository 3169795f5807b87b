import type { Kysely } from 'kysely';
import type { Schema } from '../store/schema.ts';

/** Settings are JSON values stored by key: a new setting needs no column and no migration. */
export interface SettingsRepository {
  /** Every stored key with its parsed JSON value (the settings service decodes each by its schema). */
  values(): Promise<Map<string, unknown>>;
  put(key: string, value: unknown): Promise<void>;
  /**
   * Whether the database already holds a hospital's records (systems, assessments) or a vendor's
   * (opened requests): the workspace mode may not change under either (docs/vendor-mode.md).
   */
  holdings(): Promise<{ hospital: boolean; vendor: boolean }>;
}

export function createSettingsRepository(db: Kysely<Schema>): SettingsRepository {
  return {
    values: async () => {
      const rows = await db.selectFrom('settings').select(['key', 'value']).execute();
      return new Map(rows.map((r): [string, unknown] => [r.key, JSON.parse(r.value)]));
    },
    put: async (key, value) => {
      const json = JSON.stringify(value);
      await db
        .insertInto('settings')
        .values({ key, value: json })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: json }))
        .execute();
    },
    holdings: async () => {
      const any = async (table: 'systems' | 'assessments' | 'vendor_inbox') => (await db.selectFrom(table).select('id').limit(1).executeTakeFirst()) !== undefined;
      return { hospital: (await any('systems')) || (await any('assessments')), vendor: await any('vendor_inbox') };
    },
  };
}
