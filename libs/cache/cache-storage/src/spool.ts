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
  path: string,
): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      size += chunk.length;
      if (size > declaredSize) {
        callback(new UploadError(`body is longer than its Content-Length (${declaredSize} bytes)`));
        return;
      }
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  try {
    await pipeline(body, meter, createWriteStream(path, { flags: 'wx' }));
  } catch (error) {
    if (error instanceof UploadError) throw error;
    throw new UploadError(`upload broke off after ${size} of ${declaredSize} bytes (${(error as Error).message})`);
  }
  if (size !== declaredSize) {
    throw new UploadError(`body is shorter than its Content-Length: ${size} of ${declaredSize} bytes`);
  }
  return { sha256: hash.digest('hex'), size };
}
