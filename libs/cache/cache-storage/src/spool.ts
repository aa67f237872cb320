import { createHash } from 'node:crypto';
import { close, closeSync, open, write, writeSync } from 'node:fs';
import { finished, type Readable } from 'node:stream';
import { promisify } from 'node:util';
import { UploadError } from './types';

const openFd = promisify(open);
const closeFd = promisify(close);

function writeAtSync(fd: number, data: Buffer, position: number): Promise<void> {
  try {
    for (let offset = 0; offset < data.length;) {
      offset += writeSync(fd, data, offset, data.length - offset, position + offset);
    }
    return Promise.resolve();
  } catch (error) {
    return Promise.reject(error as Error);
  }
}

function writeAt(fd: number, data: Buffer, position: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const writeRest = (offset: number) =>
      write(fd, data, offset, data.length - offset, position + offset, (error, written) => {
        if (error) reject(error);
        else if (offset + written < data.length) writeRest(offset + written);
        else resolve();
      });
    writeRest(0);
  });
}

/**
 * Streams an upload into a new file (which must not exist), hashing and
 * counting on the way. Rejects with UploadError when the body is longer or
 * shorter than declared or breaks off; the caller removes the file then.
 *
 * Chunks are taken as they arrive ('data' events) and the body is paused
 * while each one is written, so an upload holds one socket chunk, not a
 * stream's backlog. An async iterator over the body instead kept spent
 * chunks reachable long enough to reach V8's old generation, where their
 * memory outside the heap waits for a full collection: under 16 concurrent
 * 10 MiB uploads that was 35-50 MB of spent chunks against about 8 MB
 * (process.memoryUsage().arrayBuffers at its highest, measured).
 */
export interface SpoolOptions {
  /** Where the body goes in the file: room left before it for a record header. */
  bodyOffset?: number;
  /** Bytes to write at the start of the file once the body is complete and verified (the fs backend's header). */
  header?: (body: { sha256: string; size: number }) => Buffer;
  /**
   * Write on the event loop instead of the thread pool. For small uploads into
   * the page cache a write takes microseconds, less than the hand-off to a
   * pool thread and back, which dominated small uploads at one connection.
   */
  syncWrites?: boolean;
  /** Told the size of every chunk received, to free spent upload buffers (uploadBufferReclaimer). */
  reclaimUploadBuffers?: (chunkBytes: number) => void;
}

export async function spoolToFile(
  body: Readable,
  declaredSize: number,
  /** A new file's path (created, must not exist), or an fd opened for writing (closed when done). */
  target: string | number,
  { bodyOffset = 0, header, syncWrites = false, reclaimUploadBuffers }: SpoolOptions = {},
): Promise<{ sha256: string; size: number }> {
  const fd = typeof target === 'number' ? target : await openFd(target, 'wx');
  const writeChunk = syncWrites ? writeAtSync : writeAt;
  try {
    const received = await receiveBody(
      body,
      declaredSize,
      (chunk, bodyPosition) => writeChunk(fd, chunk, bodyOffset + bodyPosition),
      reclaimUploadBuffers,
    );
    if (header) await writeChunk(fd, header(received), 0);
    return received;
  } finally {
    if (syncWrites) closeSync(fd);
    else await closeFd(fd);
  }
}

/** Hashes, counts and writes the body; settles once it ended and its last write finished, or at the first failure. */
function receiveBody(
  body: Readable,
  declaredSize: number,
  write: (chunk: Buffer, bodyPosition: number) => Promise<void>,
  reclaimUploadBuffers: ((chunkBytes: number) => void) | undefined,
): Promise<{ sha256: string; size: number }> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    let size = 0;
    let failed = false;
    /** The writes of the chunks received, in order; the body is paused until the last is done. */
    let writing: Promise<void> = Promise.resolve();

    const fail = (error: unknown, fromWrite = false) => {
      if (failed) return;
      failed = true;
      body.off('data', onData);
      body.destroy();
      // A failed write is the server's problem (a full disk), not a broken upload.
      if (fromWrite || error instanceof UploadError) return reject(error);
      const reason = error instanceof Error ? error.message : String(error);
      reject(
        new UploadError(
          size === declaredSize
            ? `the client closed the connection before the upload completed (${reason})`
            : `upload broke off after ${size} of ${declaredSize} bytes (${reason})`,
        ),
      );
    };
    const onData = (chunk: Buffer) => {
      if (failed) return;
      const length = chunk.length;
      if (size + length > declaredSize) {
        fail(new UploadError(`body is longer than its Content-Length (${declaredSize} bytes)`));
        return;
      }
      hash.update(chunk);
      const position = size;
      size += length;
      reclaimUploadBuffers?.(length);
      body.pause();
      // Chained: a body that emits while paused still has its writes finish before the upload does.
      writing = writing
        .then(() => write(chunk, position))
        .then(
          () => {
            if (!failed && !body.readableEnded) body.resume();
          },
          (error: unknown) => fail(error, true),
        );
    };

    body.on('data', onData);
    finished(body, { writable: false }, (error) => {
      if (failed) return;
      if (error) return fail(error);
      if (size !== declaredSize) {
        fail(new UploadError(`body is shorter than its Content-Length: ${size} of ${declaredSize} bytes`));
        return;
      }
      void writing.then(() => {
        if (!failed) resolve({ sha256: hash.digest('hex'), size });
      });
    });
  });
}
