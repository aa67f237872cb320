import { conformanceRuleIds, type ConformanceRuleId } from '@paved/policy';
import { codeQualityReport, sarifLog } from '@paved/sarif';
import { type BaselineVerdict } from '../baseline';
import { rules } from '../engine';
import { type Finding } from '../model';
import { ruleControls } from './controls';

export interface Report {
  verdict: BaselineVerdict;
  /** Rules that ran (not switched off). */
  rulesRun: readonly ConformanceRuleId[];
  projectsChecked: number;
  durationMs?: number;
}

export const reportFormats = ['human', 'json', 'sarif', 'codequality', 'compliance', 'compliance-json'] as const;
export type ReportFormat = (typeof reportFormats)[number];

/** Whether the check fails: any new error (warnings and baselined findings never fail it). */
export function isFailing(report: Report): boolean {
  return report.verdict.fresh.some((f) => f.severity === 'error');
}

export function formatReport(report: Report, format: ReportFormat, color = false): string {
  switch (format) {
    case 'human':
      return human(report, color);
    case 'json':
      return `${JSON.stringify(toJson(report), null, 2)}\n`;
    case 'sarif':
      return `${JSON.stringify(toSarif(report), null, 2)}\n`;
    case 'codequality':
      return `${JSON.stringify(codeQualityReport(toSarif(report)), null, 2)}\n`;
    case 'compliance':
      return complianceMarkdown(report);
    case 'compliance-json':
      return `${JSON.stringify(complianceJson(report), null, 2)}\n`;
  }
}

function human(report: Report, color: boolean): string {
  const paint = (code: number, text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const lines: string[] = [];
  const byProject = new Map<string, Finding[]>();
  for (const finding of report.verdict.fresh) {
    const group = finding.project ?? '(workspace)';
    byProject.set(group, [...(byProject.get(group) ?? []), finding]);
  }
  for (const [project, findings] of [...byProject].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(paint(1, project));
    for (const f of findings) {
      const level = f.severity === 'error' ? paint(31, 'error') : paint(33, 'warn ');
      lines.push(`  ${level} ${f.message}  ${paint(2, f.ruleId)}`);
      lines.push(`        ${paint(2, `${f.file}${f.line ? `:${f.line}` : ''}`)}`);
      lines.push(`        ${paint(36, `fix: ${f.hint}`)}`);
    }
    lines.push('');
  }
  const errors = report.verdict.fresh.filter((f) => f.severity === 'error').length;
  const warnings = report.verdict.fresh.length - errors;
  const known = report.verdict.known.length;
  const resolved = report.verdict.resolved.length;
  const summary = [
    `${report.projectsChecked} project${report.projectsChecked === 1 ? '' : 's'} checked against ${report.rulesRun.length} rules${report.durationMs === undefined ? '' : ` in ${report.durationMs} ms`}`,
    `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`,
    ...(known > 0 ? [`${known} known (baseline)`] : []),
    ...(resolved > 0
      ? [`${resolved} baseline entr${resolved === 1 ? 'y' : 'ies'} fixed: run with --update-baseline to drop them`]
      : []),
  ];
  lines.push((errors > 0 ? paint(31, '✖ ') : paint(32, '✔ ')) + summary.join('; '));
  return `${lines.join('\n')}\n`;
}

function toJson(report: Report) {
  return {
    ok: !isFailing(report),
    projectsChecked: report.projectsChecked,
    durationMs: report.durationMs,
    rules: report.rulesRun,
    findings: report.verdict.fresh,
    known: report.verdict.known,
    resolvedBaselineEntries: report.verdict.resolved,
  };
}

/** SARIF 2.1.0, as GitHub code scanning reads it. */
function toSarif(report: Report) {
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const result = (finding: Finding, baselineState: 'new' | 'unchanged') => ({
    ruleId: finding.ruleId,
    ruleIndex: ruleIndex.get(finding.ruleId),
    level: finding.severity === 'error' ? 'error' : 'warning',
    message: { text: `${finding.message}. Fix: ${finding.hint}` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: finding.file, uriBaseId: '%SRCROOT%' },
          ...(finding.line ? { region: { startLine: finding.line } } : {}),
        },
        ...(finding.project ? { logicalLocations: [{ name: finding.project, kind: 'module' }] } : {}),
      },
    ],
    partialFingerprints: { pavedFingerprint: finding.fingerprint },
    baselineState,
  });
  return sarifLog(
    {
      name: 'paved-check',
      informationUri: 'https://github.com/paved-dev/paved',
      rules: rules.map((rule) => ({
        id: rule.id,
        description: rule.description,
        properties: { tags: ['policy', ...ruleControls[rule.id].soc2.map((c) => `SOC2-${c}`)] },
      })),
    },
    [...report.verdict.fresh.map((f) => result(f, 'new')), ...report.verdict.known.map((f) => result(f, 'unchanged'))],
  );
}

function complianceJson(report: Report) {
  const all = [...report.verdict.fresh, ...report.verdict.known];
  return {
    generatedAt: new Date().toISOString(),
    projectsChecked: report.projectsChecked,
    controls: conformanceRuleIds.map((ruleId) => {
      const findings = all.filter((f) => f.ruleId === ruleId);
      const ran = report.rulesRun.includes(ruleId);
      return {
        ruleId,
        description: rules.find((r) => r.id === ruleId)?.description,
        evidence: ruleControls[ruleId].why,
        soc2: ruleControls[ruleId].soc2,
        iso27001: ruleControls[ruleId].iso27001,
        nistSsdf: ruleControls[ruleId].ssdf,
        status: !ran
          ? 'not-run'
          : findings.length === 0
            ? 'pass'
            : report.verdict.fresh.some((f) => f.ruleId === ruleId)
              ? 'fail'
              : 'accepted-exceptions',
        findings: findings.length,
      };
    }),
  };
}

function complianceMarkdown(report: Report): string {
  const data = complianceJson(report);
  const rows = data.controls.map(
    (c) =>
      `| \`${c.ruleId}\` | ${c.status} | ${c.findings} | ${c.soc2.join(', ')} | ${c.iso27001.join(', ')} | ${c.nistSsdf.join(', ')} | ${c.evidence} |`,
  );
  return [
    '# Paved conformance: compliance evidence',
    '',
    `Generated ${data.generatedAt} over ${data.projectsChecked} projects by \`paved check --format compliance\`.`,
    'Each rule runs on every change in CI; a passing rule is evidence that the control operated.',
    '',
    '| rule | status | findings | SOC 2 | ISO 27001 Annex A | NIST SSDF |  evidence |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}
