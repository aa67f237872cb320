import { NamespaceMatcher } from '@paved/cache-config';

/** The parts of the cache configuration that name namespaces. */
export interface NamespaceSources {
  defaultNamespace: string;
  protectedNamespaces: readonly string[];
  tokens: readonly { read: readonly string[]; write?: string }[];
  ttlSeconds: Readonly<Record<string, unknown>>;
}

/** The label of namespaces the configuration names neither exactly nor by a pattern. */
export const OTHER_NAMESPACES = 'other';

/**
 * The name under which a namespace is counted in /metrics and /stats: itself when the
 * configuration names it (default and protected namespaces, tokens' exact read and write
 * names), else the first configured pattern that matches it (`pr-*`), else "other". The set of
 * labels is bounded by the configuration, so clients that touch thousands of namespaces
 * cannot grow the metrics.
 */
export function namespaceLabeler(config: NamespaceSources): (namespace: string) => string {
  const named = [
    config.defaultNamespace,
    ...config.protectedNamespaces,
    ...config.tokens.flatMap((token) => [...token.read, ...(token.write ? [token.write] : [])]),
    ...Object.keys(config.ttlSeconds),
  ];
  const matcher = new NamespaceMatcher(named);
  return (namespace) => matcher.match(namespace) ?? OTHER_NAMESPACES;
}
