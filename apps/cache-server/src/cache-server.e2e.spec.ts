/**
 * End to end, with real binaries: the built paved-cache bundle as a separate
 * process, driven by the real nx (scratch workspace) and turbo clients, on disk
 * and on S3 (s3rver). Slow by nature (tagged by its file name, run by the
 * `e2e` target, which builds the server first).
 */
import { hashToken } from '@paved/cache-config';
import { ScratchWorkspace, type RunResult } from '@paved/scratch';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, getText, metricValue, send, startPartialUpload } from './http.e2e-support';
import { s3StorageEnv, startS3rverThread, type S3rverThread } from './s3rver.e2e-support';
import {
  killLeftoverServers,
  repoRoot,
  startCacheServer,
  type CacheServerProcess,
  type RequestLog,
} from './server-process.e2e-support';
import { TurboWorkspace, type CommandResult } from './turbo-workspace.e2e-support';

const MiB = 1024 * 1024;
const BUCKET = 'paved-cache';

const tokens = { main: 'tok-ci-main', laptop: 'tok-laptop', pr: 'tok-ci-pr', metrics: 'tok-prometheus' };
/** The trust model of a real deployment: main CI writes main, laptops only read it, PR builds write pr-* only. */
const tokenConfig = [
  { name: 'ci-main', sha256: hashToken(tokens.main), read: ['main'], write: 'main' },
  { name: 'laptops', sha256: hashToken(tokens.laptop), read: ['main'] },
  { name: 'ci-pr', sha256: hashToken(tokens.pr), read: ['pr-*', 'main'], write: 'pr-*' },
  // A Prometheus scraper: the series per namespace on /metrics, nothing else.
  { name: 'prometheus', sha256: hashToken(tokens.metrics), read: [], metrics: true },
];

type StorageKind = 'fs' | 's3';

/** An empty artifact store the server can be started (and restarted) on. */
interface Store {
  env: Record<string, string>;
  /** Where the server writes an upload while it streams in (on disk: `.tmp/` of the store, until it is complete). */
  spoolDir: string;
}

let workDir: string;
let s3rver: S3rverThread;
let storeCount = 0;
let nxWorkspace: ScratchWorkspace;
let turboWorkspace: TurboWorkspace;

function freshStore(kind: StorageKind): Store {
  storeCount += 1;
  if (kind === 'fs') {
    const dir = join(workDir, `fs-store-${storeCount}`);
    return { env: { PAVED_CACHE_STORAGE: 'fs', PAVED_CACHE_DIR: dir }, spoolDir: join(dir, '.tmp') };
  }
  // One bucket for all S3 stores; a key prefix per store keeps them apart.
  const spoolDir = mkdtempSync(join(workDir, 's3-spool-'));
  return {
    env: s3StorageEnv(s3rver, BUCKET, `store-${storeCount}/`, spoolDir),
    spoolDir,
  };
}

function startServer(store: Store): Promise<CacheServerProcess> {
  return startCacheServer({
    PAVED_CACHE_HOST: '127.0.0.1',
    PAVED_CACHE_PORT: '0',
    PAVED_CACHE_LOG_LEVEL: 'info',
    PAVED_CACHE_TOKENS: JSON.stringify(tokenConfig),
    ...store.env,
  });
}

/** SIGTERM must drain and exit 0 promptly: that is what a rolling deploy relies on. */
async function stopGracefully(server: CacheServerProcess): Promise<void> {
  const exit = await server.stop();
  expect(exit, server.output()).toMatchObject({ code: 0, signal: null });
  expect(exit.ms).toBeLessThan(5_000);
}

// Nx runs (RunResult) and turbo runs have the same shape.
function ok<T extends CommandResult>(result: T): T {
  expect(result.status, `${result.command}\n${result.stdout}\n${result.stderr}`).toBe(0);
  return result;
}

/** Requests as `METHOD /path STATUS`, which makes a failed expectation readable. */
function summarize(requests: RequestLog[]): string[] {
  return requests.map(({ method, path, status }) => `${method} ${path} ${status}`);
}

