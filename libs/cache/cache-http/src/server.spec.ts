import { cacheConfigSchema, hashToken, type CacheConfig } from '@paved/cache-config';
import { PavedError } from '@paved/errors';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CacheServer } from './server';

const tokens = { laptop: 'tok-laptop', main: 'tok-main', pr: 'tok-pr', admin: 'tok-admin' };

function config(dir: string, overrides: Record<string, unknown> = {}): CacheConfig {
  return cacheConfigSchema.parse({
    port: 0,
    logLevel: 'silent',
    storage: { type: 'fs', dir },
    limits: {
      maxArtifactBytes: 1024 * 1024,
      maxTotalBytes: 1024 * 1024 * 1024,
      memoryTierBytes: 1024 * 1024,
      memoryTierMaxArtifactBytes: 64 * 1024,
    },
    tokens: [
      { name: 'laptops', sha256: hashToken(tokens.laptop), read: ['main'] },
      { name: 'ci-main', sha256: hashToken(tokens.main), read: ['main'], write: 'main' },
      { name: 'ci-pr', sha256: hashToken(tokens.pr), read: ['pr-*', 'main'], write: 'pr-*' },
      { name: 'ops', sha256: hashToken(tokens.admin), read: ['*'], admin: true },
    ],
    ...overrides,
  });
}

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

let base = '';
let server: CacheServer;
let dir: string;

/** A raw HTTP request, so tests control every header (fetch adds its own). */
function send(
  method: string,
  path: string,
  options: { token?: string; body?: Buffer; headers?: Record<string, string>; omitLength?: boolean } = {},
): Promise<Reply> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method,
        path,
        headers: {
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          ...(options.body && !options.omitLength ? { 'content-length': String(options.body.length) } : {}),
          ...options.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const put = (path: string, token: string, body: Buffer, headers?: Record<string, string>) =>
  send('PUT', path, { token, body, headers });
const get = (path: string, token?: string) => send('GET', path, { token });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'paved-cache-http-'));
  server = await CacheServer.create({ config: config(dir), sweepIntervalMs: 0 });
  base = await server.listen();
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('Nx self-hosted cache API', () => {
  const body = randomBytes(5000);

  it('stores with 200 and serves the same bytes back', async () => {
    expect((await put('/v1/cache/1001', tokens.main, body)).status).toBe(200);
    const reply = await get('/v1/cache/1001', tokens.laptop);
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('application/octet-stream');
    expect(reply.headers['content-length']).toBe(String(body.length));
    expect(reply.body.equals(body)).toBe(true);
  });

  it('is write-once: a second PUT of a hash is 409 and the first artifact stays', async () => {
    expect((await put('/v1/cache/1001', tokens.main, randomBytes(5000))).status).toBe(409);
    expect((await get('/v1/cache/1001', tokens.main)).body.equals(body)).toBe(true);
  });

  it('answers a miss with 404', async () => {
    expect((await get('/v1/cache/999999', tokens.main)).status).toBe(404);
  });

  it('answers a missing or wrong token with 401 and exactly text/plain, as Nx requires', async () => {
    for (const token of [undefined, 'nope']) {
      const reply = await get('/v1/cache/1001', token);
      expect(reply.status).toBe(401);
      expect(reply.headers['content-type']).toBe('text/plain');
    }
  });

  it('refuses a read-only token with 403 after draining its upload', async () => {
    const reply = await put('/v1/cache/1002', tokens.laptop, randomBytes(200_000));
    expect(reply.status).toBe(403);
    expect(reply.headers.connection).not.toBe('close');
    expect((await get('/v1/cache/1002', tokens.main)).status).toBe(404);
  });

  it('keeps a path prefix as the namespace and folds a doubled slash', async () => {
    expect((await put('/ns/pr-7//v1/cache/2001', tokens.pr, body)).status).toBe(200);
    expect((await get('/ns/pr-7/v1/cache/2001', tokens.pr)).status).toBe(200);
  });
});

