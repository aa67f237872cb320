import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type GcFunction = (options?: { type: 'minor' | 'major' }) => void;
const FULL_COLLECTION_AFTER_BYTES = 16 * 1024 * 1024;
let collect: GcFunction | undefined;

function gcFunction(): GcFunction {
  if (!collect) {
    // The gc() of --expose-gc, made available at run time so that no launcher has to pass the flag.
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as GcFunction;
  }
  return collect;
}

/**
 * What an upload tells of each chunk it received, so that a young-generation collection runs every
 * `everyBytes` of them (StorageTuning.reclaimUploadBuffersEveryBytes says why); undefined when
 * `everyBytes` is 0 or unset: no upload forces a collection then. A chunk that lived through two
 * young collections (its write waited on a busy disk) is in the old generation, which only a full
 * collection frees, and V8 starts one late for memory outside its heap: when the buffers alive
 * have grown by FULL_COLLECTION_AFTER_BYTES since their lowest, the collection is a full one.
 */
export function uploadBufferReclaimer(everyBytes: number | undefined): ((chunkBytes: number) => void) | undefined {
  if (!everyBytes) return undefined;
  let sinceLastCollection = 0;
  // process.memoryUsage's count, not V8's external_memory, which counts a fraction of Node's request buffers.
  const buffersGrew = grewPastLowest(() => process.memoryUsage().arrayBuffers, FULL_COLLECTION_AFTER_BYTES);
  return (chunkBytes) => {
    sinceLastCollection += chunkBytes;
    if (sinceLastCollection < everyBytes) return;
    sinceLastCollection = 0;
    if (buffersGrew()) gcFunction()();
    else gcFunction()({ type: 'minor' });
  };
}

/**
 * Whether `measure()` has grown by `bound` since its lowest reading; a true answer (a full
 * collection follows) makes the reading the new mark. V8's own collections and the memory its
 * sweeper threads free later lower the readings, and the mark follows them down.
 */
function grewPastLowest(measure: () => number, bound: number): () => boolean {
  let lowest = measure();
  return () => {
    const reading = measure();
    lowest = Math.min(lowest, reading);
    if (reading - lowest < bound) return false;
    lowest = reading;
    return true;
  };
}

/**
 * StorageTuning.reclaimAfterStartupScan. It asks for a full collection, but Node 20's V8 reads
 * only `type: 'minor'` of the options and runs a young-generation collection for any other object
 * (a gc PerformanceObserver shows it); the shipped server was measured with that, so it stays.
 */
export function reclaimAfterStartupScan(): void {
  gcFunction()({ type: 'major' });
}

/**
 * CacheServerTuning.reclaimHeapGrowthBytes: called now and then (CacheServer: every 100 ms), it
 * runs a full collection once the JS heap holds `growthBytes` more than the last full collection
 * left; undefined when `growthBytes` is 0 or unset. Under thousands of small requests a second a
 * little of each request outlives two young collections, and V8 lets that garbage fill the old
 * generation to several times its live size before it collects it: 12 MB live became 33 MB of
 * heap (GET 1 KiB at 64 connections, measured), and the pages stay in the process's RSS.
 */
export function heapGrowthReclaimer(growthBytes: number | undefined): (() => void) | undefined {
  if (!growthBytes) return undefined;
  const heapGrew = grewPastLowest(() => getHeapStatistics().used_heap_size, growthBytes);
  return () => {
    if (heapGrew()) gcFunction()();
  };
}
