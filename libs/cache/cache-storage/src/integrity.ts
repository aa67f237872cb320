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
