import {
  AdvisorySnapshot,
  failsAt,
  findVulnerabilities,
  readPnpmLockfile,
  severities,
  type Vulnerability,
} from '@paved/advisories';
import { findWorkspaceRoot } from '@paved/conformance';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { usage } from './args';

export interface ScanDepsFlags {
  lockfile?: string;
  advisories?: string;
  'fail-on'?: string;
  format?: string;
}

/** Where `paved advisories import` keeps the snapshot (and where scan deps looks by default). */
export const DEFAULT_ADVISORIES = '.paved/advisories';
const formats = ['human', 'json', 'sarif'] as const;

/** `paved scan deps`: the lockfile against an offline OSV snapshot. Returns the exit code. */
export function runScanDeps(flags: ScanDepsFlags, out: (text: string) => void): 0 | 1 {
  const format = (flags.format ?? 'human') as (typeof formats)[number];
  if (!formats.includes(format))
    throw usage(`--format must be one of ${formats.join(', ')} for scan deps, got "${flags.format}"`);
  const threshold = (flags['fail-on'] ?? 'low') as (typeof severities)[number];
  if (!severities.includes(threshold))
    throw usage(`--fail-on must be one of ${severities.join(', ')}, got "${flags['fail-on']}"`);
  const root = findWorkspaceRoot(process.cwd()) ?? process.cwd();
  const lockfile = resolve(flags.lockfile ?? join(root, 'pnpm-lock.yaml'));
  if (!existsSync(lockfile)) throw usage(`no lockfile at ${lockfile}; pass --lockfile <pnpm-lock.yaml>`);
  const advisories = resolve(flags.advisories ?? join(root, DEFAULT_ADVISORIES));
  if (advisories.endsWith('.zip'))
    throw usage(`${advisories}: zip snapshots are not read yet; unzip it and pass the folder`);
  if (!existsSync(advisories))
    throw usage(`no advisory snapshot at ${advisories}; pass --advisories <folder of OSV JSON>`);

  const snapshot = AdvisorySnapshot.fromDirectory(advisories);
  const installed = readPnpmLockfile(readFileSync(lockfile, 'utf-8'), lockfile);
  const found = findVulnerabilities(installed, snapshot);
  const lockfilePath = relative(root, lockfile) || 'pnpm-lock.yaml';
  if (format === 'json')
    out(
      `${JSON.stringify({ ok: !failsAt(found, threshold), failOn: threshold, packagesScanned: installed.length, advisories: snapshot.records.length, vulnerabilities: found }, null, 2)}\n`,
    );
  else if (format === 'sarif') out(`${JSON.stringify(toSarif(found, lockfilePath), null, 2)}\n`);
  else out(human(found, installed.length, snapshot.records.length, threshold));
  return failsAt(found, threshold) ? 1 : 0;
}

function human(found: readonly Vulnerability[], scanned: number, advisories: number, threshold: string): string {
  const lines = found.map(
    (v) =>
      `${v.severity.padEnd(8)} ${v.package}@${v.version}  ${v.advisory}${v.aliases.length ? ` (${v.aliases.join(', ')})` : ''}\n` +
      `         ${v.summary}\n` +
      `         fix: ${v.fixedIn ? `upgrade to ${v.fixedIn} or later` : 'no fixed version: replace the package or accept the risk'}\n` +
      `         via: ${v.paths.join('; ')}`,
  );
  lines.push(
    `${found.length === 0 ? '✔' : '✖'} ${scanned} packages checked against ${advisories} advisories (offline); ${found.length} vulnerable; failing at ${threshold} and above`,
  );
  return `${lines.join('\n')}\n`;
}

function toSarif(found: readonly Vulnerability[], lockfile: string) {
  const rules = [...new Map(found.map((v) => [v.advisory, v])).values()];
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'paved-scan-deps',
            rules: rules.map((v) => ({
              id: v.advisory,
              shortDescription: { text: v.summary || v.advisory },
              properties: { severity: v.severity },
            })),
          },
        },
        results: found.map((v) => ({
          ruleId: v.advisory,
          level: v.severity === 'low' ? 'note' : v.severity === 'moderate' ? 'warning' : 'error',
          message: {
            text: `${v.package}@${v.version} is affected by ${v.advisory}${v.fixedIn ? `; fixed in ${v.fixedIn}` : ''}. Via ${v.paths[0]}`,
          },
          locations: [{ physicalLocation: { artifactLocation: { uri: lockfile } } }],
          partialFingerprints: { pavedFingerprint: `${v.advisory}:${v.package}@${v.version}` },
        })),
      },
    ],
  };
}
