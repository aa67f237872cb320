import { type Readable, type Writable } from 'node:stream';

export type Protocol = 'nx' | 'turbo';

/** Where an artifact lives. Every part is validated before it reaches a backend. */
export interface ArtifactKey {
  namespace: string;
  protocol: Protocol;
  /** Turborepo team (teamId or slug); absent for Nx. */
  team?: string;
  hash: string;
}

/** Provenance and client metadata, stored with every artifact. */
export interface ArtifactMeta {
  size: number;
  /** Hex SHA-256 of the body, computed while it streamed in. */
  sha256: string;
  /** ISO-8601 time the artifact was committed. */
  createdAt: string;
  /** Name of the token that wrote it (never the token). */
  writer: string;
  /** Turborepo's x-artifact-duration, in ms. */
  durationMs?: number;
  /** Turborepo's x-artifact-tag (signature), passed through untouched. */
  tag?: string;
  /** Other client facts worth keeping (git sha, dirty hash, CI vendor, user agent). */
  client?: Record<string, string>;
}

/** What the writer supplies; size, sha256 and createdAt are computed by the store. */
export type WriterMeta = Omit<ArtifactMeta, 'size' | 'sha256' | 'createdAt'>;

export interface StoredArtifact {
  meta: ArtifactMeta;
  /** The body; call once (or `sendTo`). */
  open(): Readable;
  /** Writes the body to `out` and ends it, cheaper than piping `open()` where the backend can; call once. */
  sendTo?(out: Writable): Promise<void>;
  /**
   * Reads the body once to check its digest, before anything is sent (where the backend can reread
   * cheaply); throws CorruptArtifactError on a mismatch. `open` and `sendTo` verify as they go anyway.
   */
  verify?(): Promise<void>;
}

export interface ListedArtifact {
  key: ArtifactKey;
  size: number;
  /** Milliseconds since the epoch. */
  createdAt: number;
}

export type PutOutcome = 'created' | 'exists';

/**
 * A storage backend. Implementations are write-once and atomic: `put` either
 * commits a complete artifact or leaves nothing servable behind, and never
 * replaces an existing one.
 */
export interface ArtifactBackend {
  readonly kind: 'fs' | 's3';
  get(key: ArtifactKey): Promise<StoredArtifact | undefined>;
  head(key: ArtifactKey): Promise<ArtifactMeta | undefined>;
  /**
   * Streams `body` in. Throws UploadError when the body is shorter or longer
   * than `declaredSize` or breaks off; nothing is stored then.
   */
  put(
    key: ArtifactKey,
    body: Readable,
    declaredSize: number,
    meta: WriterMeta,
  ): Promise<{ outcome: PutOutcome; meta?: ArtifactMeta }>;
  delete(key: ArtifactKey): Promise<boolean>;
  list(): AsyncIterable<ListedArtifact>;
  /** The green record of `branch` in `namespace`, if one was stored. */
  getGreen(namespace: string, branch: string): Promise<GreenRecord | undefined>;
  /** Stores a green record over the one before, atomically: a reader sees the old one or the new one. */
  putGreen(namespace: string, record: GreenRecord): Promise<void>;
  /** Throws when the storage cannot be reached (for /readyz). */
  ping(): Promise<void>;
  close?(): Promise<void>;
}

/** The upload was bad (size mismatch, broken off): a client error, nothing stored. */
export class UploadError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 408 | 413 = 400,
  ) {
    super(message);
    this.name = 'UploadError';
  }
}

export const keySegmentPattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** The relative path of an artifact; its parts were validated by assertKey. */
export function keyPath(key: ArtifactKey): string {
  return [key.namespace, key.protocol, key.team ?? '-', key.hash].join('/');
}

export function assertKey(key: ArtifactKey): void {
  for (const part of [key.namespace, key.team ?? '-', key.hash]) {
    if (part !== '-' && !keySegmentPattern.test(part)) {
      throw new Error(`invalid artifact key segment "${part}"`);
    }
  }
}

export function parseKeyPath(path: string): ArtifactKey | undefined {
  const [namespace, protocol, team, hash, ...rest] = path.split('/');
  if (rest.length > 0 || !hash || (protocol !== 'nx' && protocol !== 'turbo')) return undefined;
  const key: ArtifactKey = { namespace, protocol, hash, ...(team === '-' ? {} : { team }) };
  try {
    assertKey(key);
  } catch {
    return undefined;
  }
  return key;
}

/**
 * The last commit that passed CI on a protected branch, as `paved ci record-green` recorded it.
 * Unlike an artifact it moves: each green run replaces it. It lives in the namespace the branch's
 * builds write, so only a token trusted with that namespace can move it.
 */
export interface GreenRecord {
  branch: string;
  /** The full commit SHA (40 or 64 hex digits). */
  sha: string;
  /** ISO-8601 time it was recorded. */
  recordedAt: string;
  /** Name of the token that recorded it (never the token). */
  writer: string;
}

/** A branch name as git allows it, restricted to what is safe in a path segment once encoded. */
export function isBranchName(branch: string): boolean {
  return (
    /^[A-Za-z0-9][A-Za-z0-9._/-]{0,199}$/.test(branch) &&
    !branch.includes('..') &&
    !branch.includes('//') &&
    !branch.endsWith('/') &&
    !branch.endsWith('.lock')
  );
}

export const commitShaPattern = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/** Where a green record lives beside the artifacts: `<namespace>/paved/green/<branch, encoded>.json`, which no artifact key can be. */
export function greenPath(namespace: string, branch: string): string {
  if (!keySegmentPattern.test(namespace) || !isBranchName(branch)) {
    throw new Error(`invalid green record key "${namespace}" / "${branch}"`);
  }
  return `${namespace}/paved/green/${encodeURIComponent(branch)}.json`;
}

/** A stored green record, or undefined when the text is not one (a damaged file is no record, not an error). */
export function parseGreenRecord(text: string): GreenRecord | undefined {
  try {
    const value = JSON.parse(text) as Partial<GreenRecord>;
    return typeof value.branch === 'string' &&
      typeof value.sha === 'string' &&
      commitShaPattern.test(value.sha) &&
      typeof value.recordedAt === 'string' &&
      typeof value.writer === 'string'
      ? { branch: value.branch, sha: value.sha, recordedAt: value.recordedAt, writer: value.writer }
      : undefined;
  } catch {
    return undefined;
  }
}
