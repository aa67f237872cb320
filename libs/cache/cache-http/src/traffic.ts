import { type ArtifactKey, type CacheStore, type Protocol } from '@paved/cache-storage';

/** Artifact reads and writes of one namespace label, as /stats shows them. */
export interface NamespaceTraffic {
  hits: number;
  misses: number;
  bytesServed: number;
  bytesStored: number;
}

/** Of one protocol in one namespace label; `uploads` tells a stored empty artifact from none. */
export interface ProtocolTraffic extends NamespaceTraffic {
  uploads: number;
}

export type NamespaceStats = NamespaceTraffic & { artifacts: number; bytes: number; hitRate: number | null };

/**
 * Artifact hits, misses and bytes, counted once, when a read or an upload is answered: the one
 * count that /stats shows per namespace and /metrics per protocol (and per namespace, to a
 * metrics token). Counted under the namespace's bounded label (namespaceLabeler), never one entry
 * per name a client invents.
 */
export class ArtifactTraffic {
  /** By namespace label, then protocol. */
  private readonly counts = new Map<string, Map<Protocol, ProtocolTraffic>>();

  constructor(private readonly labelOf: (namespace: string) => string) {}

  countHit(key: ArtifactKey, bytes: number): void {
    const traffic = this.of(key);
    traffic.hits += 1;
    traffic.bytesServed += bytes;
  }

  countMiss(key: ArtifactKey): void {
    this.of(key).misses += 1;
  }

  countStored(key: ArtifactKey, bytes: number): void {
    const traffic = this.of(key);
    traffic.uploads += 1;
    traffic.bytesStored += bytes;
  }

  /** Every protocol's traffic in every namespace label, in the order they were first counted. */
  *entries(): Generator<{ namespace: string; protocol: Protocol; traffic: ProtocolTraffic }> {
    for (const [namespace, byProtocol] of this.counts) {
      for (const [protocol, traffic] of byProtocol) yield { namespace, protocol, traffic };
    }
  }

  /** Per namespace: what was stored there (`usage` of the store) and the traffic of its label. */
  namespaceStats(store: CacheStore): Record<string, NamespaceStats> {
    const usage = store.usageByNamespace();
    const names = new Set([...Object.keys(usage), ...this.counts.keys()]);
    return Object.fromEntries(
      [...names].sort().map((name) => {
        const traffic = this.ofNamespace(name);
        const lookups = traffic.hits + traffic.misses;
        return [
          name,
          {
            ...traffic,
            artifacts: usage[name]?.artifacts ?? 0,
            bytes: usage[name]?.bytes ?? 0,
            hitRate: lookups === 0 ? null : traffic.hits / lookups,
          },
        ];
      }),
    );
  }

  /** Summed over the protocols. */
  private ofNamespace(label: string): NamespaceTraffic {
    const sum: NamespaceTraffic = { hits: 0, misses: 0, bytesServed: 0, bytesStored: 0 };
    for (const traffic of this.counts.get(label)?.values() ?? []) {
      sum.hits += traffic.hits;
      sum.misses += traffic.misses;
      sum.bytesServed += traffic.bytesServed;
      sum.bytesStored += traffic.bytesStored;
    }
    return sum;
  }

  private of(key: ArtifactKey): ProtocolTraffic {
    const label = this.labelOf(key.namespace);
    let byProtocol = this.counts.get(label);
    if (!byProtocol) {
      byProtocol = new Map();
      this.counts.set(label, byProtocol);
    }
    let traffic = byProtocol.get(key.protocol);
    if (!traffic) {
      traffic = { hits: 0, misses: 0, bytesServed: 0, bytesStored: 0, uploads: 0 };
      byProtocol.set(key.protocol, traffic);
    }
    return traffic;
  }
}
