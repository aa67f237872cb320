/**
 * What a JWT's own parts say (RFC 7519): whether it is one at all, and whether it is jwt.io's
 * example. The JWT rule and the Authorization-header rule judge by the same facts.
 */
import { createHmac } from 'node:crypto';

/** A base64url segment that decodes to a JSON object, else undefined. */
function jsonSegment(segment: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf-8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A signed JWT is a JSON header naming its `alg` and a JSON claims set (RFC 7519): a segment that
 * opens like base64 JSON and goes on as random text is a made-up token.
 */
function isWellFormedJwt(token: string): boolean {
  const [header, payload] = token.split('.');
  return Boolean(jsonSegment(header)?.alg) && jsonSegment(payload) !== undefined;
}

/**
 * The signing keys jwt.io's debugger fills in for HMAC tokens (the current default and the earlier
 * ones per hash size). A token signed with one is the debugger's example or a copy of it: anyone
 * can mint it, so it grants nothing and its author leaked nothing.
 */
const publishedJwtKeys = [
  'a-string-secret-at-least-256-bits-long',
  'your-256-bit-secret',
  'your-384-bit-secret',
  'your-512-bit-secret',
];
const hmacOfAlg: Readonly<Record<string, string>> = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' };

/** Is this JWT signed (HMAC) with a key that was published as an example? */
function isSignedWithPublishedKey(token: string): boolean {
  const [header, payload, signature] = token.split('.');
  const alg = jsonSegment(header)?.alg;
  const hash = typeof alg === 'string' ? hmacOfAlg[alg] : undefined;
  if (!hash || signature === undefined) return false;
  return publishedJwtKeys.some(
    (key) => createHmac(hash, key).update(`${header}.${payload}`).digest('base64url') === signature,
  );
}

export const isTokenOfConsequence = (token: string) => isWellFormedJwt(token) && !isSignedWithPublishedKey(token);

/**
 * A JWT that grants nothing: jwt.io's example (signed with a key that page publishes), or a header
 * alone (`eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9` is `{"alg":"HS256","typ":"JWT"}`, in every JWT test).
 */
export function isJwtExampleOrFragment(value: string): boolean {
  if (!value.includes('.')) return Boolean(jsonSegment(value)?.alg);
  return isWellFormedJwt(value) && isSignedWithPublishedKey(value);
}
