// `npm run bench`, load part (issue 15): 50 simulated people × 100 operations each, all at once,
// against the desktop core on SQLite through browser mode (HTTP on 127.0.0.1, the baseline) and
// against a team server on PostgreSQL over HTTPS with each person signed in to their own account.
// Afterwards every acknowledged write must be in the database and the ledger must verify; the
// run fails (exit 1) otherwise. Latencies are what the simulated people saw, p50/p95 per kind of
// operation; the ratio team / desktop is the figure to compare between machines. First, how long
// one 40 MB request body holds the server's main thread (body-parse-bench.ts).
import { join } from 'node:path';
import { createCore } from '../../electron/core/create-core.ts';
import { randomIds, systemClock } from '../../electron/core/deps.ts';
import { startRpcServer } from '../../electron/server/rpc-server.ts';
import { tempDir, templatesDir } from '../support/core-fixture.ts';
import { measureBodyParsing } from './body-parse-bench.ts';
import { operationKinds, percentiles, runLoad, type LoadOutcome, type OperationKind } from '../support/load-workload.ts';
import { browserModeClient } from '../support/rpc-clients.ts';
import { runTeamLoad } from '../support/team-load.ts';

const users = Number(process.env.VIGIL_LOAD_USERS ?? 50);
const operationsPerUser = Number(process.env.VIGIL_LOAD_OPERATIONS ?? 100);

const personName = (i: number) => `Load Person ${String(i + 1).padStart(2, '0')}`;

/** The baseline: one desktop core on a SQLite file, reached through browser mode. */
async function desktopRun(): Promise<LoadOutcome> {
  const { dir, cleanup } = tempDir('vigil-load-');
  const core = createCore({ dbPath: join(dir, 'vigil.db'), clock: systemClock, ids: randomIds, templatesDir });
  const token = 'load-bench-token';
  const server = await startRpcServer({ dispatch: (m, i) => core.dispatch(m, i, { actor: 'load-bench' }), staticDir: dir, token });
  const clients = Array.from({ length: users }, () => browserModeClient(`http://127.0.0.1:${server.port}`, token));
  try {
    for (let i = 0; i < users; i++) {
      const saved = await clients[0]!.call('people.save', { name: personName(i), email: `load${i + 1}@example.org`, roles: ['assessor'], active: true });
      if (!saved.ok) throw new Error(saved.error.message);
    }
    return await runLoad(
      clients.map((c, i) => ({ call: c.call, by: { name: personName(i), role: 'assessor' } })),
      { operationsPerUser },
    );
  } finally {
    for (const c of clients) c.close();
    await server.close();
    core.close();
    cleanup();
  }
}

const ms = (n: number) => `${n.toFixed(1).padStart(7)} ms`;

function describe(label: string, outcome: LoadOutcome): void {
  const refused = Object.entries(outcome.refused).map(([code, n]) => `${n} ${code}`).join(', ') || 'none';
  console.log(`${label}: ${outcome.acknowledgedWrites} writes acknowledged, refused: ${refused}; ledger ${outcome.ledger.ok ? 'verifies' : 'DOES NOT VERIFY'} (${outcome.ledger.length} events)`);
  for (const kind of operationKinds) {
    const p = percentiles(outcome.latencies[kind]);
    console.log(`  ${kind.padEnd(14)} ${String(outcome.latencies[kind].length).padStart(5)} calls   p50 ${ms(p.p50)}   p95 ${ms(p.p95)}`);
  }
  if (outcome.problems.length > 0) {
    console.log(`  PROBLEMS (${outcome.problems.length}):`);
    for (const p of outcome.problems.slice(0, 20)) console.log(`    ${p}`);
  }
}

function compare(kind: OperationKind | 'all', team: LoadOutcome, desktop: LoadOutcome): string {
  const samples = (o: LoadOutcome) => (kind === 'all' ? operationKinds.flatMap((k) => o.latencies[k]) : o.latencies[kind]);
  const t = percentiles(samples(team));
  const d = percentiles(samples(desktop));
  return `${kind.padEnd(14)} p50 ${(t.p50 / d.p50).toFixed(2)}x   p95 ${(t.p95 / d.p95).toFixed(2)}x`;
}

async function main(): Promise<number> {
  for (const line of await measureBodyParsing()) console.log(line);
  console.log('');
  console.log(`bounded load: ${users} simulated people × ${operationsPerUser} operations at once (10 reads, 5 answers, 3 system updates, 2 workflow events in 20), on 127.0.0.1`);
  const desktop = await desktopRun();
  describe('desktop core (SQLite) through browser mode, HTTP', desktop);
  const team = await runTeamLoad({ users, operationsPerUser, staticDir: tempDir('vigil-load-static-').dir });
  describe('team server (PostgreSQL) over HTTPS, each person signed in to their own account', team);
  console.log('\nratio team / desktop (same operations, same machine, same run):');
  for (const kind of [...operationKinds, 'all' as const]) console.log(`  ${compare(kind, team, desktop)}`);
  const failed = [desktop, team].some((o) => o.problems.length > 0 || !o.ledger.ok);
  console.log(failed ? '\nload: FAILED (see the problems above)' : '\nload: every acknowledged write is present and the ledger verifies');
  return failed ? 1 : 0;
}

process.exitCode = await main();
