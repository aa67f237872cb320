import { PavedError } from '@paved/errors';
import { randomUUID } from 'node:crypto';
import {
  close,
  closeSync,
  constants,
  createReadStream,
  fstat,
  fstatSync,
  fsync,
  mkdirSync,
  open as openCallback,
  openSync,
  read,
  readdirSync,
  readSync,
  rmSync,
  type Dirent,
} from 'node:fs';
import { appendFile, mkdir, rm, unlink } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { sendFile } from './send-file';
import { spoolToFile } from './spool';
import {
  assertKey,
  keyPath,
  parseKeyPath,
  type ArtifactBackend,
  type ArtifactKey,
  type ArtifactMeta,
  type ListedArtifact,
  type StoredArtifact,
  type WriterMeta,
} from './types';

/** Trailer after the body: metadata JSON, then its length (u32 BE), then this magic. */
const MAGIC = Buffer.from('PVC1');
const TRAILER_FIXED = 8;
const TMP_DIR = '.tmp';
const READ_CHUNK = 256 * 1024;
/**
 * An upload up to this size, arriving while no other upload is in progress,
 * is written on the event loop. Into the page cache that takes tens of
 * microseconds, less than the round trips to the thread pool it saves, which
 * is what a lone client waits on. Under concurrent uploads the pool's threads
 * write in parallel on other cores instead, and larger uploads always use the
 * pool so a slow disk cannot stall other requests for long.
 */
const SYNC_WRITE_MAX_BYTES = 1024 * 1024;

const openFd = promisify(openCallback);
/**
 * How an artifact is opened for reading: never through a symbolic link (one placed in the store
 * could serve a file from outside it, or another namespace's artifact), and without waiting on a
 * FIFO for a writer; what opens is then served only if it is a regular file.
 */
const READ_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;
/** Not an artifact: nothing there, a symbolic link (O_NOFOLLOW), or a folder. */
const notAnArtifact = (error: unknown) =>
  ['ENOENT', 'ELOOP', 'EISDIR'].includes((error as NodeJS.ErrnoException).code ?? '');
const fstatFd = promisify(fstat);
const readFd = promisify(read);
const closeQuietly = (fd: number) => close(fd, () => undefined);

export interface FsBackendOptions {
  dir: string;
  /** fsync each artifact before publishing it (survives power loss, costs a disk flush per upload). */
  fsync?: boolean;
}

/**
 * Artifacts as single files: body + metadata trailer. An upload creates its
 * final name with O_CREAT|O_EXCL, which fails when the name exists: write-once
 * with one metadata operation. The trailer is written last, so until an upload
 * completes the file is not a valid artifact and readers treat it as a miss; a
 * failed upload removes its file, and files a crash left incomplete are removed
 * by the start-up scan. One server process owns a folder (several servers
 * share S3, not a folder).
 */
export class FsBackend implements ArtifactBackend {
  readonly kind = 'fs';
  private readonly tmpDir: string;
  /** Folders known to exist, so a PUT costs no mkdir; a folder removed later is recreated on ENOENT. */
  private readonly knownDirs = new Set<string>();
  private uploadsInProgress = 0;

  constructor(private readonly options: FsBackendOptions) {
    this.tmpDir = join(options.dir, TMP_DIR);
  }

  /**
   * Creates the folders and removes uploads a crash left behind. Creating the upload folder
   * inside the storage folder is also the check that the server may write there: a folder it
   * cannot use is refused at start-up (PAVED-307), not on the first upload.
   */
  async init(): Promise<void> {
    try {
      await rm(this.tmpDir, { recursive: true, force: true });
      await mkdir(this.tmpDir, { recursive: true });
    } catch (error) {
      throw new PavedError({
        code: 'PAVED-307',
        file: this.options.dir,
        message: `the storage folder cannot be created or written: ${(error as Error).message}`,
        hint: 'set PAVED_CACHE_DIR or, for paved-cache dev, --dir to a folder the server may create and write',
      });
    }
  }

  private path(key: ArtifactKey): string {
    assertKey(key);
    return join(this.options.dir, keyPath(key));
  }

