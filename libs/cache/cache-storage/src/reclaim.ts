import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type GcFunction = (options: { type: 'minor' | 'major' }) => void;
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
 * What an upload tells of each chunk it wrote, so that a young-generation collection runs every
 * `everyBytes` of them (StorageTuning.reclaimUploadBuffersEveryBytes says why); undefined when
 * `everyBytes` is 0 or unset: no upload forces a collection then.
 */
export function uploadBufferReclaimer(everyBytes: number | undefined): ((chunkBytes: number) => void) | undefined {
  if (!everyBytes) return undefined;
  let sinceLastCollection = 0;
  return (chunkBytes) => {
    sinceLastCollection += chunkBytes;
    if (sinceLastCollection < everyBytes) return;
    sinceLastCollection = 0;
    gcFunction()({ type: 'minor' });
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
