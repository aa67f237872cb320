import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { CacheStore } from './cache-store';
import { FsBackend } from './fs-backend';
import { type CorruptArtifactError } from './integrity';
import { keyPath, type ArtifactKey } from './types';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

async function storeWith(
  options: Partial<ConstructorParameters<typeof CacheStore>[0]> = {},
  dir = mkdtempSync(join(tmpdir(), 'paved-store-')),
) {
  dirs.push(dir);
  const backend = new FsBackend({ dir });
  await backend.init();
  const store = new CacheStore({
    backend,
    maxTotalBytes: 1_000_000,
    memoryTierBytes: 0,
    memoryTierMaxArtifactBytes: 0,
    ...options,
  });
  await store.init();
  return { store, dir };
}

const key = (hash: string, namespace = 'main'): ArtifactKey => ({ namespace, protocol: 'turbo', team: 'team', hash });
const put = (store: CacheStore, hash: string, size: number, namespace = 'main') =>
  store.put(key(hash, namespace), Readable.from([Buffer.alloc(size, hash.charCodeAt(0))]), size, { writer: 'test' });

describe('CacheStore', () => {
  it('evicts the least recently used artifacts beyond the size limit', async () => {
    const { store } = await storeWith({ maxTotalBytes: 3000 });
    await put(store, 'a', 1000);
    await put(store, 'b', 1000);
    await put(store, 'c', 1000);
    await store.get(key('a')); // a is now more recent than b
    await put(store, 'd', 1000);
    expect(await store.head(key('b'))).toBeUndefined();
    for (const hash of ['a', 'c', 'd']) expect(await store.head(key(hash))).toBeDefined();
    expect(store.storedBytes).toBe(3000);
    expect(store.evictedArtifacts).toBe(1);
  });

  it('deletes artifacts older than their namespace TTL', async () => {
    let now = Date.now();
    const { store } = await storeWith({ ttl: [{ pattern: /^pr-.*$/, seconds: 60 }], now: () => now });
    await put(store, 'p', 10, 'pr-1');
    await put(store, 'm', 10, 'main');
    now += 61_000;
    expect(await store.sweepExpired()).toBe(1);
    expect(await store.head(key('p', 'pr-1'))).toBeUndefined();
    expect(await store.head(key('m'))).toBeDefined();
  });

  it('serves small artifacts from memory once read, and drops the copy when purged', async () => {
    const { store } = await storeWith({ memoryTierBytes: 10_000, memoryTierMaxArtifactBytes: 2000 });
    await put(store, 's', 1500, 'pr-2');
    await put(store, 'l', 5000, 'pr-2');
    const first = await store.get(key('s', 'pr-2'));
    expect(first && 'body' in first).toBe(true);
    expect(store.memoryBytes).toBe(1500);
    const large = await store.get(key('l', 'pr-2'));
    expect(large && 'open' in large).toBe(true);
    if (large && 'open' in large) large.open().destroy();
    expect(await store.purgeNamespace('pr-2')).toBe(2);
    expect(store.memoryBytes).toBe(0);
    expect(await store.get(key('s', 'pr-2'))).toBeUndefined();
  });

  it('rebuilds its index from the backend at start-up', async () => {
    const { store, dir } = await storeWith();
    await put(store, 'x', 100, 'ns-a');
    await put(store, 'y', 200, 'ns-b');
    const { store: restarted } = await storeWith({}, dir);
    expect(restarted.usageByNamespace()).toEqual({
      'ns-a': { artifacts: 1, bytes: 100 },
      'ns-b': { artifacts: 1, bytes: 200 },
    });
    expect((await restarted.listNamespace('ns-b'))[0].meta).toMatchObject({ size: 200, writer: 'test' });
  });

  it('evicts per trust tier: untrusted uploads never push out protected artifacts', async () => {
    const { store } = await storeWith({
      maxTotalBytes: 5000,
      untrustedMaxBytes: 2000,
      isProtected: (namespace) => namespace === 'main',
    });
    for (const hash of ['m1', 'm2', 'm3']) await put(store, hash, 1000, 'main');
    for (let pr = 0; pr < 20; pr += 1) await put(store, `p${pr}`, 1000, `pr-${pr}`);
    for (const hash of ['m1', 'm2', 'm3']) expect(await store.head(key(hash))).toBeDefined();
    // Untrusted ones evicted oldest first, within their own budget.
    expect(store.usageByNamespace()).toEqual({
      main: { artifacts: 3, bytes: 3000 },
      'pr-18': { artifacts: 1, bytes: 1000 },
      'pr-19': { artifacts: 1, bytes: 1000 },
    });
    // A protected upload makes room by evicting untrusted ones first.
    await put(store, 'm4', 1000, 'main');
    await put(store, 'm5', 1000, 'main');
    expect(Object.keys(store.usageByNamespace())).toEqual(['main']);
    // Only protected artifacts by themselves past the total evict a protected one.
    await put(store, 'm6', 1000, 'main');
    expect(await store.head(key('m1'))).toBeUndefined();
    expect(store.storedBytes).toBe(5000);
  });

  it('an untrusted upload with the protected tier full stores nothing rather than evict protected artifacts', async () => {
    const { store } = await storeWith({ maxTotalBytes: 2000, isProtected: (namespace) => namespace === 'main' });
    await put(store, 'm1', 1000, 'main');
    await put(store, 'm2', 1000, 'main');
    await put(store, 'p', 500, 'pr-1');
    expect(await store.head(key('p', 'pr-1'))).toBeUndefined();
    for (const hash of ['m1', 'm2']) expect(await store.head(key(hash))).toBeDefined();
  });

  it.each([
    ['from memory (verified before it is kept)', 10_000],
    ['from disk (verified before it is sent)', 0],
  ])('removes an artifact whose body was changed on disk, %s, and then misses', async (_, memoryTierBytes) => {
    const found: CorruptArtifactError[] = [];
    const { store, dir } = await storeWith({
      memoryTierBytes,
      memoryTierMaxArtifactBytes: memoryTierBytes,
      onCorruptArtifact: (error) => found.push(error),
    });
    await put(store, 'c', 3000);
    const path = join(dir, keyPath(key('c')));
    const record = readFileSync(path);
    record[record.length - 10] ^= 1;
    writeFileSync(path, record);
    expect(await store.get(key('c'))).toBeUndefined();
    expect(found.map((error) => error.artifact)).toEqual([keyPath(key('c'))]);
    expect(await store.get(key('c'))).toBeUndefined();
    expect(store.usageByNamespace()).toEqual({});
    expect(store.corruptArtifacts).toBe(1);
  });

  it('stores a complete upload that arrives while another of the same hash is in flight, when that one breaks off', async () => {
    const { store } = await storeWith();
    const slow = new PassThrough();
    slow.write(Buffer.alloc(100, 1));
    const first = store.put(key('race'), slow, 1000, { writer: 'slow' });
    const second = await store.put(key('race'), Readable.from([Buffer.alloc(1000, 2)]), 1000, { writer: 'fast' });
    expect(second).toBe('created');
    slow.destroy(new Error('socket hang up'));
    await expect(first).rejects.toThrow(/broke off/);
    const hit = await store.get(key('race'));
    expect(hit?.meta.writer).toBe('fast');
    if (hit && 'open' in hit) hit.open().destroy();
  });

  it('answers exists to the later of two complete uploads of one hash', async () => {
    const { store } = await storeWith();
    const slow = new PassThrough();
    slow.write(Buffer.alloc(500, 1));
    const first = store.put(key('twice'), slow, 1000, { writer: 'slow' });
    expect(await store.put(key('twice'), Readable.from([Buffer.alloc(1000, 2)]), 1000, { writer: 'fast' })).toBe(
      'created',
    );
    slow.end(Buffer.alloc(500, 1));
    expect(await first).toBe('exists');
    expect((await store.head(key('twice')))?.writer).toBe('fast');
  });
});
