import { type Readable } from 'node:stream';
import { isCorruptArtifact, type CorruptArtifactError } from './integrity';
import { MemoryTier } from './memory-tier';
import { reclaimAfterStartupScan } from './reclaim';
import { type StorageTuning } from './tuning';
import {
  keyPath,
  parseKeyPath,
  type ArtifactBackend,
  type ArtifactKey,
  type ArtifactMeta,
  type PutOutcome,
  type StoredArtifact,
  type WriterMeta,
} from './types';

export interface CacheStoreOptions {
  backend: ArtifactBackend;
  /** Least recently used artifacts are evicted beyond this many bytes (see evictOverflow for which). */
  maxTotalBytes: number;
  /** Bytes the untrusted namespaces may hold together; defaults to maxTotalBytes. */
  untrustedMaxBytes?: number;
  /** Trusted namespaces (protectedNamespaces): never evicted to make room for untrusted ones. None by default. */
  isProtected?: (namespace: string) => boolean;
  /** Told of every stored artifact found corrupt, after its record was removed (for the log). */
  onCorruptArtifact?: (error: CorruptArtifactError) => void;
  memoryTierBytes: number;
  memoryTierMaxArtifactBytes: number;
  /** Namespace pattern → seconds an artifact is kept after it was written. */
  ttl?: readonly { pattern: RegExp; seconds: number }[];
  now?: () => number;
  /** Of it, the store honours reclaimAfterStartupScan; off unless set. */
  tuning?: StorageTuning;
}

/**
 * Up to this size a hit from a backend that can reread its body (disk) is verified whole before
 * it is sent, so a corrupt one is a miss the client rebuilds, not a broken download (which fails
 * an Nx build). Hashing 32 MiB takes tens of milliseconds and leaves the file in the page cache
 * for the send; larger ones are verified as they stream instead, so the first byte is not delayed
 * by a full pass over hundreds of MB.
 */
const VERIFY_BEFORE_SENDING_BYTES = 32 * 1024 * 1024;

/** A hit: small artifacts come as a buffer from memory, others as a stream. */
export type Hit = { meta: ArtifactMeta; body: Buffer } | StoredArtifact;

/** Keyed by keyPath(key): the key itself is parsed back when needed, which halves the index's memory. */
interface IndexEntry {
  size: number;
  createdAt: number;
}

/** Artifacts of one trust tier, least recently used first (Map order), and their bytes. */
interface TierIndex {
  entries: Map<string, IndexEntry>;
  bytes: number;
}

type TrustTier = 'protected' | 'untrusted';

function keyOf(id: string): ArtifactKey {
  const key = parseKeyPath(id);
  if (!key) throw new Error(`cache index holds an invalid key "${id}"`);
  return key;
}

function namespaceOf(id: string): string {
  return id.slice(0, id.indexOf('/'));
}

export interface NamespaceUsage {
  artifacts: number;
  bytes: number;
}

/**
 * The cache in front of a backend: a memory tier for small hits (verified
 * before they are kept), an index of every artifact per trust tier for LRU
 * eviction by size and TTL expiry, and usage per namespace. The index is
 * rebuilt from the backend at start-up.
 */
export class CacheStore {
  readonly backend: ArtifactBackend;
  private readonly memory: MemoryTier;
  private readonly tiers: Record<TrustTier, TierIndex> = {
    protected: { entries: new Map(), bytes: 0 },
    untrusted: { entries: new Map(), bytes: 0 },
  };
  private readonly now: () => number;
  evictedArtifacts = 0;
  expiredArtifacts = 0;
  corruptArtifacts = 0;

  constructor(private readonly options: CacheStoreOptions) {
    this.backend = options.backend;
    this.memory = new MemoryTier(options.memoryTierBytes, options.memoryTierMaxArtifactBytes);
    this.now = options.now ?? Date.now;
  }

  async init(): Promise<void> {
    for await (const artifact of this.backend.list()) {
      this.remember(artifact.key, artifact.size, artifact.createdAt);
    }
    await this.sweepExpired();
    await this.evictOverflow();
    if (this.options.tuning?.reclaimAfterStartupScan) reclaimAfterStartupScan();
  }

  get storedBytes(): number {
    return this.tiers.protected.bytes + this.tiers.untrusted.bytes;
  }