describe('trust model (CREEP)', () => {
  it('a PR token can never write main', async () => {
    expect((await put('/v1/cache/3001', tokens.pr, Buffer.from('poison'))).status).toBe(403);
    expect((await put('/ns/main/v1/cache/3001', tokens.pr, Buffer.from('poison'))).status).toBe(403);
    expect((await get('/v1/cache/3001', tokens.main)).status).toBe(404);
  });

  it('a PR reads its own namespace first, then main', async () => {
    await put('/v1/cache/3002', tokens.main, Buffer.from('from main'));
    await put('/ns/pr-8/v1/cache/3003', tokens.pr, Buffer.from('from pr-8'));
    expect((await get('/ns/pr-8/v1/cache/3002', tokens.pr)).body.toString()).toBe('from main');
    expect((await get('/ns/pr-8/v1/cache/3003', tokens.pr)).body.toString()).toBe('from pr-8');
  });

  it('a read of main never falls through to a PR namespace', async () => {
    await put('/ns/pr-9/v1/cache/3004', tokens.pr, Buffer.from('pr only'));
    expect((await get('/v1/cache/3004', tokens.main)).status).toBe(404);
    expect((await get('/ns/main/v1/cache/3004', tokens.pr)).status).toBe(404);
  });

  it('refuses to read a namespace the token does not list', async () => {
    expect((await get('/ns/pr-9/v1/cache/3004', tokens.laptop)).status).toBe(403);
  });

  it('records provenance with each artifact, readable by an admin token', async () => {
    const reply = await get('/admin/namespaces/pr-9/artifacts', tokens.admin);
    const { artifacts } = JSON.parse(reply.body.toString());
    expect(artifacts).toEqual([
      expect.objectContaining({
        key: { namespace: 'pr-9', protocol: 'nx', hash: '3004' },
        meta: expect.objectContaining({ writer: 'ci-pr', size: 7, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }),
      }),
    ]);
    expect((await get('/admin/namespaces/pr-9/artifacts', tokens.main)).status).toBe(403);
  });

  it('purges a namespace with an admin token', async () => {
    const reply = await send('DELETE', '/admin/namespaces/pr-9', { token: tokens.admin });
    expect(JSON.parse(reply.body.toString())).toEqual({ namespace: 'pr-9', deleted: 1 });
    expect((await get('/ns/pr-9/v1/cache/3004', tokens.pr)).status).toBe(404);
  });
});

describe('Turborepo remote cache API', () => {
  const body = randomBytes(3000);
  const meta = { 'x-artifact-duration': '598', 'x-artifact-tag': 'c2lnbmF0dXJl', 'x-artifact-sha': 'abc123' };

  it('reports its status', async () => {
    const reply = await get('/v8/artifacts/status?slug=team-a', tokens.main);
    expect(JSON.parse(reply.body.toString())).toEqual({ status: 'enabled' });
  });

  it('stores duration and tag with the artifact and returns them', async () => {
    expect((await put('/v8/artifacts/9ebd4f3a2c1b0d8e?slug=team-a', tokens.main, body, meta)).status).toBe(200);
    const reply = await get('/v8/artifacts/9ebd4f3a2c1b0d8e?slug=team-a', tokens.main);
    expect(reply.status).toBe(200);
    expect(reply.body.equals(body)).toBe(true);
    expect(reply.headers['x-artifact-duration']).toBe('598');
    expect(reply.headers['x-artifact-tag']).toBe('c2lnbmF0dXJl');
    const head = await send('HEAD', '/v8/artifacts/9ebd4f3a2c1b0d8e?slug=team-a', { token: tokens.main });
    expect([head.status, head.headers['content-length']]).toEqual([200, String(body.length)]);
  });

  it('keeps teams apart and is write-once', async () => {
    expect((await get('/v8/artifacts/9ebd4f3a2c1b0d8e?teamId=team_b', tokens.main)).status).toBe(404);
    expect((await put('/v8/artifacts/9ebd4f3a2c1b0d8e?slug=team-a', tokens.main, body, meta)).status).toBe(409);
  });

  it('answers the batch query', async () => {
    const reply = await send('POST', '/v8/artifacts?slug=team-a', {
      token: tokens.main,
      body: Buffer.from(JSON.stringify({ hashes: ['9ebd4f3a2c1b0d8e', 'f3f3f3f3f3f3f3f3'] })),
      headers: { 'content-type': 'application/json' },
    });
    expect(JSON.parse(reply.body.toString())).toEqual({
      '9ebd4f3a2c1b0d8e': { size: body.length, taskDurationMs: 598, tag: 'c2lnbmF0dXJl' },
      f3f3f3f3f3f3f3f3: null,
    });
  });

  it('accepts events and counts the time remote hits saved', async () => {
    const events = [{ sessionId: 's', source: 'REMOTE', event: 'HIT', hash: '9ebd4f3a2c1b0d8e', duration: 1500 }];
    const reply = await send('POST', '/v8/artifacts/events?slug=team-a', {
      token: tokens.main,
      body: Buffer.from(JSON.stringify(events)),
    });
    expect(reply.status).toBe(200);
    expect((await get('/metrics', tokens.admin)).body.toString()).toMatch(
      /paved_cache_turbo_time_saved_seconds_total\{namespace="main"\} 1\.5/,
    );
  });

  it('refuses events for a namespace the token may not read, counting nothing', async () => {
    const events = [{ sessionId: 's', source: 'REMOTE', event: 'HIT', hash: '9ebd4f3a2c1b0d8e', duration: 1500 }];
    const reply = await send('POST', '/ns/pr-77/v8/artifacts/events?slug=team-a', {
      token: tokens.laptop,
      body: Buffer.from(JSON.stringify(events)),
    });
    expect(reply.status).toBe(403);
    expect((await get('/metrics', tokens.admin)).body.toString()).not.toContain('pr-77');
  });

  it('answers CORS preflight', async () => {
    const reply = await send('OPTIONS', '/v8/artifacts/9ebd4f3a2c1b0d8e', {
      headers: { 'access-control-request-method': 'PUT' },
    });
    expect(reply.status).toBe(200);
    expect(reply.headers['access-control-allow-methods']).toContain('PUT');
  });
});

