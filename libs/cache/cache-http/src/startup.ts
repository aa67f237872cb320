import { type CacheConfig } from '@paved/cache-config';
import { FsBackend, S3Backend, type ArtifactBackend, type StorageTuning } from '@paved/cache-storage';
import { PavedError } from '@paved/errors';
import { statSync } from 'node:fs';

/** The backend the configuration describes, initialised; a storage folder that is a file is PAVED-307. */
export async function createBackend(config: CacheConfig, tuning: StorageTuning | undefined): Promise<ArtifactBackend> {
  if (config.storage.type === 'fs') {
    const { dir } = config.storage;
    if (isNonFolder(dir)) {
      throw new PavedError({
        code: 'PAVED-307',
        file: dir,
        message: 'the storage folder is a file, not a folder',
        hint: 'point PAVED_CACHE_DIR (or --dir for paved-cache dev) at a folder, or at a path where one may be created',
      });
    }
    const backend = new FsBackend({
      dir,
      fsync: config.storage.fsync,
      verifyEveryRead: config.storage.verifyEveryRead,
      tuning,
    });
    await backend.init();
    return backend;
  }
  const backend = new S3Backend({
    ...config.storage,
    callTimeoutMs: config.timeouts.storageMs,
    transferTimeoutMs: config.timeouts.storageTransferMs,
    tuning,
  });
  await backend.init();
  return backend;
}

/** Why the start-up scan of the store failed, as a coded error saying what to do. */
export function startupStorageError(config: CacheConfig, error: unknown): unknown {
  if (error instanceof PavedError) return error;
  const reason = (error as Error).message;
  if (config.storage.type === 's3') {
    const { bucket, endpoint } = config.storage;
    return new PavedError({
      code: 'PAVED-310',
      message: `S3 bucket "${bucket}"${endpoint ? ` at ${endpoint}` : ''} cannot be listed at start-up: ${reason}`,
      hint: `check that the store is up and reachable from here, the bucket exists and the credentials may list it (PAVED_CACHE_S3_ENDPOINT, PAVED_CACHE_S3_BUCKET); a store that is slow to list needs a longer timeouts.storageTransferMs (now ${config.timeouts.storageTransferMs} ms)`,
    });
  }
  return new PavedError({
    code: 'PAVED-307',
    file: config.storage.dir,
    message: `the storage folder cannot be scanned at start-up: ${reason}`,
    hint: 'give the server write access to the storage folder and everything in it (PAVED_CACHE_DIR, or --dir for paved-cache dev)',
  });
}

/** Why the server could not listen, as a coded error saying what to do; an unexpected reason stays as it is. */
export function listenError(error: NodeJS.ErrnoException, port: number, host: string): Error {
  const otherPort = 'choose another port with PAVED_CACHE_PORT or, for paved-cache dev, --port';
  switch (error.code) {
    case 'EADDRINUSE':
      return new PavedError({
        code: 'PAVED-305',
        message: `port ${port} on ${host} is already in use`,
        hint: `${otherPort}; or stop the process that listens there: \`ss -ltnp\` shows which`,
      });
    case 'EACCES':
      return new PavedError({
        code: 'PAVED-306',
        message: `not allowed to listen on port ${port} on ${host}`,
        hint: `ports below 1024 need privileges: ${otherPort}, of 1024 or above`,
      });
    case 'EADDRNOTAVAIL':
      return new PavedError({
        code: 'PAVED-308',
        message: `${host} is not an address of this machine`,
        hint: 'set PAVED_CACHE_HOST to one of its addresses, 0.0.0.0 or ::',
      });
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new PavedError({
        code: 'PAVED-308',
        message: `"${host}" is neither an IP address nor a host name this machine can resolve`,
        hint: 'set PAVED_CACHE_HOST to an address of this machine (127.0.0.1, 0.0.0.0, ::) or a name that resolves to one',
      });
    default:
      return error;
  }
}

/** Something that is not a folder is where the storage folder should be (missing, or under a file: init's to refuse). */
function isNonFolder(path: string): boolean {
  try {
    return !statSync(path).isDirectory();
  } catch {
    return false;
  }
}
