import type { AiSystem, SystemFields } from '../../contract/index.ts';
import { DomainError } from '../domain-error.ts';
import type { CommandRunner } from '../command-runner.ts';
import type { CallContext, IdSource } from '../deps.ts';
import type { SystemsRepository } from './systems-repository.ts';

export interface SystemsService {
  list(options: { includeArchived: boolean; search: string }): AiSystem[];
  get(id: string): AiSystem;
  create(ctx: CallContext, fields: SystemFields): AiSystem;
  update(ctx: CallContext, id: string, changes: Partial<SystemFields>): AiSystem;
  archive(ctx: CallContext, id: string): AiSystem;
  unarchive(ctx: CallContext, id: string): AiSystem;
}

export function createSystemsService(deps: {
  repo: SystemsRepository;
  run: CommandRunner;
  ids: IdSource;
}): SystemsService {
  const { repo, run, ids } = deps;

  const get = (id: string): AiSystem => {
    const system = repo.find(id);
    if (!system) throw new DomainError('NOT_FOUND', `No AI system with id ${id}.`, { id });
    return system;
  };

  const refuseDuplicate = (name: string, vendor: string, exceptId?: string) => {
    const existing = repo.findActiveByNameAndVendor(name, vendor, exceptId);
    if (existing) {
      throw new DomainError(
        'CONFLICT',
        `"${existing.name}" from ${existing.vendor} is already in the inventory as ${existing.id}.`,
        { issues: [{ path: 'name', message: `Already registered as ${existing.id}` }], existingId: existing.id },
      );
    }
  };

  return {
    list: (options) => repo.list(options),
    get,
    create: (ctx, fields) =>
      run(ctx, 'system.created', ({ at, actor }) => {
        refuseDuplicate(fields.name, fields.vendor);
        const id = ids.next('SYS');
        repo.insert({ id, fields, at, actor });
        return { entity: id, payload: fields, result: get(id) };
      }),
    update: (ctx, id, changes) =>
      run(ctx, 'system.updated', ({ at }) => {
        const before = get(id);
        if (before.archived) {
          throw new DomainError('CONFLICT', `${id} is archived; unarchive it before editing.`, { id });
        }
        refuseDuplicate(changes.name ?? before.name, changes.vendor ?? before.vendor, id);
        repo.update(id, changes, at);
        const changed = Object.fromEntries(
          Object.entries(changes).filter(
            ([field, value]) => JSON.stringify(before[field as keyof SystemFields]) !== JSON.stringify(value),
          ),
        );
        return { entity: id, payload: { changes: changed }, result: get(id) };
      }),
    archive: (ctx, id) =>
      run(ctx, 'system.archived', ({ at }) => {
        const before = get(id);
        if (before.archived) throw new DomainError('CONFLICT', `${id} is already archived.`, { id });
        repo.setArchived(id, at, at);
        return { entity: id, payload: {}, result: get(id) };
      }),
    unarchive: (ctx, id) =>
      run(ctx, 'system.unarchived', ({ at }) => {
        const before = get(id);
        if (!before.archived) throw new DomainError('CONFLICT', `${id} is not archived.`, { id });
        refuseDuplicate(before.name, before.vendor, id);
        repo.setArchived(id, null, at);
        return { entity: id, payload: {}, result: get(id) };
      }),
  };
}
