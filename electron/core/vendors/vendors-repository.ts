import type { Kysely } from 'kysely';
import { z } from 'zod';
import { VendorContact, type Vendor, type VendorFields, type VendorKey, type VendorProduct, type VendorSummary } from '../../contract/index.ts';
import { requestFromRow, type VendorRequestRecord } from '../exchange/exchange-repository.ts';
import { decodeJson } from '../store/decode-json.ts';
import { containsTerm } from '../store/page-sql.ts';
import type { Row, Schema } from '../store/schema.ts';

/** A request issued for one of the vendor's systems, with what the vendor page names it by. */
export interface VendorRequestOfVendor extends VendorRequestRecord {
  assessmentTitle: string;
  systemId: string;
  systemName: string;
  /** The template snapshot the assessment is pinned to (the questions' words). */
  snapshotHash: string;
}

/** All SQL of vendors (012): the records, their pinned keys and history, and what the vendor page reads of their systems and requests. */
export interface VendorsRepository {
  find(id: string): Promise<Vendor | undefined>;
  /** The vendor of that name whatever its case (another than `exceptId`). */
  findByName(name: string, exceptId?: string): Promise<Vendor | undefined>;
  /** Every vendor matching `search`, by name; `now` tells open requests from expired ones. */
  list(query: { search: string; now: string }): Promise<VendorSummary[]>;
  insert(record: { id: string; fields: VendorFields; at: string; actor: string }): Promise<void>;
  update(id: string, changes: Partial<VendorFields>, at: string): Promise<void>;
  /** Its systems, archived ones too, by name. */
  products(vendorId: string): Promise<VendorProduct[]>;
  /** Requests issued for its systems' assessments, newest first. */
  requests(vendorId: string): Promise<VendorRequestOfVendor[]>;
  /** The key its responses are checked against now. */
  pinnedKey(vendorId: string): Promise<VendorKey | undefined>;
  /** Every key pinned for it, the current one included, newest first. */
  keys(vendorId: string): Promise<VendorKey[]>;
  /** Pins a key: the one pinned until now (if any) is stamped replaced by the same hand, at the same time. */
  pinKey(pin: { vendorId: string; publicKey: string; fingerprint: string; reason: string; at: string; by: string }): Promise<void>;
}

const Contacts = z.array(VendorContact);

function fromRow(row: Row<'vendors'>): Vendor {
  return {
    id: row.id,
    name: row.name,
    contacts: decodeJson(Contacts, row.contacts, `vendors.contacts of ${row.id}`),
    notes: row.notes,
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
  };
}

function keyFromRow(row: Row<'vendor_keys'>): VendorKey {
  return {
    fingerprint: row.fingerprint,
    publicKey: row.public_key,
    pinnedAt: row.pinned_at,
    pinnedBy: row.pinned_by,
    reason: row.reason,
    replacedAt: row.replaced_at,
    replacedBy: row.replaced_by,
  };
}

