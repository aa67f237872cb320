import { hashToken, resolveCacheConfig } from '@paved/cache-config';
import { type CacheServerOptions } from '@paved/cache-http';
import { runProgram } from '@paved/cli-kit';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { pavedCache } from './commands';
import { serverConfig, SHIPPED_TUNING } from './server-config';

/** What the commands create servers with; the server itself is never started. */
const created = vi.hoisted(() => [] as CacheServerOptions[]);
vi.mock('@paved/cache-http', () => ({
  CacheServer: {
    create: (options: CacheServerOptions) => {
      created.push(options);
      return Promise.reject(new Error('not started in this test'));
    },
  },
}));

const tokens = JSON.stringify([{ name: 'ci', sha256: hashToken('t'), read: ['main'], write: 'main' }]);
const noFile = (path: string): string => {
  throw new Error(`no file ${path} in this test`);
};
const resolve = (env: NodeJS.ProcessEnv, readFile = noFile) =>
  resolveCacheConfig({ PAVED_CACHE_TOKENS: tokens, ...env }, readFile, serverConfig);

describe("paved-cache's configuration", () => {
  it('turns the tuning on unless told otherwise', () => {
    expect(resolve({}).config?.tuning).toEqual(SHIPPED_TUNING);
    expect(resolve({}).config).toMatchObject({ port: 3000, storage: { type: 'fs' } });
  });

  it('turns each knob off with its variable', () => {
    const { config, errors } = resolve({
      PAVED_CACHE_RECLAIM_UPLOAD_BUFFERS_EVERY_BYTES: '0',
      PAVED_CACHE_RECLAIM_AFTER_STARTUP_SCAN: 'false',
      PAVED_CACHE_SYNC_WRITE_MAX_BYTES: '0',
      PAVED_CACHE_POOLED_SEND_CHUNKS: '0',
      PAVED_CACHE_SPOOL_FILES_AHEAD: '0',
      PAVED_CACHE_RECLAIM_HEAP_GROWTH_BYTES: '0',
    });
    expect(errors).toEqual([]);
    expect(config?.tuning).toEqual({
      reclaimUploadBuffersEveryBytes: 0,
      reclaimAfterStartupScan: false,
      syncWriteMaxBytes: 0,
      pooledSendChunks: 0,
      spoolFilesAhead: 0,
      reclaimHeapGrowthBytes: 0,
    });
  });

  it('takes the tuning from the file, where an unnamed knob keeps its default and the variables win', () => {
    const file = JSON.stringify({ tuning: { syncWriteMaxBytes: 0, pooledSendChunks: 8 } });
    const { config } = resolve({ PAVED_CACHE_CONFIG: 'cache.json', PAVED_CACHE_POOLED_SEND_CHUNKS: '16' }, () => file);
    expect(config?.tuning).toEqual({ ...SHIPPED_TUNING, syncWriteMaxBytes: 0, pooledSendChunks: 16 });
  });

  it('refuses what is not a knob, or not a whole number of bytes, naming the key and its variable', () => {
    expect(resolve({ PAVED_CACHE_SYNC_WRITE_MAX_BYTES: '-1' }).errors).toMatchObject([
      {
        code: 'PAVED-302',
        keyPath: 'tuning.syncWriteMaxBytes',
        hint: 'set in the file or with $PAVED_CACHE_SYNC_WRITE_MAX_BYTES',
      },
    ]);
    const unknownKnob = resolve({ PAVED_CACHE_CONFIG: 'cache.json' }, () => '{"tuning": {"gcEveryRequest": true}}');
    expect(unknownKnob.errors).toMatchObject([{ code: 'PAVED-302', keyPath: 'tuning' }]);
  });
});

describe('the commands', () => {
  async function tuningOf(argv: string[], env: NodeJS.ProcessEnv = {}) {
    created.length = 0;
    const io = { out: () => undefined, err: () => undefined, env: { PAVED_CACHE_TOKENS: tokens, ...env } };
    await runProgram(pavedCache, { argv, from: __dirname, io });
    return created.map((options) => options.tuning);
  }

  it('hand the configured tuning to the server: the shipped one, or what the variables say', async () => {
    expect(await tuningOf(['serve'])).toEqual([SHIPPED_TUNING]);
    expect(await tuningOf(['serve'], { PAVED_CACHE_POOLED_SEND_CHUNKS: '0' })).toEqual([
      { ...SHIPPED_TUNING, pooledSendChunks: 0 },
    ]);
  });

  it('run the development server with the shipped tuning', async () => {
    // Nothing is created there: the server is not.
    const dir = join(tmpdir(), 'paved-cache-dev-never-created');
    expect(await tuningOf(['dev', '--dir', dir, '--port', '0'])).toEqual([SHIPPED_TUNING]);
  });
});
