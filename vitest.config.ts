import { defineConfig } from 'vitest/config';

// Unit (beside the code), db and api tiers. The browser tier has its own config (e2e/).
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
