/**
 * The shape every Paved secret detector has, and the runner that applies them to one file.
 *
 * A detector is data plus an optional check: keywords (a cheap pre-filter, so the pre-commit hook
 * stays fast), one global pattern, and `accept` for what a pattern cannot say (checksums, entropy,
 * placeholders). Structured detectors also name the files whose shape they understand.
 */
export interface SecretDetector {
  /** `paved/<kind>` (`gitleaks/<id>` for a .gitleaks.toml's rules): stable, used in baselines, allowlists (`rules`) and SARIF. */
  id: `paved/${string}` | `gitleaks/${string}`;
  /** What was found, as a report says it: "Mailgun API key". */
  what: string;
  /**
   * Lower-case substrings; the pattern runs only on files whose lower-cased text holds one.
   * Empty means "always run" (keep that for patterns that are cheap on any text).
   */
  keywords: readonly string[];
  /** Global (`g`) pattern. The secret is the named group `secret` when present, else the whole match. */
  pattern: RegExp;
  /** Only files whose repository-relative path matches (structured detectors: `.netrc`, `nuget.config`). */
  files?: RegExp;
  /** Further judgement on one match: checksum, entropy, placeholder. False drops the match. */
  accept?(secret: string, match: RegExpExecArray, text: string): boolean;
  /**
   * A vendor whose keys have no prefix owns a value given under its name that is near its format
   * (vendor-shapes.ts): the generic rules leave such a value to this detector, which refused it.
   */
  owns?: VendorOwnership;
}

export interface VendorOwnership {
  /** Lower-case vendor names (`meraki`). */
  names: readonly string[];
  /** Is the value near the vendor's format (its structure, a few characters longer or shorter, any token alphabet)? */
  nearFormat: (value: string) => boolean;
}

/** One match: offsets of the secret in the text. */
export interface DetectorMatch {
  ruleId: string;
  message: string;
  start: number;
  end: number;
}

/**
 * Which of many keywords occur in a text, in one pass: keywords are filed under their first two
 * characters, so each position costs one map lookup however many detectors there are (checking
 * each keyword with `includes` costs a pass per keyword: seconds over a repository).
 */
export class KeywordIndex {
  private readonly byFirstPair = new Map<number, string[]>();
  /** A cheap first test per position: is any keyword filed under these two (low) bytes? */
  private readonly maybePair = new Uint8Array(0x10000);
  private readonly single: string[] = [];

  constructor(keywords: Iterable<string>) {
    for (const keyword of new Set(keywords)) {
      if (keyword.length < 2) {
        this.single.push(keyword);
        continue;
      }
      const pair = keyword.charCodeAt(0) * 0x10000 + keyword.charCodeAt(1);
      this.maybePair[((keyword.charCodeAt(0) & 0xff) << 8) | (keyword.charCodeAt(1) & 0xff)] = 1;
      const filed = this.byFirstPair.get(pair);
      if (filed) filed.push(keyword);
      else this.byFirstPair.set(pair, [keyword]);
    }
  }

  /** The keywords that occur in `text` (compare lower-case with lower-case). */
  present(text: string): Set<string> {
    const found = new Set(this.single.filter((keyword) => text.includes(keyword)));
    for (let index = 0; index + 1 < text.length; index += 1) {
      const first = text.charCodeAt(index);
      const second = text.charCodeAt(index + 1);
      if (this.maybePair[((first & 0xff) << 8) | (second & 0xff)] === 0) continue;
      const filed = this.byFirstPair.get(first * 0x10000 + second);
      if (!filed) continue;
      for (const keyword of filed) if (!found.has(keyword) && text.startsWith(keyword, index)) found.add(keyword);
    }
    return found;
  }
}

const indexes = new WeakMap<readonly SecretDetector[], KeywordIndex>();

function keywordIndexOf(detectors: readonly SecretDetector[]): KeywordIndex {
  let index = indexes.get(detectors);
  if (!index) {
    index = new KeywordIndex(detectors.flatMap((detector) => detector.keywords));
    indexes.set(detectors, index);
  }
  return index;
}

/** Every match of `detectors` in one file, earliest first; overlapping matches are kept once (first detector wins). */
export function runDetectors(detectors: readonly SecretDetector[], file: string, text: string): DetectorMatch[] {
  const present = keywordIndexOf(detectors).present(text.toLowerCase());
  // Kept sorted by start: the overlap check is a binary search, so a file with thousands of
  // matches costs n log n, not n².
  const found: DetectorMatch[] = [];
  for (const detector of detectors) {
    if (detector.files && !detector.files.test(file)) continue;
    if (detector.keywords.length > 0 && !detector.keywords.some((keyword) => present.has(keyword))) continue;
    detector.pattern.lastIndex = 0;
    for (const match of text.matchAll(detector.pattern) as IterableIterator<RegExpExecArray>) {
      const secret = match.groups?.secret ?? match[0];
      if (!secret) continue;
      if (detector.accept && !detector.accept(secret, match, text)) continue;
      const offset = match.groups?.secret === undefined ? 0 : match[0].indexOf(secret);
      const start = match.index + Math.max(offset, 0);
      const end = start + secret.length;
      const at = firstStartingAtOrAfter(found, end);
      // Matches never overlap each other, so only the one just before `end` can overlap [start, end).
      if (at > 0 && found[at - 1].end > start) continue;
      found.splice(at, 0, { ruleId: detector.id, message: `found ${detector.what}`, start, end });
    }
  }
  return found;
}

/** Index of the first match in `sorted` (by start) that starts at or after `offset`. */
function firstStartingAtOrAfter(sorted: readonly DetectorMatch[], offset: number): number {
  let [low, high] = [0, sorted.length];
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle].start < offset) low = middle + 1;
    else high = middle;
  }
  return low;
}
