import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['server/**/*.test.ts', 'common/**/*.test.ts', 'scripts/**/*.test.ts', 'web/src/**/*.test.ts'],
    globalSetup: ['./server/test/global-setup.ts'],
    pool: 'forks',
    // Each database test file loads its own copy of one migrated, seeded template.
    maxWorkers: 2,
    testTimeout: 30000,
    hookTimeout: 60000,
  },
});
