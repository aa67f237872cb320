import { type AuthenticatedToken } from '@paved/cache-config';
import { type ArtifactKey, type Hit, type WriterMeta } from '@paved/cache-storage';
import { pipeline } from 'node:stream/promises';
import { idleGuardedBody } from './connection';
import { type HttpExchange } from './exchange';
import { type AuthorisedRequest, type ServerParts } from './server-parts';

export function mayNotRead(token: AuthenticatedToken, namespace: string): string {
  return `token "${token.principal.name}" may not read namespace "${namespace}"`;
}

/**
 * The authorised way to artifacts, the same for both protocols: a read follows the token's read
 * chain and counts a hit or a miss, an upload is checked against the token's write right and the
 * size limit before a byte of its body is read.
 */
export class ArtifactAccess {
  constructor(private readonly parts: ServerParts) {}

  async download({ exchange, token }: AuthorisedRequest, key: ArtifactKey): Promise<void> {
    const { access, store, logger, traffic } = this.parts;
    const chain = access.readChain(token, key.namespace);
    if (!chain) {
      exchange.text(403, mayNotRead(token, key.namespace));
      return;
    }
    let hit: Hit | undefined;
    try {
      for (const namespace of chain) {
        hit = await store.get({ ...key, namespace });
        if (hit) break;
      }
    } catch (error) {
      // A read the storage cannot serve (hung, unreachable, failing) is a miss: the build runs the task
      // instead of failing on a 5xx (Nx does) or waiting (Nx has no timeout).
      logger.error({ err: error, namespace: key.namespace, hash: key.hash }, 'storage read failed: answered as a miss');
      hit = undefined;
    }
    if (!hit) {
      traffic.countMiss(key);
      exchange.text(404, 'not found');
      return;
    }
    traffic.countHit(key, hit.meta.size);
    await sendHit(exchange, hit);
  }

  /** True when the artifact was stored, for the protocol to answer; otherwise the refusal is answered. */
  async upload({ exchange, token }: AuthorisedRequest, key: ArtifactKey): Promise<boolean> {
    const { access, config, store, traffic } = this.parts;
    if (!access.canWrite(token, key.namespace)) {
      await exchange.refuse(403, `token "${token.principal.name}" may not write namespace "${key.namespace}"`);
      return false;
    }
    const declared = exchange.req.headers['content-length'];
    if (declared === undefined) {
      exchange.closeWith(411, 'Content-Length is required');
      return false;
    }
    const size = Number(declared);
    if (!Number.isSafeInteger(size) || size < 0) {
      exchange.closeWith(400, 'Content-Length must be a whole number of bytes');
      return false;
    }
    const { maxArtifactBytes } = config.limits;
    if (size > maxArtifactBytes) {
      exchange.closeWith(413, `artifact of ${size} bytes exceeds the limit of ${maxArtifactBytes} bytes`);
      return false;
    }
    // Both backends find an existing record before reading the body; the body is then drained.
    const body = idleGuardedBody(exchange.req, config.timeouts.uploadIdleMs);
    let outcome;
    try {
      outcome = await store.put(key, exchange.acceptBody(body), size, writerMeta(exchange, token));
    } finally {
      // Hands the request back (a refusal drains it, a failure lingers on it) whether or not the store read it.
      body.destroy();
    }
    if (outcome === 'exists') {
      await exchange.refuse(409, 'cannot override an existing record');
      return false;
    }
    traffic.countStored(key, size);
    return true;
  }
}

async function sendHit({ req, res }: HttpExchange, hit: Hit): Promise<void> {
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

/** Who stored an artifact and what its client said about it, within bounds: its provenance. */
function writerMeta({ req }: HttpExchange, token: AuthenticatedToken): WriterMeta {
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