describe('bad requests get the right 4xx and the server keeps serving', () => {
  it.each([
    ['a malformed hash', 'GET', '/v1/cache/not!a!hash', 400],
    ['path traversal', 'GET', '/v1/cache/..%2F..%2Fetc%2Fpasswd', 400],
    ['an encoded dot-dot segment', 'GET', '/ns/%2e%2e/v1/cache/1', 400],
    ['a bad namespace', 'GET', '/ns/UPPER/v1/cache/1', 400],
    ['an unknown route', 'GET', '/v2/teams', 404],
    ['a wrong method', 'DELETE', '/v1/cache/1001', 405],
  ])('%s', async (_, method, path, status) => {
    const reply = await send(method, path, { token: tokens.main });
    expect(reply.status).toBe(status);
    expect((await get('/healthz')).status).toBe(200);
  });

  it('names the allowed methods on 405', async () => {
    expect((await send('POST', '/v1/cache/1', { token: tokens.main })).headers.allow).toBe('GET, PUT');
  });

  it('requires Content-Length on PUT (411)', async () => {
    const reply = await send('PUT', '/v1/cache/4001', {
      token: tokens.main,
      body: Buffer.from('x'),
      omitLength: true,
      headers: { 'transfer-encoding': 'chunked' },
    });
    expect(reply.status).toBe(411);
    expect((await get('/healthz')).status).toBe(200);
  });

  it('refuses an oversize artifact with 413 before reading it', async () => {
    const reply = await send('PUT', '/v1/cache/4002', {
      token: tokens.main,
      headers: { 'content-length': String(2 * 1024 * 1024) },
    });
    expect(reply.status).toBe(413);
    expect((await get('/v1/cache/4002', tokens.main)).status).toBe(404);
  });

  it('refuses a body shorter than its Content-Length and stores nothing', async () => {
    const reply = await new Promise<number>((resolve) => {
      const url = new URL(base);
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          method: 'PUT',
          path: '/v1/cache/4003',
          headers: { authorization: `Bearer ${tokens.main}`, 'content-length': '1000' },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', () => resolve(-1));
      req.write(Buffer.alloc(10));
      setTimeout(() => req.destroy(), 100);
    });
    expect(reply).not.toBe(200);
    expect((await get('/v1/cache/4003', tokens.main)).status).toBe(404);
    // The client gave up first: the server removes the partial upload once it sees the close.
    await vi.waitFor(() => expect(readdirSync(join(dir, '.tmp'))).toEqual([]), { timeout: 2_000 });
    expect((await get('/healthz')).status).toBe(200);
  });
});

describe('concurrency', () => {
  it('64 concurrent PUTs of one hash leave exactly one intact artifact', async () => {
    const bodies = Array.from({ length: 64 }, () => randomBytes(64 * 1024));
    const replies = await Promise.all(bodies.map((b) => put('/v1/cache/5001', tokens.main, b)));
    const statuses = replies.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(63);
    const stored = (await get('/v1/cache/5001', tokens.main)).body;
    expect(bodies[statuses.indexOf(200)].equals(stored)).toBe(true);
  });
});

