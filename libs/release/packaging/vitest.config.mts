import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: import.meta.dirname,
  resolve: { tsconfigPaths: true },
  test: {
    name: 'packaging',
    environment: 'node',
    include: ['src/**/*.spec.ts'],
    // Some specs run esbuild and `npm pack` for real: seconds on a busy machine.
    testTimeout: 60_000,
  },
});
