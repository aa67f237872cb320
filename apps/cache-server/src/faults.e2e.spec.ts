/**
 * End to end, the built paved-cache bundle as a process under faults a deployment meets: an S3
 * store that hangs (s3rver stopped with SIGSTOP, not dead: its port still accepts connections)
 * and a disk that is full (a real 2 MiB tmpfs, mounted in a user namespace of the server's own,
 * so no root is needed). Clients are real HTTP clients on real sockets; every loop is bounded,
 * and nothing is timed beyond "it answered".
 */
import { hashToken } from '@paved/cache-config';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send } from './http.e2e-support';
import { startS3rverProcess, type S3rverProcess } from './s3rver.e2e-support';
import {
  canMountInNamespace,
  killLeftoverServers,
  startCacheServer,
  withTmpfsOn,
  type CacheServerProcess,
} from './server-process.e2e-support';

const MiB = 1024 * 1024;
const BUCKET = 'paved-cache';
const token = 'tok-ci-main';
const tokens = JSON.stringify([{ name: 'ci-main', sha256: hashToken(token), read: ['main'], write: 'main' }]);

let workDir: string;
beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), 'paved-cache-faults-'));
});
afterAll(() => {
  killLeftoverServers();
  rmSync(workDir, { recursive: true, force: true });
});

/** TCP connections in the ESTABLISHED state to `port` on this machine's loopback (from /proc/net/tcp). */
function connectionsTo(port: number): number {
  const remotePort = port.toString(16).toUpperCase().padStart(4, '0');
  return readFileSync('/proc/net/tcp', 'utf-8')
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields[2]?.endsWith(`:${remotePort}`) && fields[3] === '01').length;
}

/**
 * A PUT of `body` on a connection of its own, as Nx sends one (the whole body, whatever the
 * answer): its status, and any socket error (EPIPE, ECONNRESET) until the connection closed.
 */
function putAndWatch(base: string, path: string, body: Buffer): Promise<{ status?: number; error?: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve) => {
    const seen: { status?: number; error?: string } = {};
    const req = request({
      host: hostname,
      port,
      method: 'PUT',
      path,
      agent: false,
      headers: { authorization: `Bearer ${token}`, 'content-length': String(body.length) },
    });
    req.on('response', (res) => {
      seen.status = res.statusCode;
      res.resume();
    });
    req.on('error', (error: NodeJS.ErrnoException) => (seen.error = error.code ?? error.message));
    req.on('close', () => resolve(seen));
    req.end(body);
  });
}

