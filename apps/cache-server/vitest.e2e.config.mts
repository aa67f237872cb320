import { defineConfig } from 'vitest/config';

// Slow end-to-end tests: the built paved-cache binary with real nx, turbo, s3rver and git.
export default defineConfig({
  root: import.meta.dirname,
  resolve: { tsconfigPaths: true },
  test: {
    name: 'cache-server-e2e',
    environment: 'node',
    include: ['src/**/*.e2e.spec.ts'],
    testTimeout: 600_000,
    hookTimeout: 600_000,
    fileParallelism: false,
  },
});
