import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { constants, PerformanceObserver, type NodeGCPerformanceDetail } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { CacheStore } from './cache-store';
import { FsBackend } from './fs-backend';
import { heapGrowthReclaimer, uploadBufferReclaimer } from './reclaim';

/**
 * The kinds of the collections forced (by gc() of --expose-gc) while `run` ran. V8's own
 * collections carry no "forced" flag, so whatever the test process allocates does not count.
 */
async function forcedCollections(run: () => unknown): Promise<number[]> {
  const kinds: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      // Node's types leave out the detail of a gc entry.
      const { kind, flags } = (entry as unknown as { detail: NodeGCPerformanceDetail }).detail;
      if (flags & constants.NODE_PERFORMANCE_GC_FLAGS_FORCED) kinds.push(kind);
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  await run();
  // Node reports a collection after it, from the event loop.
  await new Promise((resolve) => setTimeout(resolve, 100));
  observer.disconnect();
  return kinds;
}

const dir = mkdtempSync(join(tmpdir(), 'paved-reclaim-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('uploadBufferReclaimer', () => {
  it('is nothing when no byte count is set', () => {
    expect(uploadBufferReclaimer(undefined)).toBeUndefined();
    expect(uploadBufferReclaimer(0)).toBeUndefined();
  });

  it('forces one young-generation collection each time the chunks it is told of add up to its byte count', async () => {
    const reclaim = uploadBufferReclaimer(1000) as (chunkBytes: number) => void;
    expect(await forcedCollections(() => reclaim(600))).toEqual([]);
    expect(await forcedCollections(() => reclaim(600))).toEqual([constants.NODE_PERFORMANCE_GC_MINOR]);
    expect(await forcedCollections(() => reclaim(999))).toEqual([]);
    expect(await forcedCollections(() => reclaim(1))).toEqual([constants.NODE_PERFORMANCE_GC_MINOR]);
  });

  it('forces a full collection instead once the buffers alive have grown by 16 MiB since their lowest', async () => {
    const reclaim = uploadBufferReclaimer(1000) as (chunkBytes: number) => void;
    const held = Array.from({ length: 17 }, () => Buffer.alloc(1024 * 1024, 1));
    expect(await forcedCollections(() => reclaim(1000))).toEqual([constants.NODE_PERFORMANCE_GC_MAJOR]);
    held.length = 0;
    // The collection reset the mark: what is alive now is the new lowest, and no growth follows it.
    expect(await forcedCollections(() => reclaim(1000))).toEqual([constants.NODE_PERFORMANCE_GC_MINOR]);
  });

  it('is what a tuned backend calls while it writes uploads, and an untuned one never', async () => {
    const upload = async (backend: FsBackend, hash: string) => {
      await backend.init();
      const body = Buffer.alloc(64 * 1024, 1);
      await backend.put({ namespace: 'main', protocol: 'nx', hash }, Readable.from([body]), body.length, {
        writer: 'test',
      });
    };
    const tuned = new FsBackend({ dir: join(dir, 'tuned'), tuning: { reclaimUploadBuffersEveryBytes: 1024 } });
    expect(await forcedCollections(() => upload(tuned, '1'))).toEqual([constants.NODE_PERFORMANCE_GC_MINOR]);
    expect(await forcedCollections(() => upload(new FsBackend({ dir: join(dir, 'plain') }), '1'))).toEqual([]);
  });
});

describe('heapGrowthReclaimer', () => {
  it('is nothing when no growth is set', () => {
    expect(heapGrowthReclaimer(undefined)).toBeUndefined();
    expect(heapGrowthReclaimer(0)).toBeUndefined();
  });

  it('forces a full collection once the heap has grown past its bound since the last one, and only then', async () => {
    const check = heapGrowthReclaimer(4 * 1024 * 1024) as () => void;
    expect(await forcedCollections(check)).toEqual([]);
    // About 10 MB of small objects on the JS heap, still referenced.
    const held = Array.from({ length: 300_000 }, (_, index) => ({ index, label: `object ${index}` }));
    expect(await forcedCollections(check)).toEqual([constants.NODE_PERFORMANCE_GC_MAJOR]);
    // What is alive after the collection is the new mark.
    expect(await forcedCollections(check)).toEqual([]);
    expect(held).toHaveLength(300_000);
  });
});

describe('the collection after the start-up scan', () => {
  const storeOver = (tuning: { reclaimAfterStartupScan?: boolean }) =>
    new CacheStore({
      backend: new FsBackend({ dir: join(dir, 'store') }),
      maxTotalBytes: 1_000_000,
      memoryTierBytes: 0,
      memoryTierMaxArtifactBytes: 0,
      tuning,
    });

  it('is forced only when the store is tuned to', async () => {
    expect(await forcedCollections(() => storeOver({}).init())).toEqual([]);
    expect(await forcedCollections(() => storeOver({ reclaimAfterStartupScan: true }).init())).toHaveLength(1);
  });
});
