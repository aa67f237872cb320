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
  link as linkCallback,
  linkSync,
  lstatSync,
  mkdirSync,
  open as openCallback,
  openSync,
  read,
  readdirSync,
  readSync,
  rmSync,
  type Dirent,
} from 'node:fs';
import { appendFile, lstat, mkdir, open as openHandle, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { DigestCheck, fileStamp, VerifiedBodies, verifyingStream } from './integrity';
import { uploadBufferReclaimer } from './reclaim';
import { SendChunkPool, sendFile } from './send-file';
import { spoolToFile } from './spool';
import { type StorageTuning } from './tuning';
import {
  assertKey,
  greenPath,
  keyPath,
  parseGreenRecord,
  parseKeyPath,
  type ArtifactBackend,
  type ArtifactKey,
  type ArtifactMeta,
  type GreenRecord,
  type ListedArtifact,
  type StoredArtifact,
  type WriterMeta,
} from './types';

/**
 * A record: this magic, the metadata JSON's length (u32 BE), the JSON, then the body. The file is
 * written under a temporary name and published complete, so its name never shows a partial upload;
 * and since the metadata comes first and states the body's length and SHA-256, no prefix of a
 * record (what power loss without fsync may leave) and no bytes inside a body (an upload that
 * carries a forged record) can pass as a complete record.
 */
const MAGIC = Buffer.from('PVC2');
const HEADER_FIXED = 8;
/** Stand-ins of the final width while the body streams in: the header's length is fixed before the body is. */
const DRAFT_SHA256 = '0'.repeat(64);
const DRAFT_CREATED_AT = new Date(0).toISOString();
const SHA256_HEX = /^[0-9a-f]{64}$/;
const TMP_DIR = '.tmp';
const READ_CHUNK = 256 * 1024;
/** A green record is a few hundred bytes; anything far larger at its name is not one. */
const GREEN_RECORD_MAX_BYTES = 64 * 1024;
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
const linkPath = promisify(linkCallback);
const closeQuietly = (fd: number) => close(fd, () => undefined);

export interface FsBackendOptions {
  dir: string;
  /** fsync each artifact before publishing it (survives power loss, costs a disk flush per upload). */
  fsync?: boolean;
  /** Upload writes on the event loop, pooled download chunks, forced collections: none unless set. */
  tuning?: StorageTuning;
  /**
   * Hash every body on every read. By default a body is hashed on its first read and again after
   * its file changed (VerifiedBodies), which catches every change made through the filesystem;
   * this also catches media faults beneath it, for one SHA-256 pass per read.
   */
  verifyEveryRead?: boolean;
}

/** Files whose verification FsBackend remembers: about 150 bytes each (fileStamp), so at most about 15 MB. */
const VERIFIED_BODIES_REMEMBERED = 100_000;

/**
 * Artifacts as single files: metadata header + body (see MAGIC). An upload
 * streams into a file of its own under `.tmp/`, hashing and counting; once the
 * body is complete it writes the header and publishes the file with link(2),
 * which fails when the name exists: write-once, and concurrent uploads of one
 * hash each complete or fail on their own, the first complete one wins. A
 * reader opens only published names, checks the header against the file's
 * length, and verifies the body's SHA-256 as it sends it. `.tmp/` is emptied
 * at start-up; one server process owns a folder (several share S3, not a folder).
 */
export class FsBackend implements ArtifactBackend {
  readonly kind = 'fs';
  private readonly tmpDir: string;
  /** Folders known to exist, so a PUT costs no mkdir; a folder removed later is recreated on ENOENT. */
  private readonly knownDirs = new Set<string>();
  private uploadsInProgress = 0;
  private readonly syncWriteMaxBytes: number;
  private readonly sendChunks: SendChunkPool;
  private readonly reclaimUploadBuffers?: (chunkBytes: number) => void;
  private readonly verifiedBodies: VerifiedBodies;
  private readonly spoolFiles: SpoolFilesAhead;

  constructor(private readonly options: FsBackendOptions) {
    this.verifiedBodies = new VerifiedBodies(options.verifyEveryRead ? 0 : VERIFIED_BODIES_REMEMBERED);
    this.tmpDir = join(options.dir, TMP_DIR);
    const tuning = options.tuning ?? {};
    this.syncWriteMaxBytes = tuning.syncWriteMaxBytes ?? 0;
    this.sendChunks = new SendChunkPool(tuning.pooledSendChunks ?? 0);
    this.reclaimUploadBuffers = uploadBufferReclaimer(tuning.reclaimUploadBuffersEveryBytes);
    this.spoolFiles = new SpoolFilesAhead(this.tmpDir, tuning.spoolFilesAhead ?? 0);
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
    const found = await this.openArtifact(this.path(key));
    if (!found) return undefined;
    const { fd, meta, bodyStart, stamp } = found;
    const artifact = keyPath(key);
    let verified = this.verifiedBodies.has(artifact, stamp);
    const remember = () => {
      verified = true;
      this.verifiedBodies.add(artifact, stamp);
    };
    /** What the body is hashed with as it is sent; nothing once it verified (now, or on an earlier read of this file). */
    const digest = () => (verified ? undefined : new DigestCheck(artifact, meta.size, meta.sha256, remember));
    let opened = false;
    const claim = () => {
      if (opened) throw new Error('artifact body already opened');
      opened = true;
    };
    return {
      meta,
      open: () => {
        claim();
        const check = digest();
        if (meta.size === 0) {
          closeQuietly(fd);
          return check ? verifyingStream(Readable.from([]), check) : Readable.from([]);
        }
        // A numeric fd keeps reads on libuv's callback path (a FileHandle costs a promise per chunk).
        const body = createReadStream('', {
          fd,
          start: bodyStart,
          end: bodyStart + meta.size - 1,
          autoClose: true,
          highWaterMark: READ_CHUNK,
        });
        return check ? verifyingStream(body, check) : body;
      },
      sendTo: (out) => {
        claim();
        return sendFile(fd, meta.size, out, { start: bodyStart, digest: digest(), chunkPool: this.sendChunks });
      },
      verify: async () => {
        if (verified) return;
        await this.verifiedBodies.verifyOnce(artifact, stamp, () =>
          hashBody(fd, bodyStart, meta.size, new DigestCheck(artifact, meta.size, meta.sha256, remember)),
        );
        verified = true;
      },
    };
  }

  async head(key: ArtifactKey): Promise<ArtifactMeta | undefined> {
    const found = await this.openArtifact(this.path(key));
    if (!found) return undefined;
    closeQuietly(found.fd);
    return found.meta;
  }

  /** Opens an artifact and reads its header: one open, one fstat, one or two reads. */
  private async openArtifact(path: string): Promise<OpenRecord | undefined> {
    let fd: number;
    try {
      fd = await openFd(path, READ_FLAGS);
    } catch (error) {
      if (notAnArtifact(error)) return undefined;
      throw error;
    }
    try {
      const header = await readHeader(fd);
      if (header) return { fd, ...header };
      // Not a record of this format (an older store's, or damaged): a miss, removed by the next start-up scan.
      closeQuietly(fd);
      return undefined;
    } catch (error) {
      closeQuietly(fd);
      throw error;
    }
  }

  async put(key: ArtifactKey, body: Readable, declaredSize: number, writer: WriterMeta) {
    const path = this.path(key);
    // See StorageTuning.syncWriteMaxBytes, and spoolToFile's syncWrites.
    const onEventLoop = this.writesOnEventLoop(declaredSize);
    // Found before the body is read: a duplicate upload costs nothing but this lookup.
    if (await this.exists(path, onEventLoop)) return { outcome: 'exists' as const };
    const headerBytes = encodeHeader(recordMeta(declaredSize, DRAFT_SHA256, DRAFT_CREATED_AT, writer)).length;
    const ready = this.spoolFiles.take();
    const spoolPath = ready?.path ?? join(this.tmpDir, randomUUID());
    const fd = ready?.fd ?? (onEventLoop ? openSync(spoolPath, 'wx') : await openFd(spoolPath, 'wx'));
    let meta: ArtifactMeta | undefined;
    this.uploadsInProgress += 1;
    try {
      const header = ({ sha256, size }: { sha256: string; size: number }) => {
        meta = recordMeta(size, sha256, new Date().toISOString(), writer);
        const encoded = encodeHeader(meta);
        if (encoded.length !== headerBytes) throw new Error('record header changed length while the body streamed in');
        return encoded;
      };
      await spoolToFile(body, declaredSize, fd, {
        bodyOffset: headerBytes,
        header,
        syncWrites: onEventLoop,
        reclaimUploadBuffers: this.reclaimUploadBuffers,
      });
      if (this.options.fsync) {
        const syncFd = await openFd(spoolPath, 'r+');
        await new Promise<void>((resolve, reject) => fsync(syncFd, (error) => (error ? reject(error) : resolve())));
        closeQuietly(syncFd);
      }
      const published = await this.publish(spoolPath, path, onEventLoop);
      return published ? { outcome: 'created' as const, meta } : { outcome: 'exists' as const };
    } finally {
      // Published or not, the upload's own name goes: a failed upload leaves nothing behind.
      if (onEventLoop) rmSync(spoolPath, { force: true });
      else await rm(spoolPath, { force: true });
      this.uploadsInProgress -= 1;
    }
  }

  /** A limit of 0 means never, for an empty upload too. */
  private writesOnEventLoop(declaredSize: number): boolean {
    return (
      this.syncWriteMaxBytes > 0 &&
      declaredSize <= this.syncWriteMaxBytes &&
      !this.options.fsync &&
      this.uploadsInProgress === 0
    );
  }

  private async exists(path: string, onEventLoop: boolean): Promise<boolean> {
    try {
      if (onEventLoop) lstatSync(path);
      else await lstat(path);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  }

  /**
   * Gives a complete upload its artifact's name; false when the name exists (another upload of the
   * hash completed first). `onEventLoop`: with synchronous calls (see StorageTuning.syncWriteMaxBytes).
   */
  private async publish(spoolPath: string, path: string, onEventLoop: boolean): Promise<boolean> {
    const makeDir = (dir: string) =>
      onEventLoop ? mkdirSync(dir, { recursive: true }) : mkdir(dir, { recursive: true });
    const link = () => (onEventLoop ? linkSync(spoolPath, path) : linkPath(spoolPath, path));
    const dir = dirname(path);
    if (!this.knownDirs.has(dir)) {
      await makeDir(dir);
      this.knownDirs.add(dir);
    }
    try {
      await link();
      return true;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return false;
      if (code !== 'ENOENT') throw error;
    }
    // The folder was removed behind our back (a purge, an operator): recreate it once.
    await makeDir(dir);
    try {
      await link();
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw error;
    }
  }

  async delete(key: ArtifactKey): Promise<boolean> {
    this.verifiedBodies.forget(keyPath(key));
    try {
      await unlink(this.path(key));
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  }

  /**
   * The start-up scan: yields every valid record and removes files at artifact
   * names that are not one (an older store format, a damaged header). Synchronous file operations: it runs before the server
   * listens, and promises per file would cost more time and memory than the
   * work itself.
   */
  async *list(): AsyncIterable<ListedArtifact> {
    const scratch = Buffer.allocUnsafe(HEADER_GUESS);
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
        meta = readHeaderSync(fd, scratch)?.meta;
      } finally {
        closeSync(fd);
      }
      if (meta) yield { key, size: meta.size, createdAt: Date.parse(meta.createdAt) };
      else rmSync(path, { force: true });
    }
  }

  async getGreen(namespace: string, branch: string): Promise<GreenRecord | undefined> {
    let handle;
    try {
      handle = await openHandle(join(this.options.dir, greenPath(namespace, branch)), READ_FLAGS);
    } catch (error) {
      if (notAnArtifact(error)) return undefined;
      throw error;
    }
    try {
      const stat = await handle.stat();
      if (!stat.isFile() || stat.size > GREEN_RECORD_MAX_BYTES) return undefined;
      return parseGreenRecord(await handle.readFile('utf-8'));
    } finally {
      await handle.close();
    }
  }

  async putGreen(namespace: string, record: GreenRecord): Promise<void> {
    const path = join(this.options.dir, greenPath(namespace, record.branch));
    const draft = join(this.tmpDir, `green-${randomUUID()}`);
    try {
      await writeFile(draft, JSON.stringify(record), { flush: this.options.fsync === true });
      await mkdir(dirname(path), { recursive: true });
      // rename(2) replaces the name in one step (a link placed there is replaced, not followed).
      await rename(draft, path);
    } finally {
      await rm(draft, { force: true });
    }
  }

  async ping(): Promise<void> {
    const probe = join(this.tmpDir, `ping-${randomUUID()}`);
    await appendFile(probe, 'ok');
    await unlink(probe);
  }
}

interface OpenRecord {
  fd: number;
  meta: ArtifactMeta;
  /** Where the body starts: the header's length. */
  bodyStart: number;
  /** fileStamp of the open file. */
  stamp: number;
}

/** Field order fixed, so the draft header and the final one have one length. */
function recordMeta(size: number, sha256: string, createdAt: string, writer: WriterMeta): ArtifactMeta {
  return { size, sha256, createdAt, ...writer };
}

function encodeHeader(meta: ArtifactMeta): Buffer {
  const json = Buffer.from(JSON.stringify(meta));
  const fixed = Buffer.alloc(HEADER_FIXED);
  MAGIC.copy(fixed);
  fixed.writeUInt32BE(json.length, MAGIC.length);
  return Buffer.concat([fixed, json]);
}

/** What a record's header says: its metadata and where its body starts. */
type RecordHeader = Omit<OpenRecord, 'fd' | 'stamp'>;

/** What the first bytes of a file say: its header, not a record, or "read this much JSON first". */
type HeaderDecoding = { header: RecordHeader } | { header: undefined } | { jsonBytes: number };

/** `head` holds the first `head.length` bytes of a file of `fileSize` bytes. */
function decodeHeader(head: Buffer, fileSize: number): HeaderDecoding {
  if (head.length < HEADER_FIXED || !head.subarray(0, MAGIC.length).equals(MAGIC)) return { header: undefined };
  const jsonBytes = head.readUInt32BE(MAGIC.length);
  if (jsonBytes > fileSize - HEADER_FIXED) return { header: undefined };
  if (HEADER_FIXED + jsonBytes > head.length) return { jsonBytes };
  return parseHeaderJson(head.subarray(HEADER_FIXED, HEADER_FIXED + jsonBytes), fileSize);
}

/** A record is whole only if its file is exactly header + the body length the header states. */
function parseHeaderJson(json: Buffer, fileSize: number): HeaderDecoding {
  const bodyStart = HEADER_FIXED + json.length;
  try {
    const meta = JSON.parse(json.toString('utf-8')) as Partial<ArtifactMeta>;
    const whole =
      meta.size === fileSize - bodyStart &&
      typeof meta.sha256 === 'string' &&
      SHA256_HEX.test(meta.sha256) &&
      typeof meta.createdAt === 'string' &&
      typeof meta.writer === 'string';
    return { header: whole ? { meta: meta as ArtifactMeta, bodyStart } : undefined };
  } catch {
    return { header: undefined };
  }
}

/** One read usually gets the whole header: metadata JSON is a few hundred bytes. */
const HEADER_GUESS = 2048;

/** Reads `size` body bytes from `bodyStart` through `check` and verifies them (CorruptArtifactError on a mismatch). */
async function hashBody(fd: number, bodyStart: number, size: number, check: DigestCheck): Promise<void> {
  const chunk = Buffer.allocUnsafe(Math.min(READ_CHUNK, size));
  for (let offset = 0; offset < size;) {
    const { bytesRead } = await readFd(fd, chunk, 0, Math.min(chunk.length, size - offset), bodyStart + offset);
    if (bytesRead === 0) break;
    check.update(chunk.subarray(0, bytesRead));
    offset += bytesRead;
  }
  check.verify();
}

async function readHeader(fd: number): Promise<Omit<OpenRecord, 'fd'> | undefined> {
  const stats = await fstatFd(fd);
  if (!stats.isFile()) return undefined;
  const header = await readHeaderOf(fd, stats.size);
  return header && { ...header, stamp: fileStamp(stats) };
}

async function readHeaderOf(fd: number, size: number): Promise<RecordHeader | undefined> {
  const guess = Math.min(size, HEADER_GUESS);
  const head = Buffer.allocUnsafe(guess);
  await readFd(fd, head, 0, guess, 0);
  const decoded = decodeHeader(head, size);
  if (!('jsonBytes' in decoded)) return decoded.header;
  const json = Buffer.allocUnsafe(decoded.jsonBytes);
  await readFd(fd, json, 0, json.length, HEADER_FIXED);
  return headerOf(parseHeaderJson(json, size));
}

/** readHeader for the start-up scan: synchronous, into one reused buffer, so thousands of files leave no garbage. */
function readHeaderSync(fd: number, scratch: Buffer): RecordHeader | undefined {
  const stats = fstatSync(fd);
  if (!stats.isFile()) return undefined;
  const { size } = stats;
  const guess = Math.min(size, scratch.length);
  readSync(fd, scratch, 0, guess, 0);
  const decoded = decodeHeader(scratch.subarray(0, guess), size);
  if (!('jsonBytes' in decoded)) return decoded.header;
  const json = Buffer.allocUnsafe(decoded.jsonBytes);
  readSync(fd, json, 0, json.length, HEADER_FIXED);
  return headerOf(parseHeaderJson(json, size));
}

function headerOf(decoding: HeaderDecoding): RecordHeader | undefined {
  return 'header' in decoding ? decoding.header : undefined;
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

/**
 * Upload files created ahead (StorageTuning.spoolFilesAhead): each is new, empty and open for
 * writing, exactly what an upload would create for itself. Taking one starts the next in the
 * thread pool; a creation that fails is skipped (the upload then creates its own, and sees the
 * error itself).
 */
class SpoolFilesAhead {
  private readonly ready: { fd: number; path: string }[] = [];
  private creating = 0;

  constructor(
    private readonly dir: string,
    private readonly count: number,
  ) {}

  take(): { fd: number; path: string } | undefined {
    if (this.count === 0) return undefined;
    const file = this.ready.pop();
    this.refill();
    return file;
  }

  private refill(): void {
    while (this.ready.length + this.creating < this.count) {
      this.creating += 1;
      const path = join(this.dir, randomUUID());
      openCallback(path, 'wx', (error, fd) => {
        this.creating -= 1;
        if (!error) this.ready.push({ fd, path });
      });
    }
  }
}
