import { startCacheServerProcess, type CacheServerProcess } from '@paved/scratch';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export { killLeftoverServers, type CacheServerProcess, type RequestLog, type ServerExit } from '@paved/scratch';

export const repoRoot = join(import.meta.dirname, '..', '..', '..');
export const serverBinary = join(repoRoot, 'dist', 'apps', 'cache-server', 'main.cjs');

/** Starts `paved-cache serve` from this repository's build (see startCacheServerProcess). */
export function startCacheServer(
  env: Record<string, string>,
  timeoutMs = 15_000,
  launcher: readonly string[] = [],
): Promise<CacheServerProcess> {
  return startCacheServerProcess(serverBinary, env, timeoutMs, launcher);
}

/**
 * Whether this machine lets an unprivileged process mount in a namespace of its own
 * (`unshare --user --map-root-user --mount`): how the e2e tests give the server a real tiny or
 * read-only file system without root.
 */
export function canMountInNamespace(): boolean {
  return spawnSync('unshare', ['-rm', 'sh', '-c', 'mount -t tmpfs none /mnt'], { stdio: 'ignore' }).status === 0;
}

/**
 * A launcher (for startCacheServer, or a command line to prefix) that runs its command with a
 * fresh tmpfs of `size` (e.g. "2m") mounted on `dir` (which must exist), visible only to that
 * process. `options`: tmpfs mount options such as "ro".
 */
export function withTmpfsOn(dir: string, size: string, options: readonly string[] = []): string[] {
  const mountOptions = [`size=${size}`, ...options].join(',');
  return ['unshare', '-rm', 'sh', '-c', `mount -t tmpfs -o ${mountOptions} paved-e2e "$0" && exec "$@"`, dir];
}
