export {
  severities,
  severityOf,
  type OsvAffected,
  type OsvEvent,
  type OsvRange,
  type OsvRecord,
  type Severity,
} from './osv';
export { inRange, isAffected, matchPackage, normalizeName, type Match } from './match';
export { AdvisorySnapshot, stalenessOf, type SnapshotInfo, type Staleness } from './snapshot';
export { parseRecord, readRecordFiles, type RecordFile } from './records';
export {
  describeImport,
  importAdvisories,
  readStoreManifest,
  DEFAULT_ADVISORY_STORE,
  MANIFEST_FILE,
  type ImportRequest,
  type SnapshotManifest,
} from './store';
export { readPnpmLockfile, type InstalledPackage } from './lockfile';
export { readNpmLockedPackages, readNpmLockfile, type NpmLockedPackage } from './npm-lockfile';
export {
  findLockfile,
  lockfileAt,
  readLockfile,
  unsupportedLockfile,
  type PackageManagerName,
  type WorkspaceLockfile,
} from './lockfiles';
export { findVulnerabilities, failsAt, type Vulnerability } from './scan';
export { depsScanner, lockfileProblem, pathsFromProject, type DepsReport, type DepsScanOptions } from './deps-scanner';
