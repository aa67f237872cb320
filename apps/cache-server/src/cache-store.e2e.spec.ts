/**
 * The store under hostile uploads and damaged storage, end to end: the built
 * paved-cache binary as a process, raw HTTP clients, disk storage and s3rver.
 */
import { hashToken } from '@paved/cache-config';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, send, startPartialUpload, type Reply } from './http.e2e-support';
import { s3StorageEnv, startS3rverThread, type S3rverThread } from './s3rver.e2e-support';
import { killLeftoverServers, startCacheServer, type CacheServerProcess } from './server-process.e2e-support';

const KiB = 1024;
const BUCKET = 'paved-cache-store';
const secrets = { main: 'store-tok-main', pr: 'store-tok-pr', ops: 'store-tok-ops' };
const tokenConfig = [
  { name: 'ci-main', sha256: hashToken(secrets.main), read: ['main'], write: 'main' },
  { name: 'ci-pr', sha256: hashToken(secrets.pr), read: ['pr-*', 'main'], write: 'pr-*' },
  { name: 'ops', sha256: hashToken(secrets.ops), admin: true },
];

type Backend = 'fs' | 's3';

let workDir: string;
let s3rver: S3rverThread;
let stores = 0;

/** Environment of a new, empty store, its folder on disk, and the folder an upload in progress is written under. */
function newStore(backend: Backend): { env: Record<string, string>; uploadsDir: string; dir: string } {
  stores += 1;
  const dir = join(workDir, `store-${stores}`);
  if (backend === 'fs') return { env: { PAVED_CACHE_STORAGE: 'fs', PAVED_CACHE_DIR: dir }, uploadsDir: dir, dir };
  const spoolDir = mkdtempSync(join(workDir, 'spool-'));
  return {
    env: s3StorageEnv(s3rver, BUCKET, `store-${stores}/`, spoolDir),
    uploadsDir: spoolDir,
    dir,
  };
}

function serve(env: Record<string, string>): Promise<CacheServerProcess> {
  return startCacheServer({
    PAVED_CACHE_HOST: '127.0.0.1',
    PAVED_CACHE_PORT: '0',
    PAVED_CACHE_TOKENS: JSON.stringify(tokenConfig),
    ...env,
  });
}

/** Bytes of every file under `dir`, however deep: how much of an upload the server has written so far. */
function bytesUnder(dir: string): number {
  let total = 0;
  let entries: string[] = [];
  try {
    entries = readdirSync(dir, { recursive: true, encoding: 'utf-8' });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    try {
      const info = statSync(join(dir, entry));
      if (info.isFile()) total += info.size;
    } catch {
      // Renamed or removed between the listing and the stat.
    }
  }
  return total;
}

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  for (let attempt = 0; attempt < 1000 && !condition(); attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  if (!condition()) throw new Error(`gave up waiting for ${what}`);
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * The first bytes of a hostile upload: filler, then what an older record format kept at the end of
 * a file (metadata JSON naming another writer, its length as u32 BE, the magic `PVC1`), so that a
 * file holding only these bytes would read as a complete 1,400-byte record.
 */
function forgedRecordPrefix(): Buffer {
  const filler = randomBytes(1400);
  const meta = Buffer.from(
    JSON.stringify({ size: 1400, sha256: sha256(filler), createdAt: new Date().toISOString(), writer: 'forged' }),
  );
  const length = Buffer.alloc(4);
  length.writeUInt32BE(meta.length);
  return Buffer.concat([filler, meta, length, Buffer.from('PVC1')]);
}

/** Whether a download delivered `body` completely, as a successful hit. */
function deliveredWhole(reply: Reply | Error, body: Buffer): boolean {
  return !(reply instanceof Error) && reply.status === 200 && reply.body.equals(body);
}

const download = (base: string, path: string, token = secrets.main): Promise<Reply | Error> =>
  send(base, 'GET', path, { token }).catch((error: Error) => error);

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'paved-cache-store-e2e-'));
  s3rver = await startS3rverThread(join(workDir, 's3rver'), BUCKET);
});

