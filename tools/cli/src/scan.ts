import { depsScanner, type severities } from '@paved/advisories';
import { usageError } from '@paved/cli-kit';
import { findWorkspaceRoot } from '@paved/conformance';
import { runScan, type ScanFormat, type ScanIo } from '@paved/scanner';
import { resolve } from 'node:path';

export interface ScanDepsFlags {
  lockfile?: string;
  advisories?: string;
  'fail-on'?: (typeof severities)[number];
  'max-age-days'?: string;
  format?: ScanFormat;
}

/**
 * `paved scan deps`: the lockfile against an offline OSV snapshot (an imported store, a folder
 * or a zip; @paved/advisories' depsScanner). Paths given on the command line are relative to the
 * current folder. A stale snapshot is a warning on stderr that never changes the exit code.
 */
export function runScanDeps(flags: ScanDepsFlags, io: ScanIo, now: Date = new Date()): Promise<0 | 1> {
  const root = findWorkspaceRoot(process.cwd()) ?? process.cwd();
  const request = {
    root,
    lockfile: flags.lockfile === undefined ? undefined : resolve(flags.lockfile),
    advisories: flags.advisories === undefined ? undefined : resolve(flags.advisories),
    failOn: flags['fail-on'],
    maxAgeDays: maxAgeOf(flags['max-age-days']),
    now,
  };
  return runScan(depsScanner, request, flags.format ?? 'human', io);
}

function maxAgeOf(flag: string | undefined): number | undefined {
  if (flag === undefined) return undefined;
  if (!/^\d+$/.test(flag) || Number(flag) < 1)
    throw usageError('paved scan deps', `--max-age-days must be a whole number of days, got "${flag}"`);
  return Number(flag);
}