  async get(key: ArtifactKey): Promise<StoredArtifact | undefined> {
    const path = this.path(key);
    const found = await this.openArtifact(path);
    if (!found) return undefined;
    const { fd, meta } = found;
    let opened = false;
    const claim = () => {
      if (opened) throw new Error('artifact body already opened');
      opened = true;
    };
    return {
      meta,
      open: () => {
        claim();
        if (meta.size === 0) {
          closeQuietly(fd);
          return Readable.from([]);
        }
        // A numeric fd keeps reads on libuv's callback path (a FileHandle costs a promise per chunk).
        return createReadStream('', { fd, start: 0, end: meta.size - 1, autoClose: true, highWaterMark: READ_CHUNK });
      },
      sendTo: (out) => {
        claim();
        return sendFile(fd, meta.size, out);
      },
    };
  }

  async head(key: ArtifactKey): Promise<ArtifactMeta | undefined> {
    const found = await this.openArtifact(this.path(key));
    if (!found) return undefined;
    closeQuietly(found.fd);
    return found.meta;
  }

  /** Opens an artifact and reads its trailer: one open, one fstat, one or two reads. */
  private async openArtifact(path: string): Promise<{ fd: number; meta: ArtifactMeta } | undefined> {
    let fd: number;
    try {
      fd = await openFd(path, READ_FLAGS);
    } catch (error) {
      if (notAnArtifact(error)) return undefined;
      throw error;
    }
    try {
      const meta = await readTrailer(fd);
      if (meta) return { fd, meta };
      // Still being written, or left incomplete by a crash (removed at the next start): not an artifact.
      closeQuietly(fd);
      return undefined;
    } catch (error) {
      closeQuietly(fd);
      throw error;
    }
  }

  async put(key: ArtifactKey, body: Readable, declaredSize: number, writer: WriterMeta) {
    const path = this.path(key);
    // See SYNC_WRITE_MAX_BYTES, and spoolToFile's syncWrites.
    const onEventLoop = declaredSize <= SYNC_WRITE_MAX_BYTES && !this.options.fsync && this.uploadsInProgress === 0;
    const fd = await this.create(path, onEventLoop);
    if (fd === undefined) return { outcome: 'exists' as const };
    let meta: ArtifactMeta | undefined;
    this.uploadsInProgress += 1;
    try {
      const trailer = ({ sha256, size }: { sha256: string; size: number }) => {
        meta = { ...writer, size, sha256, createdAt: new Date().toISOString() };
        return encodeTrailer(meta);
      };
      await spoolToFile(body, declaredSize, fd, trailer, onEventLoop);
      if (this.options.fsync) {
        const syncFd = await openFd(path, 'r+');
        await new Promise<void>((resolve, reject) => fsync(syncFd, (error) => (error ? reject(error) : resolve())));
        closeQuietly(syncFd);
      }
      return { outcome: 'created' as const, meta };
    } catch (error) {
      // Ours, and incomplete: never leave it for a reader or block the hash.
      await unlink(path).catch(() => undefined);
      throw error;
    } finally {
      this.uploadsInProgress -= 1;
    }
  }

  /**
   * Creates the artifact's file exclusively; undefined when it already exists.
   * `onEventLoop`: with synchronous calls (see SYNC_WRITE_MAX_BYTES).
   */
  private async create(path: string, onEventLoop: boolean): Promise<number | undefined> {
    const makeDir = (dir: string) =>
      onEventLoop ? mkdirSync(dir, { recursive: true }) : mkdir(dir, { recursive: true });
    const openNew = () => (onEventLoop ? openSync(path, 'wx') : openFd(path, 'wx'));
    const dir = dirname(path);
    if (!this.knownDirs.has(dir)) {
      await makeDir(dir);
      this.knownDirs.add(dir);
    }
    try {
      return await openNew();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return undefined;
      if (code !== 'ENOENT') throw error;
      // The folder was removed behind our back (a purge, an operator): recreate it once.
      await makeDir(dir);
      return openNew();
    }
  }

