import { AccessControl, globToRegExp, type AuthenticatedToken, type CacheConfig } from '@paved/cache-config';
import {
  CacheStore,
  commitShaPattern,
  FsBackend,
  isBranchName,
  S3Backend,
  StorageUnavailableError,
  UploadError,
  withDeadline,
  type ArtifactBackend,
  type ArtifactKey,
  type Hit,
  type Protocol,
  type StorageTuning,
  type WriterMeta,
} from '@paved/cache-storage';
import { PavedError } from '@paved/errors';
import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import { pipeline } from 'node:stream/promises';
import pino, { type Logger } from 'pino';
import { answerAndClose, idleGuardedBody, LINGER_BYTES } from './connection';
import { CacheMetrics, type MetricsProtocol } from './metrics';
import { namespaceLabeler } from './namespace-labels';
import { allowedMethods, parseRequestUrl, type Route } from './routes';
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

export type CacheServerTuning = StorageTuning;

/** What a 503 tells a client about when to try again, in seconds. */
const RETRY_AFTER_SECONDS = 10;
/** The file system says it is full (no space, or the quota is used up). */
const OUT_OF_SPACE = new Set(['ENOSPC', 'EDQUOT']);
const TEXT = { 'content-type': 'text/plain' } as const;
const JSON_TYPE = { 'content-type': 'application/json' } as const;
const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, HEAD, PUT, POST, OPTIONS',
  'access-control-allow-headers':
    'Authorization, Content-Type, User-Agent, x-artifact-duration, x-artifact-tag, x-artifact-sha, x-artifact-dirty-hash, x-artifact-client-ci, x-artifact-client-interactive',
  'access-control-max-age': '600',
};

/**
 * The remote cache server: Nx's self-hosted cache API and Turborepo's remote
 * cache API over one store, with the token/namespace trust model in front.
 */
export class CacheServer {
  readonly http: Server;
  readonly store: CacheStore;
  readonly metrics: CacheMetrics;
  readonly logger: Logger;
  private readonly labelOf: (namespace: string) => string;
  private readonly traffic: ArtifactTraffic;
  private readonly bootId = randomBytes(3).toString('hex');
  private requestSeq = 0;
  private sweepTimer?: NodeJS.Timeout;

