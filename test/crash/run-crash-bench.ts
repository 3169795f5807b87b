// `npm run bench` (via scripts/crash-bench.mjs): the crash-safety loop with 200 SIGKILLs on one
// database, then a summary. Exits non-zero on any integrity, ledger or consistency failure.
//   CRASH_SEED=<n>   another seed (default crashSeeds.bench)
//   CRASH_KILLS=<n>  another number of kills (default 200)
//   CRASH_KEEP=1     keep the database afterwards (it is always kept on failure)
import { join } from 'node:path';
import { tempDir } from '../support/core-fixture.ts';
import { buildCrashWorker, formatSummary, runCrashLoop } from './harness.ts';
import { crashSeeds } from './protocol.ts';

const root = process.env.CRASH_ROOT ?? process.cwd();
const seed = process.env.CRASH_SEED ? Number(process.env.CRASH_SEED) : crashSeeds.bench;
const kills = process.env.CRASH_KILLS ? Number(process.env.CRASH_KILLS) : 200;

console.log(`\nCrash safety: ${kills} SIGKILLs of a worker running commands in a loop (seed ${seed})`);
const workerPath = await buildCrashWorker(root);
const temp = tempDir('vigil-crash-bench-');
const summary = await runCrashLoop({
  root,
  workerPath,
  dbPath: join(temp.dir, 'vigil.db'),
  seed,
  kills,
  onCycle: (c) => {
    if ((c.cycle + 1) % 25 === 0 || c.problems.length > 0) {
      console.log(`  ${String(c.cycle + 1).padStart(4)} kills, ledger ${c.auditLength} events${c.problems.length > 0 ? `  PROBLEMS: ${c.problems.length}` : ''}`);
    }
  },
});
console.log(formatSummary(summary));
const failed = summary.problems.length > 0 || summary.integrityFailures > 0 || summary.ledgerFailures > 0 || summary.kills !== kills;
if (failed) console.log(`FAIL — database kept for inspection in ${temp.dir}; rerun with CRASH_SEED=${seed}`);
else if (process.env.CRASH_KEEP) console.log(`database kept in ${temp.dir}`);
else temp.cleanup();
process.exit(failed ? 1 : 0);
