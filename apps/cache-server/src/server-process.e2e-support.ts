import { startCacheServerProcess, type CacheServerProcess } from '@paved/scratch';
import { join } from 'node:path';

export { killLeftoverServers, type CacheServerProcess, type RequestLog, type ServerExit } from '@paved/scratch';

export const repoRoot = join(import.meta.dirname, '..', '..', '..');
export const serverBinary = join(repoRoot, 'dist', 'apps', 'cache-server', 'main.cjs');

/** Starts `paved-cache serve` from this repository's build (see startCacheServerProcess). */
export function startCacheServer(env: Record<string, string>, timeoutMs = 15_000): Promise<CacheServerProcess> {
  return startCacheServerProcess(serverBinary, env, timeoutMs);
}
