import { type Readable } from 'node:stream';
import { MemoryTier } from './memory-tier';
import { reclaimAfterStartupScan } from './reclaim';
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
  /** Least recently used artifacts are evicted beyond this many bytes. */
  maxTotalBytes: number;
  memoryTierBytes: number;
  memoryTierMaxArtifactBytes: number;
  /** Namespace pattern → seconds an artifact is kept after it was written. */
  ttl?: readonly { pattern: RegExp; seconds: number }[];
  now?: () => number;
}

/** A hit: small artifacts come as a buffer from memory, others as a stream. */
export type Hit = { meta: ArtifactMeta; body: Buffer } | StoredArtifact;

/** Keyed by keyPath(key): the key itself is parsed back when needed, which halves the index's memory. */
interface IndexEntry {
  size: number;
  createdAt: number;
}

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
 * The cache in front of a backend: a memory tier for small hits, an index of
 * every artifact for LRU eviction by total size and TTL expiry, and usage per
 * namespace. The index is rebuilt from the backend at start-up.
 */
export class CacheStore {
  readonly backend: ArtifactBackend;
  private readonly memory: MemoryTier;
  private readonly index = new Map<string, IndexEntry>();
  /** Keys being uploaded right now: a second upload of one is refused, whatever the backend's atomicity. */
  private readonly uploading = new Set<string>();
  private totalBytes = 0;
  private readonly now: () => number;
  evictedArtifacts = 0;
  expiredArtifacts = 0;

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
    reclaimAfterStartupScan();
  }

  get storedBytes(): number {
    return this.totalBytes;
  }

  get artifactCount(): number {
    return this.index.size;
  }

  get memoryBytes(): number {
    return this.memory.usedBytes;
  }

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
    if (!this.memory.accepts(stored.meta.size)) return stored;
    const body = await readAll(stored.open(), stored.meta.size);
    this.memory.set(id, stored.meta, body);
    return { meta: stored.meta, body };
  }

  async head(key: ArtifactKey): Promise<ArtifactMeta | undefined> {
    return this.memory.get(keyPath(key))?.meta ?? (await this.backend.head(key));
  }

  /**
   * Stores an artifact once. Concurrent uploads of one key are serialised here
   * so that write-once holds even on object stores that ignore conditional
   * writes (s3rver); across servers the backend's own guarantee applies.
   */
  async put(key: ArtifactKey, body: Readable, declaredSize: number, writer: WriterMeta): Promise<PutOutcome> {
    const id = keyPath(key);
    if (this.uploading.has(id)) return 'exists';
    this.uploading.add(id);
    try {
      const { outcome, meta } = await this.backend.put(key, body, declaredSize, writer);
      if (outcome === 'created' && meta) {
        this.remember(key, meta.size, Date.parse(meta.createdAt));
        await this.evictOverflow();
      }
      return outcome;
    } finally {
      this.uploading.delete(id);
    }
  }

  /** Deletes every artifact of a namespace (admin purge); returns how many. */
  async purgeNamespace(namespace: string): Promise<number> {
    let deleted = 0;
    for (const id of [...this.index.keys()]) {
      if (namespaceOf(id) === namespace && (await this.delete(keyOf(id)))) deleted += 1;
    }
    return deleted;
  }

  /** Artifacts of a namespace with their provenance, newest first. */
  async listNamespace(namespace: string, limit = 1000): Promise<{ key: ArtifactKey; meta: ArtifactMeta }[]> {
    const entries = [...this.index]
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
    for (const [id, { size }] of this.index) {
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
    for (const [id, entry] of [...this.index]) {
      const rule = rules.find((r) => r.pattern.test(namespaceOf(id)));
      if (rule && now - entry.createdAt > rule.seconds * 1000 && (await this.delete(keyOf(id)))) expired += 1;
    }
    this.expiredArtifacts += expired;
    return expired;
  }

  private async evictOverflow(): Promise<void> {
    for (const id of this.index.keys()) {
      if (this.totalBytes <= this.options.maxTotalBytes) return;
      if (await this.delete(keyOf(id))) this.evictedArtifacts += 1;
    }
  }

  private async delete(key: ArtifactKey): Promise<boolean> {
    const id = keyPath(key);
    this.memory.delete(id);
    const known = this.forget(id);
    const deleted = await this.backend.delete(key);
    return known || deleted;
  }

  private remember(key: ArtifactKey, size: number, createdAt: number): void {
    const id = keyPath(key);
    this.forget(id);
    this.index.set(id, { size, createdAt: Number.isFinite(createdAt) ? createdAt : this.now() });
    this.totalBytes += size;
  }

  /** Marks an artifact as just used; false when the index does not know it. */
  private touch(id: string): boolean {
    const entry = this.index.get(id);
    if (!entry) return false;
    this.index.delete(id);
    this.index.set(id, entry);
    return true;
  }

  private forget(id: string): boolean {
    const entry = this.index.get(id);
    if (!entry) return false;
    this.index.delete(id);
    this.totalBytes -= entry.size;
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
