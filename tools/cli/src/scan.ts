import {
  AdvisorySnapshot,
  DEFAULT_ADVISORY_STORE,
  failsAt,
  findLockfile,
  findVulnerabilities,
  lockfileAt,
  readLockfile,
  stalenessOf,
  type severities,
  type Vulnerability,
} from '@paved/advisories';
import { usageError } from '@paved/cli-kit';
import { findWorkspaceRoot } from '@paved/conformance';
import { PavedError } from '@paved/errors';
import { loadPolicy, POLICY_FILE } from '@paved/policy';
import { fileResult, sarifLog } from '@paved/sarif';
import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

export interface ScanDepsFlags {
  lockfile?: string;
  advisories?: string;
  'fail-on'?: (typeof severities)[number];
  'max-age-days'?: string;
  format?: 'human' | 'json' | 'sarif';
}

/**
 * `paved scan deps`: the lockfile against an offline OSV snapshot (an imported
 * store, a folder or a zip). The lockfile is the workspace's own (pnpm-lock.yaml v6-v9,
 * package-lock.json or npm-shrinkwrap.json v2/v3) unless --lockfile names one; yarn and bun
 * lockfiles are refused as not supported yet (PAVED-504). Returns the exit code. A stale snapshot is a
 * warning on stderr and never changes the exit code: the findings are still
 * right for the advisories known, and a build that fails on the calendar gets
 * the scan switched off. JSON output carries the age for a pipeline that wants
 * to gate on it.
 */
export async function runScanDeps(
  flags: ScanDepsFlags,
  out: (text: string) => void,
  warn: (text: string) => void = (text) => process.stderr.write(text),
  now: Date = new Date(),
): Promise<0 | 1> {
  const format = flags.format ?? 'human';
  const threshold = flags['fail-on'] ?? 'low';
  const root = findWorkspaceRoot(process.cwd()) ?? process.cwd();
  const maxAgeDays = maxAgeOf(flags['max-age-days'], root);
  const lockfile = lockfileOf(root, flags.lockfile);
  // A missing snapshot is the loader's PAVED-500, with what to do.
  const advisories = resolve(flags.advisories ?? join(root, DEFAULT_ADVISORY_STORE));

  const snapshot = await AdvisorySnapshot.load(advisories);
  const staleness = stalenessOf(snapshot.info, maxAgeDays, now);
  if (staleness.stale) warn(staleWarning(snapshot.info.snapshotDate, staleness.ageDays, maxAgeDays));
  const installed = readLockfile(root, lockfile);
  const found = findVulnerabilities(installed, snapshot);
  const lockfilePath = lockfile.file;
  if (format === 'json')
    out(
      `${JSON.stringify(
        {
          ok: !failsAt(found, threshold),
          failOn: threshold,
          packagesScanned: installed.length,
          advisories: snapshot.records.length,
          snapshot: { ...snapshot.info, ...staleness },
          vulnerabilities: found,
        },
        null,
        2,
      )}\n`,
    );
  else if (format === 'sarif') out(`${JSON.stringify(toSarif(found, lockfilePath), null, 2)}\n`);
  else out(human(found, installed.length, snapshot, threshold));
  return failsAt(found, threshold) ? 1 : 0;
}

/** --lockfile (relative to the current folder), else the workspace's own; paths are kept workspace-relative. */
function lockfileOf(root: string, flag: string | undefined) {
  if (flag !== undefined) {
    const path = resolve(flag);
    if (!existsSync(path))
      throw new PavedError({
        code: 'PAVED-505',
        file: path,
        message: 'no lockfile here',
        hint: 'pass --lockfile <pnpm-lock.yaml|package-lock.json>',
      });
    return { ...lockfileAt(path), file: relative(root, path) || path };
  }
  const found = findLockfile(root);
  if (!found) {
    throw new PavedError({
      code: 'PAVED-505',
      file: root,
      message: 'no lockfile: neither pnpm-lock.yaml nor package-lock.json (or npm-shrinkwrap.json) is here',
      hint: 'install the dependencies first (`pnpm install` or `npm install`), or pass --lockfile <file>',
    });
  }
  return found;
}

/** --max-age-days, else paved.json advisories.maxAgeDays, else 7; scan deps also runs where there is no paved.json. */
function maxAgeOf(flag: string | undefined, root: string): number {
  if (flag !== undefined) {
    if (!/^\d+$/.test(flag) || Number(flag) < 1)
      throw usageError('paved scan deps', `--max-age-days must be a whole number of days, got "${flag}"`);
    return Number(flag);
  }
  return existsSync(join(root, POLICY_FILE)) ? loadPolicy(root).advisories.maxAgeDays : 7;
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

function human(
  found: readonly Vulnerability[],
  scanned: number,
  snapshot: AdvisorySnapshot,
  threshold: string,
): string {
  const dated = snapshot.info.snapshotDate ? `, snapshot of ${snapshot.info.snapshotDate.slice(0, 10)}` : '';
  const lines = found.map(
    (v) =>
      `${v.severity.padEnd(8)} ${v.package}@${v.version}  ${v.advisory}${v.aliases.length ? ` (${v.aliases.join(', ')})` : ''}\n` +
      `         ${v.summary}\n` +
      `         fix: ${v.fixedIn ? `upgrade to ${v.fixedIn} or later` : 'no fixed version: replace the package or accept the risk'}\n` +
      `         via: ${v.paths.join('; ')}`,
  );
  lines.push(
    `${found.length === 0 ? '✔' : '✖'} ${scanned} packages checked against ${snapshot.records.length} advisories (offline${dated}); ${found.length} vulnerable; failing at ${threshold} and above`,
  );
  return `${lines.join('\n')}\n`;
}

function toSarif(found: readonly Vulnerability[], lockfile: string) {
  return sarifLog(
    {
      name: 'paved-scan-deps',
      rules: [...new Map(found.map((v) => [v.advisory, v])).values()].map((v) => ({
        id: v.advisory,
        description: v.summary || v.advisory,
        properties: { severity: v.severity },
      })),
    },
    found.map((v) =>
      fileResult({
        ruleId: v.advisory,
        level: v.severity === 'low' ? 'note' : v.severity === 'moderate' ? 'warning' : 'error',
        message: `${v.package}@${v.version} is affected by ${v.advisory}${v.fixedIn ? `; fixed in ${v.fixedIn}` : ''}. Via ${v.paths[0]}`,
        file: lockfile,
        fingerprint: `${v.advisory}:${v.package}@${v.version}`,
      }),
    ),
  );
}
