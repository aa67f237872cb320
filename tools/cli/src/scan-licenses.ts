import { usageError } from '@paved/cli-kit';
import { findWorkspaceRoot } from '@paved/conformance';
import { licensesScanner } from '@paved/licenses';
import { runScan, type ScanFormat, type ScanIo } from '@paved/scanner';
import { resolve } from 'node:path';

export interface ScanLicensesFlags {
  format?: ScanFormat;
  prod?: true;
  'licenses-json'?: string;
}

/**
 * `paved scan licenses`: installed dependencies and workspace packages against paved.json
 * `licenses`, in a pnpm or npm workspace (or single package), listed with the host's own pnpm
 * or read from npm's lockfile and node_modules.
 */
export function runScanLicenses(flags: ScanLicensesFlags, io: ScanIo): Promise<0 | 1> {
  if (flags.prod && flags['licenses-json'])
    throw usageError(
      'paved scan licenses',
      '--prod cannot filter a saved listing: save `pnpm licenses list --json --recursive --prod` and pass that with --licenses-json',
    );
  const root = findWorkspaceRoot(process.cwd()) ?? process.cwd();
  const licensesJson = flags['licenses-json'] === undefined ? undefined : resolve(flags['licenses-json']);
  return runScan(licensesScanner, { root, prod: flags.prod === true, licensesJson }, flags.format ?? 'human', io);
}