  async delete(key: ArtifactKey): Promise<boolean> {
    try {
      await unlink(this.path(key));
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  }

  /**
   * The start-up scan: yields every valid artifact and removes files a crash
   * left incomplete. Synchronous file operations: it runs before the server
   * listens, and promises per file would cost more time and memory than the
   * work itself.
   */
  async *list(): AsyncIterable<ListedArtifact> {
    const scratch = Buffer.allocUnsafe(TRAILER_GUESS);
    for (const path of walkSync(this.options.dir)) {
      const key = parseKeyPath(relative(this.options.dir, path).split(sep).join('/'));
      if (!key) continue;
      let fd: number;
      try {
        fd = openSync(path, READ_FLAGS);
      } catch {
        // A symbolic link is never served; it is not ours to follow or to remove.
        continue;
      }
      let meta: ArtifactMeta | undefined;
      try {
        meta = readTrailerSync(fd, scratch);
      } finally {
        closeSync(fd);
      }
      if (meta) yield { key, size: meta.size, createdAt: Date.parse(meta.createdAt) };
      else rmSync(path, { force: true });
    }
  }

  async ping(): Promise<void> {
    const probe = join(this.tmpDir, `ping-${randomUUID()}`);
    await appendFile(probe, 'ok');
    await unlink(probe);
  }
}

function encodeTrailer(meta: ArtifactMeta): Buffer {
  const json = Buffer.from(JSON.stringify(meta));
  const length = Buffer.alloc(4);
  length.writeUInt32BE(json.length);
  return Buffer.concat([json, length, MAGIC]);
}

/** What the last bytes of a file say: its metadata, not an artifact, or "read this much more first". */
type TrailerDecoding = { meta: ArtifactMeta } | { meta: undefined } | { jsonBytes: number };

/** `tail` holds the last `tail.length` bytes of a file of `size` bytes. */
function decodeTrailer(tail: Buffer, size: number): TrailerDecoding {
  const end = tail.length;
  if (end < TRAILER_FIXED || !tail.subarray(end - 4).equals(MAGIC)) return { meta: undefined };
  const length = tail.readUInt32BE(end - TRAILER_FIXED);
  if (length > size - TRAILER_FIXED) return { meta: undefined };
  if (length + TRAILER_FIXED > end) return { jsonBytes: length };
  return { meta: parseTrailerJson(tail.subarray(end - TRAILER_FIXED - length, end - TRAILER_FIXED), size) };
}

function parseTrailerJson(json: Buffer, size: number): ArtifactMeta | undefined {
  try {
    const meta = JSON.parse(json.toString('utf-8')) as ArtifactMeta;
    return meta.size === size - TRAILER_FIXED - json.length ? meta : undefined;
  } catch {
    return undefined;
  }
}

/** One read usually gets the whole trailer: metadata JSON is a few hundred bytes. */
const TRAILER_GUESS = 2048;

async function readTrailer(fd: number): Promise<ArtifactMeta | undefined> {
  const stats = await fstatFd(fd);
  if (!stats.isFile()) return undefined;
  const { size } = stats;
  if (size < TRAILER_FIXED) return undefined;
  const guess = Math.min(size, TRAILER_GUESS);
  const tail = Buffer.allocUnsafe(guess);
  await readFd(fd, tail, 0, guess, size - guess);
  const decoded = decodeTrailer(tail, size);
  if (!('jsonBytes' in decoded)) return decoded.meta;
  const json = Buffer.allocUnsafe(decoded.jsonBytes);
  await readFd(fd, json, 0, json.length, size - TRAILER_FIXED - json.length);
  return parseTrailerJson(json, size);
}

/** readTrailer for the start-up scan: synchronous, into one reused buffer, so thousands of files leave no garbage. */
function readTrailerSync(fd: number, scratch: Buffer): ArtifactMeta | undefined {
  const stats = fstatSync(fd);
  if (!stats.isFile()) return undefined;
  const { size } = stats;
  if (size < TRAILER_FIXED) return undefined;
  const guess = Math.min(size, scratch.length);
  readSync(fd, scratch, 0, guess, size - guess);
  const decoded = decodeTrailer(scratch.subarray(0, guess), size);
  if (!('jsonBytes' in decoded)) return decoded.meta;
  const json = Buffer.allocUnsafe(decoded.jsonBytes);
  readSync(fd, json, 0, json.length, size - TRAILER_FIXED - json.length);
  return parseTrailerJson(json, size);
}

function* walkSync(dir: string): Generator<string> {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (entry.name === TMP_DIR) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walkSync(path);
    else if (entry.isFile()) yield path;
  }
}
