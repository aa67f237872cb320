import { PavedError } from '@paved/errors';
import { createHash, type Hash } from 'node:crypto';
import { pipeline, Transform, type Readable } from 'node:stream';

/** A stored body whose bytes do not hash to the SHA-256 its record was written with: never to be served. */
export class CorruptArtifactError extends PavedError {
  constructor(
    /** The artifact's key path (namespace/protocol/team/hash). */
    readonly artifact: string,
    readonly expectedSha256: string,
    actual: string,
  ) {
    super({
      code: 'PAVED-320',
      file: artifact,
      message: `the stored body ${actual} does not match the SHA-256 recorded at upload, ${expectedSha256}`,
      hint: 'the record is removed and reads of it are misses; the next build uploads it again',
    });
    this.name = 'CorruptArtifactError';
  }
}

export function isCorruptArtifact(error: unknown): error is CorruptArtifactError {
  return error instanceof CorruptArtifactError;
}

/**
 * Hashes a body while it is sent. The caller verifies before it lets the last
 * bytes go: a client then sees a complete body only when it is the uploaded
 * one, and a corrupt one as a broken transfer (short of its Content-Length).
 */
export class DigestCheck {
  private readonly hash: Hash = createHash('sha256');
  private bytes = 0;

  constructor(
    private readonly artifact: string,
    private readonly size: number,
    private readonly expectedSha256: string,
    /** Told once the body verified (FsBackend remembers the file, so its next read skips the hash). */
    private readonly onVerified?: () => void,
  ) {}

  update(chunk: Buffer): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
  }

  /** Throws CorruptArtifactError unless exactly `size` bytes with the expected digest went through. */
  verify(): void {
    const { artifact, size, expectedSha256 } = this;
    if (this.bytes !== size) {
      throw new CorruptArtifactError(artifact, expectedSha256, `has ${this.bytes} of its ${size} bytes`);
    }
    const actual = this.hash.digest('hex');
    if (actual !== expectedSha256) throw new CorruptArtifactError(artifact, expectedSha256, `has SHA-256 ${actual}`);
    this.onVerified?.();
  }
}

/**
 * `source` passed through a DigestCheck, one chunk held back: the last one
 * leaves only once the whole body verified; a mismatch errors the stream
 * with CorruptArtifactError instead.
 */
export function verifyingStream(source: Readable, check: DigestCheck): Readable {
  let pending: Buffer | undefined;
  const verified = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      check.update(chunk);
      if (pending) this.push(pending);
      pending = chunk;
      done();
    },
    flush(done) {
      try {
        check.verify();
      } catch (error) {
        done(error as Error);
        return;
      }
      if (pending) this.push(pending);
      done();
    },
  });
  // Errors travel to `verified` (pipeline destroys it with them); a consumer that hangs up destroys `source`.
  return pipeline(source, verified, () => undefined);
}

/**
 * The record files whose body hashed to its recorded SHA-256 since the server started, each with
 * the stamp its file had then (device, inode, size, change and modification times). Any write to
 * the file, a replacement or a copy over it changes the stamp, so a read of a file whose stamp is
 * unchanged can skip the hash: a body is hashed on its first read and after every change, not on
 * every read. At most `capacity` files are remembered, the longest-remembered forgotten first
 * (hashed again on their next read); capacity 0 hashes every read.
 *
 * Concurrent reads of one file version share one hash pass: the first read of an artifact that 64
 * clients ask for at once hashes it once, with one read buffer, not 64 times with 64 of them.
 */
export class VerifiedBodies {
  private readonly stamps = new Map<string, number>();
  private readonly passes = new Map<string, { stamp: number; done: Promise<void> }>();

  constructor(private readonly capacity: number) {}

  has(artifact: string, stamp: number): boolean {
    return this.stamps.get(artifact) === stamp;
  }

  add(artifact: string, stamp: number): void {
    if (this.capacity === 0) return;
    this.stamps.delete(artifact);
    if (this.stamps.size >= this.capacity) {
      const oldest = this.stamps.keys().next();
      if (!oldest.done) this.stamps.delete(oldest.value);
    }
    this.stamps.set(artifact, stamp);
  }

  forget(artifact: string): void {
    this.stamps.delete(artifact);
  }

  /** Runs `hashPass` unless a pass over the same file version is under way, whose outcome it then shares. */
  verifyOnce(artifact: string, stamp: number, hashPass: () => Promise<void>): Promise<void> {
    const running = this.passes.get(artifact);
    if (running?.stamp === stamp) return running.done;
    const done = hashPass().finally(() => {
      if (this.passes.get(artifact)?.done === done) this.passes.delete(artifact);
    });
    this.passes.set(artifact, { stamp, done });
    return done;
  }

  get size(): number {
    return this.stamps.size;
  }
}

/**
 * What VerifiedBodies compares: a 53-bit digest of the file's device, inode, size, change and
 * modification times, which changes whenever the file's bytes may have. A number, not the text,
 * so a remembered file costs about 150 bytes (100,000 of them 15 MB, measured).
 */
export function fileStamp(stats: { dev: number; ino: number; size: number; ctimeMs: number; mtimeMs: number }): number {
  const text = `${stats.dev}:${stats.ino}:${stats.size}:${stats.ctimeMs}:${stats.mtimeMs}`;
  // Two 32-bit multiply-xorshift lanes (cyrb53's mixing), folded into the 53 bits a double holds exactly.
  let high = 0xdeadbeef;
  let low = 0x41c6ce57;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    high = Math.imul(high ^ code, 2654435761);
    low = Math.imul(low ^ code, 1597334677);
  }
  high = Math.imul(high ^ (high >>> 16), 2246822507) ^ Math.imul(low ^ (low >>> 13), 3266489909);
  low = Math.imul(low ^ (low >>> 16), 2246822507) ^ Math.imul(high ^ (high >>> 13), 3266489909);
  return 4294967296 * (2097151 & low) + (high >>> 0);
}