describe('operations', () => {
  it('serves liveness, readiness and Prometheus metrics', async () => {
    expect((await get('/healthz')).body.toString()).toBe('ok');
    expect((await get('/readyz')).status).toBe(200);
    const metrics = (await get('/metrics', tokens.admin)).body.toString();
    expect(metrics).toMatch(/paved_cache_requests_total\{protocol="nx",method="GET",status="200"\} \d+/);
    expect(metrics).toMatch(/paved_cache_lookups_total\{protocol="nx",namespace="main",result="hit"\} \d+/);
    expect(metrics).toMatch(/paved_cache_request_duration_seconds_bucket/);
    expect(metrics).toMatch(/paved_cache_stored_bytes \d+/);
  });

  it('counts namespaces the configuration does not name under their pattern: metrics stay bounded', async () => {
    const before = (await get('/metrics', tokens.admin)).body.length;
    for (let i = 0; i < 200; i += 1)
      expect((await get(`/ns/pr-load-${i}/v1/cache/abc${i}`, tokens.pr)).status).toBe(404);
    const metrics = (await get('/metrics', tokens.admin)).body.toString();
    expect(metrics).not.toMatch(/pr-load-\d+/);
    expect(metrics).toMatch(/paved_cache_lookups_total\{protocol="nx",namespace="pr-\*",result="miss"\} \d+/);
    expect(metrics.length - before).toBeLessThan(2000);
    const stats = JSON.parse((await get('/stats', tokens.main)).body.toString()).namespaces;
    expect(Object.keys(stats).filter((name) => name.startsWith('pr-load-'))).toEqual([]);
    expect(stats['pr-*'].misses).toBeGreaterThanOrEqual(200);
  });

  it('reports hit rate, bytes and artifacts per namespace', async () => {
    const stats = JSON.parse((await get('/stats', tokens.main)).body.toString()).namespaces;
    expect(stats.main).toMatchObject({
      artifacts: expect.any(Number),
      bytes: expect.any(Number),
      hits: expect.any(Number),
    });
    expect(stats.main.hitRate).toBeGreaterThan(0);
    expect(stats.main.hitRate).toBeLessThanOrEqual(1);
    expect(stats['pr-8'].artifacts).toBe(1);
  });

  it('logs structured JSON with request ids and never the token', async () => {
    const logged = await startLoggingServer();
    const response = await fetch(`${logged.url}/v1/cache/77`, { headers: { authorization: `Bearer ${tokens.main}` } });
    const lines = await logged.close();
    const entry = lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'request');
    expect(entry).toMatchObject({
      method: 'GET',
      status: 404,
      token: 'ci-main',
      namespace: 'main',
      reqId: response.headers.get('x-request-id'),
    });
    expect(lines.join('')).not.toContain(tokens.main);
  });
});

