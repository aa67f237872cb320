import { describe, expect, it } from 'vitest';
import { globToRegExp, NamespaceMatcher, patternsOverlap } from './namespaces';

/** Every string over `alphabet` up to `length` characters. */
function* strings(alphabet: string, length: number): Generator<string> {
  yield '';
  let level = [''];
  for (let n = 1; n <= length; n += 1) {
    level = level.flatMap((prefix) => [...alphabet].map((c) => prefix + c));
    yield* level;
  }
}

/** A seeded generator, so a failure names a reproducible pair. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('patternsOverlap', () => {
  it.each([
    ['v*', '*-stable', true],
    ['pr-*', 'main', false],
    ['*', 'main', true],
    ['main', 'main', true],
    ['main', 'mains', false],
    ['release-*', '*-rc', true],
    ['a*b', 'b*a', false],
    ['a*b*', '*ba', true],
    ['*a', '*b', false],
    ['x*y*z', '*zz*', true],
    ['pr-*', 'p*-stable', true],
    ['*-stable', '*-stable', true],
    ['ab*', '*c*d', true],
    ['ab', 'a*b*c', false],
  ])('%s and %s: %s', (a, b, expected) => {
    expect(patternsOverlap(a, b)).toBe(expected);
    expect(patternsOverlap(b, a)).toBe(expected);
  });

  it('agrees with an exhaustive search on 3,000 random pairs', () => {
    const next = random(20261202);
    const alphabet = 'ab-';
    const pattern = () =>
      Array.from({ length: Math.floor(next() * 6) }, () =>
        next() < 0.3 ? '*' : alphabet[Math.floor(next() * 3)],
      ).join('');
    for (let n = 0; n < 3000; n += 1) {
      const a = pattern();
      const b = pattern();
      // A shared name, when there is one, needs no more characters than both patterns' literals.
      const bound = a.replace(/\*/g, '').length + b.replace(/\*/g, '').length;
      const ra = globToRegExp(a);
      const rb = globToRegExp(b);
      let exists = false;
      for (const s of strings(alphabet, bound)) {
        if (ra.test(s) && rb.test(s)) {
          exists = true;
          break;
        }
      }
      expect(patternsOverlap(a, b), `${JSON.stringify(a)} and ${JSON.stringify(b)}`).toBe(exists);
    }
  }, 60_000); // exhaustive search is CPU-bound: a budget for a loaded machine, not a timing
});

describe('NamespaceMatcher', () => {
  const matcher = new NamespaceMatcher(['main', 'pr-*', 'p*', 'main', 'v1.*']);

  it.each([
    ['main', 'main'],
    ['pr-12', 'pr-*'],
    ['pages', 'p*'],
    ['v1.2', 'v1.*'],
    ['v1x2', undefined],
    ['mains', undefined],
    ['', undefined],
  ])('%j falls under %j', (namespace, expected) => {
    expect(matcher.match(namespace)).toBe(expected);
    expect(matcher.matches(namespace)).toBe(expected !== undefined);
  });

  it('matches nothing when nothing is configured', () => {
    expect(new NamespaceMatcher([]).matches('main')).toBe(false);
  });
});
