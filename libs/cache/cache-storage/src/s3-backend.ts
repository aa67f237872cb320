import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Readable } from 'node:stream';
// `import type` is erased whatever the compiler settings, so the SDK is only loaded by init().
import type * as S3Sdk from '@aws-sdk/client-s3';
import { StorageUnavailableError, withDeadline } from './deadline';
import { DigestCheck, verifyingStream } from './integrity';
import { uploadBufferReclaimer } from './reclaim';
import { spoolToFile } from './spool';
import { type StorageTuning } from './tuning';
import {
  assertKey,
  greenPath,
  parseGreenRecord,
  keyPath,
  parseKeyPath,
  type ArtifactBackend,
  type ArtifactKey,
  type ArtifactMeta,
  type GreenRecord,
  type ListedArtifact,
  type StoredArtifact,
  type WriterMeta,
} from './types';

export interface S3BackendOptions {
  bucket: string;
  region: string;
  /** For S3-compatible stores (MinIO, Ceph, R2, ...). */
  endpoint?: string;
  forcePathStyle: boolean;
  /** Prepended to every object key: '' or ending with '/'. */
  prefix: string;
  /** Both or neither; neither uses the AWS SDK credential chain. */
  accessKeyId?: string;
  secretAccessKey?: string;
  /** Where uploads are spooled before they are sent; defaults to the OS temp folder. */
  spoolDir?: string;
  /** Deadline of every call that carries no artifact body (GET up to its headers, HEAD, delete, ping). */
  callTimeoutMs?: number;
  /** Deadline of publishing an upload's body or listing a page, and the longest a connection to the store may sit idle. */
  transferTimeoutMs?: number;
  /** Of it, S3 storage honours reclaimUploadBuffersEveryBytes (of the spooled uploads); off unless set. */
  tuning?: StorageTuning;
}

const DEFAULT_CALL_TIMEOUT_MS = 5_000;
const DEFAULT_TRANSFER_TIMEOUT_MS = 120_000;

interface Connection {
  sdk: typeof S3Sdk;
  client: S3Sdk.S3Client;
}

/** What a call passes on to `client.send`: the deadline's signal, which cancels the request. */
type SendOptions = { abortSignal: AbortSignal };

/**
 * Artifacts as S3 objects, with their metadata (length and SHA-256 among it)
 * as S3 user metadata. An upload is spooled to a local file first: S3 needs
 * the length up front, and a body that turns out short or broken must never
 * reach the bucket. Publication is one PutObject, which S3 makes atomic, so an
 * object and its metadata appear together, complete; `If-None-Match: *` makes
 * it write-once on stores that honour it. Concurrent uploads of one key spool
 * side by side and publish one at a time (HEAD, then PutObject), so within a
 * server the first complete one wins even on stores that ignore the condition
 * (s3rver); across servers only the condition keeps two racing writers apart.
 * A read verifies the body's SHA-256 while it streams.
 */
const SPOOL_PREFIX = 'paved-cache-upload-';

export class S3Backend implements ArtifactBackend {
  readonly kind = 's3';
  private connection?: Connection;
  /** Per object key: the publication in progress, which the next upload of that key waits for. */
  private readonly publishing = new Map<string, Promise<unknown>>();
  private readonly reclaimUploadBuffers?: (chunkBytes: number) => void;

  constructor(private readonly options: S3BackendOptions) {
    this.reclaimUploadBuffers = uploadBufferReclaimer(options.tuning?.reclaimUploadBuffersEveryBytes);
  }

  /** Loads the SDK and creates the client; reaches no server (ping does). Removes stale spool files. */
  async init(): Promise<void> {
    await this.removeStaleSpoolFiles();
    const { region, endpoint, forcePathStyle, accessKeyId, secretAccessKey } = this.options;
    if (Boolean(accessKeyId) !== Boolean(secretAccessKey)) {
      throw new Error('S3 storage needs both accessKeyId and secretAccessKey, or neither');
    }
    const sdk = sdkExports(await import('@aws-sdk/client-s3'));
    const client = new sdk.S3Client({
      region,
      endpoint,
      forcePathStyle,
      // A store that stops sending mid-body (a stalled download) frees the connection after this much silence.
      requestHandler: { socketTimeout: this.transferTimeoutMs },
      ...(accessKeyId && secretAccessKey ? { credentials: { accessKeyId, secretAccessKey } } : {}),
    });
    this.connection = { sdk, client };
  }

