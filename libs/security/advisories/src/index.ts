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
export { AdvisorySnapshot } from './snapshot';
export { readPnpmLockfile, type InstalledPackage } from './lockfile';
export { findVulnerabilities, failsAt, type Vulnerability } from './scan';
