/**
 * Go RE2 syntax (what gitleaks' `regex`, `path` and allowlist `regexes` are written in) to an
 * equivalent JavaScript RegExp source, without the `u` flag (whose stricter escapes would refuse
 * much of what Go accepts).
 *
 * Exact translations: `(?i)` `(?m)` `(?s)` `(?U)` and their scoped `(?flags:…)` and negated forms
 * (a case-insensitive part of a pattern has its letters spelt in both cases, since Node 20 has no
 * scoped modifiers), `\A` `\z`, `(?P<name>…)` `(?<name>…)`, POSIX classes `[[:alpha:]]`, `\x{…}`,
 * octal and `\a`, `\Q…\E`, a leading `]` in a class, and Go's `.` (every character but `\n`).
 * Refused, with the reason: what RE2 itself rejects (lookarounds, backreferences, atomic groups,
 * `\Z`) and what has no equivalent without `u` (`\p{…}` classes, code points above U+FFFF).
 */
export class Re2TranslationError extends Error {
  constructor(
    message: string,
    /** Offset in the Go pattern. */
    readonly offset: number,
  ) {
    super(message);
  }
}

export interface TranslatedRegExp {
  source: string;
  /** `i` when the whole pattern is case-insensitive, else empty. */
  flags: string;
  /** How many capturing groups the pattern has (gitleaks' secretGroup indexes them from 1). */
  captureCount: number;
}

interface Flags {
  i: boolean;
  m: boolean;
  s: boolean;
  U: boolean;
}

const POSIX_CLASSES: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7f',
  blank: '\\t ',
  cntrl: '\\x00-\\x1f\\x7f',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