  /**
   * A killed server leaves its spool file behind. Only old ones are removed:
   * other servers on this machine may share the folder and be mid-upload.
   */
  private async removeStaleSpoolFiles(maxAgeMs = 60 * 60 * 1000): Promise<void> {
    const dir = this.spoolDir();
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names.filter((n) => n.startsWith(SPOOL_PREFIX))) {
      const path = join(dir, name);
      const info = await stat(path).catch(() => undefined);
      if (info && Date.now() - info.mtimeMs > maxAgeMs) await rm(path, { force: true });
    }
  }

  private spoolDir(): string {
    return this.options.spoolDir ?? tmpdir();
  }

  private get callTimeoutMs(): number {
    return this.options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
  }

  private get transferTimeoutMs(): number {
    return this.options.transferTimeoutMs ?? DEFAULT_TRANSFER_TIMEOUT_MS;
  }

  /**
   * One request to the store, under a deadline (callTimeoutMs unless given): a hung store
   * becomes a StorageTimeoutError and an unreachable or failing one a StorageUnavailableError,
   * never a wait without end. The store's own refusals (no such key, access denied) pass as they are.
   */
  private async call<T>(
    operation: string,
    send: (client: S3Sdk.S3Client, sdk: typeof S3Sdk, options: SendOptions) => Promise<T>,
    ms = this.callTimeoutMs,
  ): Promise<T> {
    const { sdk, client } = this.s3;
    try {
      return await withDeadline(`S3 ${operation}`, ms, (abortSignal) => send(client, sdk, { abortSignal }));
    } catch (error) {
      if (error instanceof StorageUnavailableError || !isUnavailable(sdk, error)) throw error;
      throw new StorageUnavailableError(`S3 ${operation} failed: ${(error as Error).message}`, { cause: error });
    }
  }

  private get s3(): Connection {
    if (!this.connection) throw new Error('S3Backend used before init() or after close()');
    return this.connection;
  }

  private objectKey(key: ArtifactKey): string {
    assertKey(key);
    return this.options.prefix + keyPath(key);
  }

  async get(key: ArtifactKey): Promise<StoredArtifact | undefined> {
    const { sdk } = this.s3;
    const Key = this.objectKey(key);
    let response: S3Sdk.GetObjectCommandOutput;
    try {
      response = await this.call('GetObject', (client, sdk, options) =>
        client.send(new sdk.GetObjectCommand({ Bucket: this.options.bucket, Key }), options),
      );
    } catch (error) {
      if (error instanceof sdk.NoSuchKey) return undefined;
      throw error;
    }
    // The SDK's body type also covers browsers; in Node it is always a Readable.
    const body = response.Body as Readable;
    const meta = decodeMeta(response.Metadata, response.ContentLength);
    if (!meta) {
      body.destroy();
      return undefined;
    }
    let opened = false;
    return {
      meta,
      open: () => {
        if (opened) throw new Error('artifact body already opened');
        opened = true;
        return verifyingStream(body, new DigestCheck(keyPath(key), meta.size, meta.sha256));
      },
    };
  }

  async head(key: ArtifactKey): Promise<ArtifactMeta | undefined> {
    const response = await this.headObject(this.objectKey(key));
    return response && decodeMeta(response.Metadata, response.ContentLength);
  }

  async put(key: ArtifactKey, body: Readable, declaredSize: number, writer: WriterMeta) {
    const objectKey = this.objectKey(key);
    if (await this.headObject(objectKey)) return { outcome: 'exists' as const };
    const spoolPath = join(this.spoolDir(), `${SPOOL_PREFIX}${randomUUID()}`);
    try {
      const { sha256, size } = await spoolToFile(body, declaredSize, spoolPath, {
        reclaimUploadBuffers: this.reclaimUploadBuffers,
      });
      const meta: ArtifactMeta = { ...writer, size, sha256, createdAt: new Date().toISOString() };
      const created = await this.publishOnce(objectKey, () => this.publish(objectKey, spoolPath, meta));
      return created ? { outcome: 'created' as const, meta } : { outcome: 'exists' as const };
    } finally {
      await rm(spoolPath, { force: true });
    }
  }

  /** Runs `publication` after any other of the same key has settled: one at a time per key. */
  private async publishOnce(objectKey: string, publication: () => Promise<boolean>): Promise<boolean> {
    const previous = this.publishing.get(objectKey);
    const mine = (previous ?? Promise.resolve()).catch(() => undefined).then(publication);
    this.publishing.set(objectKey, mine);
    try {
      return await mine;
    } finally {
      if (this.publishing.get(objectKey) === mine) this.publishing.delete(objectKey);
    }
  }

  /** Puts a spooled upload as the object, unless it exists by now: true when this one was stored. */
  private async publish(objectKey: string, spoolPath: string, meta: ArtifactMeta): Promise<boolean> {
    if (await this.headObject(objectKey)) return false;
    const { sdk } = this.s3;
    const upload = createReadStream(spoolPath);
    try {
      await this.call(
        'PutObject',
        (client, sdk, options) =>
          client.send(
            new sdk.PutObjectCommand({
              Bucket: this.options.bucket,
              Key: objectKey,
              Body: upload,
              ContentLength: meta.size,
              // A checksum we supply lets S3 verify the bytes against the hash the client was promised, and keeps the
              // SDK from computing its own with aws-chunked framing, which simpler S3-compatible stores save verbatim.
              ChecksumSHA256: Buffer.from(meta.sha256, 'hex').toString('base64'),
              IfNoneMatch: '*',
              Metadata: encodeMeta(meta),
            }),
            options,
          ),
        this.transferTimeoutMs,
      );
      return true;
    } catch (error) {
      if (isWriteConflict(sdk, error)) return false;
      throw error;
    } finally {
      upload.destroy();
    }
  }

  async delete(key: ArtifactKey): Promise<boolean> {
    const objectKey = this.objectKey(key);
    if (!(await this.headObject(objectKey))) return false;
    await this.call('DeleteObject', (client, sdk, options) =>
      client.send(new sdk.DeleteObjectCommand({ Bucket: this.options.bucket, Key: objectKey }), options),
    );
    return true;
  }

  async getGreen(namespace: string, branch: string): Promise<GreenRecord | undefined> {
    const { sdk } = this.s3;
    const Key = this.options.prefix + greenPath(namespace, branch);
    try {
      const response = await this.call('GetObject', (client, sdk, options) =>
        client.send(new sdk.GetObjectCommand({ Bucket: this.options.bucket, Key }), options),
      );
      const text = (await response.Body?.transformToString('utf-8')) ?? '';
      return parseGreenRecord(text);
    } catch (error) {
      if (error instanceof sdk.NoSuchKey) return undefined;
      throw error;
    }
  }

  async putGreen(namespace: string, record: GreenRecord): Promise<void> {
    const Key = this.options.prefix + greenPath(namespace, record.branch);
    const Body = JSON.stringify(record);
    // A PutObject replaces the object whole: readers see the old record or the new one.
    await this.call('PutObject', (client, sdk, options) =>
      client.send(
        new sdk.PutObjectCommand({ Bucket: this.options.bucket, Key, Body, ContentType: 'application/json' }),
        options,
      ),
    );
  }

  async *list(): AsyncIterable<ListedArtifact> {
    const { bucket, prefix } = this.options;
    let continuationToken: string | undefined;
    do {
      const ContinuationToken = continuationToken;
      // A page names up to 1,000 objects: a transfer, not a quick call.
      const page = await this.call(
        'ListObjectsV2',
        (client, sdk, options) =>
          client.send(new sdk.ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken }), options),
        this.transferTimeoutMs,
      );
      for (const object of page.Contents ?? []) {
        const key = object.Key && parseKeyPath(object.Key.slice(prefix.length));
        if (key) yield { key, size: object.Size ?? 0, createdAt: object.LastModified?.getTime() ?? 0 };
      }
      continuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (continuationToken);
  }

  async ping(): Promise<void> {
    await this.call('HeadBucket', (client, sdk, options) =>
      client.send(new sdk.HeadBucketCommand({ Bucket: this.options.bucket }), options),
    );
  }

  async close(): Promise<void> {
    this.connection?.client.destroy();
    this.connection = undefined;
  }

  /** The object's headers, or undefined when it does not exist. */
  private async headObject(objectKey: string): Promise<S3Sdk.HeadObjectCommandOutput | undefined> {
    const { sdk } = this.s3;
    try {
      return await this.call('HeadObject', (client, sdk, options) =>
        client.send(new sdk.HeadObjectCommand({ Bucket: this.options.bucket, Key: objectKey }), options),
      );
    } catch (error) {
      // A HEAD response has no body, so its status is all there is: a missing bucket reads as a missing key too.
      if (error instanceof sdk.S3ServiceException && error.$metadata.httpStatusCode === 404) return undefined;
      throw error;
    }
  }
}

