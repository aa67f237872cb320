/** Namespace patterns use `*` for any run of characters; everything else is literal. */
export function globToRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\-]/g, '\\$&').replace(/\*/g, '.*');
  // eslint-disable-next-line paved-security/no-dynamic-regexp -- the pattern is escaped above; only '*' becomes '.*'
  return new RegExp(`^${escaped}$`);
}

export const isPattern = (pattern: string): boolean => pattern.includes('*');

export function matchesAny(namespace: string, patterns: readonly RegExp[]): boolean {
  return patterns.some((pattern) => pattern.test(namespace));
}
