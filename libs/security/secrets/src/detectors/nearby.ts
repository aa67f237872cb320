/**
 * Tokens with no prefix of their own (32 hex, 40 alphanumerics, a uuid) belong to a vendor only
 * where the vendor is named close by: `AMBEE_API_KEY=…`, a log line after "calling the Ambee API",
 * a Jenkins credential whose id names the service. Such a rule finds a value of the vendor's exact
 * shape (length and alphabet, bounded on both sides) within a short reach after the vendor's name;
 * a value of another length next to the same name is not that vendor's key and is left alone.
 */
import { type SecretDetector } from './kit';
import { isPlaceholder } from './placeholders';

export interface NearbyRule {
  /** `paved/<kind>`. */
  kind: string;
  /** What was found, as a report says it: "Ambee API key". */
  what: string;
  /** Lower-case names of the vendor or product (`ambee`); they are the keywords, matched in any case. */
  names: readonly string[];
  /** Pattern source of the value, case-sensitive, every quantifier bounded: `[0-9a-f]{64}`. */
  value: string;
  /** Characters allowed between the end of the name and the value (default 80, newlines included). */
  reach?: number;
  /** A further check the format allows (a checksum, a decodable part). */
  also?: (secret: string) => boolean;
}

const anyCase = (word: string) => word.replace(/[a-z]/g, (letter) => `[${letter}${letter.toUpperCase()}]`);
/** `word` as a regular expression that matches it literally. */
export const escaped = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Letters and digits both: a random key of a mixed alphabet has them, a word or a number does not. */
const mixesLettersAndDigits = (value: string) => /\d/.test(value) && /[a-z]/i.test(value);

/** Below this length a value of letters only is too often a word or an identifier to be judged. */
const shortestLettersOnly = 12;

/**
 * A key drawn from letters alone (TimezoneAPI, ParseHub, ProxyCrawl, ConvertKit keys often are) has no
 * digit, yet is no word: both cases in good share, and a lone lower-case letter between capitals
 * (`FwO`), which camel case (`getParseHubKey`) and upper-case acronyms (`APIKey`) almost never have.
 */
export function isRandomLetters(value: string): boolean {
  if (value.length < shortestLettersOnly || !/^[A-Za-z]+$/.test(value)) return false;
  const upper = value.replace(/[^A-Z]/g, '').length / value.length;
  return upper >= 0.25 && upper <= 0.8 && /[A-Z][a-z][A-Z]/.test(value);
}

const looksIssued = (value: string) => mixesLettersAndDigits(value) || isRandomLetters(value);

/** A value's own characters must not continue it: `[\w-]` on both sides, so a longer or shorter value is no match. */
export function nearbyPattern(names: readonly string[], value: string, reach = 80): RegExp {
  const name = names.map((word) => anyCase(escaped(word))).join('|');
  // Built from escaped literal names, a bounded reach and the value shapes of the rules below only;
  // the lazy, bounded gap keeps each position's cost at most `reach` steps.
  // eslint-disable-next-line paved-security/no-dynamic-regexp
  return new RegExp(`(?:${name})[^]{0,${reach}}?(?<![\\w-])(?<secret>${value})(?![\\w-])`, 'g');
}

/**
 * "A malformed key of this vendor": the vendor's length exactly, with one or two characters outside
 * its alphabet. Test data makes look-alikes so (a 40-hex Meraki key with one `F`, an Abyssale key
 * with one `_`), and so do typos; a value of another alphabet altogether (32 alphanumerics where
 * the vendor issues hex) is some other credential and stays the generic rules' to judge. Shapes
 * other than one character class and a count (`[0-9a-f]{40}`, or alternatives of such) own nothing.
 */
