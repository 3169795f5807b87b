import type { z } from 'zod';
import type { AiSystem, RiskMatrix, SystemCreateFields, SystemFields, SystemPage, SystemPageInput } from '../../contract/index.ts';
import { bandOrder } from '../rules/band-order.ts';
import { DomainError } from '../domain-error.ts';
import type { CommandRunner } from '../command-runner.ts';
import type { CallContext, Clock, IdSource } from '../deps.ts';
import type { StoragePort } from '../store/storage-port.ts';
import type { VendorsService } from '../vendors/vendors-service.ts';
import type { SystemChanges, SystemsRepository } from './systems-repository.ts';

export interface SystemsService {
  list(options: { includeArchived: boolean; search: string }): Promise<AiSystem[]>;
  /** One page of the inventory with each system's risk position (docs/lists.md). */
  page(input: z.output<typeof SystemPageInput>): Promise<SystemPage>;
  get(id: string): Promise<AiSystem>;
  /** The vendor by name (linked whatever its case, or created in the same transaction) or by id. */
  create(ctx: CallContext, fields: SystemCreateFields): Promise<AiSystem>;
  update(ctx: CallContext, id: string, changes: SystemChanges): Promise<AiSystem>;
  archive(ctx: CallContext, id: string): Promise<AiSystem>;
  unarchive(ctx: CallContext, id: string): Promise<AiSystem>;
}

/** The system `id`, or NOT_FOUND. */
export async function findSystem(repo: SystemsRepository, id: string): Promise<AiSystem> {
  const system = await repo.find(id);
  if (!system) throw new DomainError('NOT_FOUND', `No AI system with id ${id}.`, { id });
  return system;
}

async function refuseDuplicate(repo: SystemsRepository, name: string, vendor: string, exceptId?: string): Promise<void> {
  const existing = await repo.findActiveByNameAndVendor(name, vendor, exceptId);
  if (existing) {
    throw new DomainError('CONFLICT', `"${existing.name}" from ${existing.vendor} is already in the inventory as ${existing.id}.`, {
      issues: [{ path: 'name', message: `Already registered as ${existing.id}` }],
      existingId: existing.id,
    });
  }
}

export function createSystemsService(deps: { store: StoragePort; run: CommandRunner; ids: IdSource; clock: Clock; matrix: () => RiskMatrix; vendors: VendorsService }): SystemsService {
  const { store, run, ids, vendors } = deps;
  return {
    list: (options) => store.read((r) => r.systems.list(options)),
    page: (input) =>
      store.read(async (r) => ({
        ...(await r.systems.page({ ...input, bands: bandOrder(deps.matrix()), today: deps.clock.now().toISOString().slice(0, 10) })),
        offset: input.offset,
        limit: input.limit,
      })),
    get: (id) => store.read((r) => findSystem(r.systems, id)),
    create: (ctx, { vendorId: chosenId, vendor: chosenName, ...rest }) =>
      run(ctx, 'system.created', async ({ at, actor }, { systems }) => {
        const vendor = await vendors.resolve(ctx, { vendor: chosenName, vendorId: chosenId });
        const fields: SystemFields = { ...rest, vendor: vendor.name };
        await refuseDuplicate(systems, fields.name, fields.vendor);
        const id = ids.next('SYS');
        await systems.insert({ id, fields, vendorId: vendor.id, at, actor });
        return { entity: id, payload: { ...fields, vendorId: vendor.id }, result: await findSystem(systems, id) };
      }),
    update: (ctx, id, changes) =>
      run(ctx, 'system.updated', async ({ at }, { systems }) => {
        const before = await findSystem(systems, id);
        if (before.archived) {
          throw new DomainError('CONFLICT', `${id} is archived; unarchive it before editing.`, { id });
        }
        const { vendor: chosenName, vendorId: chosenId, ...rest } = changes;
        const vendor = chosenName === undefined && chosenId === undefined ? undefined : await vendors.resolve(ctx, { vendor: chosenName, vendorId: chosenId });
        const written: SystemChanges = vendor ? { ...rest, vendor: vendor.name, vendorId: vendor.id } : rest;
        await refuseDuplicate(systems, written.name ?? before.name, written.vendor ?? before.vendor, id);
        await systems.update(id, written, at);
        const changed = Object.fromEntries(
          Object.entries(written).filter(([field, value]) => JSON.stringify(before[field as keyof AiSystem]) !== JSON.stringify(value)),
        );
        return { entity: id, payload: { changes: changed }, result: await findSystem(systems, id) };
      }),
    archive: (ctx, id) =>
      run(ctx, 'system.archived', async ({ at }, { systems }) => {
        const before = await findSystem(systems, id);
        if (before.archived) throw new DomainError('CONFLICT', `${id} is already archived.`, { id });
        await systems.setArchived(id, at, at);
        return { entity: id, payload: {}, result: await findSystem(systems, id) };
      }),
    unarchive: (ctx, id) =>
      run(ctx, 'system.unarchived', async ({ at }, { systems }) => {
        const before = await findSystem(systems, id);
        if (!before.archived) throw new DomainError('CONFLICT', `${id} is not archived.`, { id });
        await refuseDuplicate(systems, before.name, before.vendor, id);
        await systems.setArchived(id, null, at);
        return { entity: id, payload: {}, result: await findSystem(systems, id) };
      }),
  };
}
