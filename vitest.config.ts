import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // e2e files start servers and browsers; keep the two cores from fighting over them.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