export function nearFormatOf(value: string): ((candidate: string) => boolean) | undefined {
  const tests = value.split('|').flatMap((part) => {
    const shape = /^\[(?<chars>[^\]]{1,40})\]\{(?<count>\d{1,3})\}$/.exec(part)?.groups;
    if (!shape) return [];
    // Built from the rules' own character classes only.
    // eslint-disable-next-line paved-security/no-dynamic-regexp
    return [{ outside: new RegExp(`[^${shape.chars}]`, 'g'), count: Number(shape.count) }];
  });
  if (tests.length === 0) return undefined;
  return (candidate) =>
    tests.some(({ outside, count }) => {
      const strays = candidate.match(outside)?.length ?? 0;
      if (candidate.length === count) return strays >= 1 && strays <= 2;
      return strays === 0 && Math.abs(candidate.length - count) <= 2;
    });
}

function ownership(spec: NearbyRule): Pick<SecretDetector, 'owns'> {
  const nearFormat = nearFormatOf(spec.value);
  return nearFormat ? { owns: { names: spec.names, nearFormat } } : {};
}

/**
 * What the placeholder judgement reads: the value without dashes, and of a long value its first 64
 * characters (a placeholder shows itself at once; 372 random base64 characters spell `Fake` or
 * `xxxx` somewhere by chance one time in thirty).
 */
const placeholderWindow = (secret: string) => secret.replace(/-/g, '').slice(0, 64);

/** A detector for one `NearbyRule`: the value must mix letters and digits (or be random letters) and must not be a placeholder. */
export function nearbyRule(spec: NearbyRule): SecretDetector {
  const shortNames = spec.names.filter((name) => name.length < distinctiveNameLength);
  return {
    id: `paved/${spec.kind}`,
    what: spec.what,
    keywords: spec.names,
    pattern: nearbyPattern(spec.names, spec.value, spec.reach),
    accept: (secret, match, text) =>
      (!opensWith(match, shortNames) || startsAWord(text, match.index)) &&
      looksIssued(secret) &&
      !isPlaceholder(placeholderWindow(secret)) &&
      (spec.also?.(secret) ?? true),
    ...ownership(spec),
  };
}

/**
 * A short name is often the inside of a longer word (`meraki` in `CameraKit`, `ngc` in `changing`):
 * it counts only where a word starts, after a non-letter or at a camel-case hump (`ciscoMeraki`).
 * Names of eight letters and more are distinctive enough anywhere (`getsmartsheet`).
 */
const distinctiveNameLength = 8;

const opensWith = (match: RegExpExecArray, names: readonly string[]) =>
  names.length > 0 && names.some((name) => match[0].toLowerCase().startsWith(name));

function startsAWord(text: string, at: number): boolean {
  const before = text[at - 1];
  if (before === undefined || !/[A-Za-z]/.test(before)) return true;
  return /[a-z]/.test(before) && /[A-Z]/.test(text[at]);
}

/** Value shapes the vendor tables spell their formats with. */
export const hex = (length: number) => `[0-9a-f]{${length}}`;
export const alnum = (length: number) => `[A-Za-z0-9]{${length}}`;
export const lowerAlnum = (length: number) => `[a-z0-9]{${length}}`;
export const uuid = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

/** A format that names its vendor itself (`rootly_`, `thog-key-`): found wherever it stands. */
export interface PrefixedRule {
  kind: string;
  what: string;
  /** Lower-case prefixes, the keywords. */
  keywords: readonly string[];
  pattern: RegExp;
  /** The random part the placeholder judgement looks at (the secret without its fixed opening). */
  body: (secret: string) => string;
  /** What else the text must hold for the value to be usable: the partner a half of a pair needs. */
  partner?: RegExp;
}

export function prefixedRule(spec: PrefixedRule): SecretDetector {
  return {
    id: `paved/${spec.kind}`,
    what: spec.what,
    keywords: spec.keywords,
    pattern: spec.pattern,
    accept: (secret, _match, text) => !isPlaceholder(spec.body(secret)) && (spec.partner?.test(text) ?? true),
  };
}
