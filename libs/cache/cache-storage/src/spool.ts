import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { UploadError } from './types';

/**
 * Streams an upload into a new file (which must not exist), hashing and
 * counting on the way. Rejects with UploadError when the body is longer or
 * shorter than declared or breaks off; the caller removes the file then.
 */
export async function spoolToFile(
  body: Readable,
  declaredSize: number,
  /** A new file's path (created, must not exist), or an fd opened for writing (closed when done). */
  target: string | number,
  /** Bytes to append once the body is complete and verified (the fs backend's metadata trailer). */
  trailer?: (body: { sha256: string; size: number }) => Buffer,
): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  let sha256 = '';
  const meter = new Transform({
    // Large chunks: fewer write(2) calls per upload.
    writableHighWaterMark: 256 * 1024,
    readableHighWaterMark: 256 * 1024,
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      size += chunk.length;
      if (size > declaredSize) {
        callback(new UploadError(`body is longer than its Content-Length (${declaredSize} bytes)`));
        return;
      }
      hash.update(chunk);
      callback(null, chunk);
    },
    flush(callback: TransformCallback) {
      if (size !== declaredSize) {
        callback(new UploadError(`body is shorter than its Content-Length: ${size} of ${declaredSize} bytes`));
        return;
      }
      sha256 = hash.digest('hex');
      callback(null, trailer?.({ sha256, size }));
    },
  });
  try {
    const sink =
      typeof target === 'number'
        ? createWriteStream('', { fd: target, autoClose: true })
        : createWriteStream(target, { flags: 'wx' });
    await pipeline(body, meter, sink);
  } catch (error) {
    if (error instanceof UploadError) throw error;
    throw new UploadError(
      size === declaredSize
        ? `the client closed the connection before the upload completed (${(error as Error).message})`
        : `upload broke off after ${size} of ${declaredSize} bytes (${(error as Error).message})`,
    );
  }
  return { sha256, size };
}
