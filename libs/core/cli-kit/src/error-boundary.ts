import { isPavedError } from '@paved/errors';
import { inspect } from 'node:util';

export const REPORT_URL = 'https://github.com/paved-dev/paved/issues';

/** What the internal-error block says about the run that failed. */
export interface FailedRun {
  /** `paved 1.2.0`: the binary and the version of the package that ships it. */
  binary: string;
  version: string;
  /**
   * The command and the options given, without their values (`paved-cache hash-token`,
   * `paved scan deps --format --cwd`): a value can be a secret, and this block is meant
   * to be pasted into a public issue.
   */
  command: string;
  env: NodeJS.ProcessEnv;
  err(text: string): void;
}

/**
 * The one place a binary's errors become exit codes. A PavedError is expected (bad input, a
 * busy port): its message says what to do, and its exit code is its problems' (2 for usage and
 * configuration). Anything else is a bug in Paved: a short block saying what to report, where,
 * and the stack trace only with PAVED_DEBUG=1 (PAVED-001, exit 2).
 */
export function exitCodeOf(error: unknown, run: FailedRun): 1 | 2 {
  if (isPavedError(error)) {
    run.err(`${error.message}\n`);
    return error.exitCode;
  }
  const debug = run.env.PAVED_DEBUG === '1';
  const lines = [
    `PAVED-001 internal error: ${describe(error)}`,
    `  ${run.binary} ${run.version}, command: ${run.command}, Node ${process.version} (${process.platform} ${process.arch})`,
    `  This is a bug in Paved. Please report it at ${REPORT_URL} with these lines` +
      (debug ? ' and the stack trace below.' : '.'),
    debug ? inspect(error, { depth: 4 }) : '  Run the command again with PAVED_DEBUG=1 to add the stack trace.',
  ];
  run.err(`${lines.join('\n')}\n`);
  return 2;
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message.split('\n')[0]}`;
  return inspect(error, { depth: 1, breakLength: Infinity });
}
