import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { CacheStore } from './cache-store';
import { FsBackend } from './fs-backend';
import { type ArtifactKey } from './types';

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
});