  get artifactCount(): number {
    return this.tiers.protected.entries.size + this.tiers.untrusted.entries.size;
  }

  get memoryBytes(): number {
    return this.memory.usedBytes;
  }

  /**
   * A hit, verified: a small one is read whole and its digest checked before it is kept in memory
   * and served, and one up to VERIFY_BEFORE_SENDING_BYTES is checked before it is sent where the
   * backend can (a corrupt one is a miss); a larger one verifies while it is sent and errors before
   * its last bytes (CorruptArtifactError). Either way a corrupt record is removed.
   */
  async get(key: ArtifactKey): Promise<Hit | undefined> {
    const id = keyPath(key);
    const cached = this.memory.get(id);
    if (cached) {
      this.touch(id);
      return cached;
    }
    const stored = await this.backend.get(key);
    if (!stored) {
      this.forget(id);
      return undefined;
    }
    if (!this.touch(id)) this.remember(key, stored.meta.size, Date.parse(stored.meta.createdAt));
    if (!this.memory.accepts(stored.meta.size)) {
      if (stored.verify && stored.meta.size <= VERIFY_BEFORE_SENDING_BYTES) {
        try {
          await stored.verify();
        } catch (error) {
          stored.open().destroy();
          if (!isCorruptArtifact(error)) throw error;
          await this.discardCorrupt(key, error);
          return undefined;
        }
      }
      return this.removedIfCorrupt(key, stored);
    }
    let body: Buffer;
    try {
      body = await readAll(stored.open(), stored.meta.size);
    } catch (error) {
      if (!isCorruptArtifact(error)) throw error;
      await this.discardCorrupt(key, error);
      return undefined;
    }
    this.memory.set(id, stored.meta, body);
    return { meta: stored.meta, body };
  }

  /** `stored`, whose body removes the record when it turns out corrupt while it is sent. */
  private removedIfCorrupt(key: ArtifactKey, stored: StoredArtifact): StoredArtifact {
    const { sendTo } = stored;
    return {
      meta: stored.meta,
      open: () =>
        stored.open().once('error', (error) => {
          if (isCorruptArtifact(error)) void this.discardCorrupt(key, error).catch(() => undefined);
        }),
      ...(sendTo && {
        sendTo: (out) =>
          sendTo(out).catch(async (error: unknown) => {
            if (isCorruptArtifact(error)) await this.discardCorrupt(key, error).catch(() => undefined);
            throw error;
          }),
      }),
    };
  }

  private async discardCorrupt(key: ArtifactKey, error: CorruptArtifactError): Promise<void> {
    this.corruptArtifacts += 1;
    await this.delete(key);
    this.options.onCorruptArtifact?.(error);
  }

  async head(key: ArtifactKey): Promise<ArtifactMeta | undefined> {
    return this.memory.get(keyPath(key))?.meta ?? (await this.backend.head(key));
  }

  /**
   * Stores an artifact once. Concurrent uploads of one key each stream in on
   * their own; the backend publishes the first that completes and answers
   * `exists` to the others, so an upload that breaks off never keeps a
   * complete one from being stored.
   */
  async put(key: ArtifactKey, body: Readable, declaredSize: number, writer: WriterMeta): Promise<PutOutcome> {
    const { outcome, meta } = await this.backend.put(key, body, declaredSize, writer);
    if (outcome === 'created' && meta) {
      this.remember(key, meta.size, Date.parse(meta.createdAt));
      await this.evictOverflow();
    }
    return outcome;
  }

  /** Every artifact id with its entry, both tiers. */
  private *entries(): Generator<[string, IndexEntry]> {
    yield* this.tiers.protected.entries;
    yield* this.tiers.untrusted.entries;
  }

  /** Deletes every artifact of a namespace (admin purge); returns how many. */
  async purgeNamespace(namespace: string): Promise<number> {
    let deleted = 0;
    for (const [id] of [...this.entries()]) {
      if (namespaceOf(id) === namespace && (await this.delete(keyOf(id)))) deleted += 1;
    }
    return deleted;
  }

