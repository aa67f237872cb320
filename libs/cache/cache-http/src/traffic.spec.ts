import { CacheStore, FsBackend, type ArtifactKey } from '@paved/cache-storage';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CacheMetrics } from './metrics';
import { ArtifactTraffic } from './traffic';

const nx = (namespace: string): ArtifactKey => ({ namespace, protocol: 'nx', hash: '1' });
const turbo = (namespace: string): ArtifactKey => ({ namespace, protocol: 'turbo', team: 't', hash: '1' });

/** Never initialised: an empty store, whose folder is never created. */
const store = new CacheStore({
  backend: new FsBackend({ dir: join(tmpdir(), 'paved-traffic-never-created') }),
  maxTotalBytes: 1024,
  memoryTierBytes: 0,
  memoryTierMaxArtifactBytes: 0,
});

function samples(exposition: string, metric: string): string[] {
  return exposition
    .split('\n')
    .filter((line) => line.startsWith(`${metric}{`))
    .sort();
}

describe('ArtifactTraffic', () => {
  const traffic = new ArtifactTraffic((namespace) => (namespace.startsWith('pr-') ? 'pr-*' : namespace));
  traffic.countHit(nx('main'), 100);
  traffic.countMiss(nx('main'));
  traffic.countHit(turbo('main'), 10);
  traffic.countMiss(nx('pr-1'));
  traffic.countMiss(nx('pr-2'));
  traffic.countStored(nx('pr-1'), 0);

  it('shows /stats each hit, miss and stored byte once, per namespace label', () => {
    expect(traffic.namespaceStats(store)).toEqual({
      main: { hits: 2, misses: 1, bytesServed: 110, bytesStored: 0, artifacts: 0, bytes: 0, hitRate: 2 / 3 },
      'pr-*': { hits: 0, misses: 2, bytesServed: 0, bytesStored: 0, artifacts: 0, bytes: 0, hitRate: 0 },
    });
  });

  it('is what /metrics shows, per protocol and namespace to a metrics token and in totals to anyone, scrape after scrape', async () => {
    const metrics = new CacheMetrics(store, traffic);
    const namespaces = await metrics.render('namespaces');
    expect(samples(namespaces, 'paved_cache_lookups_total')).toEqual([
      'paved_cache_lookups_total{protocol="nx",namespace="main",result="hit"} 1',
      'paved_cache_lookups_total{protocol="nx",namespace="main",result="miss"} 1',
      'paved_cache_lookups_total{protocol="nx",namespace="pr-*",result="miss"} 2',
      'paved_cache_lookups_total{protocol="turbo",namespace="main",result="hit"} 1',
    ]);
    const totals = await metrics.render('totals');
    expect(samples(totals, 'paved_cache_lookups_total')).toEqual([
      'paved_cache_lookups_total{protocol="nx",result="hit"} 1',
      'paved_cache_lookups_total{protocol="nx",result="miss"} 3',
      'paved_cache_lookups_total{protocol="turbo",result="hit"} 1',
    ]);
    // An empty upload is a series of 0 bytes, as a counter that was incremented by 0.
    expect(samples(totals, 'paved_cache_bytes_total')).toEqual([
      'paved_cache_bytes_total{protocol="nx",direction="in"} 0',
      'paved_cache_bytes_total{protocol="nx",direction="out"} 100',
      'paved_cache_bytes_total{protocol="turbo",direction="out"} 10',
    ]);
    const again = await metrics.render('totals');
    expect(samples(again, 'paved_cache_lookups_total')).toEqual(samples(totals, 'paved_cache_lookups_total'));
  });
});
