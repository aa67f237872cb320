import { errorCodes, type ErrorCode } from './codes';
import { formatProblem, type Problem } from './problem';

/**
 * The one error type Paved throws on purpose. It carries every problem found,
 * never just the first, so a user fixes a bad input in one round trip.
 */
export class PavedError extends Error {
  readonly problems: readonly Problem[];

  constructor(problems: Problem | readonly Problem[]) {
    const list = Array.isArray(problems) ? problems : [problems as Problem];
    if (list.length === 0) {
      throw new TypeError('PavedError needs at least one problem');
    }
    super(list.map(formatProblem).join('\n'));
    this.name = 'PavedError';
    this.problems = list;
  }

  /** The code of the first problem: what a single-line report shows. */
  get code(): ErrorCode {
    return this.problems[0].code;
  }

  /** The exit code a binary should end with: the most severe of the problems'. */
  get exitCode(): 1 | 2 {
    return this.problems.some((p) => errorCodes[p.code].exitCode === 2) ? 2 : 1;
  }
}

export function isPavedError(error: unknown): error is PavedError {
  return error instanceof PavedError;
}

/** Throws a PavedError when there is anything in `problems`; otherwise returns. */
export function throwIfProblems(problems: readonly Problem[]): void {
  if (problems.length > 0) {
    throw new PavedError(problems);
  }
}
