import { PavedError, type Problem } from '@paved/errors';
import { formatKeyPath } from '@paved/policy';
import { readFileSync } from 'node:fs';
import { type z } from 'zod';
import { checkTrustModel } from './check-config';
import { cacheConfigSchema, type CacheConfig } from './schema';

export const CONFIG_FILE_ENV = 'PAVED_CACHE_CONFIG';

/** How an environment variable sets one key of the file. */
export interface EnvOverride {
  keyPath: string[];
  parse: (value: string) => unknown;
}

/** A variable that switches something on: `true` or `1`; anything else is off. */
export const parseEnvSwitch = (value: string): boolean => value === 'true' || value === '1';

/**
 * The configuration of an app that adds keys of its own to the cache server's: its schema
 * (`cacheConfigSchema.extend(...)`) and the variables that set the added keys.
 */
export interface ConfigExtension<Config extends CacheConfig> {
  schema: z.ZodType<Config>;
  envOverrides: Readonly<Record<string, EnvOverride>>;
}

/** Environment variables that override one key of the file, for twelve-factor deployments. */
const envOverrides: Record<string, EnvOverride> = {
  PAVED_CACHE_HOST: { keyPath: ['host'], parse: String },
  PAVED_CACHE_PORT: { keyPath: ['port'], parse: Number },
  PAVED_CACHE_LOG_LEVEL: { keyPath: ['logLevel'], parse: String },
  PAVED_CACHE_DEFAULT_NAMESPACE: { keyPath: ['defaultNamespace'], parse: String },
  PAVED_CACHE_STORAGE: { keyPath: ['storage', 'type'], parse: String },
  PAVED_CACHE_DIR: { keyPath: ['storage', 'dir'], parse: String },
  PAVED_CACHE_FSYNC: { keyPath: ['storage', 'fsync'], parse: parseEnvSwitch },
  PAVED_CACHE_VERIFY_EVERY_READ: { keyPath: ['storage', 'verifyEveryRead'], parse: parseEnvSwitch },
  PAVED_CACHE_S3_BUCKET: { keyPath: ['storage', 'bucket'], parse: String },
  PAVED_CACHE_S3_REGION: { keyPath: ['storage', 'region'], parse: String },
  PAVED_CACHE_S3_ENDPOINT: { keyPath: ['storage', 'endpoint'], parse: String },
  PAVED_CACHE_S3_FORCE_PATH_STYLE: { keyPath: ['storage', 'forcePathStyle'], parse: parseEnvSwitch },
  PAVED_CACHE_S3_PREFIX: { keyPath: ['storage', 'prefix'], parse: String },
  PAVED_CACHE_MAX_ARTIFACT_BYTES: { keyPath: ['limits', 'maxArtifactBytes'], parse: Number },
  PAVED_CACHE_MAX_TOTAL_BYTES: { keyPath: ['limits', 'maxTotalBytes'], parse: Number },
  PAVED_CACHE_UNTRUSTED_MAX_BYTES: { keyPath: ['limits', 'untrustedMaxBytes'], parse: Number },
  PAVED_CACHE_MEMORY_TIER_BYTES: { keyPath: ['limits', 'memoryTierBytes'], parse: Number },
  PAVED_CACHE_STORAGE_TIMEOUT_MS: { keyPath: ['timeouts', 'storageMs'], parse: Number },
  PAVED_CACHE_STORAGE_TRANSFER_TIMEOUT_MS: { keyPath: ['timeouts', 'storageTransferMs'], parse: Number },
  PAVED_CACHE_UPLOAD_IDLE_TIMEOUT_MS: { keyPath: ['timeouts', 'uploadIdleMs'], parse: Number },
  PAVED_CACHE_TOKENS: { keyPath: ['tokens'], parse: (v) => JSON.parse(v) },
};

export interface ConfigResult<Config extends CacheConfig = CacheConfig> {
  config?: Config;
  errors: Problem[];
  warnings: Problem[];
}

/**
 * Builds the configuration from an optional JSON file (PAVED_CACHE_CONFIG) and
 * PAVED_CACHE_* environment variables, which win. Every problem is reported.
 * With an `extension`, the file may hold its keys too and its variables set them.
 */
export function resolveCacheConfig<Config extends CacheConfig = CacheConfig>(
  env: NodeJS.ProcessEnv,
  readFile = (path: string) => readFileSync(path, 'utf-8'),
  extension?: ConfigExtension<Config>,
): ConfigResult<Config> {
  const overrides = { ...envOverrides, ...extension?.envOverrides };
  // Without an extension, Config is CacheConfig (its default): the cast only tells the compiler so.
  const schema = extension?.schema ?? (cacheConfigSchema as unknown as z.ZodType<Config>);
  const errors: Problem[] = [];
  const file = env[CONFIG_FILE_ENV];
  let raw: Record<string, unknown> = {};
  if (file) {
    let text: string | undefined;
    try {
      text = readFile(file);
    } catch (error) {
      errors.push({ code: 'PAVED-300', file, message: (error as Error).message, hint: `check ${CONFIG_FILE_ENV}` });
    }
    if (text !== undefined) {
      try {
        raw = JSON.parse(text);
      } catch (error) {
        errors.push({ code: 'PAVED-301', file, message: (error as Error).message, expected: 'a JSON object' });
      }
    }
  }
  for (const [name, { keyPath, parse }] of Object.entries(overrides)) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    try {
      setPath(raw, keyPath, parse(value));
    } catch (error) {
      errors.push({ code: 'PAVED-303', file: `$${name}`, message: (error as Error).message, expected: 'JSON' });
    }
  }
  if (errors.length > 0) return { errors, warnings: [] };
  inferStorageType(raw);

  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    return {
      errors: parsed.error.issues.map((issue) => ({
        code: 'PAVED-302',
        file: file ?? 'environment',
        keyPath: issue.path.length > 0 ? formatKeyPath(issue.path) : '(root)',
        message: issue.message,
        hint: envHint(overrides, issue.path),
      })),
      warnings: [],
    };
  }
  const checked = checkTrustModel(parsed.data, file ?? 'environment');
  return checked.errors.length > 0 ? checked : { ...checked, config: parsed.data };
}

export function loadCacheConfig<Config extends CacheConfig = CacheConfig>(
  env: NodeJS.ProcessEnv = process.env,
  extension?: ConfigExtension<Config>,
): { config: Config; warnings: Problem[] } {
  const result = resolveCacheConfig(env, undefined, extension);
  if (!result.config) throw new PavedError(result.errors);
  return { config: result.config, warnings: result.warnings };
}

function envHint(overrides: Record<string, EnvOverride>, path: readonly PropertyKey[]): string | undefined {
  const key = path.map(String).join('.');
  const variable = Object.entries(overrides).find(([, o]) => key.startsWith(o.keyPath.join('.')))?.[0];
  return variable ? `set in the file or with $${variable}` : undefined;
}

/** PAVED_CACHE_DIR alone means disk storage, PAVED_CACHE_S3_BUCKET alone means S3. */
function inferStorageType(raw: Record<string, unknown>): void {
  const storage = raw.storage as Record<string, unknown> | undefined;
  if (storage && typeof storage === 'object' && storage.type === undefined) {
    storage.type = storage.bucket === undefined ? 'fs' : 's3';
  }
}

function setPath(target: Record<string, unknown>, keyPath: string[], value: unknown): void {
  let node = target;
  for (const key of keyPath.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keyPath[keyPath.length - 1]] = value;
}
