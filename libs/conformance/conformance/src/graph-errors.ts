import { isErrorCode, type Problem } from '@paved/errors';

interface ReportedError {
  message?: unknown;
  /** AggregateCreateNodesError: one [file, error] per file a plugin failed on. */
  errors?: unknown;
  /** MergeNodesError, CreateMetadataError. */
  error?: { message?: unknown };
  file?: unknown;
  cause?: { message?: unknown };
}

const PAVED_LINE = /^\s*(PAVED-\d{3}) (.+)$/;

/**
 * Why Nx could not build the project graph, as problems. Paved's own refusals (the plugin or the
 * ESLint preset refusing paved.json) reach us through Nx as text, often from a plugin worker
 * process: their `PAVED-###` lines are kept as they were, once each, so a bad paved.json reads
 * the same here as everywhere. Anything else Nx reports is PAVED-006 with Nx's own message,
 * which names the plugin and the file.
 */
export function projectGraphProblems(error: unknown): Problem[] {
  const reported = (
    typeof (error as { getErrors?: unknown })?.getErrors === 'function'
      ? (error as { getErrors(): unknown[] }).getErrors()
      : [error]
  ) as ReportedError[];
  const problems = new Map<string, Problem>();
  for (const failure of reported) {
    const texts = [failure?.message, failure?.error?.message, failure?.cause?.message];
    if (Array.isArray(failure?.errors)) {
      for (const [, inner] of failure.errors as [unknown, { message?: unknown }][]) texts.push(inner?.message);
    }
    const own = texts
      .filter((text): text is string => typeof text === 'string')
      .flatMap((text) => text.split('\n'))
      .map((line) => PAVED_LINE.exec(line))
      .filter((match): match is RegExpExecArray => match !== null && isErrorCode(match[1]));
    for (const [line, code, message] of own) problems.set(line.trim(), { code: code as Problem['code'], message });
    if (own.length === 0) {
      const message = typeof failure?.message === 'string' ? failure.message : String(failure);
      problems.set(message, {
        code: 'PAVED-006',
        message: `Nx could not build the project graph: ${message.trim()}`,
        hint: "run `nx show projects` for the same error with Nx's details",
      });
    }
  }
  return [...problems.values()];
}
