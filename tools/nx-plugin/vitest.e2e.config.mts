import { defineConfig } from 'vitest/config';

// Slow end-to-end tests: real nx, eslint, tsc, vitest, git and husky in scratch workspaces.
export default defineConfig({
  root: import.meta.dirname,
  resolve: { tsconfigPaths: true },
  test: {
    name: 'nx-plugin-e2e',
    environment: 'node',
    include: ['src/**/*.e2e.spec.ts'],
    testTimeout: 600_000,
    hookTimeout: 600_000,
    fileParallelism: false,
  },
});
