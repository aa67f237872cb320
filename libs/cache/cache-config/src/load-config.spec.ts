import { describe, expect, it } from 'vitest';
import { hashToken } from './access';
import { z } from 'zod';
import { parseEnvSwitch, resolveCacheConfig } from './load-config';
import { cacheConfigSchema } from './schema';

const mainToken = { name: 'ci-main', sha256: hashToken('a'), read: ['main'], write: 'main' };
const prToken = { name: 'ci-pr', sha256: hashToken('b'), read: ['pr-*', 'main'], write: 'pr-*' };
const files: Record<string, string> = {
  'cache.json': JSON.stringify({ port: 4000, tokens: [mainToken, prToken] }),
  'broken.json': '{ "port": ',
};
const readFile = (path: string) => {
  if (!(path in files)) throw new Error(`ENOENT: no such file or directory, open '${path}'`);
  return files[path];
};

describe('resolveCacheConfig', () => {
  it('reads the file and lets PAVED_CACHE_* variables win', () => {
    const { config, errors } = resolveCacheConfig(
      { PAVED_CACHE_CONFIG: 'cache.json', PAVED_CACHE_PORT: '5000', PAVED_CACHE_DIR: '/data' },
      readFile,
    );
    expect(errors).toEqual([]);
    expect(config).toMatchObject({
      port: 5000,
      host: '127.0.0.1',
      defaultNamespace: 'main',
      storage: { type: 'fs', dir: '/data', fsync: false, verifyEveryRead: false },
    });
    expect(
      resolveCacheConfig({ PAVED_CACHE_TOKENS: JSON.stringify([mainToken]), PAVED_CACHE_VERIFY_EVERY_READ: 'true' })
        .config?.storage,
    ).toMatchObject({
      verifyEveryRead: true,
    });
    expect(config?.ttlSeconds).toEqual({ 'pr-*': 604800 });
  });

  it("takes the untrusted namespaces' budget from limits or PAVED_CACHE_UNTRUSTED_MAX_BYTES, and refuses a negative one", () => {
    const env = { PAVED_CACHE_TOKENS: JSON.stringify([mainToken]) };
    expect(resolveCacheConfig(env).config?.limits.untrustedMaxBytes).toBeUndefined();
    const { config } = resolveCacheConfig({ ...env, PAVED_CACHE_UNTRUSTED_MAX_BYTES: '1048576' });
    expect(config?.limits).toMatchObject({ untrustedMaxBytes: 1048576, maxTotalBytes: 50 * 1024 ** 3 });
    const { errors } = resolveCacheConfig({ ...env, PAVED_CACHE_UNTRUSTED_MAX_BYTES: '-1' });
    expect(errors).toMatchObject([{ code: 'PAVED-302', keyPath: 'limits.untrustedMaxBytes' }]);
  });

  it('configures S3 from the environment alone', () => {
    const { config } = resolveCacheConfig(
      {
        PAVED_CACHE_STORAGE: 's3',
        PAVED_CACHE_S3_BUCKET: 'builds',
        PAVED_CACHE_S3_ENDPOINT: 'http://127.0.0.1:9000',
        PAVED_CACHE_S3_FORCE_PATH_STYLE: 'true',
        PAVED_CACHE_TOKENS: JSON.stringify([mainToken]),
      },
      readFile,
    );
    expect(config?.storage).toMatchObject({
      type: 's3',
      bucket: 'builds',
      endpoint: 'http://127.0.0.1:9000',
      forcePathStyle: true,
      region: 'us-east-1',
    });
  });

  it('names an unreadable or malformed file', () => {
    expect(resolveCacheConfig({ PAVED_CACHE_CONFIG: 'missing.json' }, readFile).errors).toEqual([
      expect.objectContaining({ code: 'PAVED-300', file: 'missing.json' }),
    ]);
    expect(resolveCacheConfig({ PAVED_CACHE_CONFIG: 'broken.json' }, readFile).errors).toEqual([
      expect.objectContaining({ code: 'PAVED-301', file: 'broken.json' }),
    ]);
  });

  it('names a variable that is not valid JSON', () => {
    expect(resolveCacheConfig({ PAVED_CACHE_TOKENS: '[{' }, readFile).errors).toEqual([
      expect.objectContaining({ code: 'PAVED-303', file: '$PAVED_CACHE_TOKENS' }),
    ]);
  });

  it('reports every schema problem with its key and where to set it', () => {
    const { errors, config } = resolveCacheConfig(
      { PAVED_CACHE_PORT: '99999', PAVED_CACHE_TOKENS: JSON.stringify([{ ...mainToken, sha256: 'plain-token' }]) },
      readFile,
    );
    expect(config).toBeUndefined();
    expect(errors.map((e) => [e.code, e.keyPath])).toEqual([
      ['PAVED-302', 'port'],
      ['PAVED-302', 'tokens[0].sha256'],
    ]);
    expect(errors[0].hint).toBe('set in the file or with $PAVED_CACHE_PORT');
  });

  it("reads an app's own keys with its extension of the schema, from the file and its own variables", () => {
    const extension = {
      schema: cacheConfigSchema.extend({
        extra: z.strictObject({ on: z.boolean().default(true) }).default({ on: true }),
      }),
      envOverrides: { PAVED_CACHE_EXTRA_ON: { keyPath: ['extra', 'on'], parse: parseEnvSwitch } },
    };
    const tokens = JSON.stringify([mainToken]);
    expect(resolveCacheConfig({ PAVED_CACHE_TOKENS: tokens }, readFile, extension).config?.extra).toEqual({ on: true });
    const off = resolveCacheConfig({ PAVED_CACHE_TOKENS: tokens, PAVED_CACHE_EXTRA_ON: 'false' }, readFile, extension);
    expect(off.config).toMatchObject({ extra: { on: false }, port: 3000 });
    expect(resolveCacheConfig({ PAVED_CACHE_TOKENS: tokens, PAVED_CACHE_EXTRA_ON: 'false' }, readFile).errors).toEqual(
      [],
    );
    const { errors } = resolveCacheConfig(
      { PAVED_CACHE_CONFIG: 'extra.json' },
      () => '{"extra": {"on": 1}}',
      extension,
    );
    expect(errors).toEqual([
      expect.objectContaining({ keyPath: 'tokens' }),
      expect.objectContaining({ keyPath: 'extra.on', hint: 'set in the file or with $PAVED_CACHE_EXTRA_ON' }),
    ]);
  });

  it('requires at least one token', () => {
    expect(resolveCacheConfig({}, readFile).errors).toEqual([
      expect.objectContaining({ code: 'PAVED-302', keyPath: 'tokens' }),
    ]);
  });
});

