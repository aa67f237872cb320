/** Namespace patterns use `*` for any run of characters; everything else is literal. */
export function globToRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\-]/g, '\\$&').replace(/\*/g, '.*');
  // eslint-disable-next-line paved-security/no-dynamic-regexp -- the pattern is escaped above; only '*' becomes '.*'
  return new RegExp(`^${escaped}$`);
}

export const isPattern = (pattern: string): boolean => pattern.includes('*');

/**
 * Namespace names and patterns of the configuration, compiled once: which of them a namespace
 * falls under. A name is found by lookup; patterns are tried in the order given.
 */
export class NamespaceMatcher {
  private readonly names: ReadonlySet<string>;
  private readonly patterns: readonly { pattern: string; regex: RegExp }[];

  constructor(namesAndPatterns: Iterable<string>) {
    const unique = [...new Set(namesAndPatterns)];
    this.names = new Set(unique.filter((name) => !isPattern(name)));
    this.patterns = unique.filter(isPattern).map((pattern) => ({ pattern, regex: globToRegExp(pattern) }));
  }

  /** `namespace` itself when it is a configured name, else the first pattern that matches it. */
  match(namespace: string): string | undefined {
    if (this.names.has(namespace)) return namespace;
    return this.patterns.find(({ regex }) => regex.test(namespace))?.pattern;
  }

  matches(namespace: string): boolean {
    return this.match(namespace) !== undefined;
  }
}

/**
 * Whether some name matches both patterns (`*` is any run of characters, possibly empty). Exact,
 * not sampled: a walk over pairs of positions, where a `*` on either side may stay empty or take
 * the other side's next character. O(|a| * |b|) states; patterns are at most 63 characters.
 */
export function patternsOverlap(a: string, b: string): boolean {
  const seen = new Set<number>();
  const stack: [number, number][] = [[0, 0]];
  const visit = (i: number, j: number) => {
    const key = i * (b.length + 1) + j;
    if (!seen.has(key)) {
      seen.add(key);
      stack.push([i, j]);
    }
  };
  seen.add(0);
  while (stack.length > 0) {
    const [i, j] = stack.pop() as [number, number];
    if (i === a.length && j === b.length) return true;
    if (a[i] === '*') {
      visit(i + 1, j);
      if (j < b.length) visit(i, j + 1);
    }
    if (b[j] === '*') {
      visit(i, j + 1);
      if (i < a.length) visit(i + 1, j);
    }
    if (i < a.length && j < b.length && a[i] !== '*' && b[j] !== '*' && a[i] === b[j]) visit(i + 1, j + 1);
  }
  return false;
}
