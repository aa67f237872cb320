import { PavedError, type ErrorCode } from '@paved/errors';
import { MAX_MANIFEST_BYTES, readRegularTextOr } from '@paved/repo-files';
import { type z } from 'zod';

/**
 * A JSON file a CI step hands to the next one (a plan, durations), parsed against `schema`: a
 * missing, unreadable or malformed file, or one entry the schema refuses, is `code` with the file,
 * the key and what was expected; every refused entry is listed.
 */
export function readJsonFile<S extends z.ZodType>(
  path: string,
  schema: S,
  code: ErrorCode,
  expected: string,
): z.infer<S> {
  const refuse = (message: string, keyPath?: string) => ({
    code,
    message: `${path}: ${message}`,
    file: path,
    expected,
    ...(keyPath ? { keyPath } : {}),
  });
  const text = readRegularTextOr(path, MAX_MANIFEST_BYTES, (unread) => {
    throw new PavedError(refuse(unread.reason));
  });
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new PavedError(refuse(error instanceof Error ? error.message : String(error)));
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success)
    throw new PavedError(
      parsed.error.issues.map((issue) => {
        const keyPath = issue.path.map(String).join('.');
        return refuse(`${keyPath ? `${keyPath}: ` : ''}${issue.message}`, keyPath || undefined);
      }),
    );
  return parsed.data;
}
