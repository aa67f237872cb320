export { evaluateLicense, type LicenseVerdict } from './spdx';
export {
  evaluateLicenses,
  type LicenseException,
  type LicenseFinding,
  type LicensePolicy,
  type LicenseReport,
} from './evaluate';
export { listInstalledLicenses, readPnpmLicenses, type InstalledLicense } from './pnpm-licenses';
export { listWorkspaceDirs, readWorkspaceManifests, type WorkspaceManifest } from './workspace-packages';
export { scanLicenses, type ScanLicensesRequest } from './scan';