async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Bytes of uploads the server is receiving into `dir`: proof that an upload has reached it. */
function spooledBytes(dir: string, except: readonly string[] = []): number {
  let total = 0;
  const names = existsSync(dir) ? readdirSync(dir) : [];
  for (const name of names.filter((n) => !except.includes(n))) {
    try {
      total += statSync(join(dir, name)).size;
    } catch {
      // Published or removed between the listing and the stat.
    }
  }
  return total;
}

/** Runs `action` and returns its result with the requests the server logged meanwhile, in order. */
async function requestsDuring<T>(
  server: CacheServerProcess,
  action: () => T | Promise<T>,
): Promise<{ result: T; requests: RequestLog[] }> {
  const from = await server.mark();
  const result = await action();
  const to = await server.mark();
  return { result, requests: server.requests(from, to) };
}

function nxUploadOf(requests: RequestLog[]): RequestLog {
  const upload = requests.find((request) => request.method === 'PUT');
  if (!upload) throw new Error(`Nx made no upload:\n${summarize(requests).join('\n')}`);
  return upload;
}

// ---- Nx: one ts-lib in a scratch workspace, built with the remote cache env ----

const MONEY_DIST = 'dist/libs/shared/money';

function nxBuild(base: string, token: string): RunResult {
  return ok(
    nxWorkspace.nx(['run', 'money:build', '--outputStyle=static'], {
      NX_SELF_HOSTED_REMOTE_CACHE_SERVER: base,
      NX_SELF_HOSTED_REMOTE_CACHE_ACCESS_TOKEN: token,
      // Nx's client honours proxy variables; a proxy of the test machine must not intercept localhost.
      NO_PROXY: '127.0.0.1,localhost',
    }),
  );
}

/**
 * A clean machine: no local cache and no outputs. A full `nx reset`, because
 * `nx reset --onlyCache` does not reliably clear the local cache on this Nx.
 */
function forgetNxBuild(): void {
  ok(nxWorkspace.nx(['reset']));
  rmSync(nxWorkspace.path('dist'), { recursive: true, force: true });
}

/** Every file the build wrote, by path relative to the workspace. */
function moneyOutputs(): Record<string, string> {
  const files = readdirSync(nxWorkspace.path(MONEY_DIST), { recursive: true, withFileTypes: true }).filter((entry) =>
    entry.isFile(),
  );
  return Object.fromEntries(
    files.map((entry) => {
      const path = join(entry.parentPath, entry.name);
      return [relative(nxWorkspace.root, path), readFileSync(path, 'utf-8')];
    }),
  );
}

function nxHashOf(request: RequestLog): string {
  const hash = /\/v1\/cache\/(\d+)$/.exec(request.path)?.[1];
  if (!hash) throw new Error(`not an Nx artifact request: ${request.path}`);
  return hash;
}

// ---- Turborepo ----

function turboEnv(base: string, token: string): Record<string, string> {
  return { TURBO_API: base, TURBO_TOKEN: token, TURBO_TEAM: 'paved', NO_PROXY: '127.0.0.1,localhost' };
}

function cacheMisses(output: string): string[] {
  return [...output.matchAll(/:build: cache miss, executing ([0-9a-f]{16})/g)].map((match) => match[1]);
}

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'paved-cache-e2e-'));
  s3rver = await startS3rverThread(join(workDir, 's3rver'), BUCKET);
  turboWorkspace = TurboWorkspace.create(join(repoRoot, 'node_modules', '.bin', 'turbo'));
  nxWorkspace = ScratchWorkspace.create({ toolchainRoot: repoRoot });
  ok(nxWorkspace.generateProject('--kind', 'ts-lib', '--name', 'money', '--scope', 'shared'));
  nxWorkspace.commitAll('money');
});

