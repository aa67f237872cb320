import { usageError } from '@paved/cli-kit';
import { findWorkspaceRoot } from '@paved/conformance';
import { runScan, type ScanFormat, type ScanIo } from '@paved/scanner';
import { secretsScanner } from '@paved/secrets';

export interface ScanSecretsFlags {
  staged?: true;
  all?: true;
  history?: true;
  'update-baseline'?: true;
  format?: ScanFormat;
}

/** `paved scan secrets --staged | --all | --history`. Returns the exit code. */
export function runScanSecrets(flags: ScanSecretsFlags, io: ScanIo, cwd = process.cwd()): Promise<0 | 1> {
  const modes = (['staged', 'all', 'history'] as const).filter((mode) => flags[mode]);
  if (modes.length !== 1)
    throw usageError(
      'paved scan secrets',
      `needs exactly one of --staged, --all or --history${modes.length ? `, got --${modes.join(' --')}` : ''}`,
    );
  const root = findWorkspaceRoot(cwd) ?? cwd;
  const request = { root, mode: modes[0], updateBaseline: flags['update-baseline'] === true };
  return runScan(secretsScanner, request, flags.format ?? 'human', io);
}
