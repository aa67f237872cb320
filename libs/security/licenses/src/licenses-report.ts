import { fileResult, sarifLog } from '@paved/sarif';
import { type ReportRenderers } from '@paved/scanner';
import { type LicenseFinding } from './evaluate';
import { type LicensesReport } from './licenses-scanner';

/** How `paved scan licenses` and the licenses part of the `scan` target write a report. */
export const licensesRenderers: ReportRenderers<LicensesReport> = {
  human(report) {
    const lines = report.findings.map(describe);
    // A production-only scan leaves out dev dependencies, so it cannot tell which reviews are stale.
    for (const unused of report.prod ? [] : report.unusedExceptions) {
      lines.push(
        `note     licenses.exceptions entry ${unused.name}${unused.version ? `@${unused.version}` : ''} is not needed: no installed package it names fails the policy; remove it`,
      );
    }
    lines.push(`         installed packages listed by ${report.listedBy}; importer paths from ${report.lockfile}`);
    lines.push(`${report.ok ? '✔' : '✖'} ${summary(report)}`);
    return `${lines.join('\n')}\n`;
  },
  // The same document as `paved scan licenses --format json`: a project's report is known to be its own.
  json: (report) => ({ ...report, project: undefined }),
  sarif: (report) =>
    sarifLog(
      {
        name: 'paved-scan-licenses',
        rules: [...new Set(report.findings.map((f) => f.kind))].map((kind) => ({
          id: `license-${kind}`,
          description: ruleDescriptions[kind],
        })),
      },
      report.findings.map((finding) => fileResult(sarifFinding(finding, report.lockfile))),
    ),
};

function describe(finding: LicenseFinding): string {
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
}

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

/** The whole workspace's counts, or one project's findings. */
function summary(report: LicensesReport): string {
  const findings = plural(report.findings.length, 'finding');
  if (report.project !== undefined) return `licenses: ${findings} for ${report.project}`;
  return (
    `${report.packagesChecked} ${report.prod ? 'production dependencies' : 'dependencies'} and ${report.workspacePackagesChecked} workspace packages checked; ` +
    `${findings}, ${plural(report.excepted.length, 'reviewed exception')}`
  );
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

function sarifFinding(finding: LicenseFinding, lockfile: string) {
  if (finding.kind === 'workspace-license')
    return {
      ruleId: 'license-workspace-license',
      level: 'error' as const,
      message: `${finding.package}: ${finding.reason}`,
      file: finding.file,
      fingerprint: `workspace-license:${finding.package}`,
    };
  return {
    ruleId: `license-${finding.kind}`,
    level: finding.kind === 'denied' ? ('error' as const) : ('warning' as const),
    message: `${finding.package}@${finding.version} is under "${finding.license}"${finding.kind === 'denied' ? `; not allowed: ${finding.denied.join(', ')}` : `: ${finding.reason}`}${finding.paths[0] ? `. Via ${finding.paths[0]}` : ''}`,
    file: lockfile,
    fingerprint: `license-${finding.kind}:${finding.package}@${finding.version}`,
  };
}
