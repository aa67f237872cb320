import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';

/** A package.json, nx.json or project.json is kilobytes; past this it is not one. */
export const MAX_MANIFEST_BYTES = 16 * 1024 * 1024;

/** What reading one repository file gave: its bytes, nothing (absent), or why it was refused unread. */
export type RegularFileRead =
  { kind: 'bytes'; bytes: Buffer } | { kind: 'missing' } | { kind: 'refused'; cause: RefusalCause; reason: string };

/** Why a file was refused: the sentence in `reason` says it to a person. */
export type RefusalCause = 'folder' | 'not-regular' | 'too-large' | 'unopenable';

/** Why a file was not read, as a sentence after its name: "does not exist", "is a folder, not a file", … */
export type UnreadFile = { kind: 'missing'; reason: string } | { kind: 'refused'; cause: RefusalCause; reason: string };

/**
 * Reads `path` only if it is a regular file of at most `maxBytes`. A folder, a device (a link to
 * /dev/zero), a FIFO or socket, or a larger file is refused without reading a byte: O_NONBLOCK keeps
 * opening a FIFO from waiting for a writer, and the size and type come from the opened descriptor,
 * so a swap between check and read cannot slip another file in. Symbolic links are followed
 * (repositories link configs); what they point at is judged the same way.
 */
export function readRegularFile(path: string, maxBytes: number): RegularFileRead {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing' };
    if (code === 'EISDIR') return { kind: 'refused', cause: 'folder', reason: 'is a folder, not a file' };
    return { kind: 'refused', cause: 'unopenable', reason: `cannot be opened (${code ?? (error as Error).message})` };
  }
  try {
    const stats = fstatSync(fd);
    if (stats.isDirectory()) return { kind: 'refused', cause: 'folder', reason: 'is a folder, not a file' };
    if (!stats.isFile()) {
      return { kind: 'refused', cause: 'not-regular', reason: 'is not a regular file (a device, FIFO or socket)' };
    }
    if (stats.size > maxBytes) {
      return {
        kind: 'refused',
        cause: 'too-large',
        reason: `is ${stats.size} bytes, more than the ${maxBytes} allowed`,
      };
    }
    const bytes = readFileSync(fd);
    // A file that grew after fstat is judged by what was read.
    if (bytes.length > maxBytes) {
      return { kind: 'refused', cause: 'too-large', reason: `is more than the ${maxBytes} bytes allowed` };
    }
    return { kind: 'bytes', bytes };
  } finally {
    closeSync(fd);
  }
}

/** readRegularFile decoded as UTF-8 (a leading byte-order mark dropped). */
export function readRegularText(
  path: string,
  maxBytes: number,
): { kind: 'text'; text: string } | Exclude<RegularFileRead, { kind: 'bytes' }> {
  const read = readRegularFile(path, maxBytes);
  if (read.kind !== 'bytes') return read;
  const text = read.bytes.toString('utf-8');
  return { kind: 'text', text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}

/**
 * The text of `path` (readRegularText), or what `otherwise` makes of the file that could not be
 * read: it throws the caller's coded error, or returns what stands for the file (undefined for none).
 */
export function readRegularTextOr<Otherwise>(
  path: string,
  maxBytes: number,
  otherwise: (unread: UnreadFile) => Otherwise,
): string | Otherwise {
  const read = readRegularText(path, maxBytes);
  if (read.kind === 'text') return read.text;
  return otherwise(read.kind === 'missing' ? { kind: 'missing', reason: 'does not exist' } : read);
}
