import { usageError } from '@paved/cli-kit';
import { findWorkspaceRoot } from '@paved/conformance';
import { scanLicenses, type LicenseFinding, type ScanLicensesReport } from '@paved/licenses';
import { loadPolicy } from '@paved/policy';
import { fileResult, sarifLog } from '@paved/sarif';
import { resolve } from 'node:path';

export interface ScanLicensesFlags {
  format?: 'human' | 'json' | 'sarif';
  prod?: true;
  'licenses-json'?: string;
}

/**
 * `paved scan licenses`: installed dependencies and workspace packages against paved.json
 * `licenses`, in a pnpm or npm workspace (or single package), listed with the host's own pnpm
 * or read from npm's lockfile and node_modules.
 */
export function runScanLicenses(flags: ScanLicensesFlags, out: (text: string) => void): 0 | 1 {
  const format = flags.format ?? 'human';
  if (flags.prod && flags['licenses-json'])
    throw usageError(
      'paved scan licenses',
      '--prod cannot filter a saved listing: save `pnpm licenses list --json --recursive --prod` and pass that with --licenses-json',
    );
  const root = findWorkspaceRoot(process.cwd()) ?? process.cwd();
  const policy = loadPolicy(root);
  const prod = flags.prod === true || policy.licenses?.scope === 'prod';
  const report = scanLicenses({
    root,
    policy: policy.licenses,
    prod,
    licensesJson: flags['licenses-json'] ? resolve(flags['licenses-json']) : undefined,
  });
  if (format === 'json') out(`${JSON.stringify({ ...report, prod }, null, 2)}\n`);
  else if (format === 'sarif') out(`${JSON.stringify(toSarif(report.findings, report.lockfile), null, 2)}\n`);
  else out(human(report, prod));
  return report.ok ? 0 : 1;
}

function human(report: ScanLicensesReport, prod: boolean): string {
  const lines = report.findings.map((finding) => {
    switch (finding.kind) {
      case 'denied':
        return [
          `denied   ${finding.package}@${finding.version}  ${finding.license}`,
          `         not in licenses.allowed: ${finding.denied.join(', ')}`,
          ...via(finding.paths),
        ].join('\n');
      case 'needs-review':
        return [
          `review   ${finding.package}@${finding.version}  ${finding.license}`,
          `         ${finding.reason}: read its license, then add it to licenses.exceptions with the reason`,
          ...via(finding.paths),
        ].join('\n');
      case 'workspace-license':
        return `missing  ${finding.package} (${finding.file})  ${finding.reason}: declare an SPDX "license"`;
    }
  });
  // A production-only scan leaves out dev dependencies, so it cannot tell which reviews are stale.
  for (const unused of prod ? [] : report.unusedExceptions) {
    lines.push(
      `note     licenses.exceptions entry ${unused.name}${unused.version ? `@${unused.version}` : ''} is not needed: no installed package it names fails the policy; remove it`,
    );
  }
  const scope = prod ? 'production dependencies' : 'dependencies';
  lines.push(`         installed packages listed by ${report.listedBy}; importer paths from ${report.lockfile}`);
  lines.push(
    `${report.ok ? '✔' : '✖'} ${report.packagesChecked} ${scope} and ${report.workspacePackagesChecked} workspace packages checked; ` +
      `${report.findings.length} finding${report.findings.length === 1 ? '' : 's'}, ${report.excepted.length} reviewed exception${report.excepted.length === 1 ? '' : 's'}`,
  );
  return `${lines.join('\n')}\n`;
}

/** The first few importer paths: enough to find who pulls the package in. */
const via = (paths: readonly string[]): string[] =>
  paths.length === 0
    ? []
    : [`         via: ${paths.slice(0, 3).join('; ')}${paths.length > 3 ? `; +${paths.length - 3} more` : ''}`];

const ruleDescriptions: Record<LicenseFinding['kind'], string> = {
  denied: 'A dependency is under a license that paved.json licenses.allowed does not allow',
  'needs-review':
    'A dependency declares no SPDX license (missing, UNKNOWN, SEE LICENSE IN, free text); a person must review it',
  'workspace-license': 'A workspace package does not declare a valid SPDX license',
};

function toSarif(findings: readonly LicenseFinding[], lockfile: string) {
  const kinds = [...new Set(findings.map((f) => f.kind))];
  return sarifLog(
    {
      name: 'paved-scan-licenses',
      rules: kinds.map((kind) => ({ id: `license-${kind}`, description: ruleDescriptions[kind] })),
    },
    findings.map((finding) =>
      fileResult(
        finding.kind === 'workspace-license'
          ? {
              ruleId: 'license-workspace-license',
              level: 'error',
              message: `${finding.package}: ${finding.reason}`,
              file: finding.file,
              fingerprint: `workspace-license:${finding.package}`,
            }
          : {
              ruleId: `license-${finding.kind}`,
              level: finding.kind === 'denied' ? 'error' : 'warning',
              message: `${finding.package}@${finding.version} is under "${finding.license}"${finding.kind === 'denied' ? `; not allowed: ${finding.denied.join(', ')}` : `: ${finding.reason}`}${finding.paths[0] ? `. Via ${finding.paths[0]}` : ''}`,
              file: lockfile,
              fingerprint: `license-${finding.kind}:${finding.package}@${finding.version}`,
            },
      ),
    ),
  );
}