afterAll(async () => {
  killLeftoverServers();
  await s3rver?.close();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe.each<Backend>(['fs', 's3'])('the %s store under hostile uploads', (backend) => {
  it('never serves the prefix of an upload that carries a forged record: not during it, not after it, not after SIGKILL', async () => {
    const store = newStore(backend);
    const server = await serve(store.env);
    const prefix = forgedRecordPrefix();
    const rest = randomBytes(64 * KiB);
    const path = '/v1/cache/9100000000000000001';

    const upload = startPartialUpload(server.url, path, secrets.main, prefix.length + rest.length, prefix);
    await waitFor(() => bytesUnder(store.uploadsDir) >= prefix.length, 'the prefix to be written');
    expect((await send(server.url, 'GET', path, { token: secrets.main })).status).toBe(404);
    upload.request.end(rest);
    expect(await upload.ended).toBe('answered 200');

    const whole = Buffer.concat([prefix, rest]);
    const served = await send(server.url, 'GET', path, { token: secrets.main });
    expect(served.status).toBe(200);
    expect(served.body.equals(whole)).toBe(true);
    expect(served.headers.etag).toBe(`"${sha256(whole)}"`);
    const listing = await getJson<{ artifacts: { meta: { writer: string; size: number } }[] }>(
      server.url,
      '/admin/namespaces/main/artifacts',
      secrets.ops,
    );
    expect(listing.artifacts.map(({ meta }) => meta)).toMatchObject([{ writer: 'ci-main', size: whole.length }]);

    // The same, cut off by SIGKILL: after the restart the hash is a miss.
    const killedPath = '/v1/cache/9100000000000000002';
    const killed = startPartialUpload(server.url, killedPath, secrets.main, prefix.length + rest.length, prefix);
    const written = bytesUnder(store.uploadsDir);
    await waitFor(() => bytesUnder(store.uploadsDir) >= written + prefix.length, 'the second prefix to be written');
    expect((await server.kill()).signal).toBe('SIGKILL');
    await killed.ended;
    const restarted = await serve(store.env);
    expect((await send(restarted.url, 'GET', killedPath, { token: secrets.main })).status).toBe(404);
    expect((await send(restarted.url, 'GET', path, { token: secrets.main })).body.equals(whole)).toBe(true);
    await restarted.stop();
  });

  it('a complete upload that arrives while another of the same hash is in flight is stored, and stays when that one breaks off', async () => {
    const store = newStore(backend);
    const server = await serve(store.env);
    const path = '/v1/cache/9100000000000000003';
    const size = 512 * KiB;

    const slow = startPartialUpload(server.url, path, secrets.main, size, randomBytes(64 * KiB));
    await waitFor(() => bytesUnder(store.uploadsDir) >= 64 * KiB, 'the slow upload to arrive');
    const complete = randomBytes(size);
    // Answered while the first is still in flight: the complete one does not wait on it, nor is it refused.
    expect((await send(server.url, 'PUT', path, { token: secrets.main, body: complete })).status).toBe(200);
    slow.request.destroy();
    await slow.ended;

    const served = await send(server.url, 'GET', path, { token: secrets.main });
    expect(served.status).toBe(200);
    expect(served.body.equals(complete)).toBe(true);
    // Write-once still: a later upload of the hash is refused and changes nothing.
    expect((await send(server.url, 'PUT', path, { token: secrets.main, body: randomBytes(size) })).status).toBe(409);
    expect((await send(server.url, 'GET', path, { token: secrets.main })).body.equals(complete)).toBe(true);
    await server.stop();
  });
});

describe('the fs store with damaged records', () => {
  /** Flips one byte of the body in the record file, leaving its length as it is. */
  function flipBodyByte(file: string, body: Buffer): void {
    const record = readFileSync(file);
    const at = record.indexOf(body.subarray(1000, 1064)) + 10;
    expect(at).toBeGreaterThan(9);
    record[at] ^= 0xff;
    writeFileSync(file, record);
  }

  it.each([
    ['small (verified once, then kept in memory)', 4 * KiB, 'miss'],
    ['large (verified before it is sent)', 600 * KiB, 'miss'],
    ['huge (verified as it streams)', 40 * 1024 * KiB, 'broken transfer'],
  ] as const)(
    'a %s artifact changed on disk is never served whole, is removed, and is a miss from then on',
    async (_, size, seen) => {
      const store = newStore('fs');
      const server = await serve(store.env);
      const hash = `91000000000000000${size}`;
      const path = `/v1/cache/${hash}`;
      const body = randomBytes(size);
      expect((await send(server.url, 'PUT', path, { token: secrets.main, body })).status).toBe(200);
      flipBodyByte(join(store.dir, 'main', 'nx', '-', hash), body);

      const first = await download(server.url, path);
      if (seen === 'miss') {
        expect((first as Reply).status).toBe(404);
      } else {
        // Headers went out before the mismatch showed; the body stops short of its Content-Length.
        const received = first instanceof Error ? 0 : first.body.length;
        expect(received).toBeLessThan(size);
      }
      await waitFor(() => server.output().includes('corrupt artifact removed'), 'the corruption to be logged');
      expect(server.output()).toContain('PAVED-320');
      expect((await send(server.url, 'GET', path, { token: secrets.main })).status).toBe(404);
      // The hash can be stored again, and then is served whole.
      expect((await send(server.url, 'PUT', path, { token: secrets.main, body })).status).toBe(200);
      expect(deliveredWhole(await download(server.url, path), body)).toBe(true);
      await server.stop();
    },
  );
});

describe('eviction by trust tier', () => {
  it("PR uploads far beyond the size limit never evict main's artifacts", async () => {
    const store = newStore('fs');
    const server = await serve({ ...store.env, PAVED_CACHE_MAX_TOTAL_BYTES: String(2048 * KiB) });
    const artifact = 300 * KiB;
    const mainBodies = Array.from({ length: 4 }, () => randomBytes(artifact));
    for (const [index, body] of mainBodies.entries()) {
      expect(
        (await send(server.url, 'PUT', `/v1/cache/92000000000000000${index}`, { token: secrets.main, body })).status,
      ).toBe(200);
    }
    const prBodies = Array.from({ length: 20 }, () => randomBytes(artifact));
    for (const [index, body] of prBodies.entries()) {
      const path = `/ns/pr-${index}/v1/cache/93000000000000000${index}`;
      expect((await send(server.url, 'PUT', path, { token: secrets.pr, body })).status).toBe(200);
    }

    for (const [index, body] of mainBodies.entries()) {
      expect(deliveredWhole(await download(server.url, `/v1/cache/92000000000000000${index}`), body)).toBe(true);
    }
    // PR artifacts evicted among themselves, oldest first: the newest is there, the oldest is not.
    const newest = prBodies.length - 1;
    expect(
      deliveredWhole(
        await download(server.url, `/ns/pr-${newest}/v1/cache/93000000000000000${newest}`, secrets.pr),
        prBodies[newest],
      ),
    ).toBe(true);
    expect(((await download(server.url, '/ns/pr-0/v1/cache/930000000000000000', secrets.pr)) as Reply).status).toBe(
      404,
    );
    await server.stop();
  });
});
