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
  workspaceMode: 'hospital',
  signOffsRequired: 2,
  acceptanceAuthority: {},
  // On unless switched off.
  separationOfDuties: true,
  // Until set, a Word questionnaire names the person who issued its request.
  vendorContact: null,
  // Nine in ten of the people using a system trained on it (docs/readiness.md).
  readinessTarget: 90,
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
    workspaceMode: field('workspaceMode'),
    signOffsRequired: field('signOffsRequired'),
    acceptanceAuthority: field('acceptanceAuthority'),
    separationOfDuties: field('separationOfDuties'),
    vendorContact: field('vendorContact'),
    readinessTarget: field('readinessTarget'),
  };
}

/** The hospital's governance settings: a vendor workspace has no sign-offs, acceptances or reviews. */
const hospitalOnly = ['signOffsRequired', 'acceptanceAuthority', 'separationOfDuties', 'readinessTarget'] as const;

/**
 * The workspace mode is chosen once, before the database holds anything of the other side
 * (docs/vendor-mode.md): a database with systems or assessments stays a hospital's, one with opened
 * requests stays a vendor's. A vendor workspace keeps only its organisation (and mode).
 */
async function checkWorkspaceChange(repo: SettingsRepository, before: Settings, changes: Partial<Settings>): Promise<void> {
  const mode = changes.workspaceMode ?? before.workspaceMode;
  if (mode === 'vendor') {
    const governance = hospitalOnly.filter((key) => changes[key] !== undefined);
    if (governance.length > 0) {
      throw new DomainError('WRONG_WORKSPACE', `This is a vendor workspace: ${governance.join(', ')} ${governance.length === 1 ? 'is a setting' : 'are settings'} of a hospital's workspace.`, {
        issues: governance.map((key) => ({ path: key, message: "a hospital's setting" })),
      });
    }
  }
  if (changes.workspaceMode === undefined || changes.workspaceMode === before.workspaceMode) return;
  const holds = await repo.holdings();
  if (changes.workspaceMode === 'vendor' && holds.hospital) {
    throw new DomainError(
      'CONFLICT',
      "This database holds a hospital's AI systems or assessments, so it cannot become a vendor workspace. Answer vendor requests in a new, empty database set to vendor mode.",
      { issues: [{ path: 'workspaceMode', message: 'the database holds hospital records' }] },
    );
  }
  if (changes.workspaceMode === 'hospital' && holds.vendor) {
    throw new DomainError(
      'CONFLICT',
      "This database holds requests opened as a vendor, so it cannot become a hospital's workspace. Use a new, empty database for the hospital.",
      { issues: [{ path: 'workspaceMode', message: 'the database holds opened vendor requests' }] },
    );
  }
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
        await checkWorkspaceChange(r.settings, before, changes);
        const next: Settings = {
          organisation: changes.organisation ?? before.organisation,
          workspaceMode: changes.workspaceMode ?? before.workspaceMode,
          signOffsRequired: changes.signOffsRequired ?? before.signOffsRequired,
          acceptanceAuthority: { ...before.acceptanceAuthority, ...changes.acceptanceAuthority },
          separationOfDuties: changes.separationOfDuties ?? before.separationOfDuties,
          vendorContact: changes.vendorContact === undefined ? before.vendorContact : changes.vendorContact,
          readinessTarget: changes.readinessTarget ?? before.readinessTarget,
        };
        for (const key of Object.keys(changes) as (keyof Settings)[]) {
          if (changes[key] !== undefined) await r.settings.put(key, next[key]);
        }
        return { entity: 'settings', payload: { changes }, result: await readSettings(r.settings) };
      }),
  };
}
