export { evaluateLicense, type LicenseVerdict } from './spdx';
export {
  evaluateLicenses,
  type LicenseException,
  type LicenseFinding,
  type LicensePolicy,
  type LicenseReport,
} from './evaluate';
export {
  listInstalledLicenses,
  readPnpmLicenses,
  type InstalledLicense,
  type InstalledListing,
  type ListLicensesOptions,
} from './pnpm-licenses';
export { hostPnpmCandidates, hostPnpmEnv, type PnpmCommand } from './host-pnpm';
export { listNpmInstalledLicenses, type ListNpmLicensesOptions } from './npm-licenses';
export { readWorkspaceGlobs, type WorkspaceGlobs, type WorkspaceGlobsFile } from './workspace-globs';
export { listWorkspaceDirs, readWorkspaceManifests, type WorkspaceManifest } from './workspace-packages';
export { scanLicenses, type ScanLicensesReport, type ScanLicensesRequest } from './scan';
export { licensesScanner, type LicensesReport, type LicensesScanOptions } from './licenses-scanner';