describe('an S3 store that hangs (SIGSTOP)', () => {
  let s3rver: S3rverProcess;
  let server: CacheServerProcess;
  const stored = '/v1/cache/9100000000000000001';
  // Larger than the memory tier's limit, so serving it needs the store.
  const storedBody = randomBytes(300 * 1024);

  beforeAll(async () => {
    s3rver = await startS3rverProcess(join(workDir, 's3rver'), BUCKET);
    server = await startCacheServer({
      PAVED_CACHE_HOST: '127.0.0.1',
      PAVED_CACHE_PORT: '0',
      PAVED_CACHE_TOKENS: tokens,
      PAVED_CACHE_STORAGE: 's3',
      PAVED_CACHE_S3_BUCKET: BUCKET,
      PAVED_CACHE_S3_ENDPOINT: s3rver.endpoint,
      PAVED_CACHE_S3_FORCE_PATH_STYLE: 'true',
      PAVED_CACHE_STORAGE_TIMEOUT_MS: '1000',
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
      AWS_REGION: 'us-east-1',
      TMPDIR: mkdtempSync(join(workDir, 'spool-')),
    });
    expect((await send(server.url, 'PUT', stored, { token, body: storedBody })).status).toBe(200);
  });
  afterAll(async () => {
    s3rver?.resume();
    await server?.stop();
    await s3rver?.close();
  });

  it('answers lookups as misses, uploads with 503 and Retry-After, /readyz with 503; /healthz stays 200', async () => {
    const storePort = Number(new URL(s3rver.endpoint).port);
    s3rver.pause();
    try {
      for (let i = 0; i < 10; i += 1) {
        const lookup = await send(server.url, 'GET', stored, { token });
        expect(lookup.status, lookup.body.toString()).toBe(404);
      }
      const upload = await send(server.url, 'PUT', '/v1/cache/9100000000000000002', {
        token,
        body: randomBytes(64 * 1024),
      });
      expect(upload.status, upload.body.toString()).toBe(503);
      expect(Number(upload.headers['retry-after'])).toBeGreaterThan(0);
      const query = await send(server.url, 'POST', '/v8/artifacts?slug=paved', {
        token,
        body: Buffer.from(JSON.stringify({ hashes: ['aaaa000000000001', 'aaaa000000000002', 'aaaa000000000003'] })),
        headers: { 'content-type': 'application/json' },
      });
      expect(JSON.parse(query.body.toString())).toEqual({
        aaaa000000000001: null,
        aaaa000000000002: null,
        aaaa000000000003: null,
      });
      const ready = await send(server.url, 'GET', '/readyz');
      expect(ready.status).toBe(503);
      expect(ready.body.toString()).toMatch(/^storage unreachable: .*did not answer within 1000 ms/);
      expect((await send(server.url, 'GET', '/healthz')).status).toBe(200);
      // Each abandoned call was aborted: its connection is closed, not left waiting on the store.
      expect(connectionsTo(storePort)).toBeLessThanOrEqual(2);
    } finally {
      s3rver.resume();
    }
    expect(server.output()).toContain('storage read failed: answered as a miss');
  });

  it('serves again once the store answers again', async () => {
    let ready = 0;
    for (let attempt = 0; attempt < 50 && ready !== 200; attempt += 1) {
      ready = (await send(server.url, 'GET', '/readyz')).status;
      if (ready !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(ready).toBe(200);
    const lookup = await send(server.url, 'GET', stored, { token });
    expect(lookup.status).toBe(200);
    expect(lookup.body.equals(storedBody)).toBe(true);
    const body = randomBytes(64 * 1024);
    expect((await send(server.url, 'PUT', '/v1/cache/9100000000000000002', { token, body })).status).toBe(200);
  });
});

describe.skipIf(!canMountInNamespace())('a full disk (a 2 MiB tmpfs as the storage folder)', () => {
  let server: CacheServerProcess;

  beforeAll(async () => {
    const dir = join(workDir, 'small-disk');
    mkdirSync(dir);
    server = await startCacheServer(
      {
        PAVED_CACHE_HOST: '127.0.0.1',
        PAVED_CACHE_PORT: '0',
        PAVED_CACHE_TOKENS: tokens,
        PAVED_CACHE_DIR: dir,
      },
      15_000,
      withTmpfsOn(dir, '2m'),
    );
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('answers a 4 MB upload past the free space with 507, which the client reads (no EPIPE, no reset), 6 of 6', async () => {
    const outcomes = [];
    for (let attempt = 0; attempt < 6; attempt += 1) {
      outcomes.push(await putAndWatch(server.url, `/v1/cache/920000000000000000${attempt}`, randomBytes(4 * MiB)));
    }
    expect(outcomes).toEqual(Array.from({ length: 6 }, () => ({ status: 507 })));
    expect(server.output()).toContain('storage full');
    // Nothing of the refused uploads is left: the space is free for what fits.
    const small = randomBytes(512 * 1024);
    expect((await send(server.url, 'PUT', '/v1/cache/9200000000000000100', { token, body: small })).status).toBe(200);
    const served = await send(server.url, 'GET', '/v1/cache/9200000000000000100', { token });
    expect(served.body.equals(small)).toBe(true);
    expect((await send(server.url, 'GET', '/healthz')).status).toBe(200);
  });
});
