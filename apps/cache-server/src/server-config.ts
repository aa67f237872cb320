/**
 * paved-cache's configuration: the cache server's (@paved/cache-config) and its tuning. The
 * libraries leave every memory and CPU trade off, since it pays only for a server like this one:
 * one per process, its peak memory under large artifacts and its speed for a lone client measured
 * (docs/benchmarks.md). This binary turns them on; each can be turned off, in the file or by its
 * variable, for a deployment it does not suit or to measure the server without it.
 */
import { cacheConfigSchema, parseEnvSwitch, type ConfigExtension } from '@paved/cache-config';
import { type CacheServerTuning } from '@paved/cache-http';
import { z } from 'zod';

const MiB = 1024 * 1024;

/** What paved-cache runs with unless configured otherwise. */
export const SHIPPED_TUNING = {
  reclaimUploadBuffersEveryBytes: 4 * MiB,
  reclaimAfterStartupScan: true,
  syncWriteMaxBytes: MiB,
  pooledSendChunks: 256,
  spoolFilesAhead: 4,
  reclaimHeapGrowthBytes: 8 * MiB,
} as const satisfies Required<CacheServerTuning>;

const count = z.number().int().nonnegative();

const tuningSchema = z
  .strictObject({
    reclaimUploadBuffersEveryBytes: count
      .default(SHIPPED_TUNING.reclaimUploadBuffersEveryBytes)
      .describe(
        'Upload bytes between two forced young-generation collections, which free the buffers spent request chunks came in before tens of MB of them pile up; 0: never.',
      ),
    reclaimAfterStartupScan: z
      .boolean()
      .default(SHIPPED_TUNING.reclaimAfterStartupScan)
      .describe('A forced collection once the start-up scan of the store is done, so its garbage is not carried on.'),
    syncWriteMaxBytes: count
      .default(SHIPPED_TUNING.syncWriteMaxBytes)
      .describe(
        'Disk storage without fsync: an upload of at most this many bytes, while no other is in progress, is written on the event loop, which spares a lone client the thread pool round trips but serves nothing else meanwhile; 0: never.',
      ),
    pooledSendChunks: count
      .default(SHIPPED_TUNING.pooledSendChunks)
      .describe(
        'Disk storage: free 64 KiB download chunks kept for the next downloads (256: 16 MiB, room for 128 concurrent ones); 0: each download allocates its own.',
      ),
    spoolFilesAhead: count
      .default(SHIPPED_TUNING.spoolFilesAhead)
      .describe(
        'Disk storage: empty upload files created ahead in the thread pool, so an upload does not wait for its file to be created (about 150 µs on ext4 after an idle moment); 0: each upload creates its own.',
      ),
    reclaimHeapGrowthBytes: count
      .default(SHIPPED_TUNING.reclaimHeapGrowthBytes)
      .describe(
        'A full collection once the JS heap holds this many bytes more than the last full collection left (checked every 100 ms), so the garbage thousands of small requests a second leave in the old generation does not grow the process; 0: V8 decides alone.',
      ),
  })
  .default(SHIPPED_TUNING)
  .describe('Memory and CPU trades of paved-cache, each on by default; 0 or false turns one off.');

const serverConfigSchema = cacheConfigSchema.extend({ tuning: tuningSchema });

export type ServerConfig = z.output<typeof serverConfigSchema>;

export const serverConfig: ConfigExtension<ServerConfig> = {
  schema: serverConfigSchema,
  envOverrides: {
    PAVED_CACHE_RECLAIM_UPLOAD_BUFFERS_EVERY_BYTES: {
      keyPath: ['tuning', 'reclaimUploadBuffersEveryBytes'],
      parse: Number,
    },
    PAVED_CACHE_RECLAIM_AFTER_STARTUP_SCAN: { keyPath: ['tuning', 'reclaimAfterStartupScan'], parse: parseEnvSwitch },
    PAVED_CACHE_SYNC_WRITE_MAX_BYTES: { keyPath: ['tuning', 'syncWriteMaxBytes'], parse: Number },
    PAVED_CACHE_POOLED_SEND_CHUNKS: { keyPath: ['tuning', 'pooledSendChunks'], parse: Number },
    PAVED_CACHE_SPOOL_FILES_AHEAD: { keyPath: ['tuning', 'spoolFilesAhead'], parse: Number },
    PAVED_CACHE_RECLAIM_HEAP_GROWTH_BYTES: { keyPath: ['tuning', 'reclaimHeapGrowthBytes'], parse: Number },
  },
};
