import type pg from 'pg';
import type { Kysely } from 'kysely';
import type { ScheduledRun } from '../../../contract/index.ts';
import type { Clock } from '../../deps.ts';
import { createSettingsRepository } from '../../settings/settings-repository.ts';
import type { Schema } from '../schema.ts';
import { scheduledRunKey, type ScheduledJob, type ScheduledJobs } from '../scheduled-jobs.ts';

/**
 * The advisory lock of each scheduled job: "VIGSWEEP" in ASCII, so `pg_locks` shows whose it is
 * (beside the ledger's and the migrator's in open-postgres.ts).
 */
export const scheduledJobLockKeys: Record<ScheduledJob, bigint> = { dueDateSweep: 0x5649475357454550n };

/**
 * Scheduled jobs on a team database shared by several servers. A job runs under a session-level
 * `pg_try_advisory_lock` held on a connection of its own for the whole run: a server that finds
 * it held skips the run instead of queueing behind it (the next tick tries again), and a server
 * that dies mid-run loses the lock with its connection. The job's own work runs on the pool's
 * other connections, in its own transactions (the sweep is one audited write).
 *
 * The last run is kept as a setting (`scheduled.<job>`), written after the run in its own
 * transaction: an operational record for `app.info`, not a governance change, so not in the ledger.
 */
export function createPostgresScheduledJobs(pool: pg.Pool, db: Kysely<Schema>, options: { clock: Clock; runner: string }): ScheduledJobs {
  return {
    runAlone: async (job, body) => {
      const key = scheduledJobLockKeys[job].toString();
      const client = await pool.connect();
      let locked = false;
      try {
        const tried = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS locked', [key]);
        locked = tried.rows[0]?.locked === true;
        if (!locked) return 'skipped';
        const startedAt = options.clock.now().toISOString();
        const ok = await body();
        const run: ScheduledRun = { startedAt, finishedAt: options.clock.now().toISOString(), outcome: ok ? 'ok' : 'failed', runner: options.runner };
        await db.transaction().execute((trx) => createSettingsRepository(trx).put(scheduledRunKey(job), run));
        return 'ran';
      } finally {
        let unlockFailed: Error | undefined;
        if (locked) await client.query('SELECT pg_advisory_unlock($1::bigint)', [key]).catch((error: Error) => (unlockFailed = error));
        // A connection that may still hold the lock is closed, not handed to the next caller.
        client.release(unlockFailed);
      }
    },
  };
}
