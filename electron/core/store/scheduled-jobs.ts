import { ScheduledRun } from '../../contract/index.ts';
import type { SettingsRepository } from '../settings/settings-repository.ts';

/**
 * Jobs a host runs on a timer (the due-date sweep). Several team servers may share one database;
 * the engine lets one of them run a job at a time and records the last run, so `app.info` can
 * say when it last ran. SQLite has one desktop process per file and needs neither.
 */
export interface ScheduledJobs {
  /**
   * Runs `body` unless another server is running `job` right now ('skipped' then, nothing run);
   * records the run (when, how it ended, which server) once it ends. `body` resolves false when
   * it failed (and has reported why).
   */
  runAlone(job: ScheduledJob, body: () => Promise<boolean>): Promise<'ran' | 'skipped'>;
}

export type ScheduledJob = 'dueDateSweep';

/** The settings key a job's last run is kept under (a JSON value, like every setting). */
export const scheduledRunKey = (job: ScheduledJob): string => `scheduled.${job}`;

/** The last recorded run of `job`, or null if none was recorded (or the record is unreadable). */
export async function lastScheduledRun(settings: SettingsRepository, job: ScheduledJob): Promise<ScheduledRun | null> {
  const parsed = ScheduledRun.safeParse((await settings.values()).get(scheduledRunKey(job)));
  return parsed.success ? parsed.data : null;
}
