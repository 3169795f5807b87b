import type { Vendor, VendorDetail, VendorFields, VendorResponse, VendorSummary } from '../../contract/index.ts';
import type { CommandRunner } from '../command-runner.ts';
import type { CallContext, Clock, IdSource } from '../deps.ts';
import { DomainError } from '../domain-error.ts';
import { responseChanges } from '../exchange/answer-changes.ts';
import type { Repositories, StoragePort } from '../store/storage-port.ts';
import type { VendorRequestOfVendor, VendorsRepository } from './vendors-repository.ts';

/** How a system names its vendor: by name (an existing vendor whatever its case, or a new one) or by id. */
export interface VendorChoice {
  vendor?: string | undefined;
  vendorId?: string | undefined;
}

export interface VendorsService {
  list(search: string): Promise<VendorSummary[]>;
  get(id: string): Promise<VendorDetail>;
  create(ctx: CallContext, fields: VendorFields): Promise<Vendor>;
  update(ctx: CallContext, id: string, changes: Partial<VendorFields>): Promise<Vendor>;
  /**
   * The vendor a system is to link to, inside the caller's write: the one with that id, or that
   * name whatever its case, or a new one created then (its own audit event, `vendor.created`).
   */
  resolve(ctx: CallContext, choice: VendorChoice): Promise<Vendor>;
}

/** The vendor `id`, or NOT_FOUND. */
export async function findVendor(repo: VendorsRepository, id: string): Promise<Vendor> {
  const vendor = await repo.find(id);
  if (!vendor) throw new DomainError('NOT_FOUND', `No vendor with id ${id}.`, { id });
  return vendor;
}

async function refuseDuplicate(repo: VendorsRepository, name: string, exceptId?: string): Promise<void> {
  const existing = await repo.findByName(name, exceptId);
  if (existing) {
    throw new DomainError('CONFLICT', `A vendor named "${existing.name}" is already recorded as ${existing.id}; vendor names are unique whatever their case.`, {
      issues: [{ path: 'name', message: `Already recorded as ${existing.id}` }],
      existingId: existing.id,
    });
  }
}

/** Each system's responses in the order they were imported, each compared with the one before it. */
async function responsesOf(r: Repositories, requests: readonly VendorRequestOfVendor[]): Promise<VendorResponse[]> {
  const imported = requests.filter((q) => q.importedAt !== null).sort((a, b) => (a.importedAt ?? '').localeCompare(b.importedAt ?? '') || a.id.localeCompare(b.id));
  const texts = new Map<string, Map<string, string>>();
  const textsOf = async (hash: string) => {
    let map = texts.get(hash);
    if (!map) {
      const snapshot = await r.assessments.templateSnapshot(hash);
      map = new Map(snapshot.questionnaires.flatMap((q) => q.sections.flatMap((s) => s.questions)).map((q) => [q.id, q.text] as const));
      texts.set(hash, map);
    }
    return map;
  };
  const lastOfSystem = new Map<string, VendorRequestOfVendor>();
  const responses: VendorResponse[] = [];
  for (const q of imported) {
    const previous = lastOfSystem.get(q.systemId);
    const words = await textsOf(q.snapshotHash);
    responses.push({
      requestId: q.id,
      assessmentId: q.assessmentId,
      systemId: q.systemId,
      systemName: q.systemName,
      importedAt: q.importedAt ?? '',
      importedBy: q.importedBy ?? '',
      signedAs: q.vendorName ?? '',
      fingerprint: q.vendorFingerprint ?? '',
      answers: q.responseAnswers?.length ?? 0,
      previousRequestId: previous?.id ?? null,
      changes: responseChanges(previous?.responseAnswers ?? [], q.responseAnswers ?? [], (id) => words.get(id) ?? ''),
    });
    lastOfSystem.set(q.systemId, q);
  }
  return responses.reverse();
}

/** Vendors as records (issue 17, docs/vendors.md). */
export function createVendorsService(deps: { store: StoragePort; run: CommandRunner; ids: IdSource; clock: Clock }): VendorsService {
  const { store, run, ids, clock } = deps;
  const create = (ctx: CallContext, fields: VendorFields) =>
    run(ctx, 'vendor.created', async ({ at, actor }, { vendors }) => {
      await refuseDuplicate(vendors, fields.name);
      const id = ids.next('VEN');
      await vendors.insert({ id, fields, at, actor });
      return { entity: id, payload: fields, result: await findVendor(vendors, id) };
    });
  return {
    list: (search) => store.read((r) => r.vendors.list({ search, now: clock.now().toISOString() })),
    get: (id) =>
      store.read(async (r) => {
        const vendor = await findVendor(r.vendors, id);
        const now = clock.now().getTime();
        const requests = await r.vendors.requests(id);
        const keys = await r.vendors.keys(id);
        return {
          ...vendor,
          products: await r.vendors.products(id),
          key: keys.find((k) => k.replacedAt === null) ?? null,
          keyHistory: keys.filter((k) => k.replacedAt !== null),
          requests: requests.map((q) => ({
            id: q.id,
            assessmentId: q.assessmentId,
            assessmentTitle: q.assessmentTitle,
            systemId: q.systemId,
            systemName: q.systemName,
            issuedAt: q.issuedAt,
            issuedBy: q.issuedBy,
            expiresAt: q.expiresAt,
            questionCount: q.questionIds.length,
            // As vendor.requests words it (exchange-service.ts).
            status: q.importedAt ? ('imported' as const) : Date.parse(q.expiresAt) < now ? ('expired' as const) : ('open' as const),
            importedAt: q.importedAt,
          })),
          responses: await responsesOf(r, requests),
        };
      }),
    create,
    update: (ctx, id, changes) =>
      run(ctx, 'vendor.updated', async ({ at }, { vendors, systems }) => {
        const before = await findVendor(vendors, id);
        if (changes.name !== undefined) await refuseDuplicate(vendors, changes.name, id);
        await vendors.update(id, changes, at);
        // The systems' vendor text is the vendor's name: lists, filters and exports read it.
        if (changes.name !== undefined && changes.name !== before.name) await systems.setVendorName(id, changes.name);
        const changed = Object.fromEntries(
          Object.entries(changes).filter(([field, value]) => JSON.stringify(before[field as keyof VendorFields]) !== JSON.stringify(value)),
        );
        return { entity: id, payload: { changes: changed, ...(changed.name === undefined ? {} : { previousName: before.name }) }, result: await findVendor(vendors, id) };
      }),
    resolve: (ctx, choice) =>
      store.write(async ({ vendors }) => {
        if (choice.vendorId !== undefined) {
          const vendor = await findVendor(vendors, choice.vendorId);
          if (choice.vendor !== undefined && choice.vendor.toLowerCase() !== vendor.name.toLowerCase()) {
            throw new DomainError('VALIDATION_FAILED', `The vendor is given twice and the two differ: "${choice.vendor}", and ${vendor.id}, which is "${vendor.name}". Give one of them.`, {
              issues: [{ path: 'vendor', message: `${vendor.id} is "${vendor.name}"` }],
            });
          }
          return vendor;
        }
        const name = choice.vendor ?? '';
        return (await vendors.findByName(name)) ?? create(ctx, { name, contacts: [], notes: '' });
      }),
  };
}