/** Go accepts a backslash before any ASCII punctuation, and before no other character it does not know. */
const isPunctuation = (char: string) => /^[!-/:-@[-`{-~]$/.test(char);
const isLetter = (code: number) => (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
const otherCase = (code: number) => (code >= 97 ? code - 32 : code + 32);

function hex(code: number): string {
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** One character as a class member (or a lone atom): printable ASCII stays readable. */
function classChar(code: number): string {
  if (code < 0x20 || code > 0x7e) return hex(code);
  const char = String.fromCharCode(code);
  return /[\\\]^[-]/.test(char) ? `\\${char}` : char;
}

type ClassItem = { lo: number; hi: number } | { raw: string };

/** A class's letters in both cases: the ranges' intersections with a-z and A-Z, swapped. */
function foldItems(items: readonly ClassItem[]): ClassItem[] {
  const folded: ClassItem[] = [...items];
  for (const item of items) {
    if (!('lo' in item)) continue;
    for (const [from, to] of [
      [65, 90],
      [97, 122],
    ] as const) {
      const lo = Math.max(item.lo, from);
      const hi = Math.min(item.hi, to);
      if (lo <= hi) folded.push({ lo: otherCase(lo), hi: otherCase(hi) });
    }
  }
  return folded;
}

function renderItems(items: readonly ClassItem[]): string {
  return items
    .map((item) =>
      'raw' in item
        ? item.raw
        : item.lo === item.hi
          ? classChar(item.lo)
          : `${classChar(item.lo)}-${classChar(item.hi)}`,
    )
    .join('');
}

export function translateRe2(pattern: string, options: { secretGroup?: number } = {}): TranslatedRegExp {
  // A pattern case-insensitive from its first character to its last takes the `i` flag; any
  // other use of `i` is spelt out letter by letter.
  const wholeCaseless = /^\(\?[msU]*i[imsU]*\)/.test(pattern) && !/\(\?[imsU]*-/.test(pattern);
  let flags: Flags = { i: false, m: false, s: false, U: false };
  const stack: Flags[] = [];
  let out = '';
  let captureCount = 0;
  let index = 0;

  const fail = (message: string, at = index): never => {
    throw new Re2TranslationError(message, at);
  };
  const caseless = () => flags.i && !wholeCaseless;

  /** A literal character outside a class. */
  const literal = (code: number) => {
    if (caseless() && isLetter(code)) return `[${String.fromCharCode(code)}${String.fromCharCode(otherCase(code))}]`;
    if (code < 0x20 || code > 0x7e) return hex(code);
    const char = String.fromCharCode(code);
    return /[\\^$.|?*+()[\]{}/]/.test(char) ? `\\${char}` : char;
  };

  /** `\x{…}`, `\xHH`, octal and the letter escapes that name one character; undefined if not one of those. */
  const characterEscape = (): number | undefined => {
    const char = pattern[index + 1];
    if (char === undefined) return fail('the pattern ends with a lone backslash');
    const named: Record<string, number> = { a: 7, f: 12, t: 9, n: 10, r: 13, v: 11 };
    if (named[char] !== undefined) {
      index += 2;
      return named[char];
    }
    if (char === 'x') {
      const braced = /^\\x\{([0-9A-Fa-f]{1,8})\}/.exec(pattern.slice(index));
      const plain = /^\\x([0-9A-Fa-f]{2})/.exec(pattern.slice(index));
      const found = braced ?? plain;
      if (!found?.[1]) return fail('\\x needs two hex digits or \\x{…}');
      const code = Number.parseInt(found[1], 16);
      if (code > 0xffff)
        fail(`code point U+${found[1].toUpperCase()} is above U+FFFF (no JavaScript equivalent without the u flag)`);
      index += found[0].length;
      return code;
    }
    if (/[0-7]/.test(char)) {
      const digits = /^[0-7]{1,3}/.exec(pattern.slice(index + 1))?.[0] ?? '';
      // Go reads \1…\7 alone as a backreference, which RE2 does not have.
      if (char !== '0' && digits.length === 1) fail(`\\${char} is a backreference, which RE2 does not support`);
      index += 1 + digits.length;
      return Number.parseInt(digits, 8);
    }
    return undefined;
  };

  /** `\d` `\w` `\s` and their negations, the same in both engines (ASCII, without the u flag). */
  const perlClass = () => (/[dDwWsS]/.test(pattern[index + 1] ?? '') ? `\\${pattern[index + 1]}` : undefined);

  const refuseUnsupportedEscape = (char: string) => {
    if (char === 'p' || char === 'P') fail('Unicode classes (\\p{…}) have no JavaScript equivalent without the u flag');
    if (char === 'Z') fail('\\Z is not RE2 syntax (RE2 has \\z)');
    if (char === 'C') fail('\\C (any byte) has no JavaScript equivalent');
    if (/[89]/.test(char)) fail(`\\${char} is a backreference, which RE2 does not support`);
    if (!isPunctuation(char)) fail(`\\${char} is not an escape RE2 knows`);
  };

  const parseClass = () => {
    const start = index;
    index += 1;
    let negated = false;
    if (pattern[index] === '^') {
      negated = true;
      index += 1;
    }
    const items: ClassItem[] = [];
    let first = true;
    /** One class member as a code point, or a multi-character item (`\d`, a POSIX class). */
    const member = (): number | ClassItem => {
      const char = pattern[index];
      if (char === '[' && pattern[index + 1] === ':') {
        const posix = /^\[:(\^?)([a-z]+):\]/.exec(pattern.slice(index));
        if (posix?.[2] !== undefined) {
          const body = POSIX_CLASSES[posix[2]];
          if (!body) fail(`[:${posix[2]}:] is not a POSIX class RE2 knows`);
          if (posix[1]) {
            // A negated POSIX class can only be the whole class: [[:^alpha:]] is [^A-Za-z].
            if (negated || items.length > 0 || pattern[index + posix[0].length] !== ']')
              fail(`[:^${posix[2]}:] is supported only as the whole class, e.g. [[:^${posix[2]}:]]`);
            negated = true;
          }
          index += posix[0].length;
          return { raw: body ?? '' };
        }
      }
      if (char === '\\') {
        const next = pattern[index + 1] ?? '';
        const perl = perlClass();
        if (perl) {
          index += 2;
          return { raw: perl };
        }
        const code = characterEscape();
        if (code !== undefined) return code;
        if (next === 'Q') fail('\\Q…\\E inside a character class is not supported');
        refuseUnsupportedEscape(next);
        index += 2;
        return next.charCodeAt(0);
      }
      const code = pattern.codePointAt(index) ?? 0;
      if (code > 0xffff) fail('a character above U+FFFF in a class has no JavaScript equivalent without the u flag');
      index += 1;
      return code;
    };
    while (index < pattern.length) {
      if (pattern[index] === ']' && !first) break;
      first = false;
      const lo = member();
      if (typeof lo !== 'number') {
        items.push(lo);
        continue;
      }
      if (pattern[index] === '-' && pattern[index + 1] !== ']' && index + 1 < pattern.length) {
        index += 1;
        const hi = member();
        if (typeof hi !== 'number') fail('a class range must end with a character', index);
        if ((hi as number) < lo) fail('a class range is reversed (its end is before its start)');
        items.push({ lo, hi: hi as number });
      } else items.push({ lo, hi: lo });
    }
    if (pattern[index] !== ']') fail('a character class is not closed with ]', start);
    index += 1;
    const rendered = renderItems(caseless() ? foldItems(items) : items);
    return `[${negated ? '^' : ''}${rendered}]`;
  };

  const parseFlags = (from: number): { next: Flags; end: number; scoped: boolean } => {
    const found = /^\(\?([imsU]*)(-?)([imsU]*)([:)])/.exec(pattern.slice(from));
    if (!found) return fail('unknown group syntax (RE2 has (?:…), (?P<name>…), (?<name>…) and flag groups)', from);
    const next = { ...flags };
    const [, set = '', negation, unset = '', end] = found;
    // `(?i)` or `(?i-s)`; without the minus, the second run of letters is more flags to set.
    for (const flag of negation ? set : set + unset) next[flag as keyof Flags] = true;
    if (negation) for (const flag of unset) next[flag as keyof Flags] = false;
    return { next, end: from + found[0].length, scoped: end === ':' };
  };

  /** After a quantifier: RE2's `U` flag swaps greedy and lazy. */
  const quantifierSuffix = () => {
    const lazy = pattern[index] === '?';
    if (lazy) index += 1;
    return lazy !== flags.U ? '?' : '';
  };

  while (index < pattern.length) {
    const char = pattern[index] as string;
    const rest = pattern.slice(index);
    if (char === '\\') {
      const next = pattern[index + 1] ?? '';
      if (next === 'A' || next === 'z') {
        out += next === 'A' ? '(?<![\\s\\S])' : '(?![\\s\\S])';
        index += 2;
      } else if (next === 'b' || next === 'B') {
        out += `\\${next}`;
        index += 2;
      } else if (next === 'Q') {
        const end = pattern.indexOf('\\E', index + 2);
        const text = pattern.slice(index + 2, end === -1 ? undefined : end);
        for (const letter of text) out += literal(letter.charCodeAt(0));
        index = end === -1 ? pattern.length : end + 2;
      } else {
        const perl = perlClass();
        if (perl) {
          out += perl;
          index += 2;
        } else {
          const code = characterEscape();
          if (code !== undefined) out += literal(code);
          else {
            refuseUnsupportedEscape(next);
            out += literal(next.charCodeAt(0));
            index += 2;
          }
        }
      }
    } else if (char === '[') out += parseClass();
    else if (char === '(') {
      if (/^\(\?(?:=|!|<=|<!)/.test(rest)) fail('lookarounds ((?=…), (?!…), (?<=…), (?<!…)) are not RE2 syntax');
      if (/^\(\?P[=>]/.test(rest)) fail('backreferences and recursion ((?P=name), (?P>name)) are not RE2 syntax');
      if (rest.startsWith('(?>')) fail('atomic groups ((?>…)) are not RE2 syntax');
      const named = /^\(\?P?<([A-Za-z0-9_]+)>/.exec(rest);
      stack.push(flags);
      if (named || rest[1] !== '?') {
        captureCount += 1;
        // Names mean nothing to gitleaks (secretGroup counts groups): only the secret's group keeps one.
        out += captureCount === options.secretGroup ? '(?<secret>' : '(';
        index += named ? named[0].length : 1;
      } else if (rest.startsWith('(?:')) {
        out += '(?:';
        index += 3;
      } else {
        const parsed = parseFlags(index);
        index = parsed.end;
        if (parsed.scoped) {
          out += '(?:';
          flags = parsed.next;
        } else {
          // `(?i)` sets the flags up to the end of the enclosing group: it opens no group itself.
          stack.pop();
          flags = parsed.next;
        }
      }
    } else if (char === ')') {
      const saved = stack.pop();
      if (!saved) fail('unmatched )');
      flags = saved as Flags;
      out += ')';
      index += 1;
    } else if (char === '.') {
      out += flags.s ? '[\\s\\S]' : '[^\\n]';
      index += 1;
    } else if (char === '^') {
      // JavaScript's multiline ^ and $ also break at \r and U+2028; Go's only at \n.
      out += flags.m ? '(?<![^\\n])' : '^';
      index += 1;
    } else if (char === '$') {
      out += flags.m ? '(?![^\\n])' : '$';
      index += 1;
    } else if (char === '*' || char === '+' || char === '?') {
      index += 1;
      out += char + quantifierSuffix();
    } else if (char === '{' && /^\{\d+,?\d*\}/.test(rest)) {
      const repeat = /^\{(\d+),?(\d*)\}/.exec(rest) as RegExpExecArray;
      const bounds = [repeat[1], repeat[2]].filter((bound) => bound !== undefined && bound !== '').map(Number);
      if (bounds.some((bound) => bound > 1000)) fail('a repetition count above 1000 is refused by RE2');
      if (bounds.length === 2 && (bounds[1] as number) < (bounds[0] as number))
        fail('a repetition {m,n} has n smaller than m');
      index += repeat[0].length;
      out += repeat[0] + quantifierSuffix();
    } else {
      const code = pattern.codePointAt(index) ?? 0;
      if (code > 0xffff) {
        // Outside a class, a surrogate pair is the same two code units in both engines.
        out += String.fromCodePoint(code);
        index += 2;
      } else {
        out += char === '|' ? '|' : literal(code);
        index += 1;
      }
    }
  }
  if (stack.length > 0) fail('a group is not closed with )', pattern.length);
  return { source: out, flags: wholeCaseless ? 'i' : '', captureCount };
}