  private constructor(
    readonly config: CacheConfig,
    store: CacheStore,
    private readonly access: AccessControl,
    logger: Logger,
    private readonly sweepIntervalMs: number,
  ) {
    this.store = store;
    this.logger = logger;
    this.labelOf = namespaceLabeler(config);
    this.traffic = new ArtifactTraffic(this.labelOf);
    this.metrics = new CacheMetrics(store, this.traffic);
    this.http = createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
      void this.handle(req, res);
    });
    // `Expect: 100-continue` is answered only once the request may send its body (acceptBody):
    // an unauthenticated or refused upload gets its final status instead, and sends nothing.
    this.http.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
      void this.handle(req, res);
    });
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
    return new CacheServer(config, store, access, logger, options.sweepIntervalMs ?? 60_000);
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
    const address = this.http.address() as AddressInfo;
    const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
    this.logger.info({ url, storage: this.store.backend.kind, artifacts: this.store.artifactCount }, 'listening');
    return url;
  }

  /** Graceful: stop accepting, let in-flight requests finish, then release storage. */
  async close(): Promise<void> {
    clearInterval(this.sweepTimer);
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

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = process.hrtime.bigint();
    const requestId = `${this.bootId}-${(++this.requestSeq).toString(36)}`;
    res.setHeader('x-request-id', requestId);
    const parsed = parseRequestUrl(req.url ?? '/', this.config.defaultNamespace);
    const protocol = protocolOf(parsed.route);
    let principal: string | undefined;
    try {
      if (parsed.invalid) {
        this.text(res, 400, parsed.invalid);
      } else if (!parsed.route) {
        this.text(res, 404, 'unknown route');
      } else if (!allowedMethods[parsed.route.kind].includes(req.method ?? '')) {
        res.setHeader('allow', allowedMethods[parsed.route.kind].join(', '));
        this.text(res, 405, `method ${req.method} not allowed here`);
      } else if (req.method === 'OPTIONS') {
        res.writeHead(200, CORS_HEADERS).end();
      } else {
        principal = await this.route(req, res, parsed.route, parsed.namespace, parsed.query);
      }
    } catch (error) {
      this.fail(req, res, error, requestId);
    } finally {
      if (!res.writableEnded) await new Promise((resolve) => res.once('close', resolve));
      const status = String(res.statusCode);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      this.metrics.requests.inc({ protocol, method: req.method, status });
      this.metrics.duration.observe({ protocol, method: req.method, status }, seconds);
      this.logger.info(
        {
          reqId: requestId,
          method: req.method,
          path: req.url?.split('?')[0],
          status: res.statusCode,
          ms: Math.round(seconds * 1e4) / 10,
          namespace: parsed.namespace,
          token: principal,
        },
        'request',
      );
    }
  }

  /** Returns the name of the token that made the request, for the log. */
  private async route(
    req: IncomingMessage,
    res: ServerResponse,
    route: Route,
    namespace: string,
    query: URLSearchParams,
  ): Promise<string | undefined> {
    switch (route.kind) {
      case 'healthz':
        this.text(res, 200, 'ok');
        return undefined;
      case 'readyz':
        // Under a deadline whatever the backend: a hung store must make the server not ready, not hang the probe.
        await withDeadline('the storage readiness probe', this.config.timeouts.storageMs, () =>
          this.store.backend.ping(),
        ).then(
          () => this.text(res, 200, 'ready'),
          (error: Error) => {
            this.logger.warn({ err: error.message }, 'not ready: storage unreachable');
            this.text(res, 503, `storage unreachable: ${error.message}`);
          },
        );
        return undefined;
    }
    const token = this.access.authenticate(req.headers.authorization);
    if (route.kind === 'metrics') return this.serveMetrics(req, res, token);
    if (!token) {
      // Before reading a byte of any body: nobody unknown makes the server read (or wait for) an upload.
      this.closeWith(res, 401, 'missing or invalid bearer token', LINGER_BYTES.unauthenticated);
      return undefined;
    }
    const name = token.principal.name;
    switch (route.kind) {
      case 'stats':
        this.json(res, 200, { namespaces: this.namespaceStats() });
        break;
      case 'paved-token':
        // What this token may do here, so `paved doctor` can tell a developer without guessing.
        res.setHeader('cache-control', 'no-store');
        this.json(res, 200, this.access.rightsOf(token, namespace));
        break;
      case 'paved-green':
        await this.green(req, res, token, namespace, query.get('branch') ?? '');
        break;
      case 'admin-purge':
      case 'admin-list':
        if (!token.principal.admin) {
          this.text(res, 403, `token "${name}" is not an admin token`);
        } else if (route.kind === 'admin-purge') {
          const deleted = await this.store.purgeNamespace(route.target);
          this.logger.warn({ namespace: route.target, deleted, token: name }, 'namespace purged');
          this.json(res, 200, { namespace: route.target, deleted });
        } else {
          this.json(res, 200, { namespace: route.target, artifacts: await this.store.listNamespace(route.target) });
        }
        break;
      case 'turbo-status':
        this.json(res, 200, { status: 'enabled' });
        break;
      case 'turbo-events':
        await this.turboEvents(req, res, token, namespace);
        break;
      case 'turbo-query':
        await this.turboQuery(req, res, token, namespace, teamOf(query));
        break;
      case 'nx-artifact':
      case 'turbo-artifact': {
        const protocol: Protocol = route.kind === 'nx-artifact' ? 'nx' : 'turbo';
        const key = { namespace, protocol, hash: route.hash, ...(protocol === 'turbo' ? { team: teamOf(query) } : {}) };
        if (req.method === 'PUT') await this.upload(req, res, token, key);
        else await this.download(req, res, token, key);
        break;
      }
    }
    return name;
  }

  /**
   * The green record of a branch in this namespace (`paved ci record-green`, `paved ci base`): read
   * by a token that may read the namespace itself, moved only by one that may write it, so a pull
   * request's token can never move a protected branch's base.
   */
  private async green(
    req: IncomingMessage,
    res: ServerResponse,
    token: AuthenticatedToken,
    namespace: string,
    branch: string,
  ): Promise<void> {
    const name = token.principal.name;
    res.setHeader('cache-control', 'no-store');
    if (!isBranchName(branch)) {
      await this.refuse(req, res, 400, 'expected ?branch=<a git branch name: letters, digits, ".", "_", "-", "/">');
      return;
    }
    const storageMs = this.config.timeouts.storageMs;
    if (req.method === 'GET') {
      if (!this.access.readChain(token, namespace)?.includes(namespace)) {
        this.text(res, 403, `token "${name}" may not read namespace "${namespace}"`);
        return;
      }
      const record = await withDeadline('reading a green record', storageMs, () =>
        this.store.backend.getGreen(namespace, branch),
      );
      if (record) this.json(res, 200, record);
      else this.text(res, 404, `no green commit is recorded for ${branch} in namespace "${namespace}"`);
      return;
    }
    if (!this.access.canWrite(token, namespace)) {
      await this.refuse(
        req,
        res,
        403,
        `token "${name}" may not write namespace "${namespace}", so it may not move the green commit of ${branch}`,
      );
      return;
    }
    const body = (await readJson(this.acceptBody(req, res, req), 4096)) as { sha?: unknown } | null;
    if (typeof body?.sha !== 'string' || !commitShaPattern.test(body.sha)) {
      this.text(res, 400, 'expected {"sha": "<the full commit SHA: 40 or 64 lowercase hex digits>"}');
      return;
    }
    const record = { branch, sha: body.sha, recordedAt: new Date().toISOString(), writer: name };
    await withDeadline('storing a green record', storageMs, () => this.store.backend.putGreen(namespace, record));
    this.logger.info({ namespace, branch, sha: record.sha, token: name }, 'green commit recorded');
    this.json(res, 200, record);
  }

  private async download(
    req: IncomingMessage,
    res: ServerResponse,
    token: AuthenticatedToken,
    key: ArtifactKey,
  ): Promise<void> {
    const chain = this.access.readChain(token, key.namespace);
    if (!chain) {
      this.text(res, 403, `token "${token.principal.name}" may not read namespace "${key.namespace}"`);
      return;
    }
    let hit: Hit | undefined;
    try {
      for (const namespace of chain) {
        hit = await this.store.get({ ...key, namespace });
        if (hit) break;
      }
    } catch (error) {
      // A read the storage cannot serve (hung, unreachable, failing) is a miss: the build runs the task
      // instead of failing on a 5xx (Nx does) or waiting (Nx has no timeout).
      this.logger.error(
        { err: error, namespace: key.namespace, hash: key.hash },
        'storage read failed: answered as a miss',
      );
      hit = undefined;
    }
    if (!hit) {
      this.traffic.countMiss(key);
      this.text(res, 404, 'not found');
      return;
    }
    this.traffic.countHit(key, hit.meta.size);
    const headers: Record<string, string | number> = {
      'content-type': 'application/octet-stream',
      'content-length': hit.meta.size,
      etag: `"${hit.meta.sha256}"`,
      'cache-control': 'private, max-age=31536000, immutable',
    };
    if (hit.meta.durationMs !== undefined) headers['x-artifact-duration'] = hit.meta.durationMs;
    if (hit.meta.tag !== undefined) headers['x-artifact-tag'] = hit.meta.tag;
    res.writeHead(200, headers);
    if (req.method === 'HEAD') {
      if ('open' in hit) hit.open().destroy();
      res.end();
    } else if ('body' in hit) {
      res.end(hit.body);
    } else if (hit.sendTo) {
      await hit.sendTo(res);
    } else {
      await pipeline(hit.open(), res);
    }
  }

  private async upload(
    req: IncomingMessage,
    res: ServerResponse,
    token: AuthenticatedToken,
    key: ArtifactKey,
  ): Promise<void> {
    if (!this.access.canWrite(token, key.namespace)) {
      await this.refuse(req, res, 403, `token "${token.principal.name}" may not write namespace "${key.namespace}"`);
      return;
    }
    const declared = req.headers['content-length'];
    if (declared === undefined) {
      this.closeWith(res, 411, 'Content-Length is required');
      return;
    }
    const size = Number(declared);
    if (!Number.isSafeInteger(size) || size < 0) {
      this.closeWith(res, 400, 'Content-Length must be a whole number of bytes');
      return;
    }
    if (size > this.config.limits.maxArtifactBytes) {
      this.closeWith(
        res,
        413,
        `artifact of ${size} bytes exceeds the limit of ${this.config.limits.maxArtifactBytes} bytes`,
      );
      return;
    }
    // Both backends find an existing record before reading the body; the body is then drained.
    const body = idleGuardedBody(req, this.config.timeouts.uploadIdleMs);
    let outcome;
    try {
      outcome = await this.store.put(key, this.acceptBody(req, res, body), size, writerMeta(req, token));
    } finally {
      // Hands the request back (a refusal drains it, a failure lingers on it) whether or not the store read it.
      body.destroy();
    }
    if (outcome === 'exists') {
      await this.refuse(req, res, 409, 'cannot override an existing record');
      return;
    }
    this.traffic.countStored(key, size);
    if (key.protocol === 'turbo') this.json(res, 200, { urls: [`${key.namespace}/${key.team ?? '-'}/${key.hash}`] });
    else this.text(res, 200, 'stored');
  }

  private async turboQuery(
    req: IncomingMessage,
    res: ServerResponse,
    token: AuthenticatedToken,
    namespace: string,
    team: string,
  ): Promise<void> {
    const chain = this.access.readChain(token, namespace);
    if (!chain) {
      this.text(res, 403, `token "${token.principal.name}" may not read namespace "${namespace}"`);
      return;
    }
    const body = (await readJson(this.acceptBody(req, res, req), 1024 * 1024)) as { hashes?: unknown };
    if (!Array.isArray(body?.hashes) || !body.hashes.every((h) => typeof h === 'string')) {
      this.text(res, 400, 'expected {"hashes": ["<hash>", ...]}');
      return;
    }
    const answer: Record<string, { size: number; taskDurationMs?: number; tag?: string } | null> = {};
    let storageFailed = false;
    for (const hash of body.hashes as string[]) {
      let meta;
      for (const candidate of chain) {
        if (storageFailed) break;
        meta = await this.store
          .head({ namespace: candidate, protocol: 'turbo', team, hash })
          .catch((error: unknown) => {
            // Every further lookup would wait for the same storage: the rest of the batch are misses.
            storageFailed = true;
            this.logger.error({ err: error, namespace: candidate }, 'storage read failed: answered as misses');
            return undefined;
          });
        if (meta) break;
      }
      answer[hash] = meta ? { size: meta.size, taskDurationMs: meta.durationMs, tag: meta.tag } : null;
    }
    this.json(res, 200, answer);
  }

  private async turboEvents(
    req: IncomingMessage,
    res: ServerResponse,
    token: AuthenticatedToken,
    namespace: string,
  ): Promise<void> {
    // Events report hits of a namespace: only a token that may read it has any to report.
    if (!this.access.readChain(token, namespace)) {
      await this.refuse(req, res, 403, `token "${token.principal.name}" may not read namespace "${namespace}"`);
      return;
    }
    const events = await readJson(this.acceptBody(req, res, req), 1024 * 1024);
    if (Array.isArray(events)) {
      for (const event of events as { source?: string; event?: string; duration?: number }[]) {
        if (event?.source === 'REMOTE' && event.event === 'HIT' && typeof event.duration === 'number') {
          this.metrics.countTimeSaved(this.labelOf(namespace), event.duration / 1000);
        }
      }
    }
    this.json(res, 200, {});
  }

  /**
   * Answers a refused request that may carry a body. The body is drained first
   * (up to the size limit), because Nx keeps streaming a PUT it has started and
   * treats a reset connection as a fatal error, while 403 and 409 are silent.
   */
  private async refuse(req: IncomingMessage, res: ServerResponse, status: number, message: string): Promise<void> {
    if (expectsContinue(req)) {
      // The client waits for our word before it sends the body: the refusal is that word.
      this.closeWith(res, status, message);
      return;
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    const drainable = Number.isFinite(declared) && declared <= this.config.limits.maxArtifactBytes;
    if (drainable && !req.readableEnded) {
      req.resume();
      await new Promise((resolve) => {
        req.once('end', resolve);
        req.once('error', resolve);
        req.once('close', resolve);
      });
    }
    if (drainable) this.text(res, status, message);
    else this.closeWith(res, status, message);
  }

  /**
   * The body `stream` of `req`, once the client may send it: a client that sent
   * `Expect: 100-continue` is told to go on only now that the request is accepted.
   */
  private acceptBody<T>(req: IncomingMessage, res: ServerResponse, stream: T): T {
    if (expectsContinue(req) && !res.headersSent) res.writeContinue();
    return stream;
  }

  private async serveMetrics(
    req: IncomingMessage,
    res: ServerResponse,
    token: AuthenticatedToken | undefined,
  ): Promise<string | undefined> {
    if (!token && req.headers.authorization !== undefined) {
      this.closeWith(res, 401, 'invalid bearer token', LINGER_BYTES.unauthenticated);
      return undefined;
    }
    // Namespace names say what is built where: only a token with the metrics right sees them.
    const view = token && this.access.canReadNamespaceMetrics(token) ? 'namespaces' : 'totals';
    res.writeHead(200, { 'content-type': this.metrics.contentType }).end(await this.metrics.render(view));
    return token?.principal.name;
  }

  private fail(req: IncomingMessage, res: ServerResponse, error: unknown, requestId: string): void {
    if (error instanceof UploadError) {
      this.logger.warn({ reqId: requestId, err: error.message }, 'upload refused');
      this.closeWith(res, error.status, error.message);
      return;
    }
    if (error instanceof StorageUnavailableError) {
      this.logger.error({ reqId: requestId, err: error, method: req.method, path: req.url }, 'storage unavailable');
      this.closeWith(res, 503, `storage unavailable, try again later: ${error.message}`, LINGER_BYTES.authenticated, {
        'retry-after': RETRY_AFTER_SECONDS,
      });
      return;
    }
    if (OUT_OF_SPACE.has((error as NodeJS.ErrnoException).code ?? '')) {
      this.logger.error({ reqId: requestId, err: error, method: req.method, path: req.url }, 'storage full');
      this.closeWith(res, 507, 'the cache storage is full: nothing was stored');
      return;
    }
    if ((error as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE' && res.headersSent) {
      // The client hung up mid-download: its business, not a server fault.
      this.logger.info({ reqId: requestId, method: req.method, path: req.url }, 'client closed the connection');
      return;
    }
    this.logger.error({ reqId: requestId, err: error, method: req.method, path: req.url }, 'request failed');
    this.closeWith(res, 500, `internal error (request ${requestId})`);
  }

  /** Nx accepts a 401 only with exactly `text/plain` (no charset); every text answer uses it. */
  private text(res: ServerResponse, status: number, message: string): void {
    if (res.headersSent) return;
    res.writeHead(status, TEXT).end(message);
  }

  /** A text answer, then the connection is closed without losing the answer (answerAndClose). */
  private closeWith(
    res: ServerResponse,
    status: number,
    message: string,
    lingerBytes: number = LINGER_BYTES.authenticated,
    headers: Record<string, string | number> = {},
  ): void {
    answerAndClose(res, status, { ...TEXT, ...headers }, message, lingerBytes);
  }

  private json(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, JSON_TYPE).end(JSON.stringify(body));
  }
}

