import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    environment: 'node',
    // Limits only catch a hang. Tests that start processes, browsers or LibreOffice take many
    // times longer on a loaded two-core machine (npm test beside another npm test: a CLI test
    // that runs 28 commands took 37 s), so the defaults leave that room.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    // e2e files start servers and browsers; keep the two cores from fighting over them.
    fileParallelism: true,
    maxWorkers: 2,
    // The test matrix: VIGIL_TEST_ENGINE=postgres runs the core tests on one real PostgreSQL
    // server started here (npm run test:postgres).
    globalSetup: process.env.VIGIL_TEST_ENGINE === 'postgres' ? ['test/support/postgres-global-setup.ts'] : [],
  },
});
