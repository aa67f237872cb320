/**
 * The cache server against clients that cost it: uploads without a valid token (chunked, slow
 * drip, `Expect: 100-continue`), uploads that stall, and what /metrics tells a stranger. Raw
 * sockets, so the test sees exactly what the server sends and when it closes; every loop is
 * bounded.
 */
import { cacheConfigSchema, hashToken } from '@paved/cache-config';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CacheServer } from './server';

const tokens = { main: 'tok-main', scraper: 'tok-scraper', admin: 'tok-admin' };
const MiB = 1024 * 1024;

let dir: string;
let server: CacheServer;
let port: number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'paved-cache-hostile-'));
  const config = cacheConfigSchema.parse({
    port: 0,
    logLevel: 'silent',
    storage: { type: 'fs', dir },
    timeouts: { uploadIdleMs: 300 },
    tokens: [
      { name: 'ci-main', sha256: hashToken(tokens.main), read: ['main'], write: 'main' },
      { name: 'prometheus', sha256: hashToken(tokens.scraper), read: [], metrics: true },
      { name: 'ops', sha256: hashToken(tokens.admin), read: ['*'], admin: true },
    ],
  });
  server = await CacheServer.create({ config, sweepIntervalMs: 0 });
  port = Number(new URL(await server.listen()).port);
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A raw connection: what the server sent, whether it closed, and whether writing failed. */
interface RawConnection {
  socket: Socket;
  received(): string;
  /** Resolves once `text` has arrived. */
  waitFor(text: string): Promise<void>;
  /** Resolves once the server has closed (or reset) the connection. */
  closed: Promise<void>;
  isClosed(): boolean;
}

function rawConnection(head: string): Promise<RawConnection> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    let closed = false;
    const waiters: (() => void)[] = [];
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('latin1');
      waiters.forEach((check) => check());
    });
    socket.on('error', () => undefined);
    const closedPromise = new Promise<void>((done) =>
      socket.once('close', () => {
        closed = true;
        waiters.forEach((check) => check());
        done();
      }),
    );
    socket.once('connect', () => {
      socket.write(head);
      resolve({
        socket,
        received: () => text,
        waitFor: (wanted) =>
          new Promise((found, missing) => {
            const check = () => {
              if (text.includes(wanted)) found();
              else if (closed) missing(new Error(`closed without sending "${wanted}"; got:\n${text}`));
            };
            waiters.push(check);
            check();
          }),
        closed: closedPromise,
        isClosed: () => closed,
      });
    });
    socket.once('error', reject);
  });
}

/** Writes `chunk` until the server closes the connection or `limit` bytes are written; returns how many were. */
async function writeUntilClosed(connection: RawConnection, chunk: Buffer, limit: number): Promise<number> {
  let written = 0;
  while (!connection.isClosed() && written < limit) {
    const flushed = connection.socket.write(chunk);
    written += chunk.length;
    if (!flushed) {
      await Promise.race([new Promise((drained) => connection.socket.once('drain', drained)), connection.closed]);
    }
  }
  return written;
}

const putHead = (path: string, headers: string[]) =>
  [`PUT ${path} HTTP/1.1`, 'Host: 127.0.0.1', ...headers, '', ''].join('\r\n');