  /** Artifacts of a namespace with their provenance, newest first. */
  async listNamespace(namespace: string, limit = 1000): Promise<{ key: ArtifactKey; meta: ArtifactMeta }[]> {
    const entries = [...this.entries()]
      .filter(([id]) => namespaceOf(id) === namespace)
      .map(([id, entry]) => ({ key: keyOf(id), createdAt: entry.createdAt }))
      .sort((a, b) => b.createdAt - a.createdAt)
      .slice(0, limit);
    const listed: { key: ArtifactKey; meta: ArtifactMeta }[] = [];
    for (const entry of entries) {
      const meta = await this.head(entry.key);
      if (meta) listed.push({ key: entry.key, meta });
    }
    return listed;
  }

  usageByNamespace(): Record<string, NamespaceUsage> {
    const usage: Record<string, NamespaceUsage> = {};
    for (const [id, { size }] of this.entries()) {
      const entry = (usage[namespaceOf(id)] ??= { artifacts: 0, bytes: 0 });
      entry.artifacts += 1;
      entry.bytes += size;
    }
    return usage;
  }

  /** Deletes artifacts older than their namespace's TTL; returns how many. */
  async sweepExpired(): Promise<number> {
    const rules = this.options.ttl ?? [];
    if (rules.length === 0) return 0;
    const now = this.now();
    let expired = 0;
    for (const [id, entry] of [...this.entries()]) {
      const rule = rules.find((r) => r.pattern.test(namespaceOf(id)));
      if (rule && now - entry.createdAt > rule.seconds * 1000 && (await this.delete(keyOf(id)))) expired += 1;
    }
    this.expiredArtifacts += expired;
    return expired;
  }

  /**
   * Eviction by trust tier, least recently used first within a tier. Untrusted
   * artifacts go first and alone make room for one another, within
   * untrustedMaxBytes; a protected artifact is evicted only when the
   * protected ones by themselves pass maxTotalBytes. So PR builds can never
   * push main's artifacts out, whatever they upload.
   */
  private async evictOverflow(): Promise<void> {
    const { maxTotalBytes } = this.options;
    const untrustedMax = Math.min(this.options.untrustedMaxBytes ?? maxTotalBytes, maxTotalBytes);
    const { untrusted } = this.tiers;
    await this.evictOldest('untrusted', () => untrusted.bytes > untrustedMax || this.storedBytes > maxTotalBytes);
    await this.evictOldest('protected', () => this.storedBytes > maxTotalBytes);
  }

  /**
   * Oldest first while the tier overflows. The test comes before any walk: nearly every upload
   * fits, and a copy of the index per upload cost a pass over every artifact stored.
   */
  private async evictOldest(tier: TrustTier, overflowing: () => boolean): Promise<void> {
    const { entries } = this.tiers[tier];
    while (overflowing()) {
      const oldest = entries.keys().next();
      if (oldest.done) return;
      // delete() drops the entry from the index before it awaits the backend, so each turn moves on.
      if (await this.delete(keyOf(oldest.value))) this.evictedArtifacts += 1;
    }
  }

  private async delete(key: ArtifactKey): Promise<boolean> {
    const id = keyPath(key);
    this.memory.delete(id);
    const known = this.forget(id);
    const deleted = await this.backend.delete(key);
    return known || deleted;
  }

  private tierOf(id: string): TierIndex {
    return this.tiers[this.options.isProtected?.(namespaceOf(id)) ? 'protected' : 'untrusted'];
  }

  private remember(key: ArtifactKey, size: number, createdAt: number): void {
    const id = keyPath(key);
    this.forget(id);
    const tier = this.tierOf(id);
    tier.entries.set(id, { size, createdAt: Number.isFinite(createdAt) ? createdAt : this.now() });
    tier.bytes += size;
  }

  /** Marks an artifact as just used; false when the index does not know it. */
  private touch(id: string): boolean {
    const { entries } = this.tierOf(id);
    const entry = entries.get(id);
    if (!entry) return false;
    entries.delete(id);
    entries.set(id, entry);
    return true;
  }

  private forget(id: string): boolean {
    const tier = this.tierOf(id);
    const entry = tier.entries.get(id);
    if (!entry) return false;
    tier.entries.delete(id);
    tier.bytes -= entry.size;
    return true;
  }
}

async function readAll(stream: Readable, size: number): Promise<Buffer> {
  const body = Buffer.allocUnsafe(size);
  let offset = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    chunk.copy(body, offset);
    offset += chunk.length;
  }
  if (offset !== size) throw new Error(`artifact body has ${offset} bytes, its metadata says ${size}`);
  return body;
}