describe('GET /v1/paved/token: what the presented token may do (for paved doctor)', () => {
  const rights = async (path: string, token: string) => {
    const reply = await get(path, token);
    expect(reply.status, reply.body.toString()).toBe(200);
    expect(reply.headers['content-type']).toBe('application/json');
    expect(reply.headers['cache-control']).toBe('no-store');
    return JSON.parse(reply.body.toString());
  };

  it('answers a read-only token in the default namespace: reads main, writes nothing', async () => {
    expect(await rights('/v1/paved/token', tokens.laptop)).toEqual({
      token: { name: 'laptops', admin: false },
      namespace: 'main',
      protected: true,
      read: { allowed: true, lookup: ['main'], patterns: ['main'] },
      write: { allowed: false, pattern: null },
    });
  });

  it('resolves the namespace from the /ns/ prefix, as the client caches with it', async () => {
    expect(await rights('/ns/pr-8/v1/paved/token', tokens.pr)).toEqual({
      token: { name: 'ci-pr', admin: false },
      namespace: 'pr-8',
      protected: false,
      read: { allowed: true, lookup: ['pr-8', 'main'], patterns: ['pr-*', 'main'] },
      write: { allowed: true, pattern: 'pr-*' },
    });
    // The same token without the prefix: main, which it may read but never write.
    expect(await rights('/v1/paved/token', tokens.pr)).toMatchObject({
      namespace: 'main',
      read: { allowed: true, lookup: ['main'] },
      write: { allowed: false, pattern: 'pr-*' },
    });
    // A laptop token in a PR namespace may do nothing there, and is told so.
    expect(await rights('/ns/pr-8/v1/paved/token', tokens.laptop)).toMatchObject({
      read: { allowed: false, lookup: [] },
      write: { allowed: false },
    });
  });

  it('answers what the artifact routes enforce', async () => {
    const body = randomBytes(100);
    const described = await rights('/ns/pr-9/v1/paved/token', tokens.pr);
    expect(described.write.allowed).toBe(true);
    expect((await put('/ns/pr-9/v1/cache/9101', tokens.pr, body)).status).toBe(200);
    const onMain = await rights('/v1/paved/token', tokens.pr);
    expect(onMain.write.allowed).toBe(false);
    expect((await put('/v1/cache/9101', tokens.pr, body)).status).toBe(403);
  });

  it('is 401 without a valid token, and 405 for anything but GET', async () => {
    for (const token of [undefined, 'nope']) {
      const reply = await get('/v1/paved/token', token);
      expect(reply.status).toBe(401);
      expect(reply.headers['content-type']).toBe('text/plain');
    }
    const reply = await send('PUT', '/v1/paved/token', { token: tokens.main, body: Buffer.from('{}') });
    expect(reply.status).toBe(405);
    expect(reply.headers.allow).toBe('GET');
  });

  it('never echoes a token or its hash, and logs neither', async () => {
    const logged = await startLoggingServer();
    const bodies: string[] = [];
    for (const secret of Object.values(tokens)) {
      const response = await fetch(`${logged.url}/ns/pr-3/v1/paved/token`, {
        headers: { authorization: `Bearer ${secret}` },
      });
      expect(response.status).toBe(200);
      bodies.push(await response.text());
    }
    const lines = await logged.close();
    const entries = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'request');
    expect(entries.map((e) => e.token)).toEqual(['laptops', 'ci-main', 'ci-pr', 'ops']);
    for (const secret of Object.values(tokens)) {
      for (const text of [...bodies, lines.join('')]) {
        expect(text).not.toContain(secret);
        expect(text).not.toContain(hashToken(secret));
      }
    }
  });
});