/**
 * The store cannot serve now: no answer, no connection, or a failure on its side (5xx). Its
 * refusals of the request itself (4xx: no such bucket, access denied) are configuration errors.
 */
function isUnavailable(sdk: typeof S3Sdk, error: unknown): boolean {
  if (error instanceof sdk.S3ServiceException) return (error.$metadata.httpStatusCode ?? 500) >= 500;
  // Missing credentials are a configuration error too; anything else (refused, reset, timed out) is the network.
  return error instanceof Error && error.name !== 'CredentialsProviderError';
}

/** 412: the key was written since our HEAD. 409: a concurrent conditional write of it is in flight. */
function isWriteConflict(sdk: typeof S3Sdk, error: unknown): boolean {
  return (
    error instanceof sdk.S3ServiceException &&
    (error.$metadata.httpStatusCode === 412 || error.name === 'ConditionalRequestConflict')
  );
}

/**
 * User metadata travels as HTTP headers, which carry only printable ASCII and
 * lose surrounding spaces, while token names and client facts may hold
 * anything: every other character (and '%') is percent-encoded.
 */
function headerSafe(value: string): string {
  return value.replace(/[^\x21-\x7e]|%/gu, (char) => encodeURIComponent(char));
}

function encodeMeta(meta: ArtifactMeta): Record<string, string> {
  const fields: Record<string, string | undefined> = {
    size: String(meta.size),
    sha256: meta.sha256,
    createdat: meta.createdAt,
    writer: meta.writer,
    durationms: meta.durationMs === undefined ? undefined : String(meta.durationMs),
    tag: meta.tag,
    client: meta.client && JSON.stringify(meta.client),
  };
  const metadata: Record<string, string> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (value !== undefined) metadata[name] = headerSafe(value);
  }
  return metadata;
}

