import { randomBytes } from 'node:crypto';
import { fstatSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, get, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOUBLE_BUFFERED_DOWNLOADS, SEND_CHUNK_BYTES, SendChunkPool, sendFile } from './send-file';

const dir = mkdtempSync(join(tmpdir(), 'paved-send-file-'));
/** What the server's sendFile settled with, per request path. */
const outcomes = new Map<string, Promise<unknown>>();
let server: Server;
let origin: string;
/** Shared by every download, as in the shipped server: what one download gives back, the next one reads into. */
const chunkPool = new SendChunkPool(256);

/** Serves /<name>?size=<n>: the first n bytes of the file, declared as n bytes long. */
beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const fd = openSync(join(dir, url.pathname.slice(1)), 'r');
    const size = Number(url.searchParams.get('size') ?? fstatSync(fd).size);
    res.writeHead(200, { 'content-length': size });
    const sent = sendFile(fd, size, res, { chunkPool });
    outcomes.set(
      req.url ?? '',
      sent.then(
        () => 'sent',
        (error: unknown) => error,
      ),
    );
    sent.catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

function download(path: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    get(`${origin}${path}`, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve(Buffer.concat(chunks)));
      res.on('error', reject);
    }).on('error', reject);
  });
}

describe('sendFile', () => {
  it('sends a whole file through one chunk while DOUBLE_BUFFERED_DOWNLOADS others are in progress', async () => {
    const others = Array.from({ length: DOUBLE_BUFFERED_DOWNLOADS }, () => chunkPool.forDownload());
    try {
      const body = randomBytes(5 * SEND_CHUNK_BYTES + 3);
      writeFileSync(join(dir, 'single'), body);
      expect((await download('/single')).equals(body)).toBe(true);
      expect(await outcomes.get('/single')).toBe('sent');
    } finally {
      for (const chunks of others) chunkPool.downloadDone(chunks, true);
    }
  });

  it.each([0, 1, SEND_CHUNK_BYTES, SEND_CHUNK_BYTES + 1, 3 * SEND_CHUNK_BYTES + 5, 10 * 1024 * 1024])(
    'sends exactly the %i bytes of a file',
    async (size) => {
      const body = randomBytes(size);
      writeFileSync(join(dir, `f${size}`), body);
      expect((await download(`/f${size}`)).equals(body)).toBe(true);
      expect(await outcomes.get(`/f${size}`)).toBe('sent');
    },
  );

  it('keeps pooled chunks apart: concurrent downloads each get their own bytes', async () => {
    const bodies = Array.from({ length: 12 }, (_, index) => randomBytes(2 * SEND_CHUNK_BYTES + index * 977));
    bodies.forEach((body, index) => writeFileSync(join(dir, `c${index}`), body));
    const received = await Promise.all(bodies.map((_, index) => download(`/c${index}`)));
    received.forEach((bytes, index) => expect(bytes.equals(bodies[index])).toBe(true));
  });

  it('settles with a premature-close error when the client hangs up, and the next download is whole', async () => {
    const body = randomBytes(32 * 1024 * 1024);
    writeFileSync(join(dir, 'large'), body);
    await new Promise<void>((resolve) => {
      const request = get(`${origin}/large`, (res) => {
        res.once('data', () => {
          request.destroy();
          resolve();
        });
      });
      request.on('error', () => undefined);
    });
    expect(await outcomes.get('/large')).toMatchObject({ code: 'ERR_STREAM_PREMATURE_CLOSE' });
    expect((await download('/c3')).length).toBe(2 * SEND_CHUNK_BYTES + 3 * 977);
  });

  it('fails when the file is shorter than the size it was sent as', async () => {
    writeFileSync(join(dir, 'short'), randomBytes(1000));
    await expect(download('/short?size=5000')).rejects.toThrow();
    expect(await outcomes.get('/short?size=5000')).toMatchObject({
      message: expect.stringMatching(/ended after 1000 of 5000 bytes/),
    });
  });
});

describe('SendChunkPool', () => {
  it('gives a download two chunks while at most DOUBLE_BUFFERED_DOWNLOADS are in progress, one beyond', () => {
    const pool = new SendChunkPool(0);
    const downloads = Array.from({ length: DOUBLE_BUFFERED_DOWNLOADS }, () => pool.forDownload());
    expect(downloads.map((chunks) => chunks.length)).toEqual(downloads.map(() => 2));
    const beyond = pool.forDownload();
    expect(beyond).toHaveLength(1);
    pool.downloadDone(beyond, true);
    pool.downloadDone(downloads[0], true);
    expect(pool.forDownload()).toHaveLength(2);
  });

  it('hands back the chunks given back to it, up to its capacity; a pool of 0 keeps none', () => {
    const pool = new SendChunkPool(2);
    const [first, second, third] = [pool.take(), pool.take(), pool.take()];
    [first, second, third].forEach((chunk) => pool.giveBack(chunk));
    expect(pool.take()).toBe(second);
    expect(pool.take()).toBe(first);
    expect([first, second, third]).not.toContain(pool.take());
    const unpooled = new SendChunkPool(0);
    const chunk = unpooled.take();
    expect(chunk.length).toBe(SEND_CHUNK_BYTES);
    unpooled.giveBack(chunk);
    expect(unpooled.take()).not.toBe(chunk);
  });
});
