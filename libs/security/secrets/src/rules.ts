import {
  encodesNoPassword,
  isIdentifierPath,
  isPublicByDesign,
  isSelfDescribing,
  isTokenShaped,
  keyWords,
  namesSomethingPublic,
} from './detectors/credentials';
import { fillerRuns, isPlaceholder, longestRepeatedRun, shannonEntropy } from './detectors/placeholders';
import { tokenBody } from './detectors/token-body';

/**
 * The high-entropy rule: random values assigned to secret-looking names, whatever their vendor.
 * Vendor tokens, JWTs, private keys and credentials found by their place are detectors (detectors/).
 */
export interface RuleMatch {
  ruleId: PavedRuleId;
  message: string;
  /** Offsets of the secret in the text. */
  start: number;
  end: number;
  /**
   * The words of its name, when it was found only because the name ends in `key` (`pastebin_key`):
   * a vendor named there that has a detector judges it instead (see detector.ts).
   */
  keyNameWords?: string[];
}

export const pavedRuleIds = ['paved/generic-high-entropy'] as const;
export type PavedRuleId = (typeof pavedRuleIds)[number];

/** AWS documents its examples with EXAMPLE in the key; docs, tests and READMEs copy them. */
const isDocumentationExample = (value: string) => /EXAMPLE/.test(value);

// A name that says "secret" followed by an assignment or an argument: `apiKey: '…'`, `DB_PASSWORD="…"`,
// `"token" => '…'`, `headers.set("x-api-key", "…")`, `os.environ["API_KEY"] = "…"`.
// Bounded affixes keep the cost per start position constant: an unbounded `[\w.-]*` is quadratic
// on a long base64 line.
// `key` alone: a vendor's key (`pastebin_key`, `mapquestKey`), judged more strictly (see namedKey).
const secretName = String.raw`(?<![\w.-])[\w.-]{0,40}?(?:secret|token|passw(?:or)?d|pwd|api[_-]?key|access[_-]?key|private[_-]?key|credential|auth[_-]?key|signing[_-]?key|client[_-]?secret|key)[\w.-]{0,40}`;
// Both patterns are assembled from the constant above only.
// eslint-disable-next-line paved-security/no-dynamic-regexp
const quotedAssignment = new RegExp(
  String.raw`(?<name>["']?${secretName}["']?\]?)\s*(?::|=|:=|=>|,|\()\s*(?<quote>["'\x60])(?<value>[^"'\x60\s]{16,256})\k<quote>`,
  'gi',
);
// .env and shell files: `export API_TOKEN=value` at the start of a line, unquoted.
// eslint-disable-next-line paved-security/no-dynamic-regexp
const envAssignment = new RegExp(
  String.raw`^[ \t]*(?:export[ \t]+)?(?<name>${secretName})=(?<value>[^\s"'\x60#]{16,256})`,
  'gim',
);

// `todo_secret_do_not_commit = Zk3p…`, `api-key: Zk3p…` (INI, YAML, snippets): unquoted, so only
// values no identifier or path looks like (see unquotedLooksRandom).
// eslint-disable-next-line paved-security/no-dynamic-regexp
const unquotedAssignment = new RegExp(
  String.raw`(?<name>${secretName})[ \t]*(?::|=|:=)[ \t]*(?<value>[\w.=+-]{16,256})(?=[\s,;)]|$)`,
  'gim',
);

// Android's Gradle build fields carry a Java string literal inside a Groovy or Kotlin string:
// `buildConfigField 'String', 'API_KEY', '"…"'`, `buildConfigField("String", "API_KEY", "\"…\"")`,
// and resource values: `resValue "string", "maps_api_key", "…"`.
// eslint-disable-next-line paved-security/no-dynamic-regexp
const gradleField = new RegExp(
  String.raw`(?:buildConfigField|resValue)[ \t]*\(?[ \t]*["']\w{1,20}["'][ \t]*,[ \t]*["'](?<name>${secretName})["'][ \t]*,[ \t]*(?<quote>["'])(?:\\?")?(?<value>[^"'\x60\s\\]{16,256})(?:\\?")?\k<quote>`,
  'gi',
);

