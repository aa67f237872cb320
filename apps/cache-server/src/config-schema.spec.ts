import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configSchemaPath, renderConfigSchema } from './config-schema';
import { SHIPPED_TUNING } from './server-config';

describe('paved-cache.schema.json', () => {
  it('is current with the zod schema', () => {
    expect(readFileSync(configSchemaPath, 'utf-8'), 'stale: run `pnpm nx run cache-server:schemas`').toBe(
      renderConfigSchema(),
    );
  });

  it('documents the trust model keys', () => {
    const schema = JSON.parse(renderConfigSchema());
    expect(schema.required).toEqual(['tokens']);
    expect(Object.keys(schema.properties.tokens.items.properties)).toEqual([
      'name',
      'sha256',
      'read',
      'write',
      'admin',
      'metrics',
    ]);
  });

  it('documents the timeouts, with their defaults', () => {
    const { timeouts } = JSON.parse(renderConfigSchema()).properties;
    expect(timeouts.default).toEqual({ storageMs: 5000, storageTransferMs: 120000, uploadIdleMs: 30000 });
    expect(Object.keys(timeouts.properties)).toEqual(['storageMs', 'storageTransferMs', 'uploadIdleMs']);
  });

  it('documents the tuning, with the shipped defaults', () => {
    const { tuning } = JSON.parse(renderConfigSchema()).properties;
    expect(tuning.default).toEqual(SHIPPED_TUNING);
    expect(Object.keys(tuning.properties)).toEqual(Object.keys(SHIPPED_TUNING));
  });
});
