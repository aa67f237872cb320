import { depsScanner } from '@paved/advisories';
import { licensesScanner } from '@paved/licenses';
import { scannerRun, type ScannerRun } from '@paved/scanner';
import { secretsScanner } from '@paved/secrets';
import { type ScanExecutorSchema } from './schema';

/**
 * The scanners of a project's `scan` target, as `paved scan secrets --all`, `paved scan deps`
 * and `paved scan licenses` run them, narrowed to the project by @paved/scanner's scanProject.
 * Without `scanners`, secrets always run and the others where they apply (skipReason); naming
 * one makes it required.
 */
export function scannerRuns(options: ScanExecutorSchema): ScannerRun[] {
  const named = (name: string) => options.scanners?.some((scanner) => scanner === name) === true;
  const runs = [
    scannerRun(secretsScanner, { mode: 'all' }, true),
    scannerRun(depsScanner, { advisories: options.advisories, failOn: options.failOn }, named('deps')),
    scannerRun(licensesScanner, { licensesJson: options.licensesJson }, named('licenses')),
  ];
  return options.scanners ? runs.filter((run) => named(run.scanner.name)) : runs;
}
