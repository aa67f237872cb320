import { PavedError } from '@paved/errors';
import { readRegularFile } from '@paved/policy';
import { relative } from 'node:path';

/**
 * The text of a file a repository names (its .gitleaks.toml, an [extend] base, a gitleaks report):
 * a regular file under `maxBytes`, or a PAVED-410 that says why not; undefined when it does not exist.
 */
export function readRepositoryFile(path: string, maxBytes: number, root: string, what: string): string | undefined {
  return readRegularFile(
    path,
    maxBytes,
    (why) =>
      new PavedError({
        code: 'PAVED-410',
        file: relative(root, path) || path,
        message: `${what} ${why}`,
        expected: `a regular file of at most ${maxBytes} bytes`,
      }),
  );
}
