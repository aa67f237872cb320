import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { type CacheStore } from '@paved/cache-storage';

export type MetricsProtocol = 'nx' | 'turbo' | 'ops' | 'admin' | 'unknown';

/** Prometheus metrics of one server (its own registry, so tests can run several). */
export class CacheMetrics {
  readonly registry = new Registry();
  readonly requests: Counter<'protocol' | 'method' | 'status'>;
  readonly duration: Histogram<'protocol' | 'method' | 'status'>;
  readonly lookups: Counter<'protocol' | 'namespace' | 'result'>;
  readonly bytes: Counter<'protocol' | 'direction'>;
  readonly timeSaved: Counter<'namespace'>;

  constructor(store: CacheStore) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'paved_cache_process_' });
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
    this.lookups = new Counter({
      name: 'paved_cache_lookups_total',
      help: 'Artifact reads by protocol, requested namespace and result (hit or miss).',
      labelNames: ['protocol', 'namespace', 'result'],
      registers,
    });
    this.bytes = new Counter({
      name: 'paved_cache_bytes_total',
      help: 'Artifact bytes served (out) and stored (in).',
      labelNames: ['protocol', 'direction'],
      registers,
    });
    this.timeSaved = new Counter({
      name: 'paved_cache_turbo_time_saved_seconds_total',
      help: 'Task time Turborepo clients report saved by remote hits.',
      labelNames: ['namespace'],
      registers,
    });
    new Gauge({
      name: 'paved_cache_stored_bytes',
      help: 'Bytes of all stored artifacts.',
      registers,
      collect() {
        this.set(store.storedBytes);
      },
    });
    new Gauge({
      name: 'paved_cache_artifacts',
      help: 'Number of stored artifacts.',
      registers,
      collect() {
        this.set(store.artifactCount);
      },
    });
    new Gauge({
      name: 'paved_cache_memory_tier_bytes',
      help: 'Bytes held by the in-memory tier of small artifacts.',
      registers,
      collect() {
        this.set(store.memoryBytes);
      },
    });
    new Gauge({
      name: 'paved_cache_evicted_artifacts',
      help: 'Artifacts evicted by the size limit (LRU) since start.',
      registers,
      collect() {
        this.set(store.evictedArtifacts);
      },
    });
    new Gauge({
      name: 'paved_cache_expired_artifacts',
      help: 'Artifacts deleted by namespace TTL since start.',
      registers,
      collect() {
        this.set(store.expiredArtifacts);
      },
    });
  }
}
