import { Settings as SettingsSchema, type Settings } from '../../contract/index.ts';
import type { CommandRunner } from '../command-runner.ts';
import type { CallContext } from '../deps.ts';
import { DomainError } from '../domain-error.ts';
import type { StoragePort } from '../store/storage-port.ts';
import type { SettingsRepository } from './settings-repository.ts';

export interface SettingsService {
  get(): Promise<Settings>;
  update(ctx: CallContext, changes: Partial<Settings>, knownBands: readonly string[]): Promise<Settings>;
}

/** What a workspace uses until someone changes it in Settings. */
const defaults: Settings = {
  organisation: 'Your organisation',
  signOffsRequired: 2,
  acceptanceAuthority: {},
  // On unless switched off.
  separationOfDuties: true,
  // Until set, a Word questionnaire names the person who issued its request.
  vendorContact: null,
};

/** Each stored value decoded by its field's schema; a missing or unreadable one falls back to its default. */
export async function readSettings(repo: SettingsRepository): Promise<Settings> {
  const stored = await repo.values();
  const field = <K extends keyof Settings>(key: K): Settings[K] => {
    const parsed = SettingsSchema.shape[key].safeParse(stored.get(key));
    return parsed.success ? (parsed.data as Settings[K]) : defaults[key];
  };
  return {
    organisation: field('organisation'),
    signOffsRequired: field('signOffsRequired'),
    acceptanceAuthority: field('acceptanceAuthority'),
    separationOfDuties: field('separationOfDuties'),
    vendorContact: field('vendorContact'),
  };
}

/** Organisation-wide governance settings. */
export function createSettingsService(deps: { store: StoragePort; run: CommandRunner }): SettingsService {
  const { store, run } = deps;
  return {
    get: () => store.read((r) => readSettings(r.settings)),
    update: (ctx, changes, knownBands) =>
      run(ctx, 'settings.updated', async (_stamp, r) => {
        for (const band of Object.keys(changes.acceptanceAuthority ?? {})) {
          if (!knownBands.includes(band)) {
            throw new DomainError('VALIDATION_FAILED', `acceptanceAuthority names an unknown band "${band}" (bands: ${knownBands.join(', ')}).`, {
              issues: [{ path: `acceptanceAuthority.${band}`, message: 'unknown band' }],
            });
          }
        }
        const before = await readSettings(r.settings);
        const next: Settings = {
          organisation: changes.organisation ?? before.organisation,
          signOffsRequired: changes.signOffsRequired ?? before.signOffsRequired,
          acceptanceAuthority: { ...before.acceptanceAuthority, ...changes.acceptanceAuthority },
          separationOfDuties: changes.separationOfDuties ?? before.separationOfDuties,
          vendorContact: changes.vendorContact === undefined ? before.vendorContact : changes.vendorContact,
        };
        for (const key of Object.keys(changes) as (keyof Settings)[]) {
          if (changes[key] !== undefined) await r.settings.put(key, next[key]);
        }
        return { entity: 'settings', payload: { changes }, result: await readSettings(r.settings) };
      }),
  };
}