/** Why the server could not listen, as a coded error saying what to do; an unexpected reason stays as it is. */
function listenError(error: NodeJS.ErrnoException, port: number, host: string): Error {
  const otherPort = 'choose another port with PAVED_CACHE_PORT or, for paved-cache dev, --port';
  switch (error.code) {
    case 'EADDRINUSE':
      return new PavedError({
        code: 'PAVED-305',
        message: `port ${port} on ${host} is already in use`,
        hint: `${otherPort}; or stop the process that listens there: \`ss -ltnp\` shows which`,
      });
    case 'EACCES':
      return new PavedError({
        code: 'PAVED-306',
        message: `not allowed to listen on port ${port} on ${host}`,
        hint: `ports below 1024 need privileges: ${otherPort}, of 1024 or above`,
      });
    case 'EADDRNOTAVAIL':
      return new PavedError({
        code: 'PAVED-308',
        message: `${host} is not an address of this machine`,
        hint: 'set PAVED_CACHE_HOST to one of its addresses, 0.0.0.0 or ::',
      });
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new PavedError({
        code: 'PAVED-308',
        message: `"${host}" is neither an IP address nor a host name this machine can resolve`,
        hint: 'set PAVED_CACHE_HOST to an address of this machine (127.0.0.1, 0.0.0.0, ::) or a name that resolves to one',
      });
    default:
      return error;
  }
}

