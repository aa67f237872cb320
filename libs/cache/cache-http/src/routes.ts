import { namespacePattern } from '@paved/cache-config';

export type Route =
  | { kind: 'healthz' | 'readyz' | 'metrics' }
  | { kind: 'stats' | 'paved-token' | 'paved-green' }
  | { kind: 'nx-artifact'; hash: string }
  | { kind: 'turbo-status' | 'turbo-events' | 'turbo-query' }
  | { kind: 'turbo-artifact'; hash: string }
  | { kind: 'admin-purge'; target: string }
  | { kind: 'admin-list'; target: string };

export interface ParsedRequest {
  namespace: string;
  route?: Route;
  query: URLSearchParams;
  /** Set when the path itself is malformed: a 400, whatever the route. */
  invalid?: string;
}

/** Nx hashes are decimal u64s, Turbo's 16 hex digits; both fit this, nothing path-like does. */
export const hashPattern = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

/** Which methods each route answers; anything else is 405. */
export const allowedMethods: Record<Route['kind'], readonly string[]> = {
  healthz: ['GET', 'HEAD'],
  readyz: ['GET', 'HEAD'],
  metrics: ['GET'],
  stats: ['GET'],
  'paved-token': ['GET'],
  'paved-green': ['GET', 'PUT'],
  'nx-artifact': ['GET', 'PUT'],
  'turbo-status': ['GET', 'OPTIONS'],
  'turbo-events': ['POST', 'OPTIONS'],
  'turbo-query': ['POST', 'OPTIONS'],
  'turbo-artifact': ['GET', 'HEAD', 'PUT', 'OPTIONS'],
  'admin-purge': ['DELETE'],
  'admin-list': ['GET'],
};

/**
 * Splits `[/ns/<namespace>]/<route>?<query>`. Repeated slashes are folded (a
 * trailing slash in client config produces `//v1/...`). Segments are decoded
 * one by one, so `..%2F` can never become a path separator.
 */
export function parseRequestUrl(rawUrl: string, defaultNamespace: string): ParsedRequest {
  const queryStart = rawUrl.indexOf('?');
  const path = queryStart === -1 ? rawUrl : rawUrl.slice(0, queryStart);
  const query = new URLSearchParams(queryStart === -1 ? '' : rawUrl.slice(queryStart + 1));
  const segments: string[] = [];
  for (const raw of path.split('/')) {
    if (raw === '') continue;
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return { namespace: defaultNamespace, query, invalid: 'malformed percent-encoding in path' };
    }
    if (segment === '.' || segment === '..' || /[/\\\0]/.test(segment)) {
      return {
        namespace: defaultNamespace,
        query,
        invalid: 'path segments may not be ".", ".." or contain separators',
      };
    }
    segments.push(segment);
  }

  let namespace = defaultNamespace;
  let rest = segments;
  if (segments[0] === 'ns') {
    if (segments.length < 2 || !namespacePattern.test(segments[1])) {
      return { namespace, query, invalid: 'namespace must be lowercase letters, digits, ".", "_" or "-"' };
    }
    namespace = segments[1];
    rest = segments.slice(2);
  }
  return { namespace, query, ...matchRoute(rest, namespace !== defaultNamespace || segments[0] === 'ns') };
}

function matchRoute(rest: string[], prefixed: boolean): { route?: Route; invalid?: string } {
  const path = rest.join('/');
  if (!prefixed) {
    if (path === 'healthz') return { route: { kind: 'healthz' } };
    if (path === 'readyz') return { route: { kind: 'readyz' } };
    if (path === 'metrics') return { route: { kind: 'metrics' } };
    if (path === 'stats') return { route: { kind: 'stats' } };
    if (rest.length === 3 && rest[0] === 'admin' && rest[1] === 'namespaces') return adminRoute('admin-purge', rest[2]);
    if (rest.length === 4 && rest[0] === 'admin' && rest[1] === 'namespaces' && rest[3] === 'artifacts') {
      return adminRoute('admin-list', rest[2]);
    }
  }
  if (rest.length === 3 && rest[0] === 'v1' && rest[1] === 'cache') return artifactRoute('nx-artifact', rest[2]);
  // Under the namespace prefix too: a client asks with the base URL it caches with.
  if (path === 'v1/paved/token') return { route: { kind: 'paved-token' } };
  // The last green commit of a protected branch (?branch=<name>), in the namespace its builds write.
  if (path === 'v1/paved/green') return { route: { kind: 'paved-green' } };
  if (rest[0] === 'v8' && rest[1] === 'artifacts') {
    if (rest.length === 2) return { route: { kind: 'turbo-query' } };
    if (rest.length === 3 && rest[2] === 'status') return { route: { kind: 'turbo-status' } };
    if (rest.length === 3 && rest[2] === 'events') return { route: { kind: 'turbo-events' } };
    if (rest.length === 3) return artifactRoute('turbo-artifact', rest[2]);
  }
  return {};
}

function artifactRoute(kind: 'nx-artifact' | 'turbo-artifact', hash: string): { route?: Route; invalid?: string } {
  return hashPattern.test(hash) ? { route: { kind, hash } } : { invalid: `"${hash}" is not a cache hash` };
}

function adminRoute(kind: 'admin-purge' | 'admin-list', target: string): { route?: Route; invalid?: string } {
  return namespacePattern.test(target) ? { route: { kind, target } } : { invalid: `"${target}" is not a namespace` };
}
