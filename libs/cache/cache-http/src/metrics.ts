import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { type CacheStore } from '@paved/cache-storage';
import { type ArtifactTraffic } from './traffic';

export type MetricsProtocol = 'nx' | 'turbo' | 'ops' | 'admin' | 'unknown';

/** What /metrics shows: totals to anyone, series per namespace to a token with the metrics right. */
export type MetricsView = 'totals' | 'namespaces';

type LookupLabel = 'protocol' | 'namespace' | 'result';

/**
 * Prometheus metrics of one server (its own registries, so tests can run several). The two
 * series that carry a namespace label exist twice under the same name: with the label, for
 * the `namespaces` view, and summed over namespaces, for the `totals` view, which names no
 * namespace. Lookups and artifact bytes are not counted here: each scrape reads them from the
 * server's ArtifactTraffic, which /stats reads too.
 */
export class CacheMetrics {
  readonly requests: Counter<'protocol' | 'method' | 'status'>;
  readonly duration: Histogram<'protocol' | 'method' | 'status'>;
  private readonly views: Record<MetricsView, Registry>;
  private readonly timeSaved: Record<MetricsView, Counter<'namespace'>>;

  constructor(store: CacheStore, traffic: ArtifactTraffic) {
    const shared = new Registry();
    const totalsOnly = new Registry();
    const namespacesOnly = new Registry();
    const registers = [shared];
    collectDefaultMetrics({ register: shared, prefix: 'paved_cache_process_' });
    this.requests = new Counter({
      name: 'paved_cache_requests_total',
      help: 'HTTP requests by protocol, method and status.',
      labelNames: ['protocol', 'method', 'status'],
      registers,
    });
    this.duration = new Histogram({
      name: 'paved_cache_request_duration_seconds',
      help: 'Time to answer a request, by protocol, method and status.',
      labelNames: ['protocol', 'method', 'status'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    new Counter({
      name: 'paved_cache_bytes_total',
      help: 'Artifact bytes served (out) and stored (in).',
      labelNames: ['protocol', 'direction'],
      registers,
      collect() {
        this.reset();
        // A series from the first hit or upload on, as if each had been counted here (an empty artifact adds 0).
        for (const { protocol, traffic: counted } of traffic.entries()) {
          if (counted.hits > 0) this.inc({ protocol, direction: 'out' }, counted.bytesServed);
          if (counted.uploads > 0) this.inc({ protocol, direction: 'in' }, counted.bytesStored);
        }
      },
    });
    const lookups = (register: Registry, labelNames: LookupLabel[]) =>
      new Counter({
        name: 'paved_cache_lookups_total',
        help: 'Artifact reads by protocol, requested namespace (with a metrics token) and result (hit or miss).',
        labelNames,
        registers: [register],
        collect() {
          this.reset();
          const byNamespace = labelNames.includes('namespace');
          for (const { namespace, protocol, traffic: counted } of traffic.entries()) {
            const results = [
              ['hit', counted.hits],
              ['miss', counted.misses],
            ] as const;
            for (const [result, count] of results) {
              if (count > 0) this.inc(byNamespace ? { protocol, namespace, result } : { protocol, result }, count);
            }
          }
        },
      });
    lookups(totalsOnly, ['protocol', 'result']);
    lookups(namespacesOnly, ['protocol', 'namespace', 'result']);
    const timeSaved = (register: Registry, labelNames: 'namespace'[]) =>
      new Counter({
        name: 'paved_cache_turbo_time_saved_seconds_total',
        help: 'Task time Turborepo clients report saved by remote hits (by namespace, with a metrics token).',
        labelNames,
        registers: [register],
      });
    this.timeSaved = { totals: timeSaved(totalsOnly, []), namespaces: timeSaved(namespacesOnly, ['namespace']) };
    const gauge = (name: string, help: string, value: () => number) =>
      new Gauge({
        name,
        help,
        registers,
        collect() {
          this.set(value());
        },
      });
    gauge('paved_cache_stored_bytes', 'Bytes of all stored artifacts.', () => store.storedBytes);
    gauge('paved_cache_artifacts', 'Number of stored artifacts.', () => store.artifactCount);
    gauge(
      'paved_cache_memory_tier_bytes',
      'Bytes held by the in-memory tier of small artifacts.',
      () => store.memoryBytes,
    );
    gauge(
      'paved_cache_evicted_artifacts',
      'Artifacts evicted by the size limit (LRU) since start.',
      () => store.evictedArtifacts,
    );
    gauge(
      'paved_cache_expired_artifacts',
      'Artifacts deleted by namespace TTL since start.',
      () => store.expiredArtifacts,
    );
    this.views = {
      totals: Registry.merge([shared, totalsOnly]),
      namespaces: Registry.merge([shared, namespacesOnly]),
    };
  }

  /** `namespace` is the bounded label (namespaceLabeler), never a name a client chose. */
  countTimeSaved(namespace: string, seconds: number): void {
    this.timeSaved.totals.inc(seconds);
    this.timeSaved.namespaces.inc({ namespace }, seconds);
  }

  get contentType(): string {
    return this.views.totals.contentType;
  }

  render(view: MetricsView): Promise<string> {
    return this.views[view].metrics();
  }
}