afterAll(async () => {
  killLeftoverServers();
  nxWorkspace?.dispose();
  turboWorkspace?.dispose();
  await s3rver?.close();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe.each<StorageKind>(['fs', 's3'])('paved-cache on %s storage', (kind) => {
  it('exits 0 within seconds on SIGTERM while idle, even with a kept-alive client connection', async () => {
    const server = await startServer(freshStore(kind));
    // Nx and Turbo keep connections open between requests; an idle one must not hold up the shutdown.
    const agent = new Agent({ keepAlive: true });
    try {
      expect((await send(server.url, 'GET', '/healthz', { agent })).status).toBe(200);
      await stopGracefully(server);
    } finally {
      agent.destroy();
    }
  });

  it('nx: stores a build on a miss, and restores it as a remote hit after nx reset', async () => {
    const server = await startServer(freshStore(kind));
    forgetNxBuild();

    const first = await requestsDuring(server, () => nxBuild(server.url, tokens.main));

    expect(first.result.stdout).not.toContain('[remote cache]');
    const hash = nxHashOf(nxUploadOf(first.requests));
    expect(summarize(first.requests)).toEqual([`GET /v1/cache/${hash} 404`, `PUT /v1/cache/${hash} 200`]);
    const stats = await getJson<{ namespaces: Record<string, unknown> }>(server.url, '/stats', tokens.main);
    expect(stats.namespaces.main).toMatchObject({ artifacts: 1, misses: 1, hits: 0 });
    const built = moneyOutputs();
    expect(Object.keys(built)).toContain(`${MONEY_DIST}/src/index.js`);

    forgetNxBuild();
    const second = await requestsDuring(server, () => nxBuild(server.url, tokens.main));

    expect(second.result.stdout).toContain('[remote cache]');
    expect(moneyOutputs()).toEqual(built);
    expect(summarize(second.requests)).toEqual([`GET /v1/cache/${hash} 200`]);
    await stopGracefully(server);
  });

  it('nx: a read-only token is refused the upload (403), yet the build succeeds and nothing is stored', async () => {
    const server = await startServer(freshStore(kind));
    forgetNxBuild();

    const { result, requests } = await requestsDuring(server, () => nxBuild(server.url, tokens.laptop));

    const hash = nxHashOf(nxUploadOf(requests));
    expect(summarize(requests)).toEqual([`GET /v1/cache/${hash} 404`, `PUT /v1/cache/${hash} 403`]);
    expect(requests.map((request) => request.token)).toEqual(['laptops', 'laptops']);
    expect(result.stdout + result.stderr).not.toMatch(/Misconfigured|Unauthorized|Failed to send/);
    expect((await send(server.url, 'GET', `/v1/cache/${hash}`, { token: tokens.main })).status).toBe(404);
    await stopGracefully(server);
  });

  it('nx (CREEP): a PR build writes only its own namespace, cannot write main, and main never hits it', async () => {
    const server = await startServer(freshStore(kind));
    forgetNxBuild();

    const prBuild = await requestsDuring(server, () => nxBuild(`${server.url}/ns/pr-42`, tokens.pr));

    const prUpload = nxUploadOf(prBuild.requests);
    const hash = nxHashOf(prUpload);
    expect(prUpload).toMatchObject({ namespace: 'pr-42', token: 'ci-pr' });
    expect(summarize(prBuild.requests)).toEqual([
      `GET /ns/pr-42/v1/cache/${hash} 404`,
      `PUT /ns/pr-42/v1/cache/${hash} 200`,
    ]);
    const prArtifact = await send(server.url, 'GET', `/ns/pr-42/v1/cache/${hash}`, { token: tokens.pr });
    expect(prArtifact.status).toBe(200);
    expect((await send(server.url, 'GET', `/v1/cache/${hash}`, { token: tokens.main })).status).toBe(404);

    // The poisoning attempt: the PR token uploads its artifact straight into main.
    const poisoning = await send(server.url, 'PUT', `/v1/cache/${hash}`, { token: tokens.pr, body: prArtifact.body });
    expect(poisoning.status).toBe(403);

    forgetNxBuild();
    const mainBuild = await requestsDuring(server, () => nxBuild(server.url, tokens.main));

    expect(mainBuild.result.stdout).not.toContain('[remote cache]');
    // Nx uploads only after running the task, never after a hit: the PUT proves the build really ran.
    expect(summarize(mainBuild.requests)).toEqual([`GET /v1/cache/${hash} 404`, `PUT /v1/cache/${hash} 200`]);
    await stopGracefully(server);
  });

  it('turbo: status, miss, upload and events, then a FULL TURBO remote hit restores the original outputs', async () => {
    const server = await startServer(freshStore(kind));
    const env = turboEnv(server.url, tokens.main);
    turboWorkspace.clearLocalState();

    const miss = await requestsDuring(server, () => turboWorkspace.build(env));

    ok(miss.result);
    expect(miss.result.stdout).toContain('Remote caching enabled');
    const hashes = cacheMisses(miss.result.stdout);
    expect(hashes).toHaveLength(2);
    expect(summarize(miss.requests).sort()).toEqual(
      [
        'GET /v8/artifacts/status 200',
        'POST /v8/artifacts/events 200',
        ...hashes.flatMap((hash) => [`GET /v8/artifacts/${hash} 404`, `PUT /v8/artifacts/${hash} 200`]),
      ].sort(),
    );
    const original = turboWorkspace.outputs();
    const timeSaved = async () =>
      metricValue(await getText(server.url, '/metrics', tokens.metrics), 'paved_cache_turbo_time_saved_seconds_total', {
        namespace: 'main',
      });
    expect(await timeSaved()).toBe(0);

    turboWorkspace.clearLocalState();
    const hit = await requestsDuring(server, () => turboWorkspace.build(env));

    ok(hit.result);
    expect(hit.result.stdout).toContain('FULL TURBO');
    for (const hash of hashes) expect(hit.result.stdout).toContain(`cache hit, replaying logs ${hash}`);
    expect(cacheMisses(hit.result.stdout)).toEqual([]);
    expect(turboWorkspace.outputs()).toEqual(original);
    expect(summarize(hit.requests).sort()).toEqual(
      [
        'GET /v8/artifacts/status 200',
        'POST /v8/artifacts/events 200',
        ...hashes.map((hash) => `GET /v8/artifacts/${hash} 200`),
      ].sort(),
    );

    const metrics = await getText(server.url, '/metrics');
    const turboRequests = (method: string, status: string) =>
      metricValue(metrics, 'paved_cache_requests_total', { protocol: 'turbo', method, status });
    expect(turboRequests('PUT', '200')).toBe(2);
    expect(turboRequests('GET', '404')).toBe(2);
    expect(turboRequests('POST', '200')).toBe(2);
    // Turbo reports as saved the task duration the server handed back with each hit.
    const durations = await Promise.all(
      hashes.map(async (hash) => {
        const artifact = await send(server.url, 'GET', `/v8/artifacts/${hash}?slug=paved`, { token: tokens.main });
        return Number(artifact.headers['x-artifact-duration']);
      }),
    );
    expect(durations.every((duration) => duration > 0)).toBe(true);
    expect(await timeSaved()).toBeCloseTo((durations[0] + durations[1]) / 1000, 3);
    await stopGracefully(server);
  });

  it('64 concurrent uploads of one hash: exactly one is stored (200), the others get 409', async () => {
    const server = await startServer(freshStore(kind));
    const path = '/v1/cache/9000000000000000064';
    // Larger than the memory tier's limit, so the upload streams through storage.
    const bodies = Array.from({ length: 64 }, () => randomBytes(300 * 1024));

    const replies = await Promise.all(
      bodies.map((body) => send(server.url, 'PUT', path, { token: tokens.main, body })),
    );

    const statuses = replies.map((reply) => reply.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(63);
    const stored = await send(server.url, 'GET', path, { token: tokens.main });
    expect(stored.status).toBe(200);
    // Buffer.equals: a deep comparison of 300 KiB byte by byte takes seconds.
    expect(stored.body.equals(bodies[statuses.indexOf(200)])).toBe(true);
    expect((await send(server.url, 'GET', '/healthz')).status).toBe(200);
    await stopGracefully(server);
  });

  it('SIGKILL mid-upload leaves nothing servable, and the hash can be uploaded after a restart', async () => {
    const store = freshStore(kind);
    const crashing = await startServer(store);
    const path = '/v1/cache/9000000000000000008';

    const upload = startPartialUpload(crashing.url, path, tokens.main, 8 * MiB, randomBytes(2 * MiB));
    await until(() => spooledBytes(store.spoolDir) > 0, 'the server to spool the upload');
    expect(await crashing.kill()).toEqual({ code: null, signal: 'SIGKILL' });
    await upload.ended;

    const restarted = await startServer(store);
    expect((await send(restarted.url, 'GET', path, { token: tokens.main })).status).toBe(404);
    const body = randomBytes(8 * MiB);
    expect((await send(restarted.url, 'PUT', path, { token: tokens.main, body })).status).toBe(200);
    const stored = await send(restarted.url, 'GET', path, { token: tokens.main });
    expect(stored.status).toBe(200);
    expect(stored.body.equals(body)).toBe(true);
    await stopGracefully(restarted);
  });

  it('keeps serving after bad requests, and stores nothing from an upload cut short', async () => {
    const store = freshStore(kind);
    const server = await startServer(store);
    const abandoned = '/v1/cache/9000000000000000400';

    const noToken = await send(server.url, 'GET', abandoned);
    expect(noToken.status).toBe(401);
    // Nx accepts a 401 only with exactly this content type.
    expect(noToken.headers['content-type']).toBe('text/plain');
    expect((await send(server.url, 'GET', '/v1/cache/..%2F..%2Fetc', { token: tokens.main })).status).toBe(400);
    const chunked = await send(server.url, 'PUT', abandoned, {
      token: tokens.main,
      headers: { 'transfer-encoding': 'chunked' },
    });
    expect(chunked.status).toBe(411);
    const garbageEvents = await send(server.url, 'POST', '/v8/artifacts/events?slug=paved', {
      token: tokens.main,
      body: Buffer.from('not json'),
      headers: { 'content-type': 'application/json' },
    });
    expect(garbageEvents.status).toBe(400);

    const { requests } = await requestsDuring(server, async () => {
      const uploads = () => server.requests().filter((request) => request.method === 'PUT').length;
      const uploadsBefore = uploads();
      const cutShort = startPartialUpload(server.url, abandoned, tokens.main, MiB, randomBytes(64 * 1024));
      await until(() => spooledBytes(store.spoolDir) > 0, 'the server to spool the upload');
      cutShort.request.destroy();
      await cutShort.ended;
      // The server notices the abort only through the failing upload stream; wait for that rather than race it.
      await until(() => uploads() > uploadsBefore, 'the cut-off upload to be logged');
    });
    // Whatever status the cut-off upload got, it was logged as a client error, not a 5xx.
    expect(summarize(requests)).toEqual([`PUT ${abandoned} 400`]);

    expect(await getText(server.url, '/healthz')).toBe('ok');
    expect(await getText(server.url, '/readyz')).toBe('ready');
    expect((await send(server.url, 'GET', abandoned, { token: tokens.main })).status).toBe(404);
    const body = randomBytes(4096);
    expect((await send(server.url, 'PUT', abandoned, { token: tokens.main, body })).status).toBe(200);
    expect((await send(server.url, 'GET', abandoned, { token: tokens.main })).body.equals(body)).toBe(true);
    // Nothing left of the cut-off upload: on disk only the artifact stored afterwards, on S3 an empty spool folder.
    expect(spooledBytes(store.spoolDir, [abandoned.split('/').pop() as string])).toBe(0);
    await stopGracefully(server);
  });
});

describe('paved-cache scaled out: two stateless servers over one S3 bucket', () => {
  it('an artifact stored through one is served by the other, which refuses to overwrite it (409)', async () => {
    const store = freshStore('s3');
    const [first, second] = await Promise.all([startServer(store), startServer(store)]);
    const path = '/v1/cache/9000000000000000077';
    const body = randomBytes(300 * 1024);
    expect((await send(second.url, 'GET', path, { token: tokens.main })).status).toBe(404);
    expect((await send(first.url, 'PUT', path, { token: tokens.main, body })).status).toBe(200);

    const served = await send(second.url, 'GET', path, { token: tokens.main });
    expect(served.status).toBe(200);
    expect(served.body.equals(body)).toBe(true);
    // Write-once holds across servers: the second finds the object before it reads the body.
    expect((await send(second.url, 'PUT', path, { token: tokens.main, body: randomBytes(1024) })).status).toBe(409);
    expect((await send(first.url, 'GET', path, { token: tokens.main })).body.equals(body)).toBe(true);
    await Promise.all([stopGracefully(first), stopGracefully(second)]);
  });
});
