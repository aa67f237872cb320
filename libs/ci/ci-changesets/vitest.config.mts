import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: import.meta.dirname,
  resolve: { tsconfigPaths: true },
  test: {
    name: 'ci-changesets',
    environment: 'node',
    include: ['src/**/*.spec.ts'],
    // Real git repositories and the real changeset CLI: seconds each on a loaded machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
