import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: import.meta.dirname,
  resolve: { tsconfigPaths: true },
  test: {
    name: 'release',
    environment: 'node',
    include: ['src/**/*.spec.ts'],
    exclude: ['src/**/*.e2e.spec.ts'],
    // The specs pack the real packages (esbuild, npm pack) in beforeAll: seconds, many on a busy machine.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
