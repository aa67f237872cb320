import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: import.meta.dirname,
  resolve: { tsconfigPaths: true },
  test: {
    name: 'secrets',
    environment: 'node',
    include: ['src/**/*.spec.ts'],
  },
});
