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
// keys, AWS access key ids, Databricks tokens, Telegram bot tokens (`<bot id>:A…`).
const openings = /^(?:eyJ[\w-]{4}|AIza[\w-]|(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{8}|dapi[a-f0-9]{8}|\d{3,20}:A[\w-]{8})/;

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
  if (openings.test(value)) return true;
  const lower = value.toLowerCase();
  return prefixesOf(detectors).some((prefix) => lower.startsWith(prefix));
}
