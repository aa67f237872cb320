import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3Backend, type S3BackendOptions } from './s3-backend';
import { UploadError, type ArtifactKey, type WriterMeta } from './types';

interface S3rverOptions {
  port: number;
  address: string;
  directory: string;
  silent: boolean;
  configureBuckets: { name: string }[];
}

interface S3rver {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}

// s3rver ships no type declarations, so it is loaded untyped and described above.
const S3rver = createRequire(import.meta.url)('s3rver') as new (options: S3rverOptions) => S3rver;

const bucket = 'paved-cache';
const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
const writer: WriterMeta = { writer: 'ci' };

async function startS3rver(directory: string): Promise<{ server: S3rver; endpoint: string }> {
  const server = new S3rver({
    port: 0,
    address: '127.0.0.1',
    directory,
    silent: true,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();
  return { server, endpoint: `http://127.0.0.1:${port}` };
}

function artifactKey(hash: string, overrides: Partial<ArtifactKey> = {}): ArtifactKey {
  return { namespace: 'main', protocol: 'nx', hash, ...overrides };
}

/** Streams `bytes` in 64 KiB chunks, as an HTTP request body arrives. */
function bodyOf(bytes: Buffer): Readable {
  const chunkSize = 64 * 1024;
  return Readable.from(
    (function* () {
      for (let offset = 0; offset < bytes.length; offset += chunkSize) yield bytes.subarray(offset, offset + chunkSize);
    })(),
  );
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function sha256Of(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

describe('S3Backend against s3rver', () => {
  let workDir: string;
  let spoolDir: string;
  let server: S3rver;
  let endpoint: string;
  let backend: S3Backend;
  const backends: S3Backend[] = [];

  async function createBackend(overrides: Partial<S3BackendOptions> = {}): Promise<S3Backend> {
    const created = new S3Backend({
      bucket,
      region: 'us-east-1',
      endpoint,
      forcePathStyle: true,
      prefix: '',
      spoolDir,
      ...credentials,
      ...overrides,
    });
    await created.init();
    backends.push(created);
    return created;
  }

  async function expectSpoolDirEmpty(): Promise<void> {
    expect(await readdir(spoolDir)).toEqual([]);
  }

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'paved-s3-backend-'));
    spoolDir = join(workDir, 'spool');
    await mkdir(spoolDir);
    ({ server, endpoint } = await startS3rver(join(workDir, 's3rver')));
    backend = await createBackend({ prefix: 'artifacts/' });
  });

  afterAll(async () => {
    await Promise.all(backends.map((created) => created.close()));
    await server.close();
    await rm(workDir, { recursive: true, force: true });
  });

  it('round-trips bytes and metadata', async () => {
    const bytes = Buffer.from('compiled output');
    const meta = {
      writer: 'Jürgen 100% ✓',
      durationMs: 1234,
      tag: 'c2lnbmF0dXJl+/=',
      client: { sha: 'abc123', userAgent: 'nx/21 (linux; "quoted")' },
    };

    const result = await backend.put(artifactKey('round-trip'), bodyOf(bytes), bytes.length, meta);

    expect(result.outcome).toBe('created');
    expect(result.meta).toEqual({
      ...meta,
      size: bytes.length,
      sha256: sha256Of(bytes),
      createdAt: expect.any(String),
    });
    expect(Date.parse(result.meta?.createdAt ?? '')).toBeGreaterThan(Date.now() - 60_000);
    const stored = await backend.get(artifactKey('round-trip'));
    expect(stored?.meta).toEqual(result.meta);
    expect(await readAll(stored?.open() ?? Readable.from([]))).toEqual(bytes);
    expect(() => stored?.open()).toThrow('already opened');
    expect(await backend.head(artifactKey('round-trip'))).toEqual(result.meta);
    await expectSpoolDirEmpty();
  });

  it('streams a 3 MiB body in and out', async () => {
    const bytes = randomBytes(3 * 1024 * 1024);

    const result = await backend.put(artifactKey('three-mib'), bodyOf(bytes), bytes.length, writer);

    expect(result.meta).toMatchObject({ size: bytes.length, sha256: sha256Of(bytes) });
    const stored = await backend.get(artifactKey('three-mib'));
    const body = stored?.open();
    expect(body).toBeInstanceOf(Readable);
    // Buffer.equals, not toEqual: a deep comparison of 3 MiB byte by byte takes seconds.
    expect((await readAll(body ?? Readable.from([]))).equals(bytes)).toBe(true);
  });

  it('stores an empty artifact', async () => {
    await backend.put(artifactKey('empty'), bodyOf(Buffer.alloc(0)), 0, writer);

    const stored = await backend.get(artifactKey('empty'));
    expect(stored?.meta).toMatchObject({ size: 0, sha256: sha256Of(Buffer.alloc(0)) });
    expect(await readAll(stored?.open() ?? Readable.from(['missing']))).toEqual(Buffer.alloc(0));
  });

  it('never replaces an artifact, and leaves the second body unread', async () => {
    const first = Buffer.from('first');
    const second = bodyOf(Buffer.from('second'));
    await backend.put(artifactKey('write-once'), bodyOf(first), first.length, writer);

    const result = await backend.put(artifactKey('write-once'), second, 6, { writer: 'intruder' });

    expect(result).toEqual({ outcome: 'exists' });
    expect(second.readableDidRead).toBe(false);
    second.destroy();
    const stored = await backend.get(artifactKey('write-once'));
    expect(stored?.meta.writer).toBe('ci');
    expect(await readAll(stored?.open() ?? Readable.from([]))).toEqual(first);
    await expectSpoolDirEmpty();
  });

  it.each([
    { problem: 'shorter than declared', hash: 'short', body: () => bodyOf(Buffer.alloc(10)) },
    { problem: 'longer than declared', hash: 'long', body: () => bodyOf(Buffer.alloc(30)) },
    {
      problem: 'broken off',
      hash: 'broken',
      body: () =>
        Readable.from(
          (async function* () {
            yield Buffer.alloc(10);
            throw new Error('connection reset');
          })(),
        ),
    },
  ])('rejects a body $problem with UploadError and stores nothing', async ({ hash, body }) => {
    await expect(backend.put(artifactKey(hash), body(), 20, writer)).rejects.toBeInstanceOf(UploadError);

    expect(await backend.head(artifactKey(hash))).toBeUndefined();
    expect(await backend.get(artifactKey(hash))).toBeUndefined();
    await expectSpoolDirEmpty();
  });

  it('returns undefined for get and head of a missing key', async () => {
    expect(await backend.get(artifactKey('missing'))).toBeUndefined();
    expect(await backend.head(artifactKey('missing'))).toBeUndefined();
  });

  it('deletes an artifact and reports whether it existed', async () => {
    const bytes = Buffer.from('doomed');
    await backend.put(artifactKey('doomed'), bodyOf(bytes), bytes.length, writer);

    expect(await backend.delete(artifactKey('doomed'))).toBe(true);
    expect(await backend.get(artifactKey('doomed'))).toBeUndefined();
    expect(await backend.delete(artifactKey('doomed'))).toBe(false);
  });

  it('lists exactly the artifacts under its prefix, skipping foreign objects', async () => {
    const listed = await createBackend({ prefix: 'list/' });
    const keys = [
      artifactKey('aaa'),
      artifactKey('bbb', { namespace: 'pr-7' }),
      artifactKey('ccc', { protocol: 'turbo', team: 'team_1' }),
    ];
    for (const key of keys) await listed.put(key, bodyOf(Buffer.from(key.hash)), key.hash.length, writer);
    const client = new S3Client({ region: 'us-east-1', endpoint, forcePathStyle: true, credentials });
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'list/README.txt', Body: 'not an artifact' }));
    client.destroy();

    const items = [];
    for await (const item of listed.list()) items.push(item);

    expect(items.map((item) => item.key)).toEqual(expect.arrayContaining(keys));
    expect(items).toHaveLength(keys.length);
    for (const item of items) {
      expect(item.size).toBe(3);
      expect(item.createdAt).toBeGreaterThan(Date.now() - 60_000);
    }
  });

  it('stores green records beside the artifacts, replacing each on the next green run, listed as no artifact', async () => {
    const store = await createBackend({ prefix: 'green/' });
    const recordOf = (sha: string) => ({
      branch: 'release/2.x',
      sha,
      recordedAt: '2026-12-03T00:00:00.000Z',
      writer: 'ci',
    });
    expect(await store.getGreen('main', 'release/2.x')).toBeUndefined();
    await store.putGreen('main', recordOf('1'.repeat(64)));
    await store.putGreen('main', recordOf('2'.repeat(64)));
    expect(await store.getGreen('main', 'release/2.x')).toEqual(recordOf('2'.repeat(64)));
    expect(await (await createBackend({ prefix: 'other/' })).getGreen('main', 'release/2.x')).toBeUndefined();
    const items = [];
    for await (const item of store.list()) items.push(item);
    expect(items).toEqual([]);
  });

  it('isolates keys by prefix', async () => {
    const tenantA = await createBackend({ prefix: 'tenant-a/' });
    const tenantB = await createBackend({ prefix: 'tenant-b/' });
    await tenantA.put(artifactKey('shared'), bodyOf(Buffer.from('from a')), 6, writer);

    expect(await tenantB.head(artifactKey('shared'))).toBeUndefined();
    const listedByB = [];
    for await (const item of tenantB.list()) listedByB.push(item);
    expect(listedByB).toEqual([]);
    expect((await tenantB.put(artifactKey('shared'), bodyOf(Buffer.from('from b')), 6, writer)).outcome).toBe(
      'created',
    );
    const storedByA = await tenantA.get(artifactKey('shared'));
    expect(await readAll(storedByA?.open() ?? Readable.from([]))).toEqual(Buffer.from('from a'));
  });

  it('pings a reachable bucket', async () => {
    await expect(backend.ping()).resolves.toBeUndefined();
  });

  it('throws rather than reporting a miss when the bucket does not exist', async () => {
    const wrongBucket = await createBackend({ bucket: 'no-such-bucket' });

    await expect(wrongBucket.ping()).rejects.toThrow();
    await expect(wrongBucket.get(artifactKey('round-trip'))).rejects.toThrow('bucket does not exist');
  });

  it('throws rather than reporting a miss when the server is down', async () => {
    const stopped = await startS3rver(join(workDir, 'stopped'));
    const unreachable = await createBackend({ endpoint: stopped.endpoint });
    await stopped.server.close();

    await expect(unreachable.ping()).rejects.toThrow('ECONNREFUSED');
    await expect(unreachable.get(artifactKey('round-trip'))).rejects.toThrow('ECONNREFUSED');
    await expect(unreachable.head(artifactKey('round-trip'))).rejects.toThrow('ECONNREFUSED');
  });

  // s3rver ignores If-None-Match on PUT; this stands in for S3 or MinIO losing a race to another writer.
  it('reports exists when a store honouring If-None-Match refuses the write', async () => {
    const ifNoneMatchHeaders: (string | undefined)[] = [];
    const racingStore = createServer((request, response) => {
      if (request.method === 'HEAD') {
        response.writeHead(404).end();
        return;
      }
      ifNoneMatchHeaders.push(request.headers['if-none-match']);
      request.resume();
      request.on('end', () => {
        response
          .writeHead(412, { 'content-type': 'application/xml' })
          .end(
            '<Error><Code>PreconditionFailed</Code><Message>At least one of the pre-conditions you specified did not hold</Message></Error>',
          );
      });
    });
    await new Promise<void>((resolve) => racingStore.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = racingStore.address() as AddressInfo;
      const racing = await createBackend({ endpoint: `http://127.0.0.1:${port}` });

      const result = await racing.put(artifactKey('raced'), bodyOf(Buffer.from('late')), 4, writer);

      expect(result).toEqual({ outcome: 'exists' });
      expect(ifNoneMatchHeaders).toEqual(['*']);
      await expectSpoolDirEmpty();
    } finally {
      racingStore.closeAllConnections();
      await new Promise((resolve) => racingStore.close(resolve));
    }
  });
});