describe('trust model checks', () => {
  const check = (tokens: unknown[], extra: Record<string, unknown> = {}) =>
    resolveCacheConfig(
      {
        PAVED_CACHE_TOKENS: JSON.stringify(tokens),
        ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, String(v)])),
      },
      readFile,
    );

  it('refuses a token whose write pattern covers protected and unprotected namespaces', () => {
    const { errors } = check([mainToken, { name: 'sloppy', sha256: hashToken('c'), read: ['*'], write: '*' }]);
    expect(errors).toEqual([
      expect.objectContaining({
        code: 'PAVED-304',
        keyPath: 'tokens[1].write',
        hint: expect.stringContaining('CREEP'),
      }),
    ]);
  });

  const withProtected = (writePattern: string, protectedNamespaces = ['main', '*-stable']) =>
    resolveCacheConfig({ PAVED_CACHE_CONFIG: 'creep.json' }, (path) => {
      if (path !== 'creep.json') throw new Error(`ENOENT: ${path}`);
      return JSON.stringify({
        protectedNamespaces,
        tokens: [mainToken, { name: 'ci-pr', sha256: hashToken('c'), read: ['main'], write: writePattern }],
      });
    });

  it('refuses a write pattern that shares a name with a protected pattern (v* and *-stable share v2-stable)', () => {
    expect(withProtected('v*').errors).toEqual([
      expect.objectContaining({ code: 'PAVED-304', keyPath: 'tokens[1].write' }),
    ]);
  });

  it('refuses pr-* beside *-stable, which share pr-1-stable, and accepts it beside release-*', () => {
    expect(withProtected('pr-*').errors).toEqual([expect.objectContaining({ keyPath: 'tokens[1].write' })]);
    expect(withProtected('pr-*', ['main', 'release-*']).errors).toEqual([]);
  });

  it('refuses two tokens with one name or one secret', () => {
    const { errors } = check([
      mainToken,
      { ...prToken, name: 'ci-main' },
      { ...prToken, name: 'other', sha256: mainToken.sha256 },
    ]);
    expect(errors.map((e) => e.keyPath)).toEqual(['tokens[1].name', 'tokens[2].sha256']);
  });

  it('warns about a token that can do nothing', () => {
    const { warnings, config } = check([mainToken, { name: 'idle', sha256: hashToken('d') }]);
    expect(config).toBeDefined();
    expect(warnings).toEqual([expect.objectContaining({ code: 'PAVED-304', keyPath: 'tokens[1]' })]);
  });
});
