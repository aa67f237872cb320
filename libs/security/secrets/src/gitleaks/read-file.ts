import { PavedError } from '@paved/errors';
import { readRegularText } from '@paved/repo-files';
import { relative } from 'node:path';

/**
 * The text of a file a repository names (its .gitleaks.toml, an [extend] base, a gitleaks report):
 * a regular file under `maxBytes`, or a PAVED-410 that says why not; undefined when it does not exist.
 */
export function readRepositoryFile(path: string, maxBytes: number, root: string, what: string): string | undefined {
  const read = readRegularText(path, maxBytes);
  if (read.kind === 'missing') return undefined;
  if (read.kind === 'text') return read.text;
  throw new PavedError({
    code: 'PAVED-410',
    file: relative(root, path) || path,
    message: `${what} ${read.reason}`,
    expected: `a regular file of at most ${maxBytes} bytes`,
  });
}
