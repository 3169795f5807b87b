import type { Kysely } from 'kysely';
import { z } from 'zod';
import { roles, type Person, type Role } from '../../contract/index.ts';
import { decodeJson } from '../store/decode-json.ts';
import type { Row, Schema } from '../store/schema.ts';

const Roles = z.array(z.enum(roles));

const toPerson = (r: Row<'people'>): Person => ({
  id: r.id,
  name: r.name,
  email: r.email,
  roles: decodeJson(Roles, r.roles, `people.roles of ${r.id}`),
  active: r.active === 1,
});

export interface PersonRecord {
  id: string;
  name: string;
  email: string;
  roles: Role[];
  active: boolean;
}

export interface PeopleRepository {
  list(): Promise<Person[]>;
  find(id: string): Promise<Person | undefined>;
  /** The person of that name, whatever its case (names are how people act and sign). */
  findByName(name: string): Promise<Person | undefined>;
  insert(person: PersonRecord, at: string): Promise<void>;
  update(person: PersonRecord, at: string): Promise<void>;
}

export function createPeopleRepository(db: Kysely<Schema>): PeopleRepository {
  const columns = (p: PersonRecord) => ({ name: p.name, email: p.email, roles: JSON.stringify(p.roles), active: p.active ? (1 as const) : (0 as const) });
  return {
    list: async () => (await db.selectFrom('people').selectAll().orderBy((eb) => eb.fn('lower', ['name'])).orderBy('id').execute()).map(toPerson),
    find: async (id) => {
      const row = await db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toPerson(row);
    },
    findByName: async (name) => {
      const row = await db
        .selectFrom('people')
        .selectAll()
        .where((eb) => eb(eb.fn('lower', ['name']), '=', eb.fn('lower', [eb.val(name.trim())])))
        .executeTakeFirst();
      return row && toPerson(row);
    },
    insert: async (person, at) => {
      await db
        .insertInto('people')
        .values({ id: person.id, ...columns(person), created_at: at, updated_at: at })
        .execute();
    },
    update: async (person, at) => {
      await db
        .updateTable('people')
        .set({ ...columns(person), updated_at: at })
        .where('id', '=', person.id)
        .execute();
    },
  };
}
