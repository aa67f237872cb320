import { usageError } from '@paved/cli-kit';
import { findWorkspaceRoot } from '@paved/conformance';
import { loadPolicy, secretsPolicySchema } from '@paved/policy';
import { formatSecretsReport, scanSecrets, type SecretsReportFormat } from '@paved/secrets';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface ScanSecretsFlags {
  staged?: true;
  all?: true;
  history?: true;
  'update-baseline'?: true;
  format?: SecretsReportFormat;
}

/** `paved scan secrets --staged | --all | --history`. Returns the exit code. */
export async function runScanSecrets(
  flags: ScanSecretsFlags,
  out: (text: string) => void,
  cwd = process.cwd(),
): Promise<0 | 1> {
  const modes = (['staged', 'all', 'history'] as const).filter((mode) => flags[mode]);
  if (modes.length !== 1)
    throw usageError(
      'paved scan secrets',
      `needs exactly one of --staged, --all or --history${modes.length ? `, got --${modes.join(' --')}` : ''}`,
    );
  const format = flags.format ?? 'human';
  const root = findWorkspaceRoot(cwd) ?? cwd;
  // A repository without paved.json still gets scanned, with the default settings.
  const policy = existsSync(join(root, 'paved.json')) ? loadPolicy(root).secrets : secretsPolicySchema.parse({});
  const result = await scanSecrets({
    cwd: root,
    mode: modes[0],
    policy,
    updateBaseline: flags['update-baseline'] === true,
  });
  out(formatSecretsReport(result, format));
  return result.fresh.length > 0 ? 1 : 0;
}
