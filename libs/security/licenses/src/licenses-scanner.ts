import { lockfileProblem, pathsFromProject } from '@paved/advisories';
import { loadPolicy } from '@paved/policy';
import { type Scanner, type ScanReport } from '@paved/scanner';
import { join, resolve } from 'node:path';
import { licensesRenderers } from './licenses-report';
import { scanLicenses, type ScanLicensesReport } from './scan';

export interface LicensesScanOptions {
  /** Production dependencies only; also when paved.json licenses.scope is "prod". */
  prod?: boolean;
  /** A saved `pnpm licenses list --json --recursive` instead of running pnpm (absolute, or relative to the root). */
  licensesJson?: string;
}

export interface LicensesReport extends ScanLicensesReport, ScanReport {
  prod: boolean;
  /** The project folder reported on; absent for the whole workspace. */
  project?: string;
}

/**
 * `paved scan licenses` and the licenses part of the `scan` target: installed dependencies and
 * workspace packages against paved.json `licenses`. The workspace is listed once per process
 * (one `pnpm licenses list` for a whole batch); a project gets the findings of the dependencies
 * it brings in and of its own package.json.
 */
export const licensesScanner: Scanner<LicensesScanOptions, LicensesReport> = {
  name: 'licenses',
  async scan(request, shared) {
    const policy = shared.once('policy', () => loadPolicy(request.root)).licenses;
    const prod = request.prod === true || policy?.scope === 'prod';
    const licensesJson = request.licensesJson === undefined ? undefined : resolve(request.root, request.licensesJson);
    const workspace = shared.once(`licenses:${prod}:${licensesJson ?? ''}`, () =>
      scanLicenses({ root: request.root, policy, prod, licensesJson }),
    );
    if (request.project === undefined) return { ...workspace, prod };
    const ours = pathsFromProject(request.project);
    const manifest = join(request.project, 'package.json');
    const findings = workspace.findings.filter((finding) =>
      finding.kind === 'workspace-license' ? finding.file === manifest : ours(finding.paths).length > 0,
    );
    // Which exceptions no package needed is a question about the whole workspace.
    return { ...workspace, ok: findings.length === 0, findings, unusedExceptions: [], prod, project: request.project };
  },
  skipReason(request, named, shared) {
    if (!named && !shared.once('policy', () => loadPolicy(request.root)).licenses)
      return 'paved.json has no licenses policy';
    return lockfileProblem(request.root, shared);
  },
  render: licensesRenderers,
};