/**
 * Undefined for an object this backend did not write (no or broken metadata)
 * or whose length disagrees with it: never serve what cannot be vouched for.
 */
function decodeMeta(
  metadata: Record<string, string> | undefined,
  contentLength: number | undefined,
): ArtifactMeta | undefined {
  try {
    const field = (name: string) => {
      const value = metadata?.[name];
      return value === undefined ? undefined : decodeURIComponent(value);
    };
    const [size, sha256, createdAt, writer] = [
      Number(field('size')),
      field('sha256'),
      field('createdat'),
      field('writer'),
    ];
    if (size !== contentLength || !sha256 || !/^[0-9a-f]{64}$/.test(sha256) || !createdAt || writer === undefined) {
      return undefined;
    }
    const [durationMs, tag, client] = [field('durationms'), field('tag'), field('client')];
    return {
      size,
      sha256,
      createdAt,
      writer,
      ...(durationMs === undefined ? {} : { durationMs: Number(durationMs) }),
      ...(tag === undefined ? {} : { tag }),
      ...(client === undefined ? {} : { client: JSON.parse(client) as Record<string, string> }),
    };
  } catch {
    return undefined;
  }
}

/**
 * The cache server's bundle loads the SDK from a separate CommonJS file, whose
 * exports a dynamic import presents as `default` only.
 */
function sdkExports(loaded: typeof S3Sdk | { default: typeof S3Sdk }): typeof S3Sdk {
  return 'S3Client' in loaded ? loaded : loaded.default;
}
