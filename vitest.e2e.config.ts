import { defineConfig } from 'vitest/config';

// The browser tier: the real server in-process and Debian's Chromium. One file at a time in one
// fork: each file starts its own server and browser, and parallel Chromiums only add flakiness.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['e2e/support/build-web.global-setup.ts'],
    testTimeout: 90_000,
    hookTimeout: 300_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
  },
});
