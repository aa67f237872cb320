/**
 * What a configuration's key and value say about a credential, for the detectors that find
 * passwords by their place (a key named `password`, a `.netrc` entry, a URL's user info) rather
 * than by a vendor's format. Passwords are short and typed by people, so entropy alone cannot
 * tell `hunter2Secret!` from `Password`: these rules refuse what is evidently not a password
 * (placeholders, references, labels, types, paths, calls) and accept the rest.
 */
import { createHash } from 'node:crypto';
import { fillerRuns, isPlaceholder } from './placeholders';
import { tokenBody } from './token-body';

/** `dbPassword`, `DB_PASSWORD`, `spring.datasource.password` → `['db', 'password']`…: the words of a key. */
export function keyWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

// The last word of a key that holds a credential; a key ending in anything else names something
// about the credential (`passwordPolicy`, `tokenType`, `secretName`, `token_endpoint`, `secret_file`).
const credentialEndings = /(?:password|passwd|passphrase|pwd|secret|token)$/;
const exactCredentialWords = new Set(['pass', 'pw', 'pword', 'auth', 'creds', 'credential', 'credentials']);
// `…_key` holds a credential only after these words (`secret_key`, `SECRET_KEY`, `privateKey`).
const keyQualifiers = new Set(['secret', 'private', 'signing', 'encryption', 'master']);
// Words that make a credential-looking name public or not a credential at all: `publicToken`,
// `csrf_token`, `NextToken`, tokenizer configs (`eos_token`, `pad_token`).
const notCredentialWords = new Set([
  'public',
  'publishable',
  'csrf',
  'xsrf',
  'next',
  'page',
  'pagination',
  'continuation',
  'sync',
  'cancellation',
  'bos',
  'eos',
  'pad',
  'unk',
  'sep',
  'cls',
  'mask',
  'start',
  'end',
  'max',
  'min',
  'num',
  'forgot',
  'show',
  'hide',
  'toggle',
  'placeholder',
  'label',
  'jsonwebtoken', // io.jsonwebtoken: a library's coordinates
  // Names that say the value is made up: `nonMatchingToken`, `fakeSecret`, `invalid_api_key`.
  'non',
  'fake',
  'dummy',
  'example',
  'sample',
  'mock',
  'invalid',
  'bogus',
  'bad',
  'wrong',
]);

/**
 * Does this key hold a password, secret or token (not a fact about one)? `password`, `dbPassword`,
 * `client_secret`, `AUTH_TOKEN`, `SECRET_KEY`, `ClearTextPassword`: yes. `passwordPolicy`,
 * `tokenType`, `token_endpoint`, `secretName`, `publicToken`, `credentialId`, `secret_file`: no.
 */
export function namesACredential(name: string): boolean {
  const words = keyWords(name);
  const last = words.at(-1);
  if (last === undefined || words.some((word) => notCredentialWords.has(word))) return false;
  if (credentialEndings.test(last) || exactCredentialWords.has(last)) return true;
  if (last === 'key' && words.length >= 2) return keyQualifiers.has(words[words.length - 2]);
  return /^(?:secretkey|privatekey)$/.test(last);
}

// The last word of a key that holds a password, which people type with any character; the other
// credential keys (`token`, `secret`, `api_key`, `auth`) hold what machines issue.
const passwordEnding = /(?:password|passwd|passphrase|pwd)$|^(?:pass|pw|pword)$/;

/** Does this key hold a password (typed by a person) rather than a token or key (issued by a machine)? */
export function namesAPassword(name: string): boolean {
  return passwordEnding.test(keyWords(name).at(-1) ?? '');
}

// What tokens are written in: letters, digits, base64 and base64url, the separators vendors put
// between a prefix and a body or between parts (`.`, `-`, `_`, `~`, `:`), and %XX escapes.
// eslint-disable-next-line security/detect-unsafe-regex -- the alternatives start with disjoint characters (`%` is not in the class)
const tokenAlphabet = /^(?:[A-Za-z0-9._~+/=:-]|%[0-9A-Fa-f]{2})+$/;
// A host name: dotted lower-case labels ending in a top-level domain (`4f2a9c.invoiceocean.com`).
// eslint-disable-next-line security/detect-unsafe-regex -- each repetition starts with a literal '.'
const hostName = /^[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){1,8}\.[a-z]{2,12}$/;

