export {
  cacheConfigSchema,
  cacheConfigJsonSchema,
  namespacePattern,
  type CacheConfig,
  type CacheConfigInput,
  type StorageConfig,
  type TokenConfig,
} from './schema';
export {
  resolveCacheConfig,
  loadCacheConfig,
  parseEnvSwitch,
  CONFIG_FILE_ENV,
  type ConfigExtension,
  type ConfigResult,
  type EnvOverride,
} from './load-config';
export { checkTrustModel } from './check-config';
export { AccessControl, hashToken, type AuthenticatedToken, type Principal, type TokenRights } from './access';
export { globToRegExp, NamespaceMatcher } from './namespaces';
export { developmentConfig } from './development';
