import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Upload bytes between two young-generation collections. */
export const RECLAIM_EVERY_BYTES = 4 * 1024 * 1024;

type GcFunction = (options: { type: 'minor' | 'major' }) => void;
let collect: GcFunction | undefined;
let sinceLastCollection = 0;

function gcFunction(): GcFunction {
  if (!collect) {
    // The gc() of --expose-gc, made available at run time so that no launcher has to pass the flag.
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as GcFunction;
  }
  return collect;
}

/**
 * Counts upload bytes and frees the buffers they came in every few MB.
 * Node copies each chunk of a request body into a new buffer outside the JS
 * heap. V8 frees such buffers only when it collects their small JS wrappers,
 * and a server that allocates little on its JS heap collects rarely: tens of
 * MB of spent upload chunks piled up before anything was freed (peak RSS over
 * 150 MB while receiving 10 MiB artifacts at 16 connections). A young-
 * generation collection every RECLAIM_EVERY_BYTES frees them for about a
 * millisecond each; the wrappers are young because they are short-lived.
 */
export function reclaimUploadBuffers(bytes: number): void {
  sinceLastCollection += bytes;
  if (sinceLastCollection < RECLAIM_EVERY_BYTES) return;
  sinceLastCollection = 0;
  gcFunction()({ type: 'minor' });
}

/**
 * Frees what the start-up scan left: it reads every artifact's trailer, and
 * with thousands of artifacts that is tens of MB of garbage the server would
 * otherwise carry into its first requests.
 */
export function reclaimAfterStartupScan(): void {
  gcFunction()({ type: 'major' });
}
