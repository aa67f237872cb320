import { type CheckOutcome, type DoctorContext } from '../model';

/** Paved's cache server answers this (with the /ns/<namespace> prefix of the base URL) for a valid token. */
export const TOKEN_RIGHTS_PATH = '/v1/paved/token';

/**
 * The answer of GET /v1/paved/token (docs/cache-server.md): names and patterns, never a secret.
 * The wire contract of @paved/cache-config's TokenRights, restated here because adoption code
 * talks to a server over HTTP and does not depend on the cache libraries.
 */
export interface TokenRights {
  token: { name: string; admin: boolean };
  namespace: string;
  protected: boolean;
  read: { allowed: boolean; lookup: string[]; patterns: string[] };
  write: { allowed: boolean; pattern: string | null };
}

export type CacheProbe =
  | { reachable: false; server: string; error: string }
  | { reachable: true; server: string; healthz: number; tokenStatus: number; rights?: TokenRights };

interface Client {
  name: 'Nx' | 'Turborepo';
  serverVariable: string;
  tokenVariable: string;
  /** What the client does when the cache cannot be reached, for the hint. */
  whenDown: string;
}

const nx: Client = {
  name: 'Nx',
  serverVariable: 'NX_SELF_HOSTED_REMOTE_CACHE_SERVER',
  tokenVariable: 'NX_SELF_HOSTED_REMOTE_CACHE_ACCESS_TOKEN',
  whenDown: 'Nx fails cached tasks while its remote cache is unreachable',
};
const turbo: Client = {
  name: 'Turborepo',
  serverVariable: 'TURBO_API',
  tokenVariable: 'TURBO_TOKEN',
  whenDown: 'Turborepo carries on without the remote cache, only slower',
};

/** Nx's self-hosted remote cache variables: reachable, and what the token may do there (asked of the server). */
export async function checkNxRemoteCache(context: DoctorContext): Promise<CheckOutcome> {
  const server = context.env[nx.serverVariable];
  const token = context.env[nx.tokenVariable];
  if (!server) {
    return token
      ? {
          verdict: 'warn',
          reason: `${nx.tokenVariable} is set but ${nx.serverVariable} is not: Nx uses no self-hosted cache`,
          hint: `set ${nx.serverVariable} to the cache's base URL, or unset the token`,
        }
      : { verdict: 'pass', reason: `not configured (${nx.serverVariable} is unset): no self-hosted remote cache` };
  }
  return judgeServer(context, nx, server, token);
}

/** Turborepo's remote cache variables (TURBO_API, TURBO_TOKEN, TURBO_TEAM): reachable, and the token's rights. */
export async function checkTurboRemoteCache(context: DoctorContext): Promise<CheckOutcome> {
  const { TURBO_API: api, TURBO_TOKEN: token } = context.env;
  const team = context.env.TURBO_TEAM ?? context.env.TURBO_TEAMID;
  if (!api && !token && !team) {
    return { verdict: 'pass', reason: 'not configured (TURBO_API, TURBO_TOKEN and TURBO_TEAM are unset)' };
  }
  if (!token) {
    return {
      verdict: 'warn',
      reason: 'TURBO_TOKEN is not set: Turborepo uses no remote cache',
      hint: 'set TURBO_TOKEN (and TURBO_API, TURBO_TEAM), or unset the others',
    };
  }
  if (!team) {
    return {
      verdict: 'warn',
      reason: 'TURBO_TOKEN is set without TURBO_TEAM: Turborepo disables remote caching',
      hint: 'set TURBO_TEAM (any slug: on Paved it only keys artifacts within the namespace)',
    };
  }
  if (!api) {
    return {
      verdict: 'pass',
      reason: "Vercel's hosted remote cache (TURBO_API is unset): doctor probes self-hosted servers only",
    };
  }
  const outcome = await judgeServer(context, turbo, api, token);
  return { ...outcome, details: { ...outcome.details, team } };
}