async function createBackend(config: CacheConfig, tuning: StorageTuning | undefined): Promise<ArtifactBackend> {
  if (config.storage.type === 'fs') {
    const { dir } = config.storage;
    if (isNonFolder(dir)) {
      throw new PavedError({
        code: 'PAVED-307',
        file: dir,
        message: 'the storage folder is a file, not a folder',
        hint: 'point PAVED_CACHE_DIR (or --dir for paved-cache dev) at a folder, or at a path where one may be created',
      });
    }
    const backend = new FsBackend({ dir, fsync: config.storage.fsync, tuning });
    await backend.init();
    return backend;
  }
  const backend = new S3Backend({
    ...config.storage,
    callTimeoutMs: config.timeouts.storageMs,
    transferTimeoutMs: config.timeouts.storageTransferMs,
    tuning,
  });
  await backend.init();
  return backend;
}

/** Why the start-up scan of the store failed, as a coded error saying what to do. */
function startupStorageError(config: CacheConfig, error: unknown): unknown {
  if (error instanceof PavedError) return error;
  const reason = (error as Error).message;
  if (config.storage.type === 's3') {
    const { bucket, endpoint } = config.storage;
    return new PavedError({
      code: 'PAVED-310',
      message: `S3 bucket "${bucket}"${endpoint ? ` at ${endpoint}` : ''} cannot be listed at start-up: ${reason}`,
      hint: `check that the store is up and reachable from here, the bucket exists and the credentials may list it (PAVED_CACHE_S3_ENDPOINT, PAVED_CACHE_S3_BUCKET); a store that is slow to list needs a longer timeouts.storageTransferMs (now ${config.timeouts.storageTransferMs} ms)`,
    });
  }
  return new PavedError({
    code: 'PAVED-307',
    file: config.storage.dir,
    message: `the storage folder cannot be scanned at start-up: ${reason}`,
    hint: 'give the server write access to the storage folder and everything in it (PAVED_CACHE_DIR, or --dir for paved-cache dev)',
  });
}

