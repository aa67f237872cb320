import { findLockfile, readLockfile, type WorkspaceLockfile } from '@paved/advisories';
import { PavedError } from '@paved/errors';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluateLicenses, type LicensePolicy, type LicenseReport } from './evaluate';
import { listNpmInstalledLicenses } from './npm-licenses';
import { listInstalledLicenses, readPnpmLicenses, type InstalledListing } from './pnpm-licenses';
import { listWorkspaceDirs, readWorkspaceManifests } from './workspace-packages';

export interface ScanLicensesRequest {
  /** Workspace root: the lockfile, node_modules and the workspace packages. */
  root: string;
  /** paved.json `licenses` as loadPolicy validated it (allowlist entries are SPDX ids); undefined when absent. */
  policy: LicensePolicy | undefined;
  /** Production dependencies only. */
  prod?: boolean;
  /** A saved `pnpm licenses list --json -r` output, instead of running pnpm (air-gapped CI, other runners). */
  licensesJson?: string;
  env?: NodeJS.ProcessEnv;
}

export interface ScanLicensesReport extends LicenseReport {
  /** The lockfile the importer paths come from, workspace-relative. */
  lockfile: string;
  /** What listed the installed packages: the host's pnpm, the npm lockfile and node_modules, or the saved file. */
  listedBy: string;
}

/**
 * The license policy over a whole workspace, installed with pnpm (a workspace or a single
 * package) or npm (workspaces or not): installed dependencies and its own packages.
 */
export function scanLicenses(request: ScanLicensesRequest): ScanLicensesReport {
  if (!request.policy) {
    throw new PavedError({
      code: 'PAVED-600',
      file: 'paved.json',
      keyPath: 'licenses',
      message: 'no license policy',
      hint: 'add "licenses": { "allowed": ["MIT", "Apache-2.0", …] } to paved.json',
    });
  }
  const lockfile = workspaceLockfile(request.root);
  const listing = request.licensesJson ? readLicensesFile(request.licensesJson) : listInstalled(request, lockfile);
  const pathsById = new Map(readLockfile(request.root, lockfile).map((p) => [`${p.name}@${p.version}`, p.paths]));
  return {
    ...evaluateLicenses({
      installed: listing.packages,
      workspacePackages: readWorkspaceManifests(request.root, listWorkspaceDirs(request.root)),
      policy: request.policy,
      pathsOf: (name, version) => pathsById.get(`${name}@${version}`) ?? [],
    }),
    lockfile: lockfile.file,
    listedBy: listing.listedBy,
  };
}

function workspaceLockfile(root: string): WorkspaceLockfile {
  const lockfile = findLockfile(root);
  if (!lockfile) {
    throw new PavedError({
      code: 'PAVED-601',
      message: 'the workspace has no lockfile (pnpm-lock.yaml, package-lock.json)',
      hint: 'install the dependencies first (`pnpm install` or `npm install`)',
    });
  }
  if (!lockfile.supported) {
    throw new PavedError({
      code: 'PAVED-603',
      file: lockfile.file,
      message: `license scanning of ${lockfile.packageManager} installs is not supported yet`,
      expected: 'a pnpm (pnpm-lock.yaml) or npm (package-lock.json) install',
      hint: 'until then, scan a pnpm or npm install of the same dependencies',
    });
  }
  return lockfile;
}

function listInstalled(request: ScanLicensesRequest, lockfile: WorkspaceLockfile): InstalledListing {
  if (lockfile.packageManager === 'npm') {
    return listNpmInstalledLicenses({ root: request.root, lockfile: lockfile.file, prod: request.prod });
  }
  return listInstalledLicenses({
    root: request.root,
    prod: request.prod,
    // `--recursive` outside a pnpm workspace fails on some pnpm versions; a single package is its root.
    recursive: existsSync(join(request.root, 'pnpm-workspace.yaml')),
    env: request.env,
  });
}

function readLicensesFile(file: string): InstalledListing {
  if (!existsSync(file)) {
    throw new PavedError({
      code: 'PAVED-602',
      file,
      message: 'file not found',
      expected: 'the saved output of `pnpm licenses list --json -r`',
    });
  }
  return { packages: readPnpmLicenses(readFileSync(file, 'utf-8'), file), listedBy: file };
}