async function judgeServer(
  context: DoctorContext,
  client: Client,
  server: string,
  token: string | undefined,
): Promise<CheckOutcome> {
  const url = URL.canParse(server) ? new URL(server) : undefined;
  if (url?.protocol !== 'http:' && url?.protocol !== 'https:') {
    return {
      verdict: 'fail',
      reason: `${client.serverVariable} is not an http(s) URL`,
      hint: `set it to the cache's base URL, e.g. https://cache.example or https://cache.example/ns/pr-1`,
    };
  }
  const probe = await probeCacheServer(context, url, token);
  const details: Record<string, unknown> = { server: probe.server, reachable: probe.reachable };
  if (!probe.reachable) {
    return {
      verdict: 'fail',
      reason: `${probe.server} is unreachable: ${probe.error}`,
      hint: `${client.whenDown}: start the server or fix ${client.serverVariable} (or unset it)`,
      details,
    };
  }
  details.healthz = probe.healthz;
  if (probe.healthz >= 500) {
    return {
      verdict: 'fail',
      reason: `${probe.server} answers /healthz with ${probe.healthz}`,
      hint: `${client.whenDown}: see the server's logs`,
      details,
    };
  }
  if (probe.tokenStatus === 401) {
    return {
      verdict: 'fail',
      reason: token
        ? `${probe.server} rejects the token in ${client.tokenVariable} (401)`
        : `${probe.server} requires a token and ${client.tokenVariable} is not set`,
      hint: `set ${client.tokenVariable} to a token the server lists (its sha256 is in the server's tokens)`,
      details,
    };
  }
  if (!probe.rights) {
    return {
      verdict: 'warn',
      reason: `${probe.server} is reachable; the token's rights are unknown (${TOKEN_RIGHTS_PATH} answered ${probe.tokenStatus}: not a Paved cache server, or an older one)`,
      hint: "check read and write in the cache server's own configuration",
      details,
    };
  }
  const { rights } = probe;
  Object.assign(details, {
    token: rights.token.name,
    admin: rights.token.admin,
    namespace: rights.namespace,
    protected: rights.protected,
    read: rights.read,
    write: rights.write,
  });
  const who = `token "${rights.token.name}" at ${probe.server}`;
  const reads = `reads ${rights.read.lookup.join(', then ')}`;
  if (rights.read.allowed && rights.write.allowed) {
    return { verdict: 'pass', reason: `${who}: ${reads}; writes ${rights.namespace}`, details };
  }
  if (rights.read.allowed) {
    return {
      verdict: 'pass',
      reason: `${who}: ${reads}; read-only in ${rights.namespace} (uploads are refused with 403, which ${client.name} ignores)`,
      details,
    };
  }
  return {
    verdict: 'warn',
    reason: rights.write.allowed
      ? `${who} may write namespace "${rights.namespace}" but not read it: no cache hits`
      : `${who} may neither read nor write namespace "${rights.namespace}": the remote cache does nothing`,
    hint: `use a base URL whose /ns/<namespace> the token is for, or a token that lists "${rights.namespace}"`,
    details,
  };
}

/**
 * GET <origin>/healthz (the base URL without its /ns/<namespace>), then GET <base>/v1/paved/token
 * with the token; each with the environment's short timeout. Any HTTP answer counts as reachable.
 */
export async function probeCacheServer(
  context: DoctorContext,
  url: URL,
  token: string | undefined,
): Promise<CacheProbe> {
  const base = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  const server = displayUrl(url);
  const get = async (target: string, headers: Record<string, string> = {}) => {
    const response = await context.fetch(target, { headers, signal: AbortSignal.timeout(context.httpTimeoutMs) });
    return { status: response.status, text: await response.text() };
  };
  try {
    const health = await get(`${base.replace(/\/ns\/[^/]+$/, '')}/healthz`);
    const answer = await get(`${base}${TOKEN_RIGHTS_PATH}`, token ? { authorization: `Bearer ${token}` } : {});
    const rights = answer.status === 200 ? parseRights(answer.text) : undefined;
    return {
      reachable: true,
      server,
      healthz: health.status,
      tokenStatus: answer.status,
      ...(rights ? { rights } : {}),
    };
  } catch (error) {
    return { reachable: false, server, error: networkError(error, context.httpTimeoutMs) };
  }
}

function parseRights(text: string): TokenRights | undefined {
  try {
    const value = JSON.parse(text) as TokenRights;
    const valid =
      typeof value?.token?.name === 'string' &&
      typeof value.namespace === 'string' &&
      typeof value.read?.allowed === 'boolean' &&
      Array.isArray(value.read.lookup) &&
      Array.isArray(value.read.patterns) &&
      typeof value.write?.allowed === 'boolean';
    return valid ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The URL without credentials, query or a trailing slash: safe to print. */
function displayUrl(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
}

function networkError(error: unknown, timeoutMs: number): string {
  const failure = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (failure?.name === 'TimeoutError' || failure?.name === 'AbortError') return `no answer within ${timeoutMs} ms`;
  return failure?.cause?.code ?? failure?.cause?.message ?? failure?.message ?? String(error);
}
