import { PavedError } from '@paved/errors';
import { readRegularTextOr } from '@paved/repo-files';
import { relative } from 'node:path';

/**
 * The text of a file a repository names (its .gitleaks.toml, an [extend] base, a gitleaks report):
 * a regular file under `maxBytes`, or a PAVED-410 that says why not; undefined when it does not exist.
 */
export function readRepositoryFile(path: string, maxBytes: number, root: string, what: string): string | undefined {
  return readRegularTextOr(path, maxBytes, (unread) => {
    if (unread.kind === 'missing') return undefined;
    throw new PavedError({
      code: 'PAVED-410',
      file: relative(root, path) || path,
      message: `${what} ${unread.reason}`,
      expected: `a regular file of at most ${maxBytes} bytes`,
    });
  });
}
