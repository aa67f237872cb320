import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { appendFile, link, mkdir, open, readdir, rm, unlink, type FileHandle } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { type Readable } from 'node:stream';
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

export interface FsBackendOptions {
  dir: string;
  /** fsync each artifact before publishing it (survives power loss, costs a disk flush per upload). */
  fsync?: boolean;
}

/**
 * Artifacts as single files: body + metadata trailer. An upload is spooled to
 * a temp file in the same filesystem and published with link(2), which fails
 * when the name exists: publication is atomic and write-once even across
 * processes. A reader opens a name once, so it never sees a partial file.
 */
export class FsBackend implements ArtifactBackend {
  readonly kind = 'fs';
  private readonly tmpDir: string;

  constructor(private readonly options: FsBackendOptions) {
    this.tmpDir = join(options.dir, TMP_DIR);
  }

  /** Creates the folders and removes uploads a crash left behind. */
  async init(): Promise<void> {
    await rm(this.tmpDir, { recursive: true, force: true });
    await mkdir(this.tmpDir, { recursive: true });
  }

  private path(key: ArtifactKey): string {
    assertKey(key);
    return join(this.options.dir, keyPath(key));
  }

  async get(key: ArtifactKey): Promise<StoredArtifact | undefined> {
    const path = this.path(key);
    let handle: FileHandle;
    try {
      handle = await open(path, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    try {
      const meta = await readTrailer(handle);
      if (!meta) {
        // A torn file (power loss without fsync): never serve it.
        await handle.close();
        await unlink(path).catch(() => undefined);
        return undefined;
      }
      let opened = false;
      return {
        meta,
        open: () => {
          if (opened) throw new Error('artifact body already opened');
          opened = true;
          if (meta.size === 0) {
            void handle.close();
            return createReadStream('/dev/null');
          }
          return createReadStream('', { fd: handle, start: 0, end: meta.size - 1, autoClose: true });
        },
      };
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  async head(key: ArtifactKey): Promise<ArtifactMeta | undefined> {
    const artifact = await this.get(key);
    if (!artifact) return undefined;
    artifact.open().destroy();
    return artifact.meta;
  }

  async put(key: ArtifactKey, body: Readable, declaredSize: number, writer: WriterMeta) {
    const path = this.path(key);
    const tmp = join(this.tmpDir, randomUUID());
    try {
      const { sha256, size } = await spoolToFile(body, declaredSize, tmp);
      const meta: ArtifactMeta = { ...writer, size, sha256, createdAt: new Date().toISOString() };
      await appendFile(tmp, encodeTrailer(meta));
      if (this.options.fsync) {
        const handle = await open(tmp, 'r+');
        await handle.sync();
        await handle.close();
      }
      await mkdir(dirname(path), { recursive: true });
      try {
        await link(tmp, path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') return { outcome: 'exists' as const };
        throw error;
      }
      return { outcome: 'created' as const, meta };
    } finally {
      await unlink(tmp).catch(() => undefined);
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

  async *list(): AsyncIterable<ListedArtifact> {
    for (const path of await walk(this.options.dir)) {
      const key = parseKeyPath(relative(this.options.dir, path).split(sep).join('/'));
      if (!key) continue;
      const handle = await open(path, 'r').catch(() => undefined);
      if (!handle) continue;
      const meta = await readTrailer(handle).finally(() => handle.close());
      if (meta) yield { key, size: meta.size, createdAt: Date.parse(meta.createdAt) };
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

async function readTrailer(handle: FileHandle): Promise<ArtifactMeta | undefined> {
  const { size } = await handle.stat();
  if (size < TRAILER_FIXED) return undefined;
  const fixed = Buffer.alloc(TRAILER_FIXED);
  await handle.read(fixed, 0, TRAILER_FIXED, size - TRAILER_FIXED);
  if (!fixed.subarray(4).equals(MAGIC)) return undefined;
  const length = fixed.readUInt32BE(0);
  if (length > size - TRAILER_FIXED) return undefined;
  const json = Buffer.alloc(length);
  await handle.read(json, 0, length, size - TRAILER_FIXED - length);
  try {
    const meta = JSON.parse(json.toString('utf-8')) as ArtifactMeta;
    return meta.size === size - TRAILER_FIXED - length ? meta : undefined;
  } catch {
    return undefined;
  }
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const files: string[] = [];
  for (const entry of entries) {
    if (entry.name === TMP_DIR) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await walk(path)));
    else if (entry.isFile()) files.push(path);
  }
  return files;
}
