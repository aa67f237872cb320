import { randomInt } from 'node:crypto';

/**
 * One example file for the detectors' tests and for bench/secrets: either a positive (a freshly
 * generated fake secret in the documented format of its kind, planted the way real code carries
 * it) or a look-alike that is not a secret (a placeholder, a public identifier, a key block with
 * no key material). Positives are generated at run time, never written down: a committed fake
 * token would trip this repository's own pre-commit scan and teach nothing about recall.
 */
export interface SecretSample {
  /** The kind, e.g. `mailgun-api-key`; per-kind recall is reported under it. */
  kind: string;
  /** The vendor, for grouping (`Mailgun`); absent for generic kinds. */
  vendor?: string;
  /** Repository-relative path of the file it is planted in: `config/mail.env`, `.netrc`. */
  file: string;
  /** The file's text; `secret` is the exact substring a scanner should report, absent for a look-alike. */
  make(): { text: string; secret?: string };
}

export const alphabets = {
  upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  lower: 'abcdefghijklmnopqrstuvwxyz',
  digits: '0123456789',
  hexLower: '0123456789abcdef',
  upperBase32: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567',
  alphanumeric: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
  base64: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/',
  base64url: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_',
} as const;

/** `length` characters drawn uniformly from `alphabet` with a CSPRNG. */
export function randomFrom(alphabet: string, length: number): string {
  return Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('');
}
