import { type ArtifactMeta } from './types';

interface Entry {
  meta: ArtifactMeta;
  body: Buffer;
}

/**
 * Hot copies of small artifacts. Small hits are bound by per-request overhead
 * (open, fstat, read, close), not bandwidth, so serving them from memory is
 * what makes them cheap. Artifacts are immutable, so a copy never goes stale;
 * deletions go through the same store and drop the copy.
 */
export class MemoryTier {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;

  constructor(
    private readonly budgetBytes: number,
    readonly maxArtifactBytes: number,
  ) {}

  get enabled(): boolean {
    return this.budgetBytes > 0 && this.maxArtifactBytes > 0;
  }

  get usedBytes(): number {
    return this.bytes;
  }

  get(id: string): Entry | undefined {
    const entry = this.entries.get(id);
    if (entry) {
      // Re-insert: Map order is the LRU order.
      this.entries.delete(id);
      this.entries.set(id, entry);
    }
    return entry;
  }

  accepts(size: number): boolean {
    return this.enabled && size <= this.maxArtifactBytes && size <= this.budgetBytes;
  }

  set(id: string, meta: ArtifactMeta, body: Buffer): void {
    if (!this.accepts(body.length) || this.entries.has(id)) return;
    this.entries.set(id, { meta, body });
    this.bytes += body.length;
    for (const [oldest, entry] of this.entries) {
      if (this.bytes <= this.budgetBytes) break;
      this.entries.delete(oldest);
      this.bytes -= entry.body.length;
    }
  }

  delete(id: string): void {
    const entry = this.entries.get(id);
    if (entry) {
      this.entries.delete(id);
      this.bytes -= entry.body.length;
    }
  }
}
