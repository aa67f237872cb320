import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: import.meta.dirname,
  resolve: { tsconfigPaths: true },
  test: {
    name: 'scratch-repo',
    environment: 'node',
    include: ['src/**/*.spec.ts'],
  },
});
