export {
  UploadError,
  commitShaPattern,
  isBranchName,
  keyPath,
  parseKeyPath,
  type ArtifactBackend,
  type ArtifactKey,
  type ArtifactMeta,
  type GreenRecord,
  type ListedArtifact,
  type Protocol,
  type PutOutcome,
  type StoredArtifact,
  type WriterMeta,
} from './types';
export { FsBackend, type FsBackendOptions } from './fs-backend';
export { spoolToFile } from './spool';
export { CacheStore, type CacheStoreOptions, type Hit, type NamespaceUsage } from './cache-store';
export { S3Backend, type S3BackendOptions } from './s3-backend';
export { type StorageTuning } from './tuning';
export { heapGrowthReclaimer, uploadBufferReclaimer } from './reclaim';
export { StorageTimeoutError, StorageUnavailableError, withDeadline } from './deadline';
