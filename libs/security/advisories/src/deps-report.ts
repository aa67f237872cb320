import { type ReportRenderers } from '@paved/scanner';
import { fileResult, sarifLog, type SarifLevel } from '@paved/sarif';
import { type DepsReport } from './deps-scanner';
import { type Vulnerability } from './scan';

/** How `paved scan deps` and the deps part of the `scan` target write a report. */
export const depsRenderers: ReportRenderers<DepsReport> = {
  human(report) {
    const lines = report.vulnerabilities.map(
      (v) =>
        `${v.severity.padEnd(8)} ${v.package}@${v.version}  ${v.advisory}${v.aliases.length ? ` (${v.aliases.join(', ')})` : ''}\n` +
        `         ${v.summary}\n` +
        `         fix: ${v.fixedIn ? `upgrade to ${v.fixedIn} or later` : 'no fixed version: replace the package or accept the risk'}\n` +
        `         via: ${v.paths.join('; ')}`,
    );
    lines.push(`${report.vulnerabilities.length === 0 ? '✔' : '✖'} ${summary(report)}`);
    return `${lines.join('\n')}\n`;
  },
  json: (report) => ({
    ok: report.ok,
    failOn: report.failOn,
    packagesScanned: report.packagesScanned,
    advisories: report.advisories,
    snapshot: report.snapshot,
    vulnerabilities: report.vulnerabilities,
  }),
  sarif: (report) =>
    sarifLog(
      {
        name: 'paved-scan-deps',
        rules: [...new Map(report.vulnerabilities.map((v) => [v.advisory, v])).values()].map((v) => ({
          id: v.advisory,
          description: v.summary || v.advisory,
          properties: { severity: v.severity },
        })),
      },
      report.vulnerabilities.map((v) =>
        fileResult({
          ruleId: v.advisory,
          level: levelOf(v),
          message: `${v.package}@${v.version} is affected by ${v.advisory}${v.fixedIn ? `; fixed in ${v.fixedIn}` : ''}. Via ${v.paths[0]}`,
          file: report.lockfile,
          fingerprint: `${v.advisory}:${v.package}@${v.version}`,
        }),
      ),
    ),
};

/** The whole workspace's count of packages, or what one project brings in. */
function summary(report: DepsReport): string {
  const found = report.vulnerabilities.length;
  const failing = `failing at ${report.failOn} and above`;
  if (report.project !== undefined)
    return `deps: ${found} vulnerable dependencies of ${report.project} (${report.lockfile}, ${report.advisories} advisories, offline); ${failing}`;
  const dated = report.snapshot.snapshotDate ? `, snapshot of ${report.snapshot.snapshotDate.slice(0, 10)}` : '';
  return `${report.packagesScanned} packages checked against ${report.advisories} advisories (offline${dated}); ${found} vulnerable; ${failing}`;
}

const levelOf = (v: Vulnerability): SarifLevel =>
  v.severity === 'low' ? 'note' : v.severity === 'moderate' ? 'warning' : 'error';
