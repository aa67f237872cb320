/**
 * Infrastructure and developer-platform credentials: clouds (AWS, Azure, GCP, Alibaba, Tencent,
 * DigitalOcean, ...), forges and registries (GitHub, GitLab, npm, PyPI, ...), CI/CD, secret stores
 * and observability. Each pattern is written from the vendor's documented token format: a prefix
 * where the vendor has one (found anywhere: YAML, JSON, .env, URLs, headers, bare lines), else a
 * named assignment (`DD_API_KEY=…`, `"sauce_access_key": "…"`), so an unprefixed uuid or hex string
 * is only a secret where its name says whose it is.
 */
import { createHash } from 'node:crypto';
import { type SecretDetector } from './kit';
import { nearbyPattern, nearFormatOf } from './nearby';
import { isPlaceholder, shannonEntropy } from './placeholders';

const base62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

const crcTable = Array.from({ length: 256 }, (_, index) => {
  let crc = index;
  for (let bit = 0; bit < 8; bit += 1) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  return crc >>> 0;
});

/** CRC-32 (IEEE, as zlib computes it) of an ASCII string. */
export function crc32(text: string): number {
  let crc = 0xffffffff;
  for (let index = 0; index < text.length; index += 1) {
    crc = crcTable[(crc ^ text.charCodeAt(index)) & 0xff] ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** `value` in base62 (0-9, A-Z, a-z), left-padded with `0` to `width`. */
export function toBase62(value: number, width: number): string {
  let digits = '';
  let rest = value;
  do {
    digits = base62[rest % 62] + digits;
    rest = Math.floor(rest / 62);
  } while (rest > 0);
  return digits.padStart(width, '0');
}

/**
 * GitHub's and npm's token format: 30 random base62 characters, then the CRC-32 of those 30 in
 * base62, padded to 6 (github.blog "Behind GitHub's new authentication token formats"; npm adopted
 * the same). `body` is the token without its `ghp_`/`npm_` prefix.
 */
export function hasBase62Checksum(body: string): boolean {
  if (body.length < 7) return false;
  const random = body.slice(0, -6);
  return toBase62(crc32(random), 6) === body.slice(-6);
}

// ---- judgements shared by the detectors below ----------------------------------------------

/**
 * The placeholder judgement on a token body. Long bodies (macaroons, session tokens) are judged on
 * their first 64 characters: a placeholder shows itself at once, and a long random body would
 * otherwise spell `fake` or `xxxx` somewhere by chance.
 */
const isPlaceholderBody = (body: string) => isPlaceholder(body.length > 64 ? body.slice(0, 64) : body);

/** The token's random part (what is left after the fixed vendor `prefix`) is not a placeholder. */
const afterPrefix =
  (prefix: RegExp) =>
  (secret: string): boolean =>
    !isPlaceholderBody(secret.replace(prefix, ''));

/** A value drawn from a mixed alphabet has both letters and digits; a word or a number does not. */
const hasLettersAndDigits = (value: string) => /\d/.test(value) && /[a-z]/i.test(value);

/** Random uuids and hex keys mix digits and a-f letters; `12345678-1234-…` and `aaaa…` do not. */
const randomMixed = (secret: string) => hasLettersAndDigits(secret) && !isPlaceholderBody(secret.replace(/-/g, ''));

/** `text` within `before` characters before and `after` after the match. */
const around = (match: RegExpExecArray, text: string, before: number, after: number) =>
  text.slice(Math.max(0, match.index - before), match.index + match[0].length + after);

const lineOf = (match: RegExpExecArray, text: string) => {
  const start = text.lastIndexOf('\n', match.index) + 1;
  const end = text.indexOf('\n', match.index + match[0].length);
  return text.slice(start, end === -1 ? undefined : end);
};

// ---- named assignments: a value whose shape is common (uuid, hex) but whose name says whose it is

const uuidValue = String.raw`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`;

/**
 * `<name>` then an assignment in any of the usual syntaxes (`NAME=v`, `export NAME="v"`,
 * `name: v`, `"name": "v"`, `name = 'v'`, `'name' => 'v'`, `name := "v"`, `NAME ?= v`,
 * `<name>v</name>` or its text on the next line, `--name v`, Go's `var name string = "v"`, PHP's
 * `$name .= "v"`, Make's `NAME :::= v`, `setProperty("NAME", "v")`, a JVM property `-Dname=v`),
 * then the value.
 * Names and values are this file's constants; every quantifier is bounded so a long line costs
 * a constant per start position.
 */
function named(name: string, value: string): RegExp {
  // eslint-disable-next-line paved-security/no-dynamic-regexp -- assembled from this file's constants only
  return new RegExp(
    String.raw`(?:(?<![A-Za-z0-9])|(?<=-D))(?:${name})[\w.-]{0,12}["'\x60]?(?:[ \t]{1,4}string)?\s{0,4}(?:[:=?|<>.,+]{1,4}|\s)\s{0,8}["'\x60]?(?<secret>${value})(?![A-Za-z0-9_+/-])`,
    'gi',
  );
}

/** Named detectors differ only in name, value and what: the rest is the same. */
function namedDetector(
  id: `paved/${string}`,
  what: string,
  keywords: readonly string[],
  name: string,
  value: string,
  accept: (secret: string, match: RegExpExecArray, text: string) => boolean = randomMixed,
): SecretDetector {
  const nearFormat = nearFormatOf(value);
  // A value just missing the format under the vendor's name is that vendor's to refuse (vendor-shapes.ts).
  return {
    id,
    what,
    keywords,
    pattern: named(name, value),
    accept,
    ...(nearFormat && { owns: { names: keywords, nearFormat } }),
  };
}

const dataCenterNames = ['jira', 'confluence', 'atlassian'];

/** 44 base64 characters that decode to a numeric token id, a colon and the random bytes. */
function isDataCenterPat(value: string): boolean {
  if (!/^[A-Za-z0-9+/]{44}$/.test(value)) return false;
  return /^\d{1,20}:[^]{8}/.test(Buffer.from(value, 'base64').toString('latin1'));
}

// ---- AWS -----------------------------------------------------------------------------------

// Key id prefixes AWS documents (IAM unique-id prefixes: access keys AKIA, temporary ASIA, ...);
// 16 characters follow (base32 today, [A-Z0-9] in older ids).
const awsKeyIdSource = String.raw`(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|APKA)[A-Z0-9]{16}`;
const awsKeyIdKeywords = [
  'akia',
  'asia',
  'abia',
  'acca',
  'agpa',
  'aida',
  'aroa',
  'aipa',
  'anpa',
  'anva',
  'apka',
  'a3t',
];
// eslint-disable-next-line paved-security/no-dynamic-regexp -- assembled from this file's constants only
const awsKeyIdNearby = new RegExp(String.raw`(?<![A-Z0-9])${awsKeyIdSource}(?![A-Z0-9])`);

/** 40 characters of base64 with upper and lower case: a git sha (lower-case hex) is not one. */
const awsSecretShape = (secret: string) =>
  /[A-Z]/.test(secret) && /[a-z]/.test(secret) && /\d/.test(secret) && !isPlaceholderBody(secret);

// Session tokens are base64 protobufs; these are the fixed openings of the ones STS issues.
const awsSessionOpenings = ['fwogzxivyxdz', 'iqojb3jpz2lux2vj', 'fqogzxivyxdz', 'aqodyxdz'];

const aws: SecretDetector[] = [
  {
    id: 'paved/aws-bedrock-api-key',
    what: 'Amazon Bedrock API key (long-lived)',
    keywords: ['absk'],
    // `ABSK` and base64 of `BedrockAPIKey-<id>:<secret>` (docs.aws.amazon.com/bedrock/latest/userguide/
    // api-keys-how.html): the encoded `BedrockAPIKey-` opens every key, the rest is the drawn part.
    pattern: /(?<![A-Za-z0-9+/])ABSKQmVkcm9ja0FQSUtleS[0-9][A-Za-z0-9+/]{100,300}={0,2}(?![A-Za-z0-9+/=])/g,
    accept: afterPrefix(/^ABSKQmVkcm9ja0FQSUtleS[0-9]/),
  },
  {
    id: 'paved/aws-access-key-id',
    what: 'AWS access key id',
    keywords: awsKeyIdKeywords,
    // eslint-disable-next-line paved-security/no-dynamic-regexp -- assembled from this file's constants only
    pattern: new RegExp(String.raw`(?<![A-Za-z0-9])${awsKeyIdSource}(?![A-Za-z0-9])`, 'g'),
    accept: afterPrefix(/^.{4}/),
  },
  namedDetector(
    'paved/aws-secret-access-key',
    'AWS secret access key',
    ['secret_access_key', 'secretaccesskey', 'secret-access-key', 'aws_secret', 'awssecret'],
    String.raw`aws[_.-]?secret(?:[_.-]?access)?(?:[_.-]?key)?|secret[_.-]?access[_.-]?key`,
    String.raw`[A-Za-z0-9/+]{40}`,
    awsSecretShape,
  ),
  {
    // A bare 40-character value is a secret key only next to a key id (credentials files, CSVs, docs).
    id: 'paved/aws-secret-access-key',
    what: 'AWS secret access key (next to an access key id)',
    keywords: awsKeyIdKeywords,
    pattern: /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g,
    accept: (secret, match, text) => awsSecretShape(secret) && awsKeyIdNearby.test(around(match, text, 400, 400)),
  },
  {
    id: 'paved/aws-session-token',
    what: 'AWS session token',
    keywords: awsSessionOpenings,
    pattern: /(?<![A-Za-z0-9/+])(?:FwoGZXIvYXdz|IQoJb3JpZ2luX2Vj|FQoGZXIvYXdz|AQoDYXdz)[A-Za-z0-9/+]{100,2000}={0,2}/g,
    accept: afterPrefix(/^(?:FwoGZXIvYXdz|IQoJb3JpZ2luX2Vj|FQoGZXIvYXdz|AQoDYXdz)/),
  },
  namedDetector(
    'paved/aws-session-token',
    'AWS session token',
    ['session_token', 'sessiontoken', 'security_token', 'session-token'],
    String.raw`aws[_.-]?(?:session|security)[_.-]?token|sessionToken`,
    String.raw`[A-Za-z0-9/+]{100,2000}={0,2}`,
    // `sessionToken` alone is any web app's: only in a file that is about AWS.
    (secret, _match, text) => !isPlaceholderBody(secret) && /aws|ASIA[A-Z0-9]{16}/i.test(text),
  ),
  {
    id: 'paved/aws-mws-auth-token',
    what: 'Amazon MWS auth token',
    keywords: ['amzn.mws.'],
    pattern:
      /(?<![A-Za-z0-9.])amzn\.mws\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![A-Za-z0-9-])/g,
    accept: (secret) => randomMixed(secret.slice(9)),
  },
];

// ---- Azure ---------------------------------------------------------------------------------

// Microsoft's identifiable keys carry a fixed signature at a fixed offset (storage `+ASt`, Cosmos
// DB `ACDb`, Service Bus `+ASb`, Event Hubs `+AEh`, Relay `+ARm`, Functions `AzFu`, Container
// Registry `+ACR`, Cognitive Search `AzSe`) and end in the base64 padding of their byte length.
const azureIdentifiableKeywords = ['+ast', 'acdb', '+asb', '+aeh', '+arm', 'azfu', '+acr', 'azse'];

/** Does a SAS signature sit in a SAS query (a signed version `sv=` or expiry `se=` nearby)? */
const inSasQuery = (match: RegExpExecArray, text: string) =>
  /(?:^|[?&;"'\s])(?:sv|se|sp|spr|srt|ss|sr)=/.test(around(match, text, 600, 300));

// The permissions a storage SAS grants, one letter each (blob, file, queue and table together).
const sasPermissionLetters = /^[racwdxyltfmeopiu]+$/;
const ipv4 = String.raw`(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}`;
// Built from the constant above only.
// eslint-disable-next-line paved-security/no-dynamic-regexp
const sasIpRange = new RegExp(`^${ipv4}(?:-${ipv4})?$`);

/**
 * Azure issues a SAS only with permissions it knows (`sp=rqx` has no `q`) and an allowed IP range
 * that is an address or a range of two (`sip=168.1.6` is neither): a query with other fields was
 * typed, not issued. A Logic Apps URL's `sp` is a path (`%2Ftriggers…`) and is not judged.
 */
function hasIssuableSasFields(match: RegExpExecArray, text: string): boolean {
  const start = text.slice(0, match.index).search(/[^\s"'`]*$/);
  const query = text.slice(start, match.index + match[0].length);
  const permissions = /(?<![\w%])sp=([A-Za-z]+)(?=&|$)/.exec(query)?.[1];
  const addresses = /(?<![\w%])sip=([^&]*)/.exec(query)?.[1];
  return (
    (permissions === undefined || sasPermissionLetters.test(permissions)) &&
    (addresses === undefined || sasIpRange.test(addresses))
  );
}

// The storage emulator's (Azurite's) account key is published by Microsoft and copied into
// countless tests; it opens nothing. Kept as a digest, so the file does not carry the key.
const publishedEmulatorKeyDigest = '0011cc25eb4320717494d2703e8cba85743e71b500283c21c8b88147992f9059';
export const isPublishedEmulatorKey = (secret: string) =>
  createHash('sha256').update(secret).digest('hex') === publishedEmulatorKeyDigest;

const sasBody = (secret: string) =>
  secret.replace(
    /%2[bBfF]|%3[dD]/g,
    (escape) => ({ '2b': '+', '2f': '/', '3d': '=' })[escape.slice(1).toLowerCase()] ?? '',
  );

const azure: SecretDetector[] = [
  {
    id: 'paved/azure-storage-account-key',
    what: 'Azure storage / Cosmos DB account key',
    keywords: ['accountkey', 'account_key', 'account-key', 'storage', 'cosmos', 'primarykey', 'primary_key'],
    // 64 random bytes in base64 under a name that says account, storage, Cosmos or primary key.
    pattern:
      /(?:account[_.-]?key|storage[\w.-]{0,16}key|cosmos[\w.-]{0,16}key|(?:primary|secondary)[_.-]?(?:master)?[_.-]?key)["']?\s{0,4}[:=]\s{0,4}["']?(?<secret>[A-Za-z0-9+/]{86}==)(?![A-Za-z0-9+/=])/gi,
    accept: (secret) => !isPlaceholderBody(secret.slice(0, -2)) && !isPublishedEmulatorKey(secret),
  },
  {
    id: 'paved/azure-identifiable-key',
    what: 'Azure identifiable key (storage, Cosmos DB, Service Bus, Event Hubs, Relay, Functions, ACR, Search)',
    keywords: azureIdentifiableKeywords,
    pattern:
      /(?<![A-Za-z0-9+/_-])(?:[A-Za-z0-9+/]{76}(?:\+ASt|ACDb)[A-Za-z0-9+/]{5}[AQgw]==|[A-Za-z0-9+/]{33}\+A(?:Sb|Eh|Rm)[A-Za-z0-9+/]{5}=|[A-Za-z0-9_-]{44}AzFu[A-Za-z0-9_-]{5}[AQgw]==|[A-Za-z0-9+/]{42}\+ACR[A-Za-z0-9+/]{6}|[A-Za-z0-9]{42}AzSe[A-D][A-Za-z0-9]{5})(?![A-Za-z0-9+/=_-])/g,
    accept: (secret) => !isPlaceholderBody(secret.replace(/(?:\+ASt|ACDb|\+ASb|\+AEh|\+ARm|AzFu|\+ACR|AzSe).*$/, '')),
  },
  {
    id: 'paved/azure-shared-access-key',
    what: 'Azure Service Bus / Event Hubs / IoT Hub shared access key',
    keywords: ['sharedaccesskey='],
    pattern: /SharedAccessKey=(?<secret>[A-Za-z0-9+/]{42,86}={0,2})(?![A-Za-z0-9+/=])/g,
    accept: (secret) => !isPlaceholderBody(secret.replace(/=+$/, '')),
  },
  {
    // SignalR / Web PubSub (`AccessKey=`) and App Configuration (`Secret=`) connection strings,
    // and Azure Cache for Redis (`password=` after a redis.cache.windows.net host).
    id: 'paved/azure-connection-string-key',
    what: 'Azure SignalR, Web PubSub, App Configuration or Redis access key',
    keywords: ['accesskey=', 'azconfig.io', 'redis.cache.windows.net'],
    pattern:
      /(?:AccessKey|(?<=azconfig\.io;Id=[^;\s]{1,64};)Secret|(?<=redis\.cache\.windows\.net:\d{2,5},)password)=(?<secret>[A-Za-z0-9+/]{42,86}={0,2})(?![A-Za-z0-9+/=])/g,
    accept: (secret, match, text) =>
      /Endpoint=|azconfig\.io|redis\.cache\.windows\.net/.test(lineOf(match, text)) &&
      !isPlaceholderBody(secret.replace(/=+$/, '')),
    // App Configuration's connection string is `Endpoint=…;Id=…;Secret=…`; a `Secret=` of a key's
    // length after an azconfig.io endpoint that lacks its `Id` is a broken connection string.
    owns: { names: ['azconfig'], nearFormat: (value) => /^[A-Za-z0-9+/]{42,86}={0,2}$/.test(value) },
  },
  {
    // API Management's git repository credential: `git&<expiry, yyyyMMddHHmm>&<64 bytes in base64>`.
    id: 'paved/azure-apim-repository-key',
    what: 'Azure API Management repository (git) password',
    keywords: ['git&'],
    pattern: /(?<![A-Za-z0-9&])(?<secret>git&\d{12}&[A-Za-z0-9+/]{86}==)(?![A-Za-z0-9+/=])/g,
    accept: (secret) => !isPlaceholderBody(secret.slice(17, -2)),
    // The same shape with a short expiry or its padding cut is a mangled one, not another credential.
    owns: {
      names: ['azure'],
      nearFormat: (value) =>
        /^git&\d{6,14}&[A-Za-z0-9+/]{80,90}={0,2}$/.test(value) && !/^git&\d{12}&[A-Za-z0-9+/]{86}==$/.test(value),
    },
  },
  {
    // Azure Functions keys in an invocation URL: `https://<app>.azurewebsites.net/api/<fn>?code=…`.
    id: 'paved/azure-function-key',
    what: 'Azure Functions key',
    keywords: ['azurewebsites.net'],
    pattern:
      /(?<=\.azurewebsites\.net\/[^\s"']{0,300}[?&])code=(?<secret>[A-Za-z0-9_-]{40,90}={0,2})(?![A-Za-z0-9_=-])/g,
    accept: (secret) => !isPlaceholderBody(secret.replace(/=+$/, '')),
  },
  {
    // Microsoft's common annotated security keys (Azure AI, new Azure DevOps PATs, ...): 52 random
    // characters, then the `JQQJ9` signature.
    id: 'paved/azure-annotated-key',
    what: 'Azure annotated security key',
    keywords: ['jqqj9'],
    pattern: /(?<![A-Za-z0-9])[A-Za-z0-9]{52}JQQJ9[9DH][A-Za-z0-9]{26}(?![A-Za-z0-9])/g,
    accept: (secret) => !isPlaceholderBody(secret.slice(0, 52)),
  },
  {
    id: 'paved/azure-sas-token',
    what: 'Azure shared access signature (SAS) token signature',
    keywords: ['sig='],
    pattern: /(?<![A-Za-z0-9_])sig=(?<secret>(?:[A-Za-z0-9+/]|%2[BbFf]){42,86}(?:%3[Dd]|=){0,2})(?![A-Za-z0-9+/%])/g,
    accept: (secret, match, text) =>
      inSasQuery(match, text) &&
      hasIssuableSasFields(match, text) &&
      !isPlaceholderBody(sasBody(secret).replace(/=+$/, '')),
  },
  {
    // Entra ID (Azure AD) application secrets: 3 characters, a digit, `Q~`, then 31-34 more.
    id: 'paved/azure-ad-client-secret',
    what: 'Azure AD (Entra ID) client secret',
    keywords: ['q~'],
    pattern: /(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~-])/g,
    accept: (secret) => hasLettersAndDigits(secret.slice(6)) && !isPlaceholderBody(secret.slice(6)),
  },
  namedDetector(
    'paved/azure-ad-client-secret',
    'Azure AD (Entra ID) client secret',
    ['azure', 'arm_client', 'aad', 'entra'],
    String.raw`(?:azure|arm|aad|entra)[\w.-]{0,24}client[_.-]?secret`,
    String.raw`[A-Za-z0-9_~.-]{32,44}`,
    (secret) => hasLettersAndDigits(secret) && !isPlaceholderBody(secret),
  ),
  namedDetector(
    // Older secrets have no `Q~` marker: a `ClientSecret` is Entra's only in a file about Azure
    // (an `AzureAd` section, a login.microsoftonline.com authority, a tenant id).
    'paved/azure-ad-client-secret',
    'Azure AD (Entra ID) client secret',
    ['client_secret', 'clientsecret', 'client-secret'],
    String.raw`client[_.-]?secret`,
    String.raw`[A-Za-z0-9_~.+/=-]{32,44}`,
    (secret, _match, text) =>
      /azure|microsoftonline|tenant[_-]?id/i.test(text) && hasLettersAndDigits(secret) && !isPlaceholderBody(secret),
  ),
  {
    // The 84-character format: 52 random characters, Microsoft's signature, `AZDO` at 76-80.
    id: 'paved/azure-devops-pat',
    what: 'Azure DevOps personal access token',
    keywords: ['azdo'],
    pattern: /(?<![A-Za-z0-9])[A-Za-z0-9]{76}AZDO[A-Za-z0-9]{4}(?![A-Za-z0-9])/g,
    accept: (secret) => !isPlaceholderBody(secret.slice(0, 52)),
  },
  {
    // The 52-character format: base32 (lower-case) of a 256-bit key, only where Azure DevOps is named.
    id: 'paved/azure-devops-pat',
    what: 'Azure DevOps personal access token',
    keywords: [
      'dev.azure.com',
      'visualstudio.com',
      'devops',
      'vsts',
      'azdo',
      'ado_pat',
      'ado_token',
      'system_accesstoken',
    ],
    pattern: /(?<![A-Za-z0-9])[a-z2-7]{52}(?![A-Za-z0-9])/g,
    accept: (secret, match, text) =>
      /[2-7]/.test(secret) &&
      /[a-z]{2}/.test(secret) &&
      !isPlaceholderBody(secret) &&
      /dev\.azure\.com|visualstudio\.com|devops|vsts|azdo|\bado[_-]|system[_.]?accesstoken/i.test(
        around(match, text, 300, 300),
      ),
  },
];

// ---- Google Cloud ----------------------------------------------------------------------------

/** A PEM body in a JSON string (`\n` escapes): key material is a long base64 run, not a word. */
function pemBodyIsKeyMaterial(pem: string): boolean {
  const body = pem
    .replace(/-----(?:BEGIN|END) [A-Z ]{0,20}PRIVATE KEY-----/g, '')
    .replace(/\\[rn]/g, '')
    .replace(/\s/g, '');
  return /^[A-Za-z0-9+/]{100,}={0,2}$/.test(body) && shannonEntropy(body) >= 4.5 && !isPlaceholderBody(body);
}

// The API keys of Google's own Firebase SDK test suites (firebase-android-sdk, firebase-js-sdk's
// installations precondition tests): published by the vendor as sample values, copied into tests
// and scanners' fixtures, and shaped like any key, so only their digests can tell them. Kept as
// digests, so the file does not carry the keys.
const publishedFirebaseSampleKeyDigests = new Set([
  '2037abcaffb2b77785da716cf7ccff4ff4d00c4ea930db0167b7d71f50af7eb4',
  '3f370c9dd8225c63b5c77de1f785edc9712958f18bb612d5fa2e0ae33aeca682',
  'e4a5542bb7fd7b67e943c71ad29c34b5972c9840597e7eda53e666f44d5da0b9',
  'a19f89ab3555eac10c40741f6df79ecf0935998f15569f8db9d67bce0181fff6',
  '0b476bdf9acf2123d547b5ae76f1e59884d8ec9553ee0c47e9f31fd4768f3f3c',
  'eb540d2b6ee2a0a47c5779bc8a0141784c6b753840d4c6f4e2428a6e86e9e0b1',
  '37f8f09bdf12c2f2eae4ead7273a62ddb0c23459cbf902892f282b57f7ed6619',
  '8731261cb72d86267a32a532ebd3df429e2144e5e4ced7e13568bc9e6c8fb1b1',
  '49f777db995e8260da7ca9ffdf0c08d66f0453e97ec967018baf2cdfe3b582d0',
  '27a9a42931dff7eb2f8434e20a9bce976ea364e7bee49187f19d5cfeca9c7045',
  'dc0fcf046c61640cbd1e8b999ada3262d722c2ca4bf42dceac999020ffdbb614',
  '4c98242dcadc8b29005c6b4aad526552d5ea1842149154c0694adeec75847583',
  'ea9bb1082cf95663f5faca23b8b15ef2aa0fce0a5c6df9c32dcb85b2e0a4513d',
  '3a8b61d0f636b007840c0d40ba12bcf48465dc054cdc1a68704a33521d84b665',
  'a6c814bc555ae62c7bd8b58ec07bf559c7ed3a009976a1e0acc9cef0d4473b41',
]);
const isPublishedFirebaseSampleKey = (secret: string) =>
  publishedFirebaseSampleKeyDigests.has(createHash('sha256').update(secret).digest('hex'));

const gcp: SecretDetector[] = [
  {
    id: 'paved/gcp-service-account-key',
    what: 'Google Cloud service account private key',
    keywords: ['service_account', 'gserviceaccount'],
    pattern:
      /["']?private_key["']?\s{0,4}[:=]\s{0,4}["'](?<secret>-----BEGIN (?:RSA )?PRIVATE KEY-----[A-Za-z0-9+/=\\\s]{100,8000}?-----END (?:RSA )?PRIVATE KEY-----)/g,
    accept: (secret, match, text) =>
      /"type"\s*:\s*"service_account"|gserviceaccount\.com/.test(text) && pemBodyIsKeyMaterial(secret),
  },
  {
    id: 'paved/google-api-key',
    what: 'Google API key',
    keywords: ['aiza'],
    pattern: /(?<![A-Za-z0-9_-])AIza[A-Za-z0-9_-]{35}(?![A-Za-z0-9_-])/g,
    accept: (secret) => afterPrefix(/^AIza(?:Sy)?/)(secret) && !isPublishedFirebaseSampleKey(secret),
  },
  {
    id: 'paved/google-oauth-client-secret',
    what: 'Google OAuth client secret',
    keywords: ['gocspx-'],
    pattern: /(?<![A-Za-z0-9_-])GOCSPX-[A-Za-z0-9_-]{28}(?![A-Za-z0-9_-])/g,
    accept: afterPrefix(/^GOCSPX-/),
  },
  {
    id: 'paved/google-oauth-access-token',
    what: 'Google OAuth access token',
    keywords: ['ya29.'],
    pattern: /(?<![A-Za-z0-9_.-])ya29\.[A-Za-z0-9_.-]{30,2000}(?![A-Za-z0-9_-])/g,
    accept: afterPrefix(/^ya29\.(?:[a-z]\.)?/),
  },
  {
    // Google OAuth refresh tokens: `1//0` and 60 or more base64url characters; they mint access
    // tokens until revoked.
    id: 'paved/google-oauth-refresh-token',
    what: 'Google OAuth refresh token',
    keywords: ['1//0'],
    pattern: /(?<![\w/:.-])1\/\/0[A-Za-z0-9_-]{60,400}(?![\w-])/g,
    accept: (secret) => !isPlaceholderBody(secret.slice(4)) && /\d/.test(secret.slice(4)) && /[A-Z]/.test(secret),
  },
  {
    // Firebase Cloud Messaging legacy server key: `AAAA`, 7 characters of the sender's key id, `:APA91b`
    // and 134 base64url characters. It sends push messages to every install of the app.
    id: 'paved/firebase-cloud-messaging-server-key',
    what: 'Firebase Cloud Messaging server key',
    keywords: [':apa91b'],
    pattern: /(?<![A-Za-z0-9_-])AAAA[A-Za-z0-9_-]{7}:APA91b[A-Za-z0-9_-]{134}(?![A-Za-z0-9_-])/g,
    accept: (secret) => !isPlaceholder(secret.slice(secret.indexOf(':') + 7)),
  },
];

// ---- forges and package registries -----------------------------------------------------------

/** A token with the base62 CRC-32 suffix: a valid checksum is proof, else it must not be a placeholder. */
const checksummed = (prefixLength: number) => (secret: string) => {
  const body = secret.slice(prefixLength);
  return (body.length === 36 && hasBase62Checksum(body)) || !isPlaceholderBody(body);
};

const forges: SecretDetector[] = [
  {
    id: 'paved/github-token',
    what: 'GitHub token (personal, OAuth, user-to-server, server-to-server or refresh)',
    keywords: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'],
    pattern: /(?<![A-Za-z0-9_])gh[pousr]_[A-Za-z0-9]{36,251}(?![A-Za-z0-9_])/g,
    accept: checksummed(4),
  },
  {
    id: 'paved/github-fine-grained-pat',
    what: 'GitHub fine-grained personal access token',
    keywords: ['github_pat_'],
    // Issued as 22 characters, `_`, 59; any 82 word characters after the prefix are read as one
    // (as gitleaks reads them), and each part is judged on its own.
    pattern: /(?<![A-Za-z0-9_])github_pat_\w{82}(?![A-Za-z0-9_])/g,
    accept: (secret) =>
      secret
        .slice(11)
        .split('_')
        .every((part) => part.length === 0 || !isPlaceholderBody(part)),
  },
  namedDetector(
    // Before 2021 GitHub tokens were 40 hex digits: a secret only under a GitHub name.
    'paved/github-token',
    'GitHub token (legacy format)',
    ['github', 'gh_'],
    String.raw`(?:github|gh)[\w.-]{0,24}(?:token|pat|secret|key)`,
    String.raw`[a-f0-9]{40}`,
  ),
  namedDetector(
    'paved/gitlab-token',
    'GitLab token (legacy format)',
    ['gitlab'],
    String.raw`gitlab[\w.-]{0,24}(?:token|pat|key)`,
    String.raw`[A-Za-z0-9_-]{20}`,
    (secret) =>
      hasLettersAndDigits(secret) && /[A-Z]/.test(secret) && /[a-z]/.test(secret) && !isPlaceholderBody(secret),
  ),
  {
    id: 'paved/gitlab-token',
    what: 'GitLab token',
    keywords: [
      'glpat-',
      'gldt-',
      'glrt-',
      'glrtr-',
      'glptt-',
      'glsoat-',
      'glft-',
      'glffct-',
      'glimt-',
      'glagent-',
      'gloas-',
      'glcbt-',
      'glwt-',
      'gr1348941',
    ],
    // Lengths are those GitLab generates: Devise's friendly_token (20, up to 50) for most, SecureRandom.hex
    // for trigger tokens (20 bytes: 40) and OAuth application secrets (32 bytes: 64), 25 for
    // incoming-mail tokens, 50 or more for agent tokens; the routable format carries `.01.<crc>`.
    pattern:
      /(?<![A-Za-z0-9_-])(?:glpat-[A-Za-z0-9_-]{27,300}\.[0-9a-z]{2}\.[0-9a-z]{7,9}|(?:glpat|gldt|glrtr?|glsoat|glft|glffct|glwt)-[A-Za-z0-9_-]{20,50}|glptt-[A-Za-z0-9_-]{40}|glimt-[A-Za-z0-9_-]{25}|glagent-[A-Za-z0-9_-]{50,1024}|gloas-[A-Za-z0-9_-]{64}|glcbt-[0-9a-zA-Z]{1,5}_[A-Za-z0-9_-]{20,64}|GR1348941[A-Za-z0-9_-]{20,50})(?![A-Za-z0-9_-])/g,
    accept: afterPrefix(/^(?:GR1348941|glcbt-[0-9a-zA-Z]{1,5}_|[a-z]{3,8}-)/),
  },
  {
    id: 'paved/bitbucket-app-password',
    what: 'Bitbucket app password',
    keywords: ['atbb'],
    pattern: /(?<![A-Za-z0-9_-])ATBB[A-Za-z0-9_=.-]{32}(?![A-Za-z0-9_=.-])/g,
    accept: afterPrefix(/^ATBB/),
  },
  {
    id: 'paved/atlassian-api-token',
    what: 'Atlassian (Jira, Confluence) API token',
    keywords: ['atatt3', 'atctt3'],
    pattern: /(?<![A-Za-z0-9_-])AT[AC]TT3[A-Za-z0-9_=-]{150,250}(?![A-Za-z0-9_=-])/g,
    accept: afterPrefix(/^AT[AC]TT3xFfG[A-Z0-9]0/),
  },
  namedDetector(
    'paved/atlassian-api-token',
    'Atlassian (Jira, Confluence) API token',
    ['jira', 'atlassian', 'confluence'],
    String.raw`(?:jira|atlassian|confluence)[\w.-]{0,24}(?:api[_.-]?)?(?:token|key|secret|pass(?:word)?)`,
    String.raw`[A-Za-z0-9]{24}`,
  ),
  {
    // Jira and Confluence Data Center PATs: 44 base64 characters of `<numeric token id>:<20 random
    // bytes>`, so the text opens with a base64 digit (`M`, `N`, `O`) and decodes to digits and a colon.
    id: 'paved/atlassian-data-center-pat',
    what: 'Jira / Confluence Data Center personal access token',
    keywords: dataCenterNames,
    pattern: nearbyPattern(dataCenterNames, String.raw`[MNO][A-Za-z0-9+/]{43}`),
    accept: (secret, match, text) => {
      // The base64 must end here: a longer or padded string is some other blob.
      const after = text[(match.index ?? 0) + match[0].length] ?? '';
      return !/[A-Za-z0-9+/=]/.test(after) && isDataCenterPat(secret) && !isPlaceholder(secret.slice(16));
    },
    // A base64 value of about a PAT's length under a Jira or Confluence name that does not decode
    // as one is a mangled PAT, not some other credential.
    owns: {
      names: dataCenterNames,
      nearFormat: (value) => /^[A-Za-z0-9+/]{40,48}={0,2}$/.test(value) && !isDataCenterPat(value),
    },
  },
  {
    // Bitbucket Data Center HTTP access tokens: `BBDC-` and the same 44 base64 characters of
    // `<numeric token id>:<random bytes>` as Jira's and Confluence's PATs.
    id: 'paved/bitbucket-data-center-token',
    what: 'Bitbucket Data Center HTTP access token',
    keywords: ['bbdc-'],
    pattern: /(?<![A-Za-z0-9_-])BBDC-[A-Za-z0-9+/]{44}(?![A-Za-z0-9+/=_-])/g,
    accept: (secret) => isDataCenterPat(secret.slice(5)) && !isPlaceholder(secret.slice(21)),
  },
  {
    id: 'paved/npm-token',
    what: 'npm access token',
    keywords: ['npm_'],
    pattern: /(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9_])/g,
    accept: checksummed(4),
  },
  namedDetector(
    'paved/npm-token',
    'npm access token (legacy format)',
    ['npm'],
    String.raw`npm[\w.-]{0,24}(?:token|auth)`,
    uuidValue,
  ),
  {
    // A macaroon: base64url of a binary header that names its location, pypi.org or test.pypi.org.
    id: 'paved/pypi-token',
    what: 'PyPI API token',
    keywords: ['pypi-ageichlwas5vcmc', 'pypi-agendgvzdc5wexbplm9yzw'],
    pattern: /(?<![A-Za-z0-9_-])pypi-Ag(?:EIcHlwaS5vcmc|ENdGVzdC5weXBpLm9yZw)[A-Za-z0-9_-]{50,1000}(?![A-Za-z0-9_-])/g,
    accept: afterPrefix(/^pypi-Ag(?:EIcHlwaS5vcmc|ENdGVzdC5weXBpLm9yZw)/),
  },
  {
    id: 'paved/rubygems-api-key',
    what: 'RubyGems API key',
    keywords: ['rubygems_'],
    pattern: /(?<![A-Za-z0-9_])rubygems_[a-f0-9]{48}(?![A-Za-z0-9_])/g,
    accept: afterPrefix(/^rubygems_/),
  },
  {
    id: 'paved/crates-io-token',
    what: 'crates.io API token',
    keywords: ['cio'],
    pattern: /(?<![A-Za-z0-9_])cio[A-Za-z0-9]{32}(?![A-Za-z0-9_])/g,
    accept: (secret) =>
      /[A-Z]/.test(secret) && hasLettersAndDigits(secret.slice(3)) && !isPlaceholderBody(secret.slice(3)),
  },
  {
    id: 'paved/nuget-api-key',
    what: 'NuGet API key',
    keywords: ['oy2'],
    pattern: /(?<![A-Za-z0-9_])oy2[a-z0-9]{43}(?![A-Za-z0-9_])/g,
    accept: (secret) => hasLettersAndDigits(secret.slice(3)) && !isPlaceholderBody(secret.slice(3)),
  },
  {
    id: 'paved/docker-hub-token',
    what: 'Docker Hub access token',
    keywords: ['dckr_pat_', 'dckr_oat_'],
    pattern: /(?<![A-Za-z0-9_])dckr_(?:pat|oat)_[A-Za-z0-9_-]{27,32}(?![A-Za-z0-9_-])/g,
    accept: afterPrefix(/^dckr_[a-z]{3}_/),
  },
  {
    id: 'paved/jfrog-token',
    what: 'JFrog Artifactory API key or reference token',
    keywords: ['akcp', 'cmvmdgtu'],
    pattern: /(?<![A-Za-z0-9+/])(?:AKCp[A-Za-z0-9]{69}|cmVmdGtu[A-Za-z0-9]{56})(?![A-Za-z0-9+/])/g,
    // A reference token is base64 of `reftkn:01:<10-digit expiry>:<random>`: the first 28 characters
    // are that fixed opening (an expiry of zeros, "never", is what repeats), only the rest is random.
    accept: afterPrefix(/^(?:AKCp|cmVmdGtu[A-Za-z0-9]{20})/),
  },
  namedDetector(
    'paved/jfrog-token',
    'JFrog Artifactory API key or identity token',
    ['jfrog', 'artifactory', 'bintray', 'xray'],
    String.raw`(?:jfrog|artifactory|bintray|xray)[\w.-]{0,24}(?:key|token|secret|password)`,
    String.raw`[A-Za-z0-9]{64}(?:[A-Za-z0-9]{9})?`,
  ),
  namedDetector(
    'paved/bitbucket-client-secret',
    'Bitbucket OAuth consumer secret',
    ['bitbucket'],
    String.raw`bitbucket[\w.-]{0,24}secret`,
    String.raw`[A-Za-z0-9_=-]{32,64}`,
  ),
];

// ---- hosting and platforms -------------------------------------------------------------------

const platforms: SecretDetector[] = [
  {
    id: 'paved/flyio-token',
    what: 'Fly.io access token',
    keywords: ['fo1_', 'fm1r_', 'fm1a_', 'fm2_'],
    pattern:
      /(?<![A-Za-z0-9_])(?:fo1_[A-Za-z0-9_-]{43}|fm(?:1[ar]|2)_[A-Za-z0-9+/=_,-]{60,4000})(?![A-Za-z0-9+/=_,-])/g,
    accept: afterPrefix(/^f[om][12][ar]?_/),
  },
  {
    id: 'paved/heroku-api-key',
    what: 'Heroku API key',
    keywords: ['hrku-'],
    pattern:
      /(?<![A-Za-z0-9_-])HRKU-(?:AA[A-Za-z0-9_-]{58}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?![A-Za-z0-9_-])/g,
    accept: (secret) => randomMixed(secret.replace(/^HRKU-(?:AA)?/, '')),
  },
  namedDetector(
    'paved/heroku-api-key',
    'Heroku API key',
    ['heroku'],
    String.raw`heroku[\w.-]{0,24}(?:api[_.-]?)?(?:key|token|secret|auth)`,
    uuidValue,
  ),
  {
    id: 'paved/digitalocean-token',
    what: 'DigitalOcean personal access, OAuth or refresh token',
    keywords: ['dop_v1_', 'doo_v1_', 'dor_v1_'],
    pattern: /(?<![A-Za-z0-9_])do[opr]_v1_[a-f0-9]{64}(?![A-Za-z0-9_])/g,
    accept: afterPrefix(/^do[opr]_v1_/),
  },
  {
    id: 'paved/scalingo-api-token',
    what: 'Scalingo API token',
    keywords: ['tk-us-'],
    pattern: /(?<![A-Za-z0-9_-])tk-us-[A-Za-z0-9_-]{48}(?![A-Za-z0-9_-])/g,
    accept: afterPrefix(/^tk-us-/),
  },
  {
    id: 'paved/pulumi-access-token',
    what: 'Pulumi access token',
    keywords: ['pul-'],
    pattern: /(?<![A-Za-z0-9_-])pul-[a-f0-9]{40}(?![A-Za-z0-9_-])/g,
    accept: afterPrefix(/^pul-/),
  },
  {
    id: 'paved/netlify-token',
    what: 'Netlify personal access token',
    keywords: ['nfp_'],
    pattern: /(?<![A-Za-z0-9_])nfp_[A-Za-z0-9]{36,44}(?![A-Za-z0-9_])/g,
    accept: afterPrefix(/^nfp_/),
  },
  namedDetector(
    'paved/netlify-token',
    'Netlify access token',
    ['netlify'],
    String.raw`netlify[\w.-]{0,24}(?:token|key|auth)`,
    String.raw`[A-Za-z0-9_-]{40,46}`,
  ),
  {
    // Vercel's prefixed tokens: personal (vcp_), integration (vci_), app access (vca_), app refresh
    // (vcr_) and AI Gateway keys (vck_).
    id: 'paved/vercel-token',
    what: 'Vercel token',
    keywords: ['vcp_', 'vci_', 'vca_', 'vcr_', 'vck_'],
    pattern: /(?<![A-Za-z0-9_])vc[pikar]_[A-Za-z0-9]{24,60}(?![A-Za-z0-9_])/g,
    accept: afterPrefix(/^vc[a-z]_/),
  },
  namedDetector(
    'paved/vercel-token',
    'Vercel access token',
    ['vercel'],
    String.raw`vercel[\w.-]{0,24}(?:token|key|secret)`,
    String.raw`[A-Za-z0-9]{24}`,
  ),
  {
    id: 'paved/render-api-key',
    what: 'Render API key',
    keywords: ['rnd_'],
    pattern: /(?<![A-Za-z0-9_])rnd_[A-Za-z0-9]{32}(?![A-Za-z0-9_])/g,
    accept: afterPrefix(/^rnd_/),
  },
  {
    id: 'paved/alibaba-access-key-id',
    what: 'Alibaba Cloud AccessKey ID',
    keywords: ['ltai'],
    pattern: /(?<![A-Za-z0-9])LTAI[A-Za-z0-9]{12,20}(?![A-Za-z0-9])/g,
    accept: (secret) => hasLettersAndDigits(secret.slice(4)) && !isPlaceholderBody(secret.slice(4)),
  },
  namedDetector(
    'paved/alibaba-access-key-secret',
    'Alibaba Cloud AccessKey secret',
    ['alibaba', 'aliyun', 'alicloud', 'access_key_secret', 'accesskeysecret'],
    String.raw`(?:alibaba|aliyun|alicloud)[\w.-]{0,24}secret|access[_.-]?key[_.-]?secret`,
    String.raw`[A-Za-z0-9]{30}`,
  ),
  {
    id: 'paved/tencent-secret-id',
    what: 'Tencent Cloud SecretId',
    keywords: ['akid'],
    pattern: /(?<![A-Za-z0-9])AKID[A-Za-z0-9]{32}(?![A-Za-z0-9])/g,
    accept: (secret) => hasLettersAndDigits(secret.slice(4)) && !isPlaceholderBody(secret.slice(4)),
  },
  namedDetector(
    'paved/tencent-secret-key',
    'Tencent Cloud SecretKey',
    ['tencent', 'qcloud'],
    String.raw`(?:tencent(?:cloud)?|qcloud)[\w.-]{0,24}secret[_.-]?key`,
    String.raw`[A-Za-z0-9]{32}`,
  ),
  {
    id: 'paved/cloudflare-origin-ca-key',
    what: 'Cloudflare Origin CA key',
    keywords: ['v1.0-'],
    pattern: /(?<![A-Za-z0-9_.-])v1\.0-[a-f0-9]{24}-[a-f0-9]{146}(?![A-Za-z0-9_-])/g,
    accept: afterPrefix(/^v1\.0-/),
  },
  {
    // Cloudflare's prefixed formats: `cfk_` (global key), `cfut_` (user token), `cfat_` (account
    // token); 40 random characters, then their CRC-32 in 8 lower-case hex digits.
    id: 'paved/cloudflare-api-token',
    what: 'Cloudflare API token or key',
    keywords: ['cfk_', 'cfut_', 'cfat_'],
    pattern: /(?<![A-Za-z0-9_])cf(?:k|ut|at)_[A-Za-z0-9]{40}[0-9a-f]{8}(?![A-Za-z0-9_])/g,
    accept: (secret) => {
      const body = secret.slice(secret.indexOf('_') + 1, -8);
      return crc32(body).toString(16).padStart(8, '0') === secret.slice(-8) || !isPlaceholderBody(body);
    },
  },
  namedDetector(
    'paved/cloudflare-api-token',
    'Cloudflare API token',
    ['cloudflare', 'cf_api', 'cf-api', 'cf_token'],
    String.raw`(?:cloudflare|cf)[\w.-]{0,24}(?:token|key)`,
    String.raw`[A-Za-z0-9_-]{40}`,
  ),
  namedDetector(
    'paved/cloudflare-global-api-key',
    'Cloudflare global API key',
    ['cloudflare', 'cf_api', 'cf-api', 'cf_key'],
    String.raw`(?:cloudflare|cf)[\w.-]{0,24}(?:api[_.-]?)?key`,
    String.raw`[a-f0-9]{37}`,
  ),
  {
    id: 'paved/planetscale-token',
    what: 'PlanetScale service token, OAuth token or database password',
    keywords: ['pscale_tkn_', 'pscale_pw_', 'pscale_oauth_'],
    pattern: /(?<![A-Za-z0-9_])pscale_(?:tkn|pw|oauth)_[A-Za-z0-9_.=-]{32,64}(?![A-Za-z0-9_.=-])/g,
    accept: afterPrefix(/^pscale_[a-z]+_/),
  },
  namedDetector(
    'paved/hetzner-cloud-token',
    'Hetzner Cloud API token',
    ['hcloud', 'hetzner'],
    String.raw`(?:hcloud|hetzner)[\w.-]{0,24}(?:token|key)`,
    String.raw`[A-Za-z0-9]{64}`,
  ),
  namedDetector(
    'paved/linode-token',
    'Linode (Akamai) personal access token',
    ['linode'],
    String.raw`linode[\w.-]{0,24}(?:token|key)`,
    String.raw`[a-f0-9]{64}`,
  ),
  namedDetector(
    'paved/scaleway-secret-key',
    'Scaleway secret key',
    ['scw_', 'scaleway'],
    String.raw`(?:scw|scaleway)[\w.-]{0,24}secret[_.-]?key`,
    uuidValue,
  ),
  namedDetector(
    'paved/vultr-api-key',
    'Vultr API key',
    ['vultr'],
    String.raw`vultr[\w.-]{0,24}(?:token|key)`,
    String.raw`[A-Z0-9]{36}`,
  ),
];

// ---- CI/CD, code quality, developer tools ----------------------------------------------------

const devtools: SecretDetector[] = [
  {
    id: 'paved/circleci-token',
    what: 'CircleCI personal or project API token',
    keywords: ['ccipat_', 'cciprj_'],
    pattern: /(?<![A-Za-z0-9_])CCIP(?:AT|RJ)_[A-Za-z0-9]{22}_[a-f0-9]{40}(?![A-Za-z0-9_])/g,
    accept: (secret) => !isPlaceholderBody(secret.slice(30)),
  },
  {
    id: 'paved/buildkite-token',
    what: 'Buildkite API access token',
    keywords: ['bkua_'],
    pattern: /(?<![A-Za-z0-9_])bkua_[a-f0-9]{40}(?![A-Za-z0-9_])/g,
    accept: afterPrefix(/^bkua_/),
  },
  {
    id: 'paved/sonar-token',
    what: 'SonarQube / SonarCloud token',
    // SonarQube user, project and analysis tokens: a prefix and 40 hex; SonarQube Cloud's newer
    // tokens: `sqco_` and 59 alphanumerics.
    keywords: ['squ_', 'sqp_', 'sqa_', 'sqco_'],
    pattern: /(?<![A-Za-z0-9_])(?:sq[upa]_[a-f0-9]{40}|sqco_[A-Za-z0-9]{59})(?![A-Za-z0-9_])/g,
    accept: afterPrefix(/^sq(?:[upa]|co)_/),
  },
  namedDetector(
    'paved/sonar-token',
    'SonarQube / SonarCloud token',
    ['sonar'],
    String.raw`sonar[\w.-]{0,24}(?:token|login|key|password)`,
    String.raw`[a-f0-9]{40}`,
  ),
  {
    // TeamCity's access tokens are JWT-shaped with a fixed header: {"typ": "TCV2"}.
    id: 'paved/teamcity-token',
    what: 'TeamCity access token',
    keywords: ['eyj0exaioiaivenwmij9'],
    pattern: /(?<![A-Za-z0-9_-])eyJ0eXAiOiAiVENWMiJ9\.[A-Za-z0-9_-]{30,60}\.[A-Za-z0-9_-]{40,80}(?![A-Za-z0-9_-])/g,
    accept: afterPrefix(/^eyJ0eXAiOiAiVENWMiJ9\./),
  },
  {
    id: 'paved/postman-api-key',
    what: 'Postman API key',
    keywords: ['pmak-'],
    pattern: /(?<![A-Za-z0-9_-])PMAK-[a-f0-9]{24}-[a-f0-9]{34}(?![A-Za-z0-9_-])/g,
    accept: (secret) => !isPlaceholderBody(secret.slice(30)),
  },
  {
    id: 'paved/databricks-token',
    what: 'Databricks personal access token',
    keywords: ['dapi'],
    pattern: /(?<![A-Za-z0-9_])dapi[a-f0-9]{32}(?:-\d)?(?![A-Za-z0-9_-])/g,
    accept: (secret) => randomMixed(secret.slice(4, 36)),
  },
  namedDetector(
    'paved/snyk-token',
    'Snyk API token',
    ['snyk'],
    String.raw`snyk[\w.-]{0,24}(?:token|key|auth)`,
    uuidValue,
  ),
  namedDetector(
    'paved/sauce-labs-access-key',
    'Sauce Labs access key',
    ['sauce'],
    String.raw`sauce[\w.-]{0,24}(?:key|token)`,
    uuidValue,
  ),
  namedDetector(
    'paved/codeclimate-reporter-id',
    'Code Climate test reporter id',
    ['cc_test_reporter_id', 'codeclimate'],
    // The reporter id uploads coverage as the repository: 64 hex under its documented variable.
    String.raw`(?:cc_test_reporter_id|codeclimate[\w.-]{0,24}(?:reporter[_.-]?id|token))`,
    String.raw`[0-9a-f]{64}`,
  ),
  namedDetector(
    'paved/codecov-token',
    'Codecov upload token',
    ['codecov'],
    String.raw`codecov[\w.-]{0,24}token`,
    uuidValue,
  ),
  namedDetector(
    'paved/jenkins-api-token',
    'Jenkins API token',
    ['jenkins'],
    String.raw`jenkins[\w.-]{0,24}(?:token|key|pass(?:word)?)`,
    String.raw`[a-f0-9]{32,34}`,
  ),
  {
    id: 'paved/jenkins-initial-admin-password',
    what: 'Jenkins initial admin password',
    keywords: ['password to proceed to installation'],
    // A first start's log prints the generated admin password (32 hex) between these lines.
    pattern: /password to proceed to installation:[ \t]*\r?\n\s{0,8}(?<secret>[0-9a-f]{32})(?![0-9a-f])/g,
    accept: randomMixed,
  },
  {
    // Harness personal and service-account tokens: `pat.`/`sat.`, account id, token id, secret.
    id: 'paved/harness-token',
    what: 'Harness access token',
    keywords: ['pat.', 'sat.'],
    // The token id is a 24-character object id, hex as issued; samples and older docs show any alphanumerics.
    pattern: /(?<![A-Za-z0-9_.-])[ps]at\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9]{24}\.[A-Za-z0-9]{20}(?![A-Za-z0-9_.-])/g,
    accept: (secret) => !isPlaceholderBody(secret.slice(secret.lastIndexOf('.') + 1)),
  },
  {
    id: 'paved/octopus-deploy-api-key',
    what: 'Octopus Deploy API key',
    keywords: ['api-'],
    pattern: /(?<![A-Za-z0-9_-])API-[A-Z0-9]{26,27}(?![A-Za-z0-9_-])/g,
    accept: (secret) => hasLettersAndDigits(secret.slice(4)) && !isPlaceholderBody(secret.slice(4)),
  },
  {
    id: 'paved/prefect-api-key',
    what: 'Prefect Cloud API key',
    keywords: ['pnu_'],
    pattern: /(?<![A-Za-z0-9_])pnu_[A-Za-z0-9]{36}(?![A-Za-z0-9_])/g,
    accept: afterPrefix(/^pnu_/),
  },
  {
    id: 'paved/infracost-api-key',
    what: 'Infracost API key',
    keywords: ['ico-'],
    // Not after a `.` or `/`: `video_box.ico-<hash>.png` is a fingerprinted file name.
    pattern: /(?<![A-Za-z0-9_./-])ico-[A-Za-z0-9]{32}(?![A-Za-z0-9_-])/g,
    accept: afterPrefix(/^ico-/),
  },
];

// ---- secret stores and identity ------------------------------------------------------------

const stores: SecretDetector[] = [
  {
    id: 'paved/vault-token',
    what: 'HashiCorp Vault token',
    keywords: ['hvs.', 'hvb.', 'hvr.'],
    pattern: /(?<![A-Za-z0-9_.-])hv[sbr]\.[A-Za-z0-9_-]{24,400}(?![A-Za-z0-9_-])/g,
    accept: afterPrefix(/^hv[sbr]\./),
  },
  namedDetector(
    'paved/vault-token',
    'HashiCorp Vault token (legacy format)',
    ['vault'],
    String.raw`vault[\w.-]{0,24}token`,
    // Service (s.), batch (b.) and recovery (r.) tokens: 24 characters and more, an Enterprise
    // namespace id after a dot; or the base64url protobuf body newer tokens carry (`CAES…`, batch `AAAAAQ…`).
    String.raw`[sbr]\.(?:[A-Za-z0-9]{24,30}(?:\.[A-Za-z0-9]{5})?|CAES[A-Za-z0-9_-]{60,300}|AAAAAQ[A-Za-z0-9_-]{60,300})`,
    (secret) => hasLettersAndDigits(secret.slice(2)) && !isPlaceholderBody(secret.slice(2)),
  ),
  namedDetector(
    'paved/vault-token',
    'HashiCorp Vault token (legacy format)',
    ['token'],
    'token',
    // A legacy service token under a bare `token` key (`token: s.…`, as `vault token create` output
    // and agent configs carry it, no `vault` in the name): exactly the 24 characters Vault drew,
    // upper- and lower-case letters and digits all among them, so `s.` before a word is no match.
    String.raw`s\.[A-Za-z0-9]{24}`,
    (secret) => {
      const drawn = secret.slice(2);
      return /[A-Z]/.test(drawn) && /[a-z]/.test(drawn) && /\d/.test(drawn) && !isPlaceholderBody(drawn);
    },
  ),
  {
    id: 'paved/vault-unseal-key',
    what: 'HashiCorp Vault unseal key',
    keywords: ['unseal'],
    // `vault operator init` prints `Unseal Key 1: …`; `vault operator unseal …` takes one. A key
    // share is 33 bytes: 44 base64 characters (hex and base64 with padding in older versions).
    pattern:
      // eslint-disable-next-line security/detect-unsafe-regex -- bounded: at most three options, each opening with a literal `-`
      /(?:Unseal Key \d{1,2}:|vault[ \t]+operator[ \t]+unseal(?:[ \t]+-[\w-]{1,20}(?:=\S{1,100})?){0,3})[ \t]{1,4}(?<secret>[A-Za-z0-9+/]{43,44}={0,2}|[0-9a-f]{66})(?![A-Za-z0-9+/=])/g,
    accept: (secret) => hasLettersAndDigits(secret) && !isPlaceholderBody(secret),
  },
  {
    id: 'paved/terraform-cloud-token',
    what: 'Terraform Cloud / Enterprise API token',
    keywords: ['atlasv1'],
    pattern: /(?<![A-Za-z0-9_-])[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,70}(?![A-Za-z0-9_=-])/g,
    accept: (secret) => !isPlaceholderBody(secret.slice(0, 14)) && !isPlaceholderBody(secret.slice(23)),
  },
  {
    id: 'paved/doppler-token',
    what: 'Doppler token',
    keywords: ['dp.pt.', 'dp.st.', 'dp.sa.', 'dp.ct.', 'dp.scim.', 'dp.audit.'],
    pattern:
      /(?<![A-Za-z0-9_.-])(?:dp\.(?:pt|ct|sa|scim|audit|st)\.[A-Za-z0-9]{40,44}|dp\.st\.[a-z0-9_-]{2,35}\.[A-Za-z0-9]{40,44})(?![A-Za-z0-9_-])/g,
    accept: (secret) => !isPlaceholderBody(secret.slice(secret.lastIndexOf('.') + 1)),
  },
  {
    // `kubeadm token create` prints `[a-z0-9]{6}.[a-z0-9]{16}`: common enough a shape that it is
    // a secret only on a line about kubeadm, bootstrap or tokens.
    id: 'paved/kubernetes-bootstrap-token',
    what: 'Kubernetes bootstrap token',
    keywords: ['kubeadm', 'bootstrap', 'token'],
    pattern: /(?<![A-Za-z0-9_.-])[a-z0-9]{6}\.[a-z0-9]{16}(?![A-Za-z0-9_.-])/g,
    accept: (secret, match, text) =>
      hasLettersAndDigits(secret) &&
      !isPlaceholderBody(secret.replace('.', '')) &&
      /kubeadm|bootstrap|token/i.test(lineOf(match, text)),
  },
  {
    id: 'paved/openshift-token',
    what: 'OpenShift user token',
    keywords: ['sha256~'],
    pattern: /(?<![A-Za-z0-9_-])sha256~[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g,
    accept: afterPrefix(/^sha256~/),
  },
];

// ---- observability ---------------------------------------------------------------------------

const observability: SecretDetector[] = [
  {
    id: 'paved/dynatrace-token',
    what: 'Dynatrace API token',
    keywords: ['dt0c01.', 'dt0s01.', 'dt0'],
    pattern: /(?<![A-Za-z0-9_.-])dt0[a-z][0-9]{2}\.[A-Za-z0-9]{24}\.[A-Za-z0-9]{64}(?![A-Za-z0-9_-])/g,
    accept: (secret) => !isPlaceholderBody(secret.slice(32)),
  },
  {
    id: 'paved/grafana-token',
    what: 'Grafana Cloud or service account token',
    keywords: ['glc_', 'glsa_', 'eyjrijoi'],
    pattern:
      /(?<![A-Za-z0-9_+/-])(?:glc_[A-Za-z0-9+/]{32,400}={0,2}|glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}|eyJrIjoi[A-Za-z0-9]{70,400}={0,2})(?![A-Za-z0-9_+/=-])/g,
    accept: afterPrefix(/^(?:glc_|glsa_|eyJrIjoi)/),
  },
  {
    id: 'paved/new-relic-key',
    what: 'New Relic API key',
    keywords: ['nrak-', 'nrii-', 'nrjs-', 'nraa-', 'nriq-', 'nrra-', 'nrbr-'],
    // NRRA-: the REST API key (42 hex); NRBR-: a browser application key (19 hex).
    pattern:
      /(?<![A-Za-z0-9_-])(?:NRAK-[A-Za-z0-9]{27}|NRAA-[a-f0-9]{27}|NRI[IQ]-[A-Za-z0-9_-]{32}|NR(?:JS|BR)-[a-f0-9]{19}|NRRA-[a-f0-9]{42})(?![A-Za-z0-9_-])/g,
    accept: afterPrefix(/^NR[A-Z]{2}-/),
  },
  {
    // Mobile app tokens: `AA` and 40 hex (`eu01xx` and 36 hex in the EU region), then `-NRMA`.
    id: 'paved/new-relic-key',
    what: 'New Relic mobile application token',
    keywords: ['-nrma'],
    pattern: /(?<![A-Za-z0-9_-])(?:AA[0-9a-f]{40}|eu01xx[0-9a-f]{36})-NRMA(?![A-Za-z0-9_-])/g,
    accept: (secret) => !isPlaceholderBody(secret.slice(secret.startsWith('AA') ? 2 : 6, -5)),
    // The `-NRMA` ending with the hex run a few characters short or long is a mangled token.
    owns: {
      names: ['relic', 'newrelic'],
      nearFormat: (value) =>
        /^(?:AA|eu01xx)[0-9a-f]{32,44}-NRMA$/.test(value) &&
        !/^(?:AA[0-9a-f]{40}|eu01xx[0-9a-f]{36})-NRMA$/.test(value),
    },
  },
  {
    id: 'paved/new-relic-key',
    what: 'New Relic Pixie API or deploy key',
    keywords: ['px-api-', 'px-dep-'],
    pattern:
      /(?<![A-Za-z0-9_-])px-(?:api|dep)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![A-Za-z0-9_-])/g,
    accept: (secret) => randomMixed(secret.slice(7)),
  },
  {
    id: 'paved/new-relic-key',
    what: 'New Relic license key',
    keywords: ['nral'],
    // An ingest license key: 36 characters (an `eu01xx`-style region prefix in some) ending in NRAL.
    pattern: /(?<![A-Za-z0-9_-])[A-Za-z0-9]{36}NRAL(?![A-Za-z0-9_-])/g,
    accept: (secret) => randomMixed(secret.slice(0, 36).replace(/^[a-z]{2}\d{2}xx/, '')),
  },
  namedDetector(
    'paved/datadog-key',
    'Datadog API or application key',
    ['dd_', 'dd-', 'ddapi', 'ddapp', 'datadog'],
    String.raw`(?:dd|datadog)[\w.-]{0,24}(?:api|app(?:lication)?|access)[_.-]?(?:key|token)`,
    String.raw`[a-z0-9]{32}(?:[a-z0-9]{8})?`,
  ),
  {
    id: 'paved/sentry-token',
    what: 'Sentry organization or user auth token',
    keywords: ['sntrys_', 'sntryu_'],
    // An organization token is `sntrys_`, its claims as base64 JSON, `_`, and 43 base64 characters;
    // a `-` in the claims (base64url) is no token Sentry issued.
    pattern:
      /(?<![A-Za-z0-9_])(?:sntrys_eyJ[A-Za-z0-9+/]{20,600}={0,2}_[A-Za-z0-9+/]{43}|sntryu_[a-f0-9]{64})(?![A-Za-z0-9+/=_-])/g,
    accept: afterPrefix(/^sntry[su]_/),
  },
];

export const vendorInfraDetectors: readonly SecretDetector[] = [
  ...aws,
  ...azure,
  ...gcp,
  ...forges,
  ...platforms,
  ...devtools,
  ...stores,
  ...observability,
];
