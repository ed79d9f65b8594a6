import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Each database test file loads its own copy of one migrated, seeded template.
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'node',
          include: ['server/**/*.test.ts', 'common/**/*.test.ts', 'scripts/**/*.test.ts', 'web/src/**/*.test.ts'],
          globalSetup: ['./server/test/global-setup.ts'],
          pool: 'forks',
          // The files share each worker's modules instead of importing the server anew (about 2 s
          // per file, 40 % of the run); every file opens its own database copy and app, and closes them.
          isolate: false,
          testTimeout: 30000,
          hookTimeout: 60000,
        },
      },
      {
        // Server-side renders of web components: @rjsf/mantine imports dayjs plugins without a file
        // extension, which Node's ESM loader refuses, so Vite bundles those packages here.
        test: {
          name: 'web-render',
          include: ['web/src/**/*.render.spec.ts'],
          server: { deps: { inline: ['@rjsf/mantine', '@mantine/dates'] } },
          css: false,
          testTimeout: 30000,
        },
      },
    ],
  },
});