/** Something that is not a folder is where the storage folder should be (missing, or under a file: init's to refuse). */
function isNonFolder(path: string): boolean {
  try {
    return !statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function expectsContinue(req: IncomingMessage): boolean {
  return req.headers.expect?.toLowerCase() === '100-continue';
}

function protocolOf(route: Route | undefined): MetricsProtocol {
  if (!route) return 'unknown';
  if (route.kind === 'nx-artifact') return 'nx';
  if (route.kind.startsWith('turbo')) return 'turbo';
  if (route.kind.startsWith('admin') || route.kind === 'stats' || route.kind.startsWith('paved-')) return 'admin';
  return 'ops';
}

function teamOf(query: URLSearchParams): string {
  const team = query.get('teamId') ?? query.get('slug') ?? '';
  return /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/.test(team) ? team : '-';
}

function writerMeta(req: IncomingMessage, token: AuthenticatedToken): WriterMeta {
  const header = (name: string) => {
    const value = req.headers[name];
    return typeof value === 'string' && value.length <= 512 ? value : undefined;
  };
  const client: Record<string, string> = {};
  for (const [field, name] of [
    ['sha', 'x-artifact-sha'],
    ['dirtyHash', 'x-artifact-dirty-hash'],
    ['ci', 'x-artifact-client-ci'],
    ['userAgent', 'user-agent'],
  ] as const) {
    const value = header(name);
    if (value !== undefined) client[field] = value;
  }
  const duration = header('x-artifact-duration');
  const tag = header('x-artifact-tag');
  return {
    writer: token.principal.name,
    ...(duration !== undefined && Number.isFinite(Number(duration)) ? { durationMs: Number(duration) } : {}),
    ...(tag !== undefined ? { tag } : {}),
    ...(Object.keys(client).length > 0 ? { client } : {}),
  };
}

async function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new UploadError(`JSON body exceeds ${limit} bytes`, 413);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf-8'));
  } catch {
    throw new UploadError('body is not valid JSON');
  }
}
