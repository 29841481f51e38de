import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';

const serverTests = ['apps/server/src/**/*.test.ts', 'apps/server/migrations/**/*.test.ts'];

/**
 * One run, several projects. Every server test runs twice: once on SQLite and once on PostgreSQL
 * (scripts/test.mjs fails the run when the two counts differ).
 */
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'shared', include: ['packages/shared/src/**/*.test.ts'], environment: 'node' } },
      // The repository itself: its dependencies and scripts.
      { test: { name: 'repo', include: ['scripts/**/*.test.ts'], environment: 'node' } },
      {
        // The web app's logic (form models, list queries, the module kit): plain TypeScript, run in Node.
        plugins: [vue()],
        resolve: { alias: { '@': fileURLToPath(new URL('./apps/web/src', import.meta.url)) } },
        test: { name: 'web', include: ['apps/web/src/**/*.test.ts'], environment: 'node' },
      },
      {
        test: {
          name: 'server:sqlite',
          include: serverTests,
          environment: 'node',
          env: { TEST_ENGINE: 'sqlite' },
        },
      },
      {
        test: {
          name: 'server:postgres',
          include: serverTests,
          environment: 'node',
          env: { TEST_ENGINE: 'postgres' },
          globalSetup: ['apps/server/src/test/postgres.global-setup.ts'],
          testTimeout: 20_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
