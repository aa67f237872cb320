import { type AuthenticatedToken } from '@paved/cache-config';
import { commitShaPattern, isBranchName, withDeadline } from '@paved/cache-storage';
import { mayNotRead } from './artifacts';
import { LINGER_BYTES } from './connection';
import { type HttpExchange } from './exchange';
import { type Route } from './routes';
import { type AuthorisedRequest, type ServerParts } from './server-parts';

export type OperationsRoute = Extract<Route, { kind: 'stats' | 'paved-token' | 'paved-green' | `admin-${string}` }>;

/**
 * The server's own endpoints beside the two protocols: probes, metrics and stats for operators,
 * the admin routes, and Paved's API for its CLI (a token's rights, the green commit of a branch).
 */
export class Operations {
  constructor(private readonly parts: ServerParts) {}

  async readiness(exchange: HttpExchange): Promise<void> {
    const { config, store, logger } = this.parts;
    // Under a deadline whatever the backend: a hung store must make the server not ready, not hang the probe.
    await withDeadline('the storage readiness probe', config.timeouts.storageMs, () => store.backend.ping()).then(
      () => exchange.text(200, 'ready'),
      (error: Error) => {
        logger.warn({ err: error.message }, 'not ready: storage unreachable');
        exchange.text(503, `storage unreachable: ${error.message}`);
      },
    );
  }

  /** Anyone sees the totals, a token with the metrics right the series per namespace too. */
  async metrics(exchange: HttpExchange, token: AuthenticatedToken | undefined): Promise<void> {
    const { access, metrics } = this.parts;
    if (!token && exchange.req.headers.authorization !== undefined) {
      exchange.closeWith(401, 'invalid bearer token', LINGER_BYTES.unauthenticated);
      return;
    }
    // Namespace names say what is built where: only a token with the metrics right sees them.
    const view = token && access.canReadNamespaceMetrics(token) ? 'namespaces' : 'totals';
    exchange.res.writeHead(200, { 'content-type': metrics.contentType }).end(await metrics.render(view));
  }

  async serve(route: OperationsRoute, request: AuthorisedRequest): Promise<void> {
    const { exchange, token, namespace } = request;
    const { access, store, traffic, logger } = this.parts;
    switch (route.kind) {
      case 'stats':
        exchange.json(200, { namespaces: traffic.namespaceStats(store) });
        return;
      case 'paved-token':
        // What this token may do here, so `paved doctor` can tell a developer without guessing.
        exchange.res.setHeader('cache-control', 'no-store');
        exchange.json(200, access.rightsOf(token, namespace));
        return;
      case 'paved-green':
        return this.green(request);
    }
    const name = token.principal.name;
    if (!token.principal.admin) {
      exchange.text(403, `token "${name}" is not an admin token`);
    } else if (route.kind === 'admin-purge') {
      const deleted = await store.purgeNamespace(route.target);
      logger.warn({ namespace: route.target, deleted, token: name }, 'namespace purged');
      exchange.json(200, { namespace: route.target, deleted });
    } else {
      exchange.json(200, { namespace: route.target, artifacts: await store.listNamespace(route.target) });
    }
  }

  /**
   * The green record of a branch in this namespace (`paved ci record-green`, `paved ci base`): read
   * by a token that may read the namespace itself, moved only by one that may write it, so a pull
   * request's token can never move a protected branch's base.
   */
  private async green({ exchange, token, namespace, query }: AuthorisedRequest): Promise<void> {
    const { access, config, store, logger } = this.parts;
    const name = token.principal.name;
    const branch = query.get('branch') ?? '';
    exchange.res.setHeader('cache-control', 'no-store');
    if (!isBranchName(branch)) {
      await exchange.refuse(400, 'expected ?branch=<a git branch name: letters, digits, ".", "_", "-", "/">');
      return;
    }
    const storageMs = config.timeouts.storageMs;
    if (exchange.req.method === 'GET') {
      if (!access.readChain(token, namespace)?.includes(namespace)) {
        exchange.text(403, mayNotRead(token, namespace));
        return;
      }
      const record = await withDeadline('reading a green record', storageMs, () =>
        store.backend.getGreen(namespace, branch),
      );
      if (record) exchange.json(200, record);
      else exchange.text(404, `no green commit is recorded for ${branch} in namespace "${namespace}"`);
      return;
    }
    if (!access.canWrite(token, namespace)) {
      await exchange.refuse(
        403,
        `token "${name}" may not write namespace "${namespace}", so it may not move the green commit of ${branch}`,
      );
      return;
    }
    const body = (await exchange.readJson(4096)) as { sha?: unknown } | null;
    if (typeof body?.sha !== 'string' || !commitShaPattern.test(body.sha)) {
      exchange.text(400, 'expected {"sha": "<the full commit SHA: 40 or 64 lowercase hex digits>"}');
      return;
    }
    const record = { branch, sha: body.sha, recordedAt: new Date().toISOString(), writer: name };
    await withDeadline('storing a green record', storageMs, () => store.backend.putGreen(namespace, record));
    logger.info({ namespace, branch, sha: record.sha, token: name }, 'green commit recorded');
    exchange.json(200, record);
  }
}
