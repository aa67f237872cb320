import { defineConfig } from 'vitest/config';

// Slow end-to-end test: release:pack, a real Verdaccio, changeset publish, and real pnpm installs
// of the published packages into workspaces that never saw this repository.
export default defineConfig({
  root: import.meta.dirname,
  resolve: { tsconfigPaths: true },
  test: {
    name: 'release-e2e',
    environment: 'node',
    include: ['src/**/*.e2e.spec.ts'],
    // Packs and publishes once to one local registry for every file (inject('published')).
    globalSetup: ['src/published.e2e-setup.ts'],
    testTimeout: 600_000,
    hookTimeout: 600_000,
    fileParallelism: false,
  },
});
