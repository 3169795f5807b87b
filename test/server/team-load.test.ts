import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/core-fixture.ts';
import { runTeamLoad } from '../support/team-load.ts';

// The bounded load test at a size for every run of the suite (npm run bench runs 50 × 100):
// five people, each signed in to their own account over HTTPS, ten operations each at once.
describe('the team server under concurrent people (PostgreSQL, HTTPS)', () => {
  it('keeps every acknowledged write and a verifying ledger', async () => {
    const staticDir = tempDir('vigil-load-static-');
    try {
      const outcome = await runTeamLoad({ users: 5, operationsPerUser: 10, staticDir: staticDir.dir });
      expect(outcome.problems).toEqual([]);
      expect(outcome.ledger.ok).toBe(true);
      // Each person works on their own assessment, so nothing is stale and nothing is refused.
      expect(outcome.refused).toEqual({});
      // Each workflow event is shown first (a read), then sent.
      const writes = outcome.latencies.answer.length + outcome.latencies.systemUpdate.length + outcome.latencies.workflowEvent.length;
      expect(writes + outcome.latencies.read.length - outcome.latencies.workflowEvent.length).toBe(50);
      expect(outcome.acknowledgedWrites).toBe(writes);
      expect(outcome.acknowledgedWrites).toBeGreaterThan(0);
      // Preparing (a system and an assessment each) plus every acknowledged write, at least.
      expect(outcome.ledger.length).toBeGreaterThanOrEqual(10 + outcome.acknowledgedWrites);
    } finally {
      staticDir.cleanup();
    }
  });
});
