import { defineConfig } from 'vitest/config';

// Slow end-to-end tests in scratch workspaces: paved check and the nx check targets, parity with ESLint,
// paved scan secrets in its three modes, the pre-commit hook and the nx scan-secrets target.
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