/**
 * A value a machine issued, as a token, key or client secret is: ten characters or more from a
 * token's alphabet with a digit among them. `kASkto5VuIO%c^Hxfu…`, `Content-Type`, `spu-1234` and
 * `4f2a9c.invoiceocean.com` are not; a password may be anything (see isPlausiblePassword).
 */
export function isTokenShaped(value: string): boolean {
  return value.length >= 10 && tokenAlphabet.test(value) && /\d/.test(value) && !hostName.test(value);
}

/**
 * Is a name that a secret word matched (`…token…`, `…secret…`, `…key…`) evidently public or not a
 * credential? For the high-entropy rule, whose names are broader (`api_key`, `credential`).
 */
export function namesSomethingPublic(name: string): boolean {
  const words = keyWords(name);
  const last = words.at(-1) ?? '';
  return words.some((word) => notCredentialWords.has(word)) || publicLastWords.has(last);
}

const publicLastWords = new Set([
  'id',
  'ids',
  'type',
  'types',
  'name',
  'names',
  'url',
  'uri',
  'endpoint',
  'path',
  'file',
  'dir',
  'policy',
  'hint',
  'length',
  'header',
  'field',
  'prefix',
  'format',
  'version',
  'expiry',
  'expires',
  'ttl',
  'algorithm',
  'alg',
  'kind',
  'mode',
  'env',
  'var',
  'ref',
  'arn',
  'count',
  'location',
  'host',
  'port',
  'label',
  'hash',
  'checksum',
  'integrity',
  'digest',
  'fingerprint',
]);

// Values a key named `password` has in docs, schemas, forms and templates: not passwords.
const notPasswords = new Set([
  'password',
  'passwd',
  'pass',
  'pwd',
  'secret',
  'token',
  'changeme',
  'changeit',
  'admin',
  'root',
  'guest',
  'user',
  'test',
  'testing',
  'default',
  'none',
  'null',
  'nil',
  'undefined',
  'true',
  'false',
  'yes',
  'no',
  'on',
  'off',
  'required',
  'optional',
  'string',
  'str',
  'number',
  'boolean',
  'bool',
  'object',
  'any',
  'unknown',
  'text',
  'hidden',
  'masked',
  'redacted',
  'empty',
  'unset',
  'missing',
  'value',
  'todo',
  'tbd',
  'fixme',
  'secretstr',
  'secretstring',
  'securestring',
  'bytes',
  'char',
  'varchar',
  'sensitive',
  'generated',
  'random',
  'auto',
  'env',
  'vault',
  'qwerty',
  // The textbook example passwords: in tutorials and tests everywhere, and no one's real secret.
  'hunter2',
  'letmein',
  'trustno1',
  'abc123',
  'admin123',
  'p@ssw0rd',
  'passw0rd',
  's3cr3t',
  'iloveyou',
  'supersecret',
  'topsecret',
  'hunter',
  'foobar',
]);

/**
 * Words of a language written in its own letters, with no digit: `Contraseña`, `Пароль`,
 * `パスワードの再設定`. Translation files give them to keys named `password`; a password typed with
 * letters outside ASCII and no digit is far rarer than a label is.
 */
const isWordsOfALanguage = (value: string) => /[^ -~]/.test(value) && /^[\p{L}\p{M}\p{P}\p{Zs}\p{Cf}]+$/u.test(value);

// A value that says what it is instead of being it: `my-db-password`, `changeme123`, and `token` as
// one part of a name (`refresh_token_456`, `abc123token`; not `PERCY_TOKEN=84f2…`, a pair quoted
// whole). Not `secret`: people put it in passwords (`mySecret2024`).
const selfDescribing = /passw(?:or)?d|changeme|changeit|(?:^|[_.-]|\d)token(?:$|[_.-]|\d)/i;