describe('an upload without a valid token', () => {
  it.each([
    ['chunked, no token', ['Transfer-Encoding: chunked']],
    ['600 MiB declared, a wrong token', [`Content-Length: ${600 * MiB}`, 'Authorization: Bearer nope']],
  ])('%s: 401 and Connection: close before the body is read, then the connection closes', async (_, headers) => {
    const connection = await rawConnection(putHead('/v1/cache/7001', headers));
    // No body byte yet: the answer cannot depend on reading it.
    await connection.waitFor('\r\n\r\n');
    expect(connection.received()).toMatch(/^HTTP\/1\.1 401 /);
    expect(connection.received().toLowerCase()).toContain('connection: close');
    const chunk = headers[0].startsWith('Transfer')
      ? Buffer.from(`10000\r\n${'x'.repeat(0x10000)}\r\n`)
      : randomBytes(64 * 1024);
    const written = await writeUntilClosed(connection, chunk, 256 * MiB);
    // Closed long before the body was through (the socket buffers of loopback hold a few MiB).
    expect(written).toBeLessThan(64 * MiB);
    expect(readdirSync(join(dir, '.tmp'))).toEqual([]);
  });

  it('a slow drip is answered at once, with no need to wait for its bytes', async () => {
    const connection = await rawConnection(putHead('/v1/cache/7002', [`Content-Length: ${MiB}`]));
    for (let drop = 0; drop < 5 && !connection.received().includes('\r\n\r\n'); drop += 1) {
      connection.socket.write('x');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await connection.waitFor('\r\n\r\n');
    expect(connection.received()).toMatch(/^HTTP\/1\.1 401 /);
    await connection.closed;
  });

  it('with Expect: 100-continue: a 401, never a 100 Continue, so no body is ever sent', async () => {
    const connection = await rawConnection(
      putHead('/v1/cache/7003', [`Content-Length: ${MiB}`, 'Expect: 100-continue']),
    );
    await connection.waitFor('\r\n\r\n');
    expect(connection.received()).toMatch(/^HTTP\/1\.1 401 /);
    await connection.closed;
    expect(connection.received()).not.toContain('100 Continue');
  });

  it('an authenticated upload with Expect: 100-continue is told to go on, and stored', async () => {
    const body = randomBytes(1000);
    const connection = await rawConnection(
      putHead('/v1/cache/7004', [
        `Content-Length: ${body.length}`,
        'Expect: 100-continue',
        `Authorization: Bearer ${tokens.main}`,
      ]),
    );
    await connection.waitFor('100 Continue');
    connection.socket.write(body);
    await connection.waitFor('stored');
    expect(connection.received()).toMatch(/HTTP\/1\.1 200 /);
    connection.socket.destroy();
  });
});

describe('a stalled upload', () => {
  it('gets 408 and a closed connection once it sends nothing for uploadIdleMs, and nothing is stored', async () => {
    const connection = await rawConnection(
      putHead('/v1/cache/7100', [`Content-Length: ${MiB}`, `Authorization: Bearer ${tokens.main}`]),
    );
    connection.socket.write(randomBytes(1000));
    await connection.waitFor('\r\n\r\n');
    expect(connection.received()).toMatch(/^HTTP\/1\.1 408 /);
    expect(connection.received().toLowerCase()).toContain('connection: close');
    await connection.closed;
    const lookup = await fetch(`http://127.0.0.1:${port}/v1/cache/7100`, {
      headers: { authorization: `Bearer ${tokens.main}` },
    });
    expect(lookup.status).toBe(404);
    expect(readdirSync(join(dir, '.tmp'))).toEqual([]);
  });

  it('an upload that keeps sending is not cut off, however long it takes in total', async () => {
    const body = randomBytes(8 * 1024);
    const connection = await rawConnection(
      putHead('/v1/cache/7101', [`Content-Length: ${body.length}`, `Authorization: Bearer ${tokens.main}`]),
    );
    // Eight pieces 100 ms apart: longer than uploadIdleMs in all, never idle that long.
    for (let piece = 0; piece < 8; piece += 1) {
      connection.socket.write(body.subarray(piece * 1024, (piece + 1) * 1024));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await connection.waitFor('stored');
    expect(connection.received()).toMatch(/^HTTP\/1\.1 200 /);
    connection.socket.destroy();
  });
});

describe('/metrics', () => {
  const metrics = async (token?: string) => {
    const reply = await fetch(`http://127.0.0.1:${port}/metrics`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    return { status: reply.status, text: await reply.text() };
  };

  beforeAll(async () => {
    for (const namespace of ['main', 'release-secret-project']) {
      await fetch(`http://127.0.0.1:${port}/ns/${namespace}/v1/cache/7200`, {
        headers: { authorization: `Bearer ${tokens.admin}` },
      });
    }
  });

  it.each([
    ['without a token', undefined],
    ['with a token that lacks the metrics right', tokens.main],
  ])('%s: totals only, no namespace named', async (_, token) => {
    const { status, text } = await metrics(token);
    expect(status).toBe(200);
    expect(text).not.toContain('namespace=');
    expect(text).not.toContain('release-secret-project');
    expect(text).toMatch(/^paved_cache_lookups_total\{protocol="nx",result="miss"\} [1-9]\d*$/m);
    expect(text).toMatch(/^paved_cache_requests_total\{/m);
  });

  it.each([
    ['a token with the metrics right', tokens.scraper],
    ['an admin token', tokens.admin],
  ])('with %s: the series per namespace', async (_, token) => {
    const { status, text } = await metrics(token);
    expect(status).toBe(200);
    expect(text).toMatch(/^paved_cache_lookups_total\{protocol="nx",namespace="main",result="miss"\} [1-9]\d*$/m);
    // Not named exactly by the configuration: counted under the pattern that matches it (the admin's "*").
    expect(text).toMatch(/^paved_cache_lookups_total\{protocol="nx",namespace="\*",result="miss"\} [1-9]\d*$/m);
    expect(text).not.toContain('release-secret-project');
  });

  it('with a wrong token: 401', async () => {
    expect((await metrics('nope')).status).toBe(401);
  });
});
