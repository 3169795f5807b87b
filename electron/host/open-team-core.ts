import { join } from 'node:path';
import type { SessionPolicy } from '../core/accounts/account-authority.ts';
import { hostSweepEveryMs } from '../core/build-services.ts';
import { createTeamCore, type TeamCore } from '../core/create-team-core.ts';
import { randomIds, systemClock } from '../core/deps.ts';
import type { KeyVault } from '../core/exchange/workspace-identity.ts';
import { internalErrorLine } from './internal-error.ts';
import type { AppLayout } from './open-core.ts';

export interface TeamCoreHostOptions {
  keyVault: KeyVault;
  poolSize?: number;
  sessionPolicy?: SessionPolicy;
  /** Long-running hosts (the team server) sweep due dates every few minutes. */
  scheduledSweep?: boolean;
  /** Where internal errors are told (the CLI's standard error). */
  report: (text: string) => void;
}

/** The production core on a team database (PostgreSQL): the real clock and ids, the app's templates. */
export function openTeamCore(databaseUrl: string, layout: AppLayout, options: TeamCoreHostOptions): TeamCore {
  return createTeamCore({
    databaseUrl,
    clock: systemClock,
    ids: randomIds,
    templatesDir: join(layout.appRoot, 'templates'),
    appVersion: layout.version,
    keyVault: options.keyVault,
    ...(options.poolSize !== undefined ? { poolSize: options.poolSize } : {}),
    ...(options.sessionPolicy ? { sessionPolicy: options.sessionPolicy } : {}),
    ...(options.scheduledSweep ? { sweepEveryMs: hostSweepEveryMs } : {}),
    onInternalError: (what, error) => options.report(internalErrorLine(what, error)),
  });
}
