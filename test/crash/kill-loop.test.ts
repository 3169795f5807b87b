// Crash safety: a child process runs commands in a loop (bulk answer batches, evidence, review
// transitions and sign-offs, risk treatments, system edits, recorded changes) and is killed with
// SIGKILL at random moments, 50 times, restarted on the same database each time. After each kill:
// integrity_check is ok, the ledger verifies, every acknowledged command is there, every command
// is all or nothing (the tables are exactly what the ledger says), and refused commands left no
// trace. `npm run bench` runs the same loop with 200 kills (scripts/crash-bench.mjs).
//
// Reproduce a failure with CRASH_SEED=<seed from the message> npx vitest run test/crash.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, tempDir } from '../support/core-fixture.ts';
import { buildCrashWorker, formatSummary, runCrashLoop } from './harness.ts';
import { crashSeeds } from './protocol.ts';

const seed = process.env.CRASH_SEED ? Number(process.env.CRASH_SEED) : crashSeeds.test;
const kills = 50;

describe('crash safety under SIGKILL', () => {
  let workerPath = '';
  const temp = tempDir('vigil-crash-');
  let failed = false;

  beforeAll(async () => {
    workerPath = await buildCrashWorker(repoRoot);
  });

  afterAll(() => {
    // Keep the database of a failed run for inspection (its path is in the failure message).
    if (!failed) temp.cleanup();
  });

  // Budgeted in kills, not time (about 45 s alone); the limit only catches a hang.
  it(`keeps the database whole across ${kills} kills (seed ${seed})`, { timeout: 900_000 }, async () => {
    const summary = await runCrashLoop({ root: repoRoot, workerPath, dbPath: join(temp.dir, 'vigil.db'), seed, kills });
    failed = summary.problems.length > 0;
    if (failed || process.env.CRASH_VERBOSE) console.log(formatSummary(summary));
    expect(summary.problems, `seed ${seed}: rerun with CRASH_SEED=${seed}`).toEqual([]);
    expect(summary.kills).toBe(kills);
    expect(summary.integrityFailures).toBe(0);
    expect(summary.ledgerFailures).toBe(0);
    // The loop did real work: commands were acknowledged across the kills, and some refused ones left nothing.
    expect(summary.acked).toBeGreaterThan(kills);
    expect(summary.refusedAsExpected).toBeGreaterThan(0);
  });
});