/** Does the value name what it stands for (`my-db-password`, `oauth2_access_token_123`)? */
export const isSelfDescribing = (value: string) => selfDescribing.test(value);
// Masks: `****`, `•••`, `???`, `xxx`, `---`.
const masks = /^[*•?.#x-]+$/i;

const references = [
  /^\$(?:\{|\(|[A-Za-z_]\w*$)/, // $VAR, ${VAR}, $(command)
  /^\$2[aby]?\$\d\d\$/, // a bcrypt hash: what a password is checked against, not the password
  /^(?:\{CRYPT\})?\$(?:1|5|6|y|gy|7|argon2(?:id|i|d))\$/, // crypt(3) hashes: MD5, SHA-256, SHA-512, yescrypt, scrypt, Argon2
  /^[A-Za-z_$][\w.$]*[([]\\?$/, // a call or subscript cut at its quoted argument: `pw.env.get(\"name\")`, `form["name"]`
  /^%[\w.]+%$/, // %WINDOWS_VAR%
  /^#\{/, // #{ruby}
  /^@/, // @Value / @param / @@variable
  /^!\w+$/, // YAML tags: !vault, !Ref, !Sub
  /^[*&][\w-]+$/, // YAML aliases and anchors
  /^[|>][-+]?\d?$/, // YAML block scalars: the value is on the next lines
  /^ENC\[|^vault:|^ref\+|^op:\/\/|^arn:aws:|^secret(?:s)?:\/\/|^sm:\/\//i, // sops, Vault, 1Password, AWS ARNs
  /\b(?:process\.env|import\.meta\.env|os\.environ|os\.getenv|getenv|System\.getenv|Environment\.GetEnvironmentVariable|ENV\[)/,
  /^(?:secrets|vars|env|inputs|steps|needs|matrix|params|args|props|this|self|config|settings|options|opts|ctx|context|values)\.[\w.]/i,
  /^[A-Za-z_$][\w.$]*\(.*\)[;,]?$/, // a call: getPassword(), config.get('x')
  /^new\b/,
  /^[A-Z][\w]*(?:<|\[)/, // a generic type: Optional[str], Array<string>
];

/** An identifier or a dotted path of identifiers: `dbPassword`, `form.password`, `this.config.token`. */
export function isIdentifierPath(value: string): boolean {
  return value.split('.').every((part) => /^[A-Za-z_$][\w$]*$/.test(part));
}

/** One of the words written where a password goes (`changeme`, `password`, `null`), or a mask (`****`). */
export function isNotAPasswordWord(value: string): boolean {
  return notPasswords.has(value.toLowerCase()) || masks.test(value) || /^(.)\1+$/.test(value);
}

// Keys published on purpose and copied into countless projects: yarn's Algolia search-only key
// (yarnpkg/berry#6201). Kept as digests, so the file carries no key.
const publishedPublicKeyDigests = new Set(['2f21fd9c81678e396751af8b2472e2bd209ff5ce38da144052fb6c024485982f']);
const isPublishedPublicKey = (value: string) =>
  value.length === 32 && publishedPublicKeyDigests.has(createHash('sha256').update(value).digest('hex'));

/**
 * Keys made to be shipped to browsers and apps: Mapbox `pk.`, Stripe and Lob publishable keys, Square
 * application ids, PostHog project keys (`phc_`; its personal keys, `phx_`, are secret).
 */
export function isPublicByDesign(value: string): boolean {
  return /^(?:pk\.eyJ|pk_(?:live|test)_|(?:live|test)_pub_|sq0idp-|phc_)/.test(value) || isPublishedPublicKey(value);
}

/** A value that is a reference, template, path, address, type or label rather than a literal password. */
export function isNotAPassword(written: string): boolean {
  // `Credentials):`, `string;`: what follows a type or a word in code is not part of it.
  const value = written.replace(/[)\]}:;,]+$/, '');
  if (value.length < 6 || /\s/.test(value)) return true; // too short to be anything but a sample; labels
  if (isWordsOfALanguage(value)) return true;
  if (isNotAPasswordWord(value) || isNotAPasswordWord(value.replace(/[\d!.]+$/, ''))) return true;
  if (selfDescribing.test(value) || masks.test(value)) return true;
  if (fillerRuns(value) >= 3) return true; // filled in by blocks: AAAABBBBCCCC
  // A word, a Label, a CONSTANT_NAME, a camelCase variable (`dbPassword`, `secretValue`), a word
  // with a symbol tacked on (`busybox@`).
  // eslint-disable-next-line security/detect-unsafe-regex -- bounded; each repetition starts with a capital the letters before cannot match
  if (/^(?:[a-z]+|[A-Z][a-z]+|[A-Z][A-Z_]*[A-Z]|[a-z]+(?:[A-Z][a-z]+){1,6})[!.@#$%*?]{0,3}$/.test(value)) return true;
  // eslint-disable-next-line security/detect-unsafe-regex -- bounded; each repetition starts with `_`, which the run before it cannot match
  if (/^[A-Z][A-Z0-9]{0,30}(?:_[A-Z0-9]{1,30}){1,8}$/.test(value)) return true; // OAUTH2_CLIENT_SECRET, an enum's name
  if (encodesNoPassword(value)) return true;
  if (/^\d{1,15}$/.test(value)) return true; // a port, a pin in a sample, an id
  if (/^\[[\w .-]*\]?$/.test(value)) return true; // [value], [PASSWORD]
  // eslint-disable-next-line security/detect-unsafe-regex -- bounded, and each repetition starts with a literal '.'
  if (/^v?\d{1,5}(?:\.\d{1,5}){1,3}(?:[-+][\w.]{1,40})?$/.test(value)) return true; // a version: 13.0.3
  // eslint-disable-next-line security/detect-unsafe-regex -- each repetition starts with a separator the letters cannot match
  if (/^[a-z]+(?:[-_.][a-z]+)+$/.test(value)) return true; // a slug or name: ci-main, tok-secret, correct-horse-battery-staple
  // eslint-disable-next-line security/detect-unsafe-regex -- bounded; each repetition starts with a separator the letters cannot match
  if (/^[a-z]+(?:[-_.][a-z]+){0,8}[-_.@]v?\d{1,5}(?:\.\d{1,5}){1,3}$/.test(value)) return true; // an artifact: jjwt-jackson-0.11.2
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) return true;
  if (/^(?:sha\d+|md5)[-:]/i.test(value)) return true; // integrity strings and digests
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return true; // a URL (user info in it is paved/basic-auth-url's)
  if (/^(?:\.{0,2}\/|~\/|[A-Za-z]:\\|\\\\|classpath:|file:)/.test(value)) return true; // paths
  if (
    /\.(?:json|ya?ml|txt|pem|key|crt|cer|p12|pfx|jks|keystore|env|conf|cfg|ini|properties|xml|toml|gpg|asc)$/i.test(
      value,
    )
  )
    return true; // a file name
  if (/^[\w.-]+:\d{2,5}$/.test(value)) return true; // host:port
  if (isPublicByDesign(value)) return true;
  if (references.some((reference) => reference.test(value))) return true;
  if (value.includes('.') && isIdentifierPath(value)) return true; // a property path: form.password, Resources.Password
  // A vendor prefix before a placeholder (`duffel_test_abc123`) is still a placeholder.
  const body = tokenBody(value);
  return isPlaceholder(value) || (body !== value && body.length >= 6 && isPlaceholder(body));
}

/**
 * Base64 (padded, as encoders write it) of what is no password either: `bXktc2VjcmV0LWtleQ==` is
 * `my-secret-key`. `user:password` pairs are encodesUserAndPassword's to judge.
 */
export function encodesNoPassword(value: string): boolean {
  const decoded = /={1,2}$/.test(value) ? decodeBase64Text(value) : undefined;
  return (
    decoded !== undefined && /^[\x20-\x7e]{4,}$/.test(decoded) && !decoded.includes(':') && isNotAPassword(decoded)
  );
}

/** A password as people write them: not evidently something else (see isNotAPassword). */
export function isPlausiblePassword(value: string): boolean {
  return !isNotAPassword(value);
}

// Settings a key ending in `password` takes that are not a password: `remember_password: never`,
// `password: prompt`, `admin_password = encrypted`; and the word itself in translations.
const passwordSettingWords = new Set([
  'always',
  'never',
  'enabled',
  'disabled',
  'enable',
  'disable',
  'prompt',
  'ask',
  'interactive',
  'manual',
  'inline',
  'plain',
  'plaintext',
  'cleartext',
  'encrypted',
  'hashed',
  'bcrypt',
  'argon2',
  'scrypt',
  'pbkdf2',
  'sha256',
  'sha512',
  'basic',
  'digest',
  'local',
  'ldap',
  'oauth',
  'keyring',
  'keychain',
  'stdin',
  'inherit',
  'ignore',
  'public',
  'private',
  'secure',
  'insecure',
  'strong',
  'weak',
  'placeholder',
  'example',
  'sample',
  'dummy',
  'mypass',
  'yourpass',
  // "password" in other languages, as lower-case translation files write it.
  'passwort',
  'kennwort',
  'wachtwoord',
  'salasana',
  'lozinka',
  'jelszo',
  'parola',
  'contrasena',
  'adgangskode',
  'losenord',
  'passord',
  'parool',
]);

// The words tests and examples log in with: `testpass`, `usertest`, `newpass`, `somepass`.
const fixtureWord = /^test|test$|pass$/;

/**
 * A value assigned to a key that says password (`DB_PASS=whiteduke`): people choose words, and the
 * key is the evidence, so one lower-case word counts there, where under `token` or `secret` it
 * would be a label. Words joined by `-`/`_` stay out: under a password key they are slugs and
 * settings (`shorter-version`) as often as passphrases. Words that say what they are
 * (`changeme`, `mypassword`), placeholders, settings (`never`, `prompt`) and anything the general
 * judgement refuses for another reason (a reference, a path, a Label, a CONSTANT) still do not.
 */
export function isPlausibleAssignedPassword(value: string): boolean {
  if (isPlausiblePassword(value)) return true;
  const bare = value.replace(/[)\]}:;,]+$/, '');
  return (
    /^[a-z]{6,24}$/.test(bare) &&
    !passwordSettingWords.has(bare) &&
    !fixtureWord.test(bare) &&
    isPlausibleSecretInUse(bare)
  );
}

/** Base64 (or base64url) that decodes to text: the text, else undefined. */
export function decodeBase64Text(value: string): string | undefined {
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(value) || value.replace(/=+$/, '').length % 4 === 1) return undefined;
  const text = Buffer.from(value, 'base64').toString('utf-8');
  // eslint-disable-next-line no-control-regex -- binary content is what this refuses
  return text.length > 0 && !/[\u0000-\u0008\u000e-\u001f\ufffd]/.test(text) ? text : undefined;
}

/**
 * `user:password` in base64 (Basic auth, Docker's `auth`, npm's `_auth`) whose password is
 * plausible; `key:` with an empty password too, where the user part is the credential (API keys
 * sent as the Basic user, as Stripe and Mailgun document). A password that is not valid UTF-8 is
 * still a password; JSON (a JWT header read as Basic) is not a user name.
 */
export function encodesUserAndPassword(value: string): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value) || value.replace(/=+$/, '').length % 4 === 1) return false;
  const text = Buffer.from(value, 'base64').toString('utf-8');
  const colon = text.indexOf(':');
  // eslint-disable-next-line no-control-regex -- binary content is what this refuses
  if (colon <= 0 || /[\u0000-\u0008\u000e-\u001f]/.test(text)) return false;
  const [user, password] = [text.slice(0, colon), text.slice(colon + 1)];
  if (/[\s{}"]/.test(user)) return false;
  if (password === '') return user.length >= 6 && isPlausibleSecretInUse(user);
  return password !== user && isPlausibleSecretInUse(password);
}

/**
 * The judgement for a secret whose place already says "credential" (a `.netrc` password, a URL's
 * password, Basic auth): shorter values and plain words count, since the place is the evidence;
 * placeholders, references, masks and self-descriptions (`password`, `changeme`) still do not.
 */
export function isPlausibleSecretInUse(value: string): boolean {
  if (value.length < 3 || /\s/.test(value) || /^\d{1,5}$/.test(value)) return false;
  if (notPasswords.has(value.toLowerCase()) || selfDescribing.test(value) || masks.test(value)) return false;
  if (isWordsOfALanguage(value) || (/^[a-z]+$/.test(value) && fixtureWord.test(value))) return false;
  if (/^(.)\1+$/.test(value)) return false; // yyy, 0000
  if (value.includes('.') && isIdentifierPath(value)) return false;
  return !references.some((reference) => reference.test(value)) && !isPlaceholder(value);
}
