/**
 * Values whose shape a vendor's format owns. The generic rules (a value under a `token` key, a
 * high-entropy value under a secret-looking name) leave them to the vendor's detector: a `ghp_`
 * token that GitHub's rule refused (a placeholder, a wrong length, a bad checksum) is no more a
 * secret because a generic rule would take any token-shaped value.
 */
import { type SecretDetector } from './kit';

// A keyword that is a token prefix: letters and digits ending in a separator (`ghp_`, `sk-ant-`, `hvs.`, `dp.pt.`).
const prefixKeyword = /^[a-z0-9][a-z0-9._-]{1,14}[._~-]$/;

// Formats whose fixed opening is not such a keyword: JWTs (`eyJ` is base64 of `{"`), Google API
// keys, AWS access key ids, Databricks tokens, Telegram bot tokens (`<bot id>:A…`), Salesforce
// consumer keys (`3MVG9`).
const openings =
  /^(?:eyJ[\w-]{4}|AIza[\w-]|(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{8}|dapi[a-f0-9]{8}|\d{3,20}:A[\w-]{8}|3MVG9[\w.]{8})/;
// OpenAI's keys carry "OpenAI" base64-encoded (`T3BlbkFJ`) in the middle, after any prefix.
const openAiMarker = /^sk-[\w-]{0,200}T3BlbkFJ/;

const prefixesByDetectors = new WeakMap<readonly SecretDetector[], readonly string[]>();

function prefixesOf(detectors: readonly SecretDetector[]): readonly string[] {
  let prefixes = prefixesByDetectors.get(detectors);
  if (!prefixes) {
    prefixes = [...new Set(detectors.flatMap((detector) => detector.keywords.filter((k) => prefixKeyword.test(k))))];
    prefixesByDetectors.set(detectors, prefixes);
  }
  return prefixes;
}

/** Does a vendor's format own this value, so that only that vendor's detector may report it? */
export function isVendorShaped(value: string, detectors: readonly SecretDetector[]): boolean {
  if (openings.test(value) || openAiMarker.test(value)) return true;
  const lower = value.toLowerCase();
  return prefixesOf(detectors).some((prefix) => lower.startsWith(prefix));
}

/** Words that name ordinary things as well as a vendor: naming them says nothing about a value. */
const ordinaryWords = new Set([
  'bootstrap',
  'checkout',
  'courier',
  'linear',
  'machine',
  'storage',
  'variable',
  'vault',
]);

interface Owner {
  name: RegExp;
  nearFormat: (value: string) => boolean;
}

const ownersByDetectors = new WeakMap<readonly SecretDetector[], readonly Owner[]>();

function ownersOf(detectors: readonly SecretDetector[]): readonly Owner[] {
  let owners = ownersByDetectors.get(detectors);
  if (!owners) {
    owners = detectors.flatMap((detector) => {
      const names = detector.owns?.names.filter((name) => name.length >= 4 && !ordinaryWords.has(name)) ?? [];
      if (!detector.owns || names.length === 0) return [];
      const anyCase = names.map((name) =>
        name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/[a-z]/g, (letter) => `[${letter}${letter.toUpperCase()}]`),
      );
      // The name starts a word or a camelCase part (`merakiToken`), so `personal` does not name Sonar.
      // Built from escaped literal names only.
      // eslint-disable-next-line paved-security/no-dynamic-regexp
      const name = new RegExp(`(?:(?<![A-Za-z])|(?<=[a-z])(?=[A-Z]))(?:${anyCase.join('|')})`);
      return [{ name, nearFormat: detector.owns.nearFormat }];
    });
    ownersByDetectors.set(detectors, owners);
  }
  return owners;
}

/** How far before a value its owner may be named: its own name, its line, a log line or two above. */
const ownerReach = 160;
const ownerLines = 2;

/**
 * Is this value a malformed key of a vendor named where it is given (its name, or the text just
 * before it)? The vendor's detector, which did not report it, is then the judge: a value near the
 * vendor's format under the vendor's name is that vendor's key or nothing.
 */
export function isMalformedVendorKey(
  text: string,
  start: number,
  end: number,
  detectors: readonly SecretDetector[],
): boolean {
  const owners = ownersOf(detectors);
  if (owners.length === 0) return false;
  let from = text.lastIndexOf('\n', start - 1);
  for (let line = 0; line < ownerLines && from > 0; line += 1) from = text.lastIndexOf('\n', from - 1);
  const before = text.slice(Math.max(from + 1, start - ownerReach), start);
  const value = text.slice(start, end);
  return owners.some((owner) => owner.nearFormat(value) && owner.name.test(before));
}

const vendorWordsByDetectors = new WeakMap<readonly SecretDetector[], ReadonlySet<string>>();

// Keywords that are a vendor's name (`bitfinex`, `adzuna`), not a word every credential uses.
const vendorKeyword = /^[a-z][a-z0-9]{3,}$/;
const credentialKeywords = /secret|token|pass|pwd|auth|cred|key$/;

function vendorWordsOf(detectors: readonly SecretDetector[]): ReadonlySet<string> {
  let words = vendorWordsByDetectors.get(detectors);
  if (!words) {
    words = new Set(
      detectors.flatMap((detector) =>
        detector.keywords.filter(
          (keyword) => vendorKeyword.test(keyword) && !credentialKeywords.test(keyword) && !ordinaryWords.has(keyword),
        ),
      ),
    );
    vendorWordsByDetectors.set(detectors, words);
  }
  return words;
}

/**
 * Does a name that holds a key (`bitfinexKey`, `ADZUNA_APP_KEY`) name a vendor Paved has a detector
 * for? A value found only because its name ends in `key` is then that vendor's to judge, whatever
 * its shape: the detector knows what the vendor issues and what must stand beside it (Adzuna's key
 * works only with its app id).
 */
export function namesAVendorWithADetector(words: readonly string[], detectors: readonly SecretDetector[]): boolean {
  const vendors = vendorWordsOf(detectors);
  return words.some((word) => vendors.has(word));
}
