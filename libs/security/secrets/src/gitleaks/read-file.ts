import { PavedError } from '@paved/errors';
import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';

/**
 * The text of a file a repository names (its .gitleaks.toml, an [extend] base, a gitleaks report),
 * read as paved.json is: a regular file under `maxBytes`, or a PAVED-410 that says why not. A folder,
 * a device (a link to /dev/zero) or a FIFO is refused without reading it; O_NONBLOCK keeps opening
 * a FIFO from waiting for a writer. Undefined when the file does not exist.
 */
export function readRegularFile(path: string, maxBytes: number, root: string, what: string): string | undefined {
  const shown = relative(root, path) || path;
  const refuse = (why: string) =>
    new PavedError({
      code: 'PAVED-410',
      file: shown,
      message: `${what} ${why}`,
      expected: `a regular file of at most ${maxBytes} bytes`,
    });
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw refuse(code === 'EISDIR' ? 'is a folder, not a file' : `cannot be opened (${code ?? String(error)})`);
  }
  try {
    const stats = fstatSync(fd);
    if (stats.isDirectory()) throw refuse('is a folder, not a file');
    if (!stats.isFile()) throw refuse('is not a regular file (a device, FIFO or socket)');
    if (stats.size > maxBytes) throw refuse(`is ${stats.size} bytes, more than the ${maxBytes} allowed`);
    return readFileSync(fd, 'utf-8');
  } finally {
    closeSync(fd);
  }
}
