import { readPnpmLockfile } from '@paved/advisories';
import { PavedError } from '@paved/errors';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluateLicenses, type LicensePolicy, type LicenseReport } from './evaluate';
import { listInstalledLicenses, readPnpmLicenses, type InstalledLicense } from './pnpm-licenses';
import { listWorkspaceDirs, readWorkspaceManifests } from './workspace-packages';

export interface ScanLicensesRequest {
  /** Workspace root: pnpm-lock.yaml, node_modules and the workspace packages. */
  root: string;
  /** paved.json `licenses` as loadPolicy validated it (allowlist entries are SPDX ids); undefined when absent. */
  policy: LicensePolicy | undefined;
  /** Production dependencies only. */
  prod?: boolean;
  /** A saved `pnpm licenses list --json -r` output, instead of running pnpm (air-gapped CI, other runners). */
  licensesJson?: string;
}

/** The license policy over a whole pnpm workspace: installed dependencies and its own packages. */
export function scanLicenses(request: ScanLicensesRequest): LicenseReport {
  if (!request.policy) {
    throw new PavedError({
      code: 'PAVED-600',
      file: 'paved.json',
      keyPath: 'licenses',
      message: 'no license policy',
      hint: 'add "licenses": { "allowed": ["MIT", "Apache-2.0", …] } to paved.json',
    });
  }
  const lockfilePath = join(request.root, 'pnpm-lock.yaml');
  if (!existsSync(lockfilePath)) {
    throw new PavedError({
      code: 'PAVED-601',
      file: 'pnpm-lock.yaml',
      message: 'the workspace has no pnpm lockfile',
      hint: 'run `pnpm install`',
    });
  }
  const lockfile = readFileSync(lockfilePath, 'utf-8');
  const installed = request.licensesJson ? readLicensesFile(request.licensesJson) : listInstalledLicenses(request);
  const pathsById = new Map(readPnpmLockfile(lockfile).map((p) => [`${p.name}@${p.version}`, p.paths]));
  return evaluateLicenses({
    installed,
    workspacePackages: readWorkspaceManifests(request.root, listWorkspaceDirs(request.root)),
    policy: request.policy,
    pathsOf: (name, version) => pathsById.get(`${name}@${version}`) ?? [],
  });
}

function readLicensesFile(file: string): InstalledLicense[] {
  if (!existsSync(file)) {
    throw new PavedError({
      code: 'PAVED-602',
      file,
      message: 'file not found',
      expected: 'the saved output of `pnpm licenses list --json -r`',
    });
  }
  return readPnpmLicenses(readFileSync(file, 'utf-8'), file);
}
