import type { Database } from 'better-sqlite3';
import type { Role, Settings } from '../../contract/index.ts';
import type { CommandRunner } from '../command-runner.ts';
import type { CallContext } from '../deps.ts';
import { DomainError } from '../domain-error.ts';

export interface SettingsService {
  get(): Settings;
  update(ctx: CallContext, changes: Partial<Settings>, knownBands: readonly string[]): Settings;
}

/** Organisation-wide governance settings, stored as JSON values by key. */
export function createSettingsService(deps: { db: Database; run: CommandRunner }): SettingsService {
  const { db, run } = deps;
  const read = db.prepare('SELECT key, value FROM settings');
  const write = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');

  const get = (): Settings => {
    const map = new Map((read.all() as { key: string; value: string }[]).map((r) => [r.key, JSON.parse(r.value) as unknown]));
    return {
      organisation: String(map.get('organisation') ?? 'Your organisation'),
      signOffsRequired: Number(map.get('signOffsRequired') ?? 2),
      acceptanceAuthority: (map.get('acceptanceAuthority') ?? {}) as Record<string, Role[]>,
      // Stored as a key like the others: no column, no migration; on unless switched off.
      separationOfDuties: map.get('separationOfDuties') !== false,
    };
  };

  return {
    get,
    update: (ctx, changes, knownBands) =>
      run(ctx, 'settings.updated', () => {
        for (const band of Object.keys(changes.acceptanceAuthority ?? {})) {
          if (!knownBands.includes(band)) {
            throw new DomainError('VALIDATION_FAILED', `acceptanceAuthority names an unknown band "${band}" (bands: ${knownBands.join(', ')}).`, {
              issues: [{ path: `acceptanceAuthority.${band}`, message: 'unknown band' }],
            });
          }
        }
        const before = get();
        for (const [key, value] of Object.entries(changes)) {
          if (value === undefined) continue;
          const merged = key === 'acceptanceAuthority' ? { ...before.acceptanceAuthority, ...(value as Record<string, Role[]>) } : value;
          write.run(key, JSON.stringify(merged));
        }
        return { entity: 'settings', payload: { changes }, result: get() };
      }),
  };
}
