import { type ArtifactMeta } from '@paved/cache-storage';
import { type ServerResponse } from 'node:http';
import { mayNotRead, type ArtifactAccess } from './artifacts';
import { type Route } from './routes';
import { type AuthorisedRequest, type ServerParts } from './server-parts';

export type TurboRoute = Extract<Route, { kind: `turbo-${string}` }>;

/** What a browser client of the /v8 API may send (answered to a preflight OPTIONS). */
const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, HEAD, PUT, POST, OPTIONS',
  'access-control-allow-headers':
    'Authorization, Content-Type, User-Agent, x-artifact-duration, x-artifact-tag, x-artifact-sha, x-artifact-dirty-hash, x-artifact-client-ci, x-artifact-client-interactive',
  'access-control-max-age': '600',
};

export function answerPreflight(res: ServerResponse): void {
  res.writeHead(200, CORS_HEADERS).end();
}

/**
 * Turborepo's remote cache API, `/v8/artifacts/...`: artifacts by hash within a team, a batch
 * query of which hashes are stored, and the events that report the time hits saved.
 */
export class TurboProtocol {
  constructor(
    private readonly parts: ServerParts,
    private readonly artifacts: ArtifactAccess,
  ) {}

  async serve(route: TurboRoute, request: AuthorisedRequest): Promise<void> {
    switch (route.kind) {
      case 'turbo-status':
        request.exchange.json(200, { status: 'enabled' });
        return;
      case 'turbo-events':
        return this.events(request);
      case 'turbo-query':
        return this.query(request);
      case 'turbo-artifact':
        return this.artifact(request, route.hash);
    }
  }

  private async artifact(request: AuthorisedRequest, hash: string): Promise<void> {
    const { exchange, namespace, query } = request;
    const key = { namespace, protocol: 'turbo' as const, hash, team: teamOf(query) };
    if (exchange.req.method !== 'PUT') await this.artifacts.download(request, key);
    else if (await this.artifacts.upload(request, key)) {
      exchange.json(200, { urls: [`${key.namespace}/${key.team}/${key.hash}`] });
    }
  }

  private async query({ exchange, token, namespace, query }: AuthorisedRequest): Promise<void> {
    const { access, store, logger } = this.parts;
    const chain = access.readChain(token, namespace);
    if (!chain) {
      exchange.text(403, mayNotRead(token, namespace));
      return;
    }
    const body = (await exchange.readJson(1024 * 1024)) as { hashes?: unknown };
    if (!Array.isArray(body?.hashes) || !body.hashes.every((h) => typeof h === 'string')) {
      exchange.text(400, 'expected {"hashes": ["<hash>", ...]}');
      return;
    }
    const team = teamOf(query);
    const answer: Record<string, { size: number; taskDurationMs?: number; tag?: string } | null> = {};
    let storageFailed = false;
    for (const hash of body.hashes as string[]) {
      let meta: ArtifactMeta | undefined;
      for (const candidate of chain) {
        if (storageFailed) break;
        meta = await store.head({ namespace: candidate, protocol: 'turbo', team, hash }).catch((error: unknown) => {
          // Every further lookup would wait for the same storage: the rest of the batch are misses.
          storageFailed = true;
          logger.error({ err: error, namespace: candidate }, 'storage read failed: answered as misses');
          return undefined;
        });
        if (meta) break;
      }
      answer[hash] = meta ? { size: meta.size, taskDurationMs: meta.durationMs, tag: meta.tag } : null;
    }
    exchange.json(200, answer);
  }

  private async events({ exchange, token, namespace }: AuthorisedRequest): Promise<void> {
    const { access, metrics, labelOf } = this.parts;
    // Events report hits of a namespace: only a token that may read it has any to report.
    if (!access.readChain(token, namespace)) {
      await exchange.refuse(403, mayNotRead(token, namespace));
      return;
    }
    const events = await exchange.readJson(1024 * 1024);
    if (Array.isArray(events)) {
      for (const event of events as { source?: string; event?: string; duration?: number }[]) {
        if (event?.source === 'REMOTE' && event.event === 'HIT' && typeof event.duration === 'number') {
          metrics.countTimeSaved(labelOf(namespace), event.duration / 1000);
        }
      }
    }
    exchange.json(200, {});
  }
}

function teamOf(query: URLSearchParams): string {
  const team = query.get('teamId') ?? query.get('slug') ?? '';
  return /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/.test(team) ? team : '-';
}
