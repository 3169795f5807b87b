import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { hostSweepEveryMs } from '../core/build-services.ts';
import { createCore, type Core } from '../core/create-core.ts';
import { randomIds, systemClock } from '../core/deps.ts';
import type { KeyVault } from '../core/exchange/workspace-identity.ts';
import { internalErrorLine } from './internal-error.ts';

export interface AppLayout {
  /** Folder holding templates/ and dist/ (the checkout, or the packaged app's resources). */
  appRoot: string;
  version: string;
}

/**
 * Opens the production core on a database file, creating its folder when needed. Long-running
 * hosts (the app's core process, browser mode) ask for the scheduled sweep: expiries that fall
 * due while Vigil stays open are recorded within minutes, by the sweep, never by a read.
 */
export function openCore(dbPath: string, layout: AppLayout, options: { dailyBackup?: boolean; scheduledSweep?: boolean; keyVault?: KeyVault } = {}): Core {
  mkdirSync(dirname(dbPath), { recursive: true });
  return createCore({
    dbPath,
    clock: systemClock,
    ids: randomIds,
    templatesDir: join(layout.appRoot, 'templates'),
    appVersion: layout.version,
    dailyBackup: options.dailyBackup ?? false,
    ...(options.scheduledSweep ? { sweepEveryMs: hostSweepEveryMs } : {}),
    ...(options.keyVault ? { keyVault: options.keyVault } : {}),
    onInternalError: (method, error) => {
      process.stderr.write(internalErrorLine(method, error));
    },
  });
}
