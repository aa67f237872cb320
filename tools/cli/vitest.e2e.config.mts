import { defineConfig } from 'vitest/config';

// Slow end-to-end tests: paved check and nx check targets in scratch workspaces, and parity with ESLint.
export default defineConfig({
  root: import.meta.dirname,
  resolve: { tsconfigPaths: true },
  test: {
    name: 'cli-e2e',
    environment: 'node',
    include: ['src/**/*.e2e.spec.ts'],
    testTimeout: 600_000,
    hookTimeout: 600_000,
    fileParallelism: false,
  },
});
