import { describe, expect, it } from 'vitest';
import { translateRe2 } from './re2';

/** The translated pattern, compiled the way the rule set compiles it. */
function compile(pattern: string, secretGroup?: number): RegExp {
  const translated = translateRe2(pattern, secretGroup === undefined ? {} : { secretGroup });
  // eslint-disable-next-line paved-security/no-dynamic-regexp
  return new RegExp(translated.source, translated.flags);
}

describe('translateRe2 (Go RE2 → JavaScript)', () => {
  it.each([
    // [Go pattern, matches, does not match]
    ['(?i)acme_[a-f0-9]{4}', ['ACME_AB12', 'acme_ab12'], ['acme_zz12']],
    ['x(?i:ab[c-e])y', ['xABDy', 'xabcy'], ['XABDy', 'xabfy']],
    ['(?i)a(?-i)b', ['Ab', 'ab'], ['aB']],
    ['a(?i)b|c', ['aB', 'C'], ['AB']],
    ['^[[:alpha:]]+[[:digit:]]\\z', ['abc1'], ['abc1\n', '1abc1']],
    ['\\Atoken', ['token=1'], ['a token']],
    ['(?P<key>[[:xdigit:]]{4})', ['beef'], ['zzzz']],
    ['(?<key>[[:upper:][:digit:]]+)$', ['AB12'], ['ab']],
    ['[[:^digit:]]{3}', ['abc'], ['a1c']],
    ['\\x{41}\\x42\\101', ['ABA'], ['abA']],
    ['(?m)^key$', ['a\nkey\nb'], ['a key', 'a\rkey\rb']],
    ['key$', ['a key'], ['key\n']],
    ['(?s)a.b', ['a\nb'], []],
    ['a.b', ['a\rb', 'a b'], ['a\nb']],
    ['\\Qa.b*\\E', ['a.b*'], ['axb']],
    ['[]a]+', [']a]'], ['b']],
    ['[\\d-]{3}', ['1-2'], ['abc']],
    ['a\\_b\\-c', ['a_b-c'], []],
  ] as const)('%s', (pattern, matching, notMatching) => {
    const regex = compile(pattern);
    for (const text of matching) expect(regex.test(text), `${pattern} on ${JSON.stringify(text)}`).toBe(true);
    for (const text of notMatching) expect(regex.test(text), `${pattern} on ${JSON.stringify(text)}`).toBe(false);
  });

  it('makes the ungreedy flag (?U) swap greedy and lazy quantifiers', () => {
    expect(compile('(?U)<.+>').exec('<a><b>')?.[0]).toBe('<a>');
    expect(compile('(?U)<.+?>').exec('<a><b>')?.[0]).toBe('<a><b>');
  });

  it('names the secretGroup group `secret` and counts capturing groups as gitleaks does', () => {
    const translated = translateRe2('(?P<name>key)\\s*=\\s*(?:"|\')([a-z0-9]{8})', { secretGroup: 2 });
    expect(translated.captureCount).toBe(2);
    // eslint-disable-next-line paved-security/no-dynamic-regexp
    expect(new RegExp(translated.source).exec('key = "abcd1234"')?.groups).toEqual({ secret: 'abcd1234' });
  });

  it.each([
    ['a(?=b)', 'lookarounds'],
    ['(?<!a)b', 'lookarounds'],
    ['(a)\\1', 'backreference'],
    ['(?P<n>a)(?P=n)', 'backreferences'],
    ['(?>a)', 'atomic groups'],
    ['(?#note)a', 'unknown group syntax'],
    ['\\pL+', 'Unicode classes'],
    ['\\p{Greek}', 'Unicode classes'],
    ['a\\Z', '\\Z is not RE2'],
    ['\\x{1F600}', 'above U+FFFF'],
    ['\\e', 'not an escape RE2 knows'],
    ['[[:word:]a[:^alpha:]]', 'only as the whole class'],
    ['[[:nothing:]]', 'not a POSIX class'],
    ['a{1,1001}', 'above 1000'],
    ['[z-a]', 'reversed'],
    ['(a', 'not closed'],
    ['a)', 'unmatched'],
    ['[abc', 'not closed'],
  ])('refuses %s (%s)', (pattern, reason) => {
    expect(() => translateRe2(pattern)).toThrow(reason);
  });
});
