import { StorageUnavailableError, UploadError } from '@paved/cache-storage';
import { randomBytes } from 'node:crypto';
import { type IncomingMessage, type ServerResponse } from 'node:http';
import { ArtifactAccess } from './artifacts';
import { LINGER_BYTES } from './connection';
import { HttpExchange } from './exchange';
import { type MetricsProtocol } from './metrics';
import { serveNxArtifact } from './nx-protocol';
import { Operations } from './operations';
import { allowedMethods, parseRequestUrl, type Route } from './routes';
import { type AuthorisedRequest, type ServerParts } from './server-parts';
import { answerPreflight, TurboProtocol } from './turbo-protocol';

/** What a 503 tells a client about when to try again, in seconds. */
const RETRY_AFTER_SECONDS = 10;
/** The file system says it is full (no space, or the quota is used up). */
const OUT_OF_SPACE = new Set(['ENOSPC', 'EDQUOT']);

/**
 * Every request of one server: its id, the route, the token in front of everything but the
 * probes, the protocol or endpoint that answers, a failure turned into the status that says what
 * happened, and the request's log line and metrics.
 */
export class RequestHandler {
  private readonly bootId = randomBytes(3).toString('hex');
  private requestSeq = 0;
  private readonly artifacts: ArtifactAccess;
  private readonly turbo: TurboProtocol;
  private readonly operations: Operations;

  constructor(private readonly parts: ServerParts) {
    this.artifacts = new ArtifactAccess(parts);
    this.turbo = new TurboProtocol(parts, this.artifacts);
    this.operations = new Operations(parts);
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { config, metrics, logger } = this.parts;
    const started = process.hrtime.bigint();
    const requestId = `${this.bootId}-${(++this.requestSeq).toString(36)}`;
    res.setHeader('x-request-id', requestId);
    const exchange = new HttpExchange(req, res, config.limits.maxArtifactBytes, this.parts.reclaimDrainedBuffers);
    const parsed = parseRequestUrl(req.url ?? '/', config.defaultNamespace);
    const protocol = protocolOf(parsed.route);
    let principal: string | undefined;
    try {
      if (parsed.invalid) {
        exchange.text(400, parsed.invalid);
      } else if (!parsed.route) {
        exchange.text(404, 'unknown route');
      } else if (!allowedMethods[parsed.route.kind].includes(req.method ?? '')) {
        res.setHeader('allow', allowedMethods[parsed.route.kind].join(', '));
        exchange.text(405, `method ${req.method} not allowed here`);
      } else if (req.method === 'OPTIONS') {
        answerPreflight(res);
      } else {
        principal = await this.route(exchange, parsed.route, parsed.namespace, parsed.query);
      }
    } catch (error) {
      this.fail(exchange, error, requestId);
    } finally {
      if (!res.writableEnded) await new Promise((resolve) => res.once('close', resolve));
      const status = String(res.statusCode);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.requests.inc({ protocol, method: req.method, status });
      metrics.duration.observe({ protocol, method: req.method, status }, seconds);
      logger.info(
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
    exchange: HttpExchange,
    route: Route,
    namespace: string,
    query: URLSearchParams,
  ): Promise<string | undefined> {
    switch (route.kind) {
      case 'healthz':
        exchange.text(200, 'ok');
        return undefined;
      case 'readyz':
        await this.operations.readiness(exchange);
        return undefined;
    }
    const token = this.parts.access.authenticate(exchange.req.headers.authorization);
    if (route.kind === 'metrics') {
      await this.operations.metrics(exchange, token);
      return token?.principal.name;
    }
    if (!token) {
      // Before reading a byte of any body: nobody unknown makes the server read (or wait for) an upload.
      exchange.closeWith(401, 'missing or invalid bearer token', LINGER_BYTES.unauthenticated);
      return undefined;
    }
    const request: AuthorisedRequest = { exchange, token, namespace, query };
    switch (route.kind) {
      case 'nx-artifact':
        await serveNxArtifact(this.artifacts, request, route.hash);
        break;
      case 'turbo-status':
      case 'turbo-events':
      case 'turbo-query':
      case 'turbo-artifact':
        await this.turbo.serve(route, request);
        break;
      case 'stats':
      case 'paved-token':
      case 'paved-green':
      case 'admin-purge':
      case 'admin-list':
        await this.operations.serve(route, request);
    }
    return token.principal.name;
  }

  private fail(exchange: HttpExchange, error: unknown, requestId: string): void {
    const { req, res } = exchange;
    const { logger } = this.parts;
    if (error instanceof UploadError) {
      logger.warn({ reqId: requestId, err: error.message }, 'upload refused');
      exchange.closeWith(error.status, error.message);
      return;
    }
    if (error instanceof StorageUnavailableError) {
      logger.error({ reqId: requestId, err: error, method: req.method, path: req.url }, 'storage unavailable');
      exchange.closeWith(503, `storage unavailable, try again later: ${error.message}`, LINGER_BYTES.authenticated, {
        'retry-after': RETRY_AFTER_SECONDS,
      });
      return;
    }
    if (OUT_OF_SPACE.has((error as NodeJS.ErrnoException).code ?? '')) {
      logger.error({ reqId: requestId, err: error, method: req.method, path: req.url }, 'storage full');
      exchange.closeWith(507, 'the cache storage is full: nothing was stored');
      return;
    }
    if ((error as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE' && res.headersSent) {
      // The client hung up mid-download: its business, not a server fault.
      logger.info({ reqId: requestId, method: req.method, path: req.url }, 'client closed the connection');
      return;
    }
    logger.error({ reqId: requestId, err: error, method: req.method, path: req.url }, 'request failed');
    exchange.closeWith(500, `internal error (request ${requestId})`);
  }
}

function protocolOf(route: Route | undefined): MetricsProtocol {
  if (!route) return 'unknown';
  if (route.kind === 'nx-artifact') return 'nx';
  if (route.kind.startsWith('turbo')) return 'turbo';
  if (route.kind.startsWith('admin') || route.kind === 'stats' || route.kind.startsWith('paved-')) return 'admin';
  return 'ops';
}
