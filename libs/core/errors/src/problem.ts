import type { ErrorCode } from './codes';

/** One thing that is wrong, located precisely enough for a person to fix it. */
export interface Problem {
  code: ErrorCode;
  message: string;
  /** Workspace-relative file the problem is in, when there is one. */
  file?: string;
  /** Dotted key path inside that file, e.g. `types.app.canDependOn[1]`. */
  keyPath?: string;
  /** What would have been accepted. */
  expected?: string;
  /** What to do about it. */
  hint?: string;
}

export function formatProblem(problem: Problem): string {
  const location = [problem.file, problem.keyPath].filter(Boolean).join(': ');
  const head = `${problem.code} ${location ? `${location}: ` : ''}${problem.message}`;
  const tail = [problem.expected ? `expected ${problem.expected}` : undefined, problem.hint].filter(Boolean);
  return tail.length > 0 ? `${head} (${tail.join('; ')})` : head;
}