// The same words, alone: finding them first and running the assignment patterns only on their
// lines is several times faster than running those patterns over every position of a file. A bare
// `key` counts only where a value is given to it (`pastebin_key =`, `"mapquestKey":`): code is full
// of keys, and their lines are most of what the rule would otherwise read.
const secretWords =
  /secret|token|passw(?:or)?d|pwd|api[_-]?key|access[_-]?key|private[_-]?key|credential|auth[_-]?key|signing[_-]?key|key["'\x60\]]{0,2}[ \t]*(?::=|=>|[:=,(])/gi;
// The words that make a name a secret's by themselves; a name with none of them only ends in `key`.
const credentialWords =
  /secret|token|passw(?:or)?d|pwd|api[_-]?key|access[_-]?key|private[_-]?key|credential|auth[_-]?key|signing[_-]?key/i;

// What else a `…_key` names: database and cache keys, lookup and translation keys, and keys
// published on purpose (reCAPTCHA's site key, an SSH host key).
const notCredentialKeyWords = new Set([
  'cache',
  'primary',
  'foreign',
  'sort',
  'partition',
  'hash',
  'range',
  'row',
  'object',
  'bucket',
  'idempotency',
  'dedup',
  'dedupe',
  'lookup',
  'map',
  'dict',
  'i18n',
  'translation',
  'locale',
  'lang',
  'message',
  'msg',
  'routing',
  'shard',
  'cursor',
  'etag',
  'unique',
  'composite',
  'natural',
  'surrogate',
  'field',
  'column',
  'table',
  'index',
  'group',
  'query',
  'state',
  'event',
  'metric',
  'trace',
  'span',
  'tag',
  'config',
  'setting',
  'settings',
  'storage',
  'site',
  'host',
  'hot',
  'short',
  'shortcut',
  'sign',
  'react',
  'list',
  'item',
  'node',
  'route',
  'store',
  'redis',
  'memcache',
  'memcached',
  'kv',
  'dynamo',
  'dynamodb',
  's3',
  'gcs',
  'blob',
  'file',
  'path',
  'attribute',
  'property',
  'prop',
  'json',
  'yaml',
  'request',
  'response',
  'header',
  'cookie',
  // A WebSocket handshake's key is a nonce (RFC 6455), not a credential.
  'socket',
  'nonce',
  'search',
  'algolia',
  // Keys that browsers and apps are given: analytics write keys, reCAPTCHA and the like.
  'write',
  'segment',
  'amplitude',
  'pusher',
  'recaptcha',
  'captcha',
  'hcaptcha',
  'turnstile',
]);

/**
 * A name that ends in `key` after another word, none of which says the key is something other than a
 * credential: `pastebin_key`, `mapquestKey`, `box-key`. Not `key`, `cache_key`, `site_key`.
 */
function namesAVendorKey(words: readonly string[]): boolean {
  return words.length >= 2 && words.at(-1) === 'key' && !words.some((word) => notCredentialKeyWords.has(word));
}

// A digest in one case at a digest's length (MD5, SHA-1, SHA-224, SHA-256, SHA-384, SHA-512):
// what a cache or content key usually is, not an issued credential.
const digestLengths = new Set([32, 40, 56, 64, 96, 128]);
const isDigestShaped = (value: string) => digestLengths.has(value.length) && /^(?:[0-9a-f]+|[0-9A-F]+)$/.test(value);

/** [start, end) of each line that contains a secret-looking word, in order, each line once. */
function linesWithSecretWords(text: string): [number, number][] {
  const lines: [number, number][] = [];
  let lastEnd = -1;
  for (const match of text.matchAll(secretWords)) {
    if (match.index < lastEnd) continue;
    const start = text.lastIndexOf('\n', match.index) + 1;
    const newline = text.indexOf('\n', match.index);
    lastEnd = newline === -1 ? text.length : newline;
    lines.push([start, lastEnd]);
  }
  return lines;
}

// Documentation writes placeholders into otherwise random-looking values: "VERYLONGSECRETeyJ…".
const placeholderWords = /example|placeholder|redacted|dummy|changeme/i;
const shoutedPlaceholders = /SECRET|TOKEN|PASSWORD/;

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Would a reader call this value a random credential rather than a word, path, placeholder or reference? */
export function looksRandom(value: string): boolean {
  if (isDocumentationExample(value) || uuid.test(value)) return false;
  // Tests name what a value stands for: `oauth2_access_token_123`.
  if (placeholderWords.test(value) || shoutedPlaceholders.test(value) || isSelfDescribing(value)) return false;
  if (/\$\{|\{\{|<[^>]*>|%[sd(]|^(?:process|import)\.|\s/.test(value)) return false; // templates and references
  if (isPublicByDesign(value) || encodesNoPassword(value)) return false;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) || /^[./~]/.test(value)) return false; // URLs and paths (basic-auth URLs are paved/basic-auth-url's)
  if (value.includes('/') && value.split('/').every((segment) => /^\.?[a-z][a-z0-9_.-]*$/.test(segment))) return false; // a relative path: home/.ssh/id_ed25519
  if (/^[\w.-]+:\d{2,5}$/.test(value) || /^(?:sha\d+|md5)[-:]/i.test(value)) return false; // host:port, integrity strings
  if (longestRepeatedRun(value) >= 6 || isPlaceholder(value)) return false; // xxxxxx, sequences, repeated chunks
  if (fillerRuns(value) >= 3) return false; // filled in by blocks: AAAABBBBCCCC
  const body = tokenBody(value);
  if (body !== value && body.length >= 6 && isPlaceholder(body)) return false; // a prefix before a placeholder: duffel_test_abc123
  // What a machine issued has a token's alphabet (`%c^`, `?`, `;` in it say otherwise) and letters and digits.
  if (!isTokenShaped(value) || !/[a-z]/i.test(value)) return false;
  const entropy = shannonEntropy(value);
  // Hex has 16 symbols, so its entropy ceiling is 4 bits; other alphabets must go higher.
  return /^[0-9a-f]+$/i.test(value) ? entropy >= 3.3 && value.length >= 32 : entropy >= 3.7;
}

/** An unquoted value is a literal only when digits sit inside it and it is no dotted identifier path. */
function unquotedLooksRandom(value: string): boolean {
  return /\d\D+\d/.test(value) && !(value.includes('.') && isIdentifierPath(value));
}

/** Every match of Paved's own rules in `text`. */
export function findPavedSecrets(text: string): RuleMatch[] {
  const found: RuleMatch[] = [];
  // One value can match several assignment shapes (`export KEY=value` is also `KEY = value`).
  const assignedValueStarts = new Set<number>();
  for (const [lineStart, lineEnd] of linesWithSecretWords(text)) {
    const line = text.slice(lineStart, lineEnd);
    for (const pattern of [quotedAssignment, envAssignment, unquotedAssignment, gradleField]) {
      for (const match of line.matchAll(pattern)) {
        const value = match.groups?.value ?? '';
        if (pattern === unquotedAssignment && !unquotedLooksRandom(value)) continue;
        // Pagination and anti-forgery tokens, and public identifiers named like secrets
        // (`publicToken`, `credentialId`, `tokenType`, `token_endpoint`), are not credentials.
        const name = (match.groups?.name ?? '').replace(/["'\]]/g, '');
        if (!looksRandom(value) || namesSomethingPublic(name)) continue;
        const keyNameWords = credentialWords.test(name) ? undefined : keyWords(name);
        if (keyNameWords && (!namesAVendorKey(keyNameWords) || isDigestShaped(value))) continue;
        const start = lineStart + match.index + match[0].lastIndexOf(value);
        if (assignedValueStarts.has(start)) continue;
        assignedValueStarts.add(start);
        found.push({
          ruleId: 'paved/generic-high-entropy',
          message: `high-entropy value assigned to ${name}`,
          start,
          end: start + value.length,
          ...(keyNameWords && { keyNameWords }),
        });
      }
    }
  }
  return found;
}
