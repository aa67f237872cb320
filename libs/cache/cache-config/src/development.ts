import { randomBytes } from 'node:crypto';
import { hashToken } from './access';
import { cacheConfigSchema, type CacheConfig } from './schema';

/**
 * The embedded default: local disk storage and one freshly generated token
 * that reads and writes the default namespace. For a laptop or a demo; a
 * deployment declares its tokens in a config file.
 */
export function developmentConfig(
  dir: string,
  overrides: Partial<Pick<CacheConfig, 'host' | 'port'>> = {},
): { config: CacheConfig; token: string } {
  const token = `pvc_dev_${randomBytes(24).toString('base64url')}`;
  const config = cacheConfigSchema.parse({
    ...overrides,
    storage: { type: 'fs', dir },
    tokens: [{ name: 'development', sha256: hashToken(token), read: ['main'], write: 'main', admin: true }],
  });
  return { config, token };
}
