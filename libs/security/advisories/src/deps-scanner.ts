import { PavedError } from '@paved/errors';
import { loadOptionalPolicy } from '@paved/policy';
import { type Scanner, type ScanReport, type ScanRequest, type SharedReads } from '@paved/scanner';
import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { depsRenderers } from './deps-report';
import { findLockfile, lockfileAt, readLockfile, type WorkspaceLockfile } from './lockfiles';
import { type severities } from './osv';
import { failsAt, findVulnerabilities, type Vulnerability } from './scan';
import { AdvisorySnapshot, stalenessOf, type SnapshotInfo, type Staleness } from './snapshot';
import { DEFAULT_ADVISORY_STORE } from './store';

export interface DepsScanOptions {
  /** A lockfile other than the workspace's own (absolute, or relative to the root). */
  lockfile?: string;
  /** The snapshot: an imported store, a folder or a zip of OSV records (absolute, or relative to the root). */
  advisories?: string;
  /** The lowest severity that fails the scan; default low. */
  failOn?: (typeof severities)[number];
  /** Older snapshots are warned about; default paved.json advisories.maxAgeDays, else 7. */
  maxAgeDays?: number;
  now?: Date;
}

export interface DepsReport extends ScanReport {
  failOn: (typeof severities)[number];
  packagesScanned: number;
  /** How many advisories the snapshot holds. */
  advisories: number;
  snapshot: SnapshotInfo & Staleness;
  vulnerabilities: Vulnerability[];
  /** Workspace-relative lockfile the importer paths come from. */
  lockfile: string;
  /** The project folder reported on; absent for the whole workspace. */
  project?: string;
}

/**
 * `paved scan deps` and the deps part of the `scan` target: the lockfile against an offline OSV
 * snapshot. For a project, the vulnerabilities it brings in: those whose importer paths start at
 * its folder. A stale snapshot is a warning, never a failure: the findings are right for the
 * advisories known, and a build that fails on the calendar gets the scan switched off.
 */
export const depsScanner: Scanner<DepsScanOptions, DepsReport> = {
  name: 'deps',
  async scan(request, shared) {
    const failOn = request.failOn ?? 'low';
    const maxAgeDays =
      request.maxAgeDays ?? shared.once('policy?', () => loadOptionalPolicy(request.root))?.advisories.maxAgeDays ?? 7;
    const lockfile = lockfileOf(request);
    // A missing snapshot is the loader's PAVED-500, with what to do.
    const folder = advisoriesOf(request);
    const snapshot = await shared.once(`snapshot:${folder}`, () => AdvisorySnapshot.load(folder));
    const staleness = stalenessOf(snapshot.info, maxAgeDays, request.now ?? new Date());
    const installed = shared.once(`installed:${lockfile.file}`, () => readLockfile(request.root, lockfile));
    const vulnerabilities = narrowToProject(findVulnerabilities(installed, snapshot), request.project);
    return {
      ok: !failsAt(vulnerabilities, failOn),
      ...(staleness.stale
        ? { warnings: [staleWarning(snapshot.info.snapshotDate, staleness.ageDays, maxAgeDays)] }
        : {}),
      failOn,
      packagesScanned: installed.length,
      advisories: snapshot.records.length,
      snapshot: { ...snapshot.info, ...staleness },
      vulnerabilities,
      lockfile: lockfile.file,
      ...(request.project === undefined ? {} : { project: request.project }),
    };
  },
  skipReason(request, named, shared) {
    if (!named && !existsSync(advisoriesOf(request)))
      return 'no advisory snapshot; `paved advisories import <folder|zip>` makes one';
    return lockfileProblem(request.root, shared);
  },
  render: depsRenderers,
};

const advisoriesOf = (request: ScanRequest & DepsScanOptions) =>
  resolve(request.root, request.advisories ?? DEFAULT_ADVISORY_STORE);

/**
 * Why a project's dependencies cannot be scanned, or undefined when they can: without a
 * lockfile Paved can read, the project is not at fault, so its scan target passes with a note.
 */
export function lockfileProblem(root: string, shared: SharedReads): string | undefined {
  const lockfile = shared.once('lockfile', () => findLockfile(root));
  if (!lockfile)
    return 'the workspace has no lockfile (pnpm-lock.yaml, package-lock.json) to read installed packages from';
  if (!lockfile.supported) return `${lockfile.file}: ${lockfile.packageManager} lockfiles are not supported yet`;
  return undefined;
}

/** Lockfile paths read "libs/a > x@1.0.0 > y@2.0.0", and "." for the workspace root. */
export function pathsFromProject(project: string): (paths: readonly string[]) => string[] {
  const prefix = `${project === '' ? '.' : project} > `;
  return (paths) => paths.filter((path) => path.startsWith(prefix));
}

function narrowToProject(found: Vulnerability[], project: string | undefined): Vulnerability[] {
  if (project === undefined) return found;
  const ours = pathsFromProject(project);
  return found.map((v) => ({ ...v, paths: ours(v.paths) })).filter((v) => v.paths.length > 0);
}

/** `lockfile` when given (paths are kept workspace-relative), else the workspace's own. */
function lockfileOf(request: ScanRequest & DepsScanOptions): WorkspaceLockfile {
  if (request.lockfile !== undefined) {
    const path = resolve(request.root, request.lockfile);
    if (!existsSync(path))
      throw new PavedError({
        code: 'PAVED-505',
        file: path,
        message: 'no lockfile here',
        hint: 'pass --lockfile <pnpm-lock.yaml|package-lock.json>',
      });
    return { ...lockfileAt(path), file: relative(request.root, path) || path };
  }
  const found = findLockfile(request.root);
  if (!found) {
    throw new PavedError({
      code: 'PAVED-505',
      file: request.root,
      message: 'no lockfile: neither pnpm-lock.yaml nor package-lock.json (or npm-shrinkwrap.json) is here',
      hint: 'install the dependencies first (`pnpm install` or `npm install`), or pass --lockfile <file>',
    });
  }
  return found;
}

function staleWarning(snapshotDate: string | null, ageDays: number | null, maxAgeDays: number): string {
  const age =
    ageDays === null
      ? 'has no dated advisories'
      : `is ${ageDays} days old (newest advisory modified ${snapshotDate}; limit ${maxAgeDays} days)`;
  return (
    `warning: the advisory snapshot ${age}: vulnerabilities published since are not found.\n` +
    `         refresh it: download https://osv-vulnerabilities.storage.googleapis.com/npm/all.zip on a connected machine,\n` +
    `         then run \`paved advisories import all.zip\` (the exit code is unchanged)\n`
  );
}
