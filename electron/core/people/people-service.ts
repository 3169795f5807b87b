import type { Database } from 'better-sqlite3';
import type { ActingAs, Person, Role } from '../../contract/index.ts';
import type { CommandRunner } from '../command-runner.ts';
import type { CallContext, IdSource } from '../deps.ts';
import { DomainError } from '../domain-error.ts';

interface PersonRow {
  id: string;
  name: string;
  email: string;
  roles: string;
  active: number;
}

const toPerson = (r: PersonRow): Person => ({ id: r.id, name: r.name, email: r.email, roles: JSON.parse(r.roles) as Role[], active: r.active === 1 });

export interface PeopleService {
  list(): Person[];
  save(ctx: CallContext, input: { id?: string | undefined; name: string; email: string; roles: Role[]; active: boolean }): Person;
  findByName(name: string): Person | undefined;
  /** The person acting, checked: they exist, are active and hold the role they act in. */
  verify(by: ActingAs): Person;
}

/**
 * People and their governance roles. Vigil runs on one desktop without accounts, so "acting as"
 * is a declaration checked against this list, and every action records the name and role.
 */
export function createPeopleService(deps: { db: Database; run: CommandRunner; ids: IdSource }): PeopleService {
  const { db, run, ids } = deps;
  const all = db.prepare('SELECT * FROM people ORDER BY name COLLATE NOCASE');
  const byId = db.prepare('SELECT * FROM people WHERE id = ?');
  const byName = db.prepare('SELECT * FROM people WHERE name = ? COLLATE NOCASE');
  const insert = db.prepare(
    'INSERT INTO people (id, name, email, roles, active, created_at, updated_at) VALUES (@id, @name, @email, @roles, @active, @at, @at)',
  );
  const update = db.prepare('UPDATE people SET name = @name, email = @email, roles = @roles, active = @active, updated_at = @at WHERE id = @id');

  const findByName = (name: string) => {
    const row = byName.get(name.trim()) as PersonRow | undefined;
    return row && toPerson(row);
  };

  return {
    list: () => (all.all() as PersonRow[]).map(toPerson),
    findByName,
    save: (ctx, input) =>
      run(ctx, input.id ? 'person.updated' : 'person.added', ({ at }) => {
        const clash = findByName(input.name);
        if (clash && clash.id !== input.id) {
          throw new DomainError('CONFLICT', `${clash.name} is already in the list of people (${clash.id}).`, {
            issues: [{ path: 'name', message: 'already in the list' }],
          });
        }
        const id = input.id ?? ids.next('PER');
        const values = { id, name: input.name, email: input.email, roles: JSON.stringify(input.roles), active: input.active ? 1 : 0, at };
        if (input.id) {
          if (!byId.get(input.id)) throw new DomainError('NOT_FOUND', `No person with id ${input.id}.`);
          update.run(values);
        } else insert.run(values);
        const person = toPerson(byId.get(id) as PersonRow);
        return { entity: id, payload: { name: person.name, roles: person.roles, active: person.active }, result: person };
      }),
    verify(by) {
      const person = findByName(by.name);
      if (!person) {
        throw new DomainError('FORBIDDEN', `${by.name} is not in Vigil's list of people; add them in Settings → People first.`, { name: by.name });
      }
      if (!person.active) throw new DomainError('FORBIDDEN', `${person.name} is no longer active in Settings → People.`);
      if (!person.roles.includes(by.role)) {
        throw new DomainError('FORBIDDEN', `${person.name} does not hold the ${by.role} role (their roles: ${person.roles.join(', ')}).`, {
          name: person.name,
          role: by.role,
        });
      }
      return person;
    },
  };
}