export function createVendorsRepository(db: Kysely<Schema>): VendorsRepository {
  return {
    find: async (id) => {
      const row = await db.selectFrom('vendors').selectAll().where('id', '=', id).executeTakeFirst();
      return row && fromRow(row);
    },
    findByName: async (name, exceptId = '') => {
      const row = await db
        .selectFrom('vendors')
        .selectAll()
        // Both sides folded by the engine, as the unique index on lower(name) folds them.
        .where((eb) => eb(eb.fn('lower', ['name']), '=', eb.fn('lower', [eb.val(name)])))
        .where('id', '<>', exceptId)
        .executeTakeFirst();
      return row && fromRow(row);
    },
    list: async ({ search, now }) => {
      let query = db.selectFrom('vendors as v');
      if (search !== '') {
        query = query.where((eb) =>
          eb.or([
            containsTerm([eb.ref('v.name'), eb.ref('v.id'), eb.ref('v.contacts')], search),
            eb.exists(
              eb
                .selectFrom('systems as s')
                .select('s.id')
                .whereRef('s.vendor_id', '=', 'v.id')
                .where((w) => containsTerm([w.ref('s.name')], search)),
            ),
          ]),
        );
      }
      const rows = await query
        .select((eb) => [
          'v.id',
          'v.name',
          'v.contacts',
          'v.updated_at',
          eb
            .selectFrom('systems as s')
            .whereRef('s.vendor_id', '=', 'v.id')
            .where('s.archived_at', 'is', null)
            .select((c) => c.fn.countAll<number>().as('n'))
            .as('products'),
          eb
            .selectFrom('vendor_requests as r')
            .innerJoin('assessments as a', 'a.id', 'r.assessment_id')
            .innerJoin('systems as s', 's.id', 'a.system_id')
            .whereRef('s.vendor_id', '=', 'v.id')
            .where('r.imported_at', 'is', null)
            .where('r.expires_at', '>=', now)
            .select((c) => c.fn.countAll<number>().as('n'))
            .as('open_requests'),
          eb
            .selectFrom('vendor_keys as k')
            .whereRef('k.vendor_id', '=', 'v.id')
            .where('k.replaced_at', 'is', null)
            .select('k.fingerprint')
            .as('fingerprint'),
        ])
        .orderBy((eb) => eb.fn('lower', ['v.name']))
        .orderBy('v.id')
        .execute();
      return rows.map((row) => ({
        id: row.id,
        name: row.name,
        products: Number(row.products ?? 0),
        openRequests: Number(row.open_requests ?? 0),
        keyFingerprint: row.fingerprint ?? null,
        contacts: decodeJson(Contacts, row.contacts, `vendors.contacts of ${row.id}`).length,
        updatedAt: row.updated_at,
      }));
    },
    insert: async ({ id, fields, at, actor }) => {
      await db
        .insertInto('vendors')
        .values({ id, name: fields.name, contacts: JSON.stringify(fields.contacts), notes: fields.notes, created_at: at, created_by: actor, updated_at: at })
        .execute();
    },
    update: async (id, changes, at) => {
      await db
        .updateTable('vendors')
        .set({
          ...(changes.name === undefined ? {} : { name: changes.name }),
          ...(changes.contacts === undefined ? {} : { contacts: JSON.stringify(changes.contacts) }),
          ...(changes.notes === undefined ? {} : { notes: changes.notes }),
          updated_at: at,
        })
        .where('id', '=', id)
        .execute();
    },
    products: async (vendorId) => {
      const rows = await db
        .selectFrom('systems')
        .select(['id', 'name', 'product_version', 'lifecycle_stage', 'archived_at'])
        .where('vendor_id', '=', vendorId)
        .orderBy('name_key')
        .orderBy('id')
        .execute();
      return rows.map((s) => ({ id: s.id, name: s.name, productVersion: s.product_version, lifecycleStage: s.lifecycle_stage, archived: s.archived_at !== null }));
    },
    requests: async (vendorId) => {
      const rows = await db
        .selectFrom('vendor_requests as r')
        .innerJoin('assessments as a', 'a.id', 'r.assessment_id')
        .innerJoin('systems as s', 's.id', 'a.system_id')
        .selectAll('r')
        .select(['a.title as assessment_title', 'a.snapshot_hash', 's.id as system_id', 's.name as system_name'])
        .where('s.vendor_id', '=', vendorId)
        .orderBy('r.issued_at', 'desc')
        .orderBy('r.id', 'desc')
        .execute();
      return rows.map(({ assessment_title, snapshot_hash, system_id, system_name, ...row }) => ({
        ...requestFromRow(row),
        assessmentTitle: assessment_title,
        snapshotHash: snapshot_hash,
        systemId: system_id,
        systemName: system_name,
      }));
    },
    pinnedKey: async (vendorId) => {
      const row = await db.selectFrom('vendor_keys').selectAll().where('vendor_id', '=', vendorId).where('replaced_at', 'is', null).executeTakeFirst();
      return row && keyFromRow(row);
    },
    keys: async (vendorId) => (await db.selectFrom('vendor_keys').selectAll().where('vendor_id', '=', vendorId).orderBy('seq', 'desc').execute()).map(keyFromRow),
    pinKey: async (pin) => {
      await db
        .updateTable('vendor_keys')
        .set({ replaced_at: pin.at, replaced_by: pin.by })
        .where('vendor_id', '=', pin.vendorId)
        .where('replaced_at', 'is', null)
        .execute();
      await db
        .insertInto('vendor_keys')
        .values({ vendor_id: pin.vendorId, fingerprint: pin.fingerprint, public_key: pin.publicKey, pinned_at: pin.at, pinned_by: pin.by, reason: pin.reason, replaced_at: null, replaced_by: null })
        .execute();
    },
  };
}
