import { usageError } from '@paved/cli-kit';
import { findWorkspaceRoot } from '@paved/conformance';
import { loadOptionalPolicy, secretsPolicySchema } from '@paved/policy';
import { runScan, type ScanFormat, type ScanIo } from '@paved/scanner';
import { baselineFromGitleaksReport, secretsScanner } from '@paved/secrets';
import { resolve } from 'node:path';

export interface ScanSecretsFlags {
  staged?: true;
  all?: true;
  history?: true;
  'update-baseline'?: true;
  'baseline-from-gitleaks'?: string;
  format?: ScanFormat;
}

/**
 * `paved scan secrets --staged | --all | --history`, and `--baseline-from-gitleaks <report>`
 * (alone, or before a scan). Returns the exit code.
 */
export async function runScanSecrets(flags: ScanSecretsFlags, io: ScanIo, cwd = process.cwd()): Promise<0 | 1> {
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
  const root = findWorkspaceRoot(cwd) ?? cwd;
  if (report !== undefined) {
    // A repository without paved.json keeps its baseline where the default settings say.
    const { baseline } = loadOptionalPolicy(root)?.secrets ?? secretsPolicySchema.parse({});
    const imported = baselineFromGitleaksReport({ cwd: root, report: resolve(cwd, report), baseline });
    const summary = `${imported.findings} gitleaks finding(s): ${imported.added} new baseline entr${imported.added === 1 ? 'y' : 'ies'}, ${imported.total} in ${imported.baselineWritten}\n`;
    // With a scan to follow, stdout carries its report alone (JSON and SARIF stay parseable).
    if (modes[0] === undefined) {
      io.out(summary);
      return 0;
    }
    io.err(summary);
  }
  const request = { root, mode: modes[0] as (typeof modes)[number], updateBaseline: flags['update-baseline'] === true };
  return runScan(secretsScanner, request, flags.format ?? 'human', io);
}
