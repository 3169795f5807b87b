import type { ActingAs, Person, Role } from '../../contract/index.ts';
import type { CommandRunner } from '../command-runner.ts';
import type { CallContext, IdSource } from '../deps.ts';
import { DomainError } from '../domain-error.ts';
import type { StoragePort } from '../store/storage-port.ts';

export interface PeopleService {
  list(): Promise<Person[]>;
  save(ctx: CallContext, input: { id?: string | undefined; name: string; email: string; roles: Role[]; active: boolean }): Promise<Person>;
  findByName(name: string): Promise<Person | undefined>;
  /** The person acting, checked: they exist, are active and hold the role they act in. */
  verify(by: ActingAs): Promise<Person>;
}

/**
 * People and their governance roles. On one desktop without accounts "acting as" is a
 * declaration checked against this list, and every action records the name and role.
 */
export function createPeopleService(deps: { store: StoragePort; run: CommandRunner; ids: IdSource }): PeopleService {
  const { store, run, ids } = deps;
  return {
    list: () => store.read((r) => r.people.list()),
    findByName: (name) => store.read((r) => r.people.findByName(name)),
    save: (ctx, input) =>
      run(ctx, input.id ? 'person.updated' : 'person.added', async ({ at }, { people }) => {
        const clash = await people.findByName(input.name);
        if (clash && clash.id !== input.id) {
          throw new DomainError('CONFLICT', `${clash.name} is already in the list of people (${clash.id}).`, {
            issues: [{ path: 'name', message: 'already in the list' }],
          });
        }
        const record = { id: input.id ?? ids.next('PER'), name: input.name, email: input.email, roles: input.roles, active: input.active };
        if (input.id) {
          if (!(await people.find(input.id))) throw new DomainError('NOT_FOUND', `No person with id ${input.id}.`);
          await people.update(record, at);
        } else await people.insert(record, at);
        const person = await people.find(record.id);
        if (!person) throw new Error(`${record.id} was written but cannot be read back`);
        return { entity: person.id, payload: { name: person.name, roles: person.roles, active: person.active }, result: person };
      }),
    verify: (by) =>
      store.read(async ({ people }) => {
        const person = await people.findByName(by.name);
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
      }),
  };
}
