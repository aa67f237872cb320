import { usageError } from '@paved/cli-kit';
import { findWorkspaceRoot } from '@paved/conformance';
import { loadPolicy, secretsPolicySchema } from '@paved/policy';
import { baselineFromGitleaksReport, formatSecretsReport, scanSecrets, type SecretsReportFormat } from '@paved/secrets';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface ScanSecretsFlags {
  staged?: true;
  all?: true;
  history?: true;
  'update-baseline'?: true;
  'baseline-from-gitleaks'?: string;
  format?: SecretsReportFormat;
}

/**
 * `paved scan secrets --staged | --all | --history`, and `--baseline-from-gitleaks <report>`
 * (alone, or before a scan). Returns the exit code.
 */
export async function runScanSecrets(
  flags: ScanSecretsFlags,
  out: (text: string) => void,
  cwd = process.cwd(),
  warn: (text: string) => void = (text) => process.stderr.write(text),
): Promise<0 | 1> {
  const modes = (['staged', 'all', 'history'] as const).filter((mode) => flags[mode]);
  const report = flags['baseline-from-gitleaks'];
  if (report !== undefined && flags['update-baseline'])
    throw usageError(
      'paved scan secrets',
      '--baseline-from-gitleaks and --update-baseline both write the baseline: pick one',
    );
  if (modes.length !== 1 && !(report !== undefined && modes.length === 0))
    throw usageError(
      'paved scan secrets',
      `needs exactly one of --staged, --all or --history${modes.length ? `, got --${modes.join(' --')}` : ''}`,
    );
  const format = flags.format ?? 'human';
  const root = findWorkspaceRoot(cwd) ?? cwd;
  // A repository without paved.json still gets scanned, with the default settings.
  const policy = existsSync(join(root, 'paved.json')) ? loadPolicy(root).secrets : secretsPolicySchema.parse({});
  if (report !== undefined) {
    const imported = baselineFromGitleaksReport({ cwd: root, report: resolve(cwd, report), baseline: policy.baseline });
    const summary = `${imported.findings} gitleaks finding(s): ${imported.added} new baseline entr${imported.added === 1 ? 'y' : 'ies'}, ${imported.total} in ${imported.baselineWritten}\n`;
    // With a scan to follow, stdout carries its report alone (JSON and SARIF stay parseable).
    if (modes[0] === undefined) {
      out(summary);
      return 0;
    }
    warn(summary);
  }
  const result = await scanSecrets({
    cwd: root,
    mode: modes[0] as (typeof modes)[number],
    policy,
    updateBaseline: flags['update-baseline'] === true,
  });
  for (const warning of result.warnings) warn(`warning: ${warning}\n`);
  out(formatSecretsReport(result, format));
  return result.fresh.length > 0 ? 1 : 0;
}
