import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  rmSync,
  statSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
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

function sha256Of(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function until(condition: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < 500 && !condition(); attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  if (!condition()) throw new Error('condition never held');
}

async function readBody(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Files in the upload folder holding bytes: uploads under way or left behind (files created ahead are empty). */
function uploadsIn(dir: string): string[] {
  const tmp = join(dir, '.tmp');
  return readdirSync(tmp).filter((name) => statSync(join(tmp, name)).size > 0);
}

/** What the shipped server turns on (apps/cache-server), with limits small enough for these artifacts to cross. */
const shippedTuning = {
  syncWriteMaxBytes: 1024 * 1024,
  pooledSendChunks: 4,
  spoolFilesAhead: 2,
  reclaimUploadBuffersEveryBytes: 1024 * 1024,
};
// Uploads go through the thread pool, unless the tuning has small ones written on the event loop (never with fsync).
const variants = [
  { fsync: true },
  { fsync: false },
  { fsync: true, tuning: shippedTuning },
  { fsync: false, tuning: shippedTuning },
];

describe('FsBackend with upload files created ahead', () => {
  const dir = mkdtempSync(join(tmpdir(), 'paved-fs-ahead-'));
  const backend = new FsBackend({ dir, tuning: { spoolFilesAhead: 3 } });
  beforeAll(() => backend.init());
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps that many empty files ready, writes uploads into them, and still leaves no upload behind', async () => {
    const bodies = [randomBytes(1000), randomBytes(70_000), randomBytes(10)];
    await backend.put(key('ahead-0'), Readable.from([bodies[0]]), bodies[0].length, writer);
    await until(() => readdirSync(join(dir, '.tmp')).length === 3);
    const ahead = readdirSync(join(dir, '.tmp'));
    await Promise.all(
      bodies
        .slice(1)
        .map((body, index) => backend.put(key(`ahead-${index + 1}`), Readable.from([body]), body.length, writer)),
    );
    for (const [index, body] of bodies.entries())
      expect(await readStored(backend, key(`ahead-${index}`))).toEqual(body);
    // The later uploads took files made ahead, and new ones took their place.
    await until(() => readdirSync(join(dir, '.tmp')).length === 3);
    expect(readdirSync(join(dir, '.tmp')).filter((name) => ahead.includes(name)).length).toBeLessThan(3);
    await expect(
      backend.put(key('ahead-short'), Readable.from([Buffer.from('abc')]), 5, writer),
    ).rejects.toBeInstanceOf(UploadError);
    expect(uploadsIn(dir)).toEqual([]);
  });
});

