import { createHash } from 'node:crypto';
import { close, closeSync, open, write, writeSync } from 'node:fs';
import { type Readable } from 'node:stream';
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
 * One chunk at a time: each is written before the next is read, so an upload
 * holds one socket chunk, not the buffers of a stream pipeline, and the
 * socket is paused by the body's own backpressure meanwhile.
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
  /** Told the size of every chunk written, to free spent upload buffers (uploadBufferReclaimer). */
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
  const hash = createHash('sha256');
  let size = 0;
  /** A failed write is the server's problem (a full disk), not a broken upload. */
  let writeFailure: unknown;
  try {
    try {
      for await (const chunk of body as AsyncIterable<Buffer>) {
        if (size + chunk.length > declaredSize) {
          throw new UploadError(`body is longer than its Content-Length (${declaredSize} bytes)`);
        }
        hash.update(chunk);
        await writeChunk(fd, chunk, bodyOffset + size).catch((error: unknown) => {
          writeFailure = error;
          throw error;
        });
        size += chunk.length;
        reclaimUploadBuffers?.(chunk.length);
      }
    } catch (error) {
      if (error instanceof UploadError || error === writeFailure) throw error;
      throw new UploadError(
        size === declaredSize
          ? `the client closed the connection before the upload completed (${(error as Error).message})`
          : `upload broke off after ${size} of ${declaredSize} bytes (${(error as Error).message})`,
      );
    }
    if (size !== declaredSize) {
      throw new UploadError(`body is shorter than its Content-Length: ${size} of ${declaredSize} bytes`);
    }
    const sha256 = hash.digest('hex');
    if (header) await writeChunk(fd, header({ sha256, size }), 0);
    return { sha256, size };
  } finally {
    if (syncWrites) closeSync(fd);
    else await closeFd(fd);
  }
}
