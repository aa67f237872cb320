import { close, read } from 'node:fs';
import type { Writable } from 'node:stream';
import { type DigestCheck } from './integrity';

/** Bytes per read; a download has two chunks, one being read while the socket takes the other. */
export const SEND_CHUNK_BYTES = 64 * 1024;
/**
 * Downloads in progress up to which each reads into two chunks; the ones started beyond read
 * into one. Two chunks let one download overlap its disk reads with its socket writes; with more
 * downloads than this the CPU is busy anyway and the second chunk only adds memory (64 downloads
 * of 10 MiB: 8 MiB of chunks against 4 MiB, at the same throughput).
 */
export const DOUBLE_BUFFERED_DOWNLOADS = 16;
/**
 * Free chunks kept for later downloads, at most `capacity` of them (StorageTuning.pooledSendChunks
 * says when that pays); a pool of capacity 0 keeps none, so each download allocates its own.
 */
export class SendChunkPool {
  private readonly free: Buffer[] = [];
  private downloads = 0;

  constructor(private readonly capacity: number) {}

  /** The chunks of a download starting now: two, or one when DOUBLE_BUFFERED_DOWNLOADS are in progress. */
  forDownload(): Buffer[] {
    this.downloads += 1;
    return this.downloads <= DOUBLE_BUFFERED_DOWNLOADS ? [this.take(), this.take()] : [this.take()];
  }

  /** A download is over; `reusable`: no pending write still reads from its chunks. */
  downloadDone(chunks: Buffer[], reusable: boolean): void {
    this.downloads -= 1;
    if (reusable) for (const chunk of chunks) this.giveBack(chunk);
  }

  take(): Buffer {
    return this.free.pop() ?? Buffer.allocUnsafeSlow(SEND_CHUNK_BYTES);
  }

  /** Only a chunk no pending write still reads from: the next download overwrites it. */
  giveBack(chunk: Buffer): void {
    if (this.free.length < this.capacity) this.free.push(chunk);
  }
}

const UNPOOLED = new SendChunkPool(0);

/** Write errors that mean the client went away (its 'close' event may come a tick later). */
const HANG_UP_CODES = new Set(['ERR_STREAM_DESTROYED', 'ECONNRESET', 'EPIPE', 'ERR_STREAM_WRITE_AFTER_END']);

export class PrematureClose extends Error {
  readonly code = 'ERR_STREAM_PREMATURE_CLOSE';
  constructor() {
    super('the client closed the connection before the download completed');
  }
}

export interface SendFileOptions {
  /** Where the body starts in the file (after a record header). */
  start?: number;
  /** Hashes what is sent and is verified before the last chunk goes out; a mismatch settles with its error, unsent. */
  digest?: DigestCheck;
  /** Where the two chunks come from and go back to; by default they are the download's own. */
  chunkPool?: SendChunkPool;
}

/**
 * Sends `size` bytes of an open file to `out` (an HTTP response), ends it and
 * closes the file. Reads go into two reused chunks (one beyond
 * DOUBLE_BUFFERED_DOWNLOADS); a chunk is refilled only after the socket has
 * taken its previous contents (the write callback), so a download holds its
 * chunks whatever its size, and with chunks from a pool
 * creates no garbage. A stream pipeline allocates a buffer per read instead,
 * and under many concurrent downloads the collector lets tens of MB of those
 * pile up before it frees any. Callbacks, not promises: a promise per chunk
 * is heap churn of its own.
 */
export function sendFile(fd: number, size: number, out: Writable, options: SendFileOptions = {}): Promise<void> {
  const { start = 0, digest, chunkPool = UNPOOLED } = options;
  return new Promise<void>((resolve, reject) => {
    const chunks = chunkPool.forDownload();
    /** Per chunk: is the socket still holding its bytes? */
    const writing = chunks.map(() => false);
    /** True when no chunk but `index` (if given) is still held by the socket. */
    const othersFree = (index?: number) => writing.every((held, other) => other === index || !held);
    let offset = 0;
    let next = 0;
    let reading = false;
    let done = false;

    /** `chunksFree`: no write can still read them (done, or the socket is closed); otherwise the collector gets them. */
    const finish = (error: Error | undefined, chunksFree: boolean) => {
      if (done) return;
      done = true;
      out.off('close', onClose);
      close(fd, () => undefined);
      chunkPool.downloadDone(chunks, chunksFree);
      if (error) reject(error);
      else resolve();
    };
    const onClose = () => finish(new PrematureClose(), true);
    /** True without a digest to check; otherwise verifies it, and on a mismatch settles with the error. */
    const verified = (chunksFree = true): boolean => {
      try {
        digest?.verify();
        return true;
      } catch (error) {
        finish(error as Error, chunksFree);
        return false;
      }
    };
    out.once('close', onClose);

    const pump = () => {
      if (done || reading) return;
      if (offset >= size) {
        if (size === 0 && !verified()) return;
        if (othersFree()) out.end(() => finish(undefined, true));
        return;
      }
      const index = next;
      if (writing[index]) return;
      reading = true;
      const chunk = chunks[index];
      read(fd, chunk, 0, Math.min(SEND_CHUNK_BYTES, size - offset), start + offset, (error, bytesRead) => {
        reading = false;
        if (done) return;
        if (error) return finish(error, othersFree(index));
        if (bytesRead === 0) {
          return finish(new Error(`artifact file ended after ${offset} of ${size} bytes`), othersFree(index));
        }
        offset += bytesRead;
        digest?.update(chunk.subarray(0, bytesRead));
        // The last chunk leaves only if the whole body is the one uploaded.
        if (offset >= size && !verified(othersFree(index))) return;
        next = (index + 1) % chunks.length;
        writing[index] = true;
        out.write(chunk.subarray(0, bytesRead), (writeError) => {
          writing[index] = false;
          if (writeError) {
            const hungUp = HANG_UP_CODES.has((writeError as NodeJS.ErrnoException).code ?? '');
            finish(hungUp ? new PrematureClose() : writeError, false);
          } else pump();
        });
        pump();
      });
    };
    pump();
  });
}
