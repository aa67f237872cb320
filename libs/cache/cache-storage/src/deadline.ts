/**
 * The storage could not serve a call: it did not answer in time, refused the connection, or
 * failed on its side. The server answers a read with a miss and a write with 503, so a build
 * goes on without the cache instead of waiting for it or failing.
 */
export class StorageUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StorageUnavailableError';
  }
}

/** A storage call passed its deadline; the call was aborted. */
export class StorageTimeoutError extends StorageUnavailableError {
  constructor(
    readonly operation: string,
    readonly ms: number,
  ) {
    super(`${operation} did not answer within ${ms} ms`);
    this.name = 'StorageTimeoutError';
  }
}

/**
 * Runs `call` with a deadline: when `ms` pass first, its signal is aborted (so the request
 * behind it is cancelled and its socket released, rather than piling up behind a hung store)
 * and the returned promise rejects with StorageTimeoutError at once, whether or not the call
 * honours the signal.
 */
export async function withDeadline<T>(
  operation: string,
  ms: number,
  call: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new StorageTimeoutError(operation, ms);
      controller.abort(error);
      reject(error);
    }, ms);
  });
  try {
    return await Promise.race([call(controller.signal), expired]);
  } finally {
    clearTimeout(timer);
  }
}
