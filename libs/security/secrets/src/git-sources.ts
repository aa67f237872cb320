import { PavedError } from '@paved/errors';
import { readRegularFile } from '@paved/repo-files';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** One file's content as a scan sees it: from the index, the work tree or a commit. */
export interface ScanSource {
  file: string;
  /** Undefined when the content was skipped (binary or too large); `skipped` says why. */
  content?: Buffer;
  skipped?: 'binary' | 'too-large' | 'unreadable';
  commit?: string;
}

const MAX_GIT_OUTPUT = 1 << 30;

export function git(cwd: string, args: readonly string[], input?: string | Buffer): Buffer {
  try {
    return execFileSync('git', args, { cwd, input, maxBuffer: MAX_GIT_OUTPUT, stdio: ['pipe', 'pipe', 'pipe'] });
  } catch (error) {
    const stderr = String((error as { stderr?: Buffer }).stderr ?? '').trim();
    throw new PavedError({
      code: 'PAVED-402',
      file: cwd,
      message: `git ${args[0]} failed${stderr ? `: ${stderr.split('\n')[0]}` : ''}`,
      hint: 'run the scan inside a git work tree (or pass --cwd <repository>), with git on PATH',
    });
  }
}

/** The top of the work tree containing `cwd`; paths in findings are relative to it. */
export function gitRoot(cwd: string): string {
  return git(cwd, ['rev-parse', '--show-toplevel']).toString('utf-8').trim();
}

const splitNul = (output: Buffer) => output.toString('utf-8').split('\0').filter(Boolean);

/** Git's own binary test: a NUL byte in the first 8000 bytes. */
export function isBinary(content: Buffer): boolean {
  return content.subarray(0, 8000).includes(0);
}

/**
 * Reads many objects with one `git cat-file --batch` process (one process per file costs
 * ~2 ms each, which dominates a hook). `names` are object names such as `:path` or a blob id.
 */
export function readObjects(
  cwd: string,
  names: readonly string[],
  maxBytes: number,
): (Buffer | 'too-large' | undefined)[] {
  const results: (Buffer | 'too-large' | undefined)[] = [];
  // Chunks bound the memory one git output takes on a history with many large blobs.
  for (let offset = 0; offset < names.length; offset += 500) {
    const chunk = names.slice(offset, offset + 500);
    const output = git(cwd, ['cat-file', '--batch'], `${chunk.join('\n')}\n`);
    let position = 0;
    for (let index = 0; index < chunk.length; index += 1) {
      const headerEnd = output.indexOf(10, position);
      const header = output.subarray(position, headerEnd).toString('utf-8');
      position = headerEnd + 1;
      const [, type, sizeText] = header.split(' ');
      if (type === undefined || sizeText === undefined) {
        results.push(undefined); // "<name> missing" or "ambiguous"
        continue;
      }
      const size = Number(sizeText);
      results.push(
        type !== 'blob' ? undefined : size > maxBytes ? 'too-large' : output.subarray(position, position + size),
      );
      position += size + 1;
    }
  }
  return results;
}

function toSource(file: string, content: Buffer | 'too-large' | undefined, commit?: string): ScanSource {
  const base = commit ? { file, commit } : { file };
  if (content === undefined) return { ...base, skipped: 'unreadable' };
  if (content === 'too-large') return { ...base, skipped: 'too-large' };
  return isBinary(content) ? { ...base, skipped: 'binary' } : { ...base, content };
}

/** What `git commit` will record: added, copied, modified and renamed files, read from the index. */
export function stagedSources(root: string, maxBytes: number, wanted: (file: string) => boolean): ScanSource[] {
  const files = splitNul(git(root, ['diff', '--cached', '--name-only', '-z', '--diff-filter=ACMR'])).filter(wanted);
  // cat-file reads one name per line: a path with a newline cannot be named, and is reported unreadable.
  const readable = files.filter((file) => !file.includes('\n'));
  const contents = readObjects(
    root,
    readable.map((file) => `:${file}`),
    maxBytes,
  );
  const byFile = new Map(readable.map((file, index) => [file, contents[index]]));
  return files.map((file) => toSource(file, byFile.get(file)));
}

/**
 * Every tracked file as it is in the work tree now (regular files only: no symlinks or
 * submodules); files deleted but not yet staged are skipped as unreadable.
 */
export function trackedSources(root: string, maxBytes: number, wanted: (file: string) => boolean): ScanSource[] {
  return splitNul(git(root, ['ls-files', '--stage', '-z']))
    .map((line) => {
      const [meta, file] = line.split('\t');
      return { mode: meta.split(' ')[0], file };
    })
    .filter((entry) => (entry.mode === '100644' || entry.mode === '100755') && wanted(entry.file))
    .map(({ file }) => toSource(file, readWorkTreeFile(join(root, file), maxBytes)));
}

/** A file the index calls regular but the work tree replaced (a FIFO, a link to a device) is unreadable, never read. */
function readWorkTreeFile(path: string, maxBytes: number): Buffer | 'too-large' | undefined {
  const read = readRegularFile(path, maxBytes);
  if (read.kind === 'bytes') return read.bytes;
  return read.kind === 'refused' && read.cause === 'too-large' ? 'too-large' : undefined;
}

/**
 * Every blob any commit added or modified, on every ref, oldest first, merges included; each
 * distinct (path, blob) once, reported with the first commit that introduced it.
 */
export function historySources(root: string, maxBytes: number, wanted: (file: string) => boolean): ScanSource[] {
  const log = git(root, [
    'log',
    '--all',
    '--reverse',
    // A merge is diffed against its first parent: content that only a merge brought (a conflict
    // resolved with a new line, an "evil merge") is scanned too; blobs its branch already added
    // are skipped below as seen.
    '--diff-merges=first-parent',
    '--no-renames',
    '--diff-filter=AM',
    '--raw',
    '--no-abbrev',
    '-z',
    '--format=%x01%H',
  ]).toString('utf-8');
  const seen = new Set<string>();
  const entries: { file: string; blob: string; commit: string }[] = [];
  for (const block of log.split('\x01').filter(Boolean)) {
    const fields = block.split('\0');
    const commit = fields[0].trim();
    // After the hash: pairs of ":<old mode> <new mode> <old blob> <new blob> <status>" and path.
    for (let index = 1; index + 1 < fields.length; index += 2) {
      const raw = fields[index].trim();
      if (!raw.startsWith(':')) break;
      const [, newMode, , blob] = raw.slice(1).split(' ');
      const file = fields[index + 1];
      const key = `${blob}\0${file}`;
      if (seen.has(key) || !newMode.startsWith('100') || !wanted(file)) continue;
      seen.add(key);
      entries.push({ file, blob, commit });
    }
  }
  const contents = readObjects(
    root,
    entries.map((entry) => entry.blob),
    maxBytes,
  );
  return entries.map((entry, index) => toSource(entry.file, contents[index], entry.commit));
}
