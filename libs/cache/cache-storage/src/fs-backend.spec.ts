import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FsBackend } from './fs-backend';
import { UploadError, type ArtifactKey } from './types';

const key = (hash: string, namespace = 'main'): ArtifactKey => ({ namespace, protocol: 'nx', hash });
const writer = { writer: 'ci-main' };

async function readStored(backend: FsBackend, artifactKey: ArtifactKey): Promise<Buffer> {
  const stored = await backend.get(artifactKey);
  if (!stored) throw new Error(`${artifactKey.hash} is not stored`);
  return readBody(stored.open());
}

async function readBody(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

// With fsync every upload goes through the thread pool; without, small ones are written on the event loop.
describe.each([{ fsync: true }, { fsync: false }])('FsBackend %o', ({ fsync }) => {
  const dir = mkdtempSync(join(tmpdir(), 'paved-fs-backend-'));
  const backend = new FsBackend({ dir, fsync });
  beforeAll(() => backend.init());
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('round-trips bytes and provenance', async () => {
    const body = Buffer.from('artifact bytes');
    const { outcome, meta } = await backend.put(key('1'), Readable.from([body]), body.length, {
      ...writer,
      durationMs: 12,
      tag: 't',
    });
    expect(outcome).toBe('created');
    expect(meta).toMatchObject({
      size: body.length,
      writer: 'ci-main',
      durationMs: 12,
      tag: 't',
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect((await backend.get(key('1')))?.meta).toEqual(meta);
    expect(await readStored(backend, key('1'))).toEqual(body);
  });

  it('round-trips a multi-chunk artifact above the event-loop write limit', async () => {
    const chunks = Array.from({ length: 40 }, (_, index) => randomBytes(64 * 1024 + index));
    const body = Buffer.concat(chunks);
    const { meta } = await backend.put(key('big'), Readable.from(chunks), body.length, writer);
    expect(meta?.sha256).toBe(createHash('sha256').update(body).digest('hex'));
    // Buffer#equals: toEqual compares byte by byte and takes seconds on MBs.
    expect((await readStored(backend, key('big'))).equals(body)).toBe(true);
    expect(await backend.delete(key('big'))).toBe(true);
  });

  it('never replaces an artifact', async () => {
    const { outcome } = await backend.put(key('1'), Readable.from([Buffer.from('other')]), 5, writer);
    expect(outcome).toBe('exists');
    expect((await readStored(backend, key('1'))).toString()).toBe('artifact bytes');
  });

  it.each([
    ['shorter', [Buffer.alloc(10)], 20],
    ['longer', [Buffer.alloc(30)], 20],
  ])('refuses a body %s than declared and leaves nothing behind', async (_, chunks, declared) => {
    await expect(backend.put(key('2'), Readable.from(chunks), declared, writer)).rejects.toBeInstanceOf(UploadError);
    expect(await backend.get(key('2'))).toBeUndefined();
    expect(readdirSync(join(dir, '.tmp'))).toEqual([]);
  });

  it('refuses a body that breaks off', async () => {
    const broken = new Readable({
      read() {
        this.push(Buffer.alloc(100));
        this.destroy(new Error('socket hang up'));
      },
    });
    await expect(backend.put(key('3'), broken, 1000, writer)).rejects.toThrow(/broke off/);
    expect(await backend.get(key('3'))).toBeUndefined();
  });

  it('never serves an incomplete file, and the start-up scan removes it', async () => {
    await backend.put(key('4'), Readable.from([Buffer.alloc(1000, 1)]), 1000, writer);
    const path = join(dir, 'main', 'nx', '-', '4');
    // What a SIGKILL mid-upload (or power loss without fsync) leaves: the body without its trailer.
    truncateSync(path, statSync(path).size - 3);
    expect(await backend.get(key('4'))).toBeUndefined();
    expect(await backend.head(key('4'))).toBeUndefined();
    const listed = [];
    for await (const artifact of backend.list()) listed.push(artifact.key.hash);
    expect(listed).not.toContain('4');
    expect(existsSync(path)).toBe(false);
    expect((await backend.put(key('4'), Readable.from([Buffer.from('again')]), 5, writer)).outcome).toBe('created');
  });

  it('does not read the body of an upload to an existing name', async () => {
    const body = Readable.from([Buffer.from('unread')]);
    expect((await backend.put(key('1'), body, 6, writer)).outcome).toBe('exists');
    expect(body.readableEnded).toBe(false);
  });

  it('stores empty artifacts', async () => {
    await backend.put(key('5'), Readable.from([]), 0, writer);
    expect(await readStored(backend, key('5'))).toEqual(Buffer.alloc(0));
  });

  it('lists what it holds, deletes, and removes crash leftovers on init', async () => {
    const listed = [];
    for await (const artifact of backend.list()) listed.push(artifact.key.hash);
    expect(listed.sort()).toEqual(['1', '4', '5']);
    expect(await backend.delete(key('5'))).toBe(true);
    expect(await backend.delete(key('5'))).toBe(false);
    await backend.ping();
  });

  it('never serves through a symbolic link or from a FIFO, and never blocks on one', async () => {
    const outside = join(mkdtempSync(join(tmpdir(), 'paved-outside-')), 'secret');
    writeFileSync(outside, 'a file outside the store');
    await backend.put(key('6', 'pr-1'), Readable.from([Buffer.from('pr bytes')]), 8, writer);
    mkdirSync(join(dir, 'main', 'nx', '-'), { recursive: true });
    symlinkSync(outside, join(dir, 'main', 'nx', '-', '7'));
    symlinkSync(join(dir, 'pr-1', 'nx', '-', '6'), join(dir, 'main', 'nx', '-', '6'));
    execFileSync('mkfifo', [join(dir, 'main', 'nx', '-', '8')]);
    for (const hash of ['6', '7', '8']) {
      expect(await backend.get(key(hash))).toBeUndefined();
      expect(await backend.head(key(hash))).toBeUndefined();
    }
    const listed = [];
    for await (const artifact of backend.list()) listed.push(`${artifact.key.namespace}/${artifact.key.hash}`);
    expect(listed).toContain('pr-1/6');
    for (const linkedOrFifo of ['main/6', 'main/7', 'main/8']) expect(listed).not.toContain(linkedOrFifo);
    expect(readFileSync(outside, 'utf-8')).toBe('a file outside the store');
    rmSync(join(dir, 'main', 'nx', '-', '6'));
    rmSync(join(dir, 'main', 'nx', '-', '7'));
    rmSync(join(dir, 'main', 'nx', '-', '8'), { force: true });
    await backend.delete(key('6', 'pr-1'));
  });

  it('rejects keys that could escape its folder', async () => {
    await expect(backend.get(key('../../etc/passwd'))).rejects.toThrow(/invalid artifact key/);
    await expect(backend.get({ ...key('1'), namespace: '..' })).rejects.toThrow(/invalid artifact key/);
  });
});
