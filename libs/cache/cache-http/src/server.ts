import { AccessControl, globToRegExp, type CacheConfig } from '@paved/cache-config';
import {
  CacheStore,
  heapGrowthReclaimer,
  uploadBufferReclaimer,
  type ArtifactBackend,
  type StorageTuning,
} from '@paved/cache-storage';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import pino, { type Logger } from 'pino';
import { CacheMetrics } from './metrics';
import { namespaceLabeler } from './namespace-labels';
import { RequestHandler } from './request-handler';
import { createBackend, listenError, startupStorageError } from './startup';
import { ArtifactTraffic, type NamespaceStats } from './traffic';

export interface CacheServerOptions {
  config: CacheConfig;
  /** A backend to use instead of the one the config describes (tests). */
  backend?: ArtifactBackend;
  /** Where logs go; stdout by default. */
  logDestination?: NodeJS.WritableStream;
  /** How often TTL expiry runs; 0 disables the timer. */
  sweepIntervalMs?: number;
  /** Memory and CPU trades for one kind of deployment (StorageTuning); none by default. */
  tuning?: CacheServerTuning;
}

export interface CacheServerTuning extends StorageTuning {
  /**
   * A full collection once the JS heap has grown this many bytes past what the last one left,
   * checked every 100 ms (heapGrowthReclaimer says why); 0 or unset: V8 decides alone.
   */
  reclaimHeapGrowthBytes?: number;
}

/** How often a server tuned with reclaimHeapGrowthBytes looks at its heap. */
const HEAP_CHECK_INTERVAL_MS = 100;

/**
 * The remote cache server: Nx's self-hosted cache API and Turborepo's remote
 * cache API over one store, with the token/namespace trust model in front.
 * This is its lifecycle: the store is scanned before the server listens, and
 * closing lets requests in flight finish before storage is released.
 */
export class CacheServer {
  readonly http: Server;
  readonly metrics: CacheMetrics;
  private readonly traffic: ArtifactTraffic;
  private sweepTimer?: NodeJS.Timeout;
  private heapTimer?: NodeJS.Timeout;
  private readonly reclaimHeapGrowth?: () => void;

  private constructor(
    readonly config: CacheConfig,
    readonly store: CacheStore,
    access: AccessControl,
    readonly logger: Logger,
    private readonly sweepIntervalMs: number,
    tuning: CacheServerTuning | undefined,
  ) {
    const labelOf = namespaceLabeler(config);
    this.traffic = new ArtifactTraffic(labelOf);
    this.metrics = new CacheMetrics(store, this.traffic);
    const handler = new RequestHandler({
      config,
      store,
      access,
      logger,
      metrics: this.metrics,
      traffic: this.traffic,
      labelOf,
      reclaimDrainedBuffers: uploadBufferReclaimer(tuning?.reclaimUploadBuffersEveryBytes),
    });
    this.reclaimHeapGrowth = heapGrowthReclaimer(tuning?.reclaimHeapGrowthBytes);
    const handle = (req: IncomingMessage, res: ServerResponse) => void handler.handle(req, res);
    this.http = createServer({ keepAliveTimeout: 65_000 }, handle);
    // `Expect: 100-continue` is answered only once the request may send its body (HttpExchange.acceptBody):
    // an unauthenticated or refused upload gets its final status instead, and sends nothing.
    this.http.on('checkContinue', handle);
  }

  static async create(options: CacheServerOptions): Promise<CacheServer> {
    const { config } = options;
    const logger = pino(
      { level: config.logLevel, base: { service: 'paved-cache' } },
      options.logDestination ?? process.stdout,
    );
    const backend = options.backend ?? (await createBackend(config, options.tuning));
    const access = new AccessControl(config);
    const store = new CacheStore({
      backend,
      maxTotalBytes: config.limits.maxTotalBytes,
      untrustedMaxBytes: config.limits.untrustedMaxBytes,
      isProtected: (namespace: string) => access.isProtected(namespace),
      onCorruptArtifact: (error) =>
        logger.error({ code: error.code, artifact: error.artifact, err: error.message }, 'corrupt artifact removed'),
      memoryTierBytes: config.limits.memoryTierBytes,
      memoryTierMaxArtifactBytes: config.limits.memoryTierMaxArtifactBytes,
      ttl: Object.entries(config.ttlSeconds).map(([pattern, seconds]) => ({
        pattern: globToRegExp(pattern),
        seconds: Number(seconds),
      })),
      tuning: options.tuning,
    });
    try {
      await store.init();
    } catch (error) {
      await backend.close?.();
      throw startupStorageError(config, error);
    }
    return new CacheServer(config, store, access, logger, options.sweepIntervalMs ?? 60_000, options.tuning);
  }

  async listen(port = this.config.port, host = this.config.host): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      const refuse = (error: NodeJS.ErrnoException) => reject(listenError(error, port, host));
      this.http.once('error', refuse);
      this.http.listen(port, host, () => {
        this.http.off('error', refuse);
        resolve();
      });
    });
    if (this.sweepIntervalMs > 0) {
      this.sweepTimer = setInterval(() => void this.sweep(), this.sweepIntervalMs);
      this.sweepTimer.unref();
    }
    if (this.reclaimHeapGrowth) {
      this.heapTimer = setInterval(this.reclaimHeapGrowth, HEAP_CHECK_INTERVAL_MS);
      this.heapTimer.unref();
    }
    const address = this.http.address() as AddressInfo;
    const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
    this.logger.info({ url, storage: this.store.backend.kind, artifacts: this.store.artifactCount }, 'listening');
    return url;
  }

  /** Graceful: stop accepting, let in-flight requests finish, then release storage. */
  async close(): Promise<void> {
    clearInterval(this.sweepTimer);
    clearInterval(this.heapTimer);
    await new Promise<void>((resolve) => {
      this.http.close(() => resolve());
      this.http.closeIdleConnections();
    });
    await this.store.backend.close?.();
    this.logger.info('stopped');
  }

  /** What /stats shows. */
  namespaceStats(): Record<string, NamespaceStats> {
    return this.traffic.namespaceStats(this.store);
  }

  private async sweep(): Promise<void> {
    try {
      const expired = await this.store.sweepExpired();
      if (expired > 0) this.logger.info({ expired }, 'expired artifacts deleted');
    } catch (error) {
      this.logger.error({ err: error }, 'TTL sweep failed');
    }
  }
}