/** A server of its own that logs at info level into memory; close() resolves with the log lines. */
async function startLoggingServer(): Promise<{ url: string; close(): Promise<string[]> }> {
  const lines: string[] = [];
  const logDir = mkdtempSync(join(tmpdir(), 'paved-cache-log-'));
  const logged = await CacheServer.create({
    config: { ...config(logDir), logLevel: 'info' },
    sweepIntervalMs: 0,
    logDestination: new Writable({
      write(chunk, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    }),
  });
  return {
    url: await logged.listen(),
    async close() {
      await logged.close();
      rmSync(logDir, { recursive: true, force: true });
      return lines;
    },
  };
}
describe('/v1/paved/green: the last green commit of a protected branch', () => {
  const shaA = 'a'.repeat(40);
  const shaB = '0123456789abcdef0123456789abcdef01234567';
  const record = (sha: string) => Buffer.from(JSON.stringify({ sha }));

  it('is moved by a token that writes the namespace and read back, with who recorded it and when', async () => {
    const stored = await put('/v1/paved/green?branch=main', tokens.main, record(shaA));
    expect(stored.status, stored.body.toString()).toBe(200);
    expect(stored.headers['cache-control']).toBe('no-store');
    const reply = await get('/v1/paved/green?branch=main', tokens.laptop);
    expect(reply.status).toBe(200);
    const read = JSON.parse(reply.body.toString());
    expect(read).toMatchObject({ branch: 'main', sha: shaA, writer: 'ci-main' });
    expect(Date.parse(read.recordedAt)).not.toBeNaN();
    // Unlike an artifact it moves: the next green run replaces it.
    expect((await put('/v1/paved/green?branch=main', tokens.main, record(shaB))).status).toBe(200);
    expect(JSON.parse((await get('/v1/paved/green?branch=main', tokens.main)).body.toString()).sha).toBe(shaB);
  });

  it("keeps each branch's record apart, branch names with slashes included", async () => {
    expect((await put('/v1/paved/green?branch=release%2F2.x', tokens.main, record(shaA))).status).toBe(200);
    expect(JSON.parse((await get('/v1/paved/green?branch=release/2.x', tokens.main)).body.toString()).sha).toBe(shaA);
    const missing = await get('/v1/paved/green?branch=develop', tokens.main);
    expect(missing.status).toBe(404);
    expect(missing.body.toString()).toContain('no green commit is recorded for develop');
  });

  it("never lets a pull request's token move main's green commit, and keeps the record", async () => {
    await put('/v1/paved/green?branch=main', tokens.main, record(shaB));
    const refused = await put('/v1/paved/green?branch=main', tokens.pr, record(shaA));
    expect(refused.status).toBe(403);
    expect(refused.body.toString()).toContain('may not move the green commit of main');
    // Its own namespace is no way in either: main's record lives in main.
    expect((await put('/ns/pr-3/v1/paved/green?branch=main', tokens.pr, record(shaA))).status).toBe(200);
    expect(JSON.parse((await get('/v1/paved/green?branch=main', tokens.main)).body.toString()).sha).toBe(shaB);
    expect((await get('/v1/paved/green?branch=main')).status).toBe(401);
  });

  it('refuses a bad branch or SHA with 400, storing nothing, and only answers GET and PUT', async () => {
    for (const branch of ['', '..%2Fmain', '-rf', 'main.lock', 'a%20b'])
      expect((await put(`/v1/paved/green?branch=${branch}`, tokens.main, record(shaA))).status, branch).toBe(400);
    for (const sha of ['abc', 'A'.repeat(40), 'HEAD'])
      expect((await put('/v1/paved/green?branch=bad-sha', tokens.main, record(sha))).status, sha).toBe(400);
    expect((await put('/v1/paved/green?branch=bad-sha', tokens.main, Buffer.from('not json'))).status).toBe(400);
    expect((await get('/v1/paved/green?branch=bad-sha', tokens.main)).status).toBe(404);
    expect((await send('DELETE', '/v1/paved/green?branch=main', { token: tokens.admin })).status).toBe(405);
    expect((await get('/healthz')).status).toBe(200);
  });
});

describe('start-up refusals are coded errors that say what to do', () => {
  it('names the port another process holds (PAVED-305) and leaves that process serving', async () => {
    const { port } = new URL(base);
    const second = await CacheServer.create({ config: config(dir), sweepIntervalMs: 0 });
    const refusal = await second.listen(Number(port), '127.0.0.1').catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(PavedError);
    expect((refusal as PavedError).code).toBe('PAVED-305');
    expect((refusal as PavedError).message).toContain(`port ${port} on 127.0.0.1 is already in use`);
    expect((refusal as PavedError).message).toContain('PAVED_CACHE_PORT');
    expect((await get('/healthz')).status).toBe(200);
  });

  it('names a host that is not an address of this machine (PAVED-308)', async () => {
    const server = await CacheServer.create({ config: config(dir), sweepIntervalMs: 0 });
    // 192.0.2.0/24 is reserved for documentation (RFC 5737): never an address of this machine.
    await expect(server.listen(0, '192.0.2.1')).rejects.toMatchObject({
      code: 'PAVED-308',
      message: expect.stringContaining('192.0.2.1 is not an address of this machine'),
    });
  });

  it.each(['not a host', '999.1.1.1', 'nohost.invalid'])(
    'names a host it cannot resolve, "%s" (PAVED-308)',
    async (host) => {
      const server = await CacheServer.create({ config: config(dir), sweepIntervalMs: 0 });
      await expect(server.listen(0, host)).rejects.toMatchObject({
        code: 'PAVED-308',
        message: expect.stringContaining('neither an IP address nor a host name'),
      });
    },
  );

  it('refuses a storage folder that is a file (PAVED-307)', async () => {
    const file = join(dir, 'plain-file');
    writeFileSync(file, 'not a folder');
    await expect(CacheServer.create({ config: config(file), sweepIntervalMs: 0 })).rejects.toMatchObject({
      code: 'PAVED-307',
    });
  });

  it('refuses a storage folder it cannot create (PAVED-307)', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'not a folder');
    await expect(CacheServer.create({ config: config(join(file, 'store')), sweepIntervalMs: 0 })).rejects.toMatchObject(
      { code: 'PAVED-307', message: expect.stringContaining('PAVED_CACHE_DIR') },
    );
  });
});