describe.each(variants)('FsBackend %o', ({ fsync, tuning }) => {
  const dir = mkdtempSync(join(tmpdir(), 'paved-fs-backend-'));
  const backend = new FsBackend({ dir, fsync, tuning });
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
    expect(meta?.sha256).toBe(sha256Of(body));
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
    expect(uploadsIn(dir)).toEqual([]);
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

  it('never serves a shortened record, and the start-up scan removes it', async () => {
    await backend.put(key('4'), Readable.from([Buffer.alloc(1000, 1)]), 1000, writer);
    const path = join(dir, 'main', 'nx', '-', '4');
    // What power loss without fsync may leave: a prefix of the record.
    truncateSync(path, statSync(path).size - 3);
    expect(await backend.get(key('4'))).toBeUndefined();
    expect(await backend.head(key('4'))).toBeUndefined();
    const listed = [];
    for await (const artifact of backend.list()) listed.push(artifact.key.hash);
    expect(listed).not.toContain('4');
    expect(existsSync(path)).toBe(false);
    expect((await backend.put(key('4'), Readable.from([Buffer.from('again')]), 5, writer)).outcome).toBe('created');
  });

  it('shows no name while an upload streams in, and a body carrying a forged record is only ever its own bytes', async () => {
    // An older format's trailer (metadata JSON, u32 length, magic) at the end of the first bytes of an upload.
    const forgedMeta = Buffer.from(
      JSON.stringify({ size: 100, sha256: 'f'.repeat(64), createdAt: '2020', writer: 'x' }),
    );
    const length = Buffer.alloc(4);
    length.writeUInt32BE(forgedMeta.length);
    const prefix = Buffer.concat([Buffer.alloc(100, 7), forgedMeta, length, Buffer.from('PVC1')]);
    const rest = randomBytes(5000);
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const body = Readable.from(
      (async function* () {
        yield prefix;
        await held;
        yield rest;
      })(),
    );
    const upload = backend.put(key('forged'), body, prefix.length + rest.length, writer);
    const path = join(dir, 'main', 'nx', '-', 'forged');
    await until(() => uploadsIn(dir).length > 0);
    expect(existsSync(path)).toBe(false);
    expect(await backend.get(key('forged'))).toBeUndefined();
    release();
    expect((await upload).outcome).toBe('created');
    const stored = await backend.get(key('forged'));
    expect(stored?.meta).toMatchObject({ size: prefix.length + rest.length, writer: 'ci-main' });
    expect((await readStored(backend, key('forged'))).equals(Buffer.concat([prefix, rest]))).toBe(true);
    if (stored) stored.open().destroy();
  });

  it('discards records of the older trailer format at start-up', async () => {
    const oldDir = join(dir, 'old', 'nx', '-');
    mkdirSync(oldDir, { recursive: true });
    const json = Buffer.from(
      JSON.stringify({
        size: 3,
        sha256: sha256Of(Buffer.from('old')),
        createdAt: new Date().toISOString(),
        writer: 'w',
      }),
    );
    const length = Buffer.alloc(4);
    length.writeUInt32BE(json.length);
    writeFileSync(join(oldDir, '9'), Buffer.concat([Buffer.from('old'), json, length, Buffer.from('PVC1')]));
    expect(await backend.get(key('9', 'old'))).toBeUndefined();
    const listed = [];
    for await (const artifact of backend.list()) listed.push(`${artifact.key.namespace}/${artifact.key.hash}`);
    expect(listed).not.toContain('old/9');
    expect(existsSync(join(oldDir, '9'))).toBe(false);
  });

  it.each(['open', 'sendTo'] as const)(
    'a body changed on disk fails its digest check (%s) before its last byte is handed out',
    async (how) => {
      const body = randomBytes(3 * 64 * 1024 + 17);
      await backend.put(key(`flip-${how}`), Readable.from([body]), body.length, writer);
      const path = join(dir, 'main', 'nx', '-', `flip-${how}`);
      const record = readFileSync(path);
      record[record.length - 1000] ^= 0xff;
      writeFileSync(path, record);
      const stored = await backend.get(key(`flip-${how}`));
      if (!stored?.sendTo) throw new Error('not stored');
      const received: Buffer[] = [];
      const sink = new Writable({
        write(chunk: Buffer, _encoding, done) {
          received.push(chunk);
          done();
        },
      });
      const sent = how === 'open' ? pipeline(stored.open(), sink) : stored.sendTo(sink);
      await expect(sent).rejects.toMatchObject({ code: 'PAVED-320', name: 'CorruptArtifactError' });
      expect(Buffer.concat(received).length).toBeLessThan(body.length);
    },
  );

  it.each(['open', 'sendTo', 'verify'] as const)(
    'a body that verified on an earlier read is checked again once its file changed in place (%s)',
    async (how) => {
      const body = randomBytes(2 * 64 * 1024 + 5);
      const artifactKey = key(`again-${how}`);
      await backend.put(artifactKey, Readable.from([body]), body.length, writer);
      const firstRead = await backend.get(artifactKey);
      if (!firstRead) throw new Error('not stored');
      await firstRead.verify?.();
      expect(await readBody(firstRead.open())).toEqual(body);
      expect(await readStored(backend, artifactKey)).toEqual(body);

      // One byte rewritten through an open descriptor: same inode, same length.
      const fd = openSync(join(dir, 'main', 'nx', '-', `again-${how}`), 'r+');
      const position = fstatSync(fd).size - 7;
      const byte = Buffer.alloc(1);
      readSync(fd, byte, 0, 1, position);
      byte[0] ^= 0x01;
      writeSync(fd, byte, 0, 1, position);
      closeSync(fd);

      const stored = await backend.get(artifactKey);
      if (!stored?.sendTo || !stored.verify) throw new Error('not stored');
      const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
      const read =
        how === 'verify' ? stored.verify() : how === 'open' ? pipeline(stored.open(), sink) : stored.sendTo(sink);
      await expect(read).rejects.toMatchObject({ code: 'PAVED-320' });
      await backend.delete(artifactKey);
    },
  );

  it('verifies a body for concurrent first reads at once, and fails each of them if it does not match', async () => {
    const body = randomBytes(300 * 1024);
    const good = key('concurrent-good');
    const bad = key('concurrent-bad');
    await backend.put(good, Readable.from([body]), body.length, writer);
    await backend.put(bad, Readable.from([body]), body.length, writer);
    const badPath = join(dir, 'main', 'nx', '-', 'concurrent-bad');
    const record = readFileSync(badPath);
    record[record.length - 1] ^= 0xff;
    writeFileSync(badPath, record);

    const readers = await Promise.all(Array.from({ length: 8 }, () => backend.get(good)));
    const badReaders = await Promise.all(Array.from({ length: 8 }, () => backend.get(bad)));
    // Concurrent first reads share one hash pass (VerifiedBodies.verifyOnce): each learns its outcome.
    const outcomes = await Promise.allSettled([...readers, ...badReaders].map((stored) => stored?.verify?.()));
    expect(outcomes.slice(0, 8).every((outcome) => outcome.status === 'fulfilled')).toBe(true);
    expect(
      outcomes.slice(8).map((outcome) => (outcome.status === 'rejected' ? outcome.reason.code : 'served')),
    ).toEqual(Array.from({ length: 8 }, () => 'PAVED-320'));
    // A reader that shared a pass sends without hashing again, and what it sends is the body.
    if (!readers[7]) throw new Error('not stored');
    expect(await readBody(readers[7].open())).toEqual(body);
    for (const stored of [...readers.slice(0, 7), ...badReaders]) stored?.open().destroy();
    await backend.delete(good);
    await backend.delete(bad);
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

  it('replaces a green record whole, keeps branches apart, and never follows a link at its name', async () => {
    const green = (sha: string, branch = 'main') => ({
      branch,
      sha,
      recordedAt: new Date(0).toISOString(),
      writer: 'ci',
    });
    expect(await backend.getGreen('main', 'main')).toBeUndefined();
    await backend.putGreen('main', green('a'.repeat(40)));
    await backend.putGreen('main', green('b'.repeat(40)));
    await backend.putGreen('main', green('c'.repeat(40), 'release/1.x'));
    expect((await backend.getGreen('main', 'main'))?.sha).toBe('b'.repeat(40));
    expect((await backend.getGreen('main', 'release/1.x'))?.sha).toBe('c'.repeat(40));
    expect(await backend.getGreen('pr-1', 'main')).toBeUndefined();
    // A record is no artifact: the start-up scan neither lists nor removes it.
    for await (const listed of backend.list()) expect(listed.key.protocol).not.toBe('paved');
    expect((await backend.getGreen('main', 'main'))?.sha).toBe('b'.repeat(40));
    // A link planted at a record's name is no record, and the next green run replaces the link, not its target.
    const outside = join(dir, '..', `outside-${randomBytes(4).toString('hex')}.json`);
    writeFileSync(outside, JSON.stringify(green('d'.repeat(40), 'dev')));
    mkdirSync(join(dir, 'main', 'paved', 'green'), { recursive: true });
    symlinkSync(outside, join(dir, 'main', 'paved', 'green', 'dev.json'));
    expect(await backend.getGreen('main', 'dev')).toBeUndefined();
    await backend.putGreen('main', green('e'.repeat(40), 'dev'));
    expect((await backend.getGreen('main', 'dev'))?.sha).toBe('e'.repeat(40));
    expect(JSON.parse(readFileSync(outside, 'utf-8')).sha).toBe('d'.repeat(40));
    rmSync(outside);
  });

  it('lists what it holds, deletes, and removes crash leftovers on init', async () => {
    const listed = [];
    for await (const artifact of backend.list()) listed.push(artifact.key.hash);
    expect(listed.sort()).toEqual(['1', '4', '5', 'flip-open', 'flip-sendTo', 'forged']);
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
