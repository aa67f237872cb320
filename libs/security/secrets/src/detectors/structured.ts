/**
 * Secrets found by their place rather than their format: files and lines whose shape says
 * "this is a credential" (a Kubernetes Secret's data, a `.netrc` entry, a URL's user info, a
 * password flag on a command line, a key named `password`). What each accepts is documented in
 * docs/security.md ("What counts as a password").
 */
import { createHash } from 'node:crypto';
import {
  decodeBase64Text,
  encodesUserAndPassword,
  isPlausibleAssignedPassword,
  isPlausiblePassword,
  isNotAPasswordWord,
  isIdentifierPath,
  isPlausibleSecretInUse,
  isTokenShaped,
  keyWords,
  namesACredential,
  namesAPassword,
} from './credentials';
import { isJwtExampleOrFragment } from './jwt-claims';
import { type SecretDetector } from './kit';
import { isKeyMaterial } from './key-material';
import { sectionAt } from './kubernetes';
import { isPlaceholder, shannonEntropy } from './placeholders';

// Source files, where an unquoted value after `password:` is an expression, a type or a variable.
// PowerShell is code too: its literals are quoted, and `$password = ConvertTo-SecureString …` is a call.
const codeFiles =
  /\.(?:[cm]?[jt]sx?|py|rb|go|java|kt|kts|scala|groovy|cs|fs|vb|php|swift|rs|c|cc|cpp|cxx|h|hpp|m|mm|dart|lua|pl|pm|r|jl|ex|exs|erl|clj|vue|svelte|astro|ps1|psm1)$/i;
// eslint-disable-next-line paved-security/no-dynamic-regexp -- built from the constant above only
const notCodeFiles = new RegExp(String.raw`^(?!.*${codeFiles.source})`, 'i');

// Entries of a Secret that are not secret: who and where (`username`, `DB_HOST`), public certificates.
const namesSomethingElse = (key: string) =>
  /(?:^|[._-])(?:ca\.crt|tls\.crt|crt|cert|pub)$/i.test(key) ||
  /^(?:user|username|login|email|host|hostname|port|database|db|name|url|uri|endpoint|region|namespace|type|provider|kind|driver|scheme|protocol|sslmode|dialect|engine)$/.test(
    keyWords(key).at(-1) ?? '',
  );

/**
 * A value in a Secret's `data` (base64) or `stringData` (plain). The place is the evidence: any
 * value counts except empty ones, templates, placeholders and base64 too short to hold a secret
 * (`YmFyCg==`, "bar"); a base64 value's decoded text is what is judged (`changeme` encoded is
 * still a placeholder), and binary data (a keystore, a DER key) counts.
 */
function isKubernetesSecretValue(secret: string, match: RegExpExecArray, text: string): boolean {
  const section = sectionAt(text, match.index);
  if (!section || namesSomethingElse(match.groups?.key ?? '')) return false;
  if (section.encoding === 'plain') return isPlausibleSecretInUse(secret);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(secret) || secret.length % 4 !== 0 || secret.length < 10) return false;
  const decoded = decodeBase64Text(secret)?.trim();
  if (decoded === undefined) return true;
  // Files kept in a Secret (a .dockercfg, a certificate) are judged only for being a template.
  if (decoded.length > 24 || /[\s{}]/.test(decoded)) return !/^\{\{.*\}\}$|^\$\{.*\}$|^<[^>]*>$/s.test(decoded);
  return decoded.length > 0 && !isNotAPasswordWord(decoded) && !isPlaceholder(decoded);
}

const kubernetesSecret: SecretDetector = {
  id: 'paved/kubernetes-secret',
  what: 'Kubernetes Secret value',
  keywords: ['secret'],
  files: /\.(?:ya?ml|json|tpl)$/i,
  // One `key: value` line; sectionAt decides whether it sits in a Secret's data or stringData.
  pattern:
    /^[ \t]*(?<kq>["']?)(?<key>[\w.-]{1,253})\k<kq>[ \t]*:[ \t]*(?<q>["']?)(?<secret>[^\s"',{}[\]|>][^\s"',{}[\]]{0,8191})\k<q>[ \t]*,?[ \t]*(?:#[^\n]*|)$/gm,
  accept: isKubernetesSecretValue,
};

const kubernetesSecretBlock: SecretDetector = {
  ...kubernetesSecret,
  // `.dockercfg: |` (or `>`) with the base64 value on the next, deeper-indented line.
  pattern:
    /^[ \t]*(?<kq>["']?)(?<key>[\w.-]{1,253})\k<kq>[ \t]*:[ \t]*[|>][-+]?[ \t]*\n[ \t]+(?<secret>[A-Za-z0-9+/]{10,8192}={0,2})[ \t]*$/gm,
};

const netrc: SecretDetector = {
  id: 'paved/netrc-password',
  what: '.netrc password',
  // `default` alone is too common a word to pre-filter on; a .netrc with only a default entry is missed.
  keywords: ['machine'],
  // `machine host login user password pass`, on one line or several; `default` is the catch-all
  // entry, and starts its line (prose says "the default password prompt").
  pattern:
    // eslint-disable-next-line security/detect-unsafe-regex -- bounded; each repetition starts with whitespace and a keyword
    /(?<![\w-])(?:machine[ \t]+[^\s]{1,253}|(?<=^[ \t]{0,20})default)(?:\s{1,20}(?:login|account|port|protocol)[ \t]+[^\s]{1,253}){0,4}\s{1,20}password[ \t]+(?<q>["']?)(?<secret>[^\s"'`]{1,256})\k<q>/gm,
  accept: (secret) => isPlausibleSecretInUse(secret),
};

// What prose says a password is when it is not telling one: `the password is "incorrect"`.
const passwordStates = new Set([
  'incorrect',
  'wrong',
  'invalid',
  'valid',
  'correct',
  'expired',
  'weak',
  'strong',
  'set',
  'blank',
  'changed',
  'reset',
  'locked',
  'stored',
  'encrypted',
  'hashed',
  'ignored',
  'disabled',
  'enabled',
  'mandatory',
  'same',
]);

const passwordInProse: SecretDetector = {
  id: 'paved/generic-password',
  what: 'password given in prose',
  keywords: ['password is', 'password for'],
  // READMEs and scripts that tell the reader a password: "the default password is", then the word
  // in quotes; "the password for user", a quoted name, "is", the word in quotes. Only a quoted value
  // with no space: quotes are how prose marks a literal to type, and a phrase in them is a description.
  pattern:
    // eslint-disable-next-line security/detect-unsafe-regex -- bounded: one optional group of literals and bounded runs
    /\bpassword(?:[ \t]{1,3}for(?:[ \t]{1,3}the)?[ \t]{1,3}user(?:name)?[ \t]{1,3}(?<uq>["'`])[^\s"'`]{1,40}\k<uq>)?[ \t]{1,3}is[ \t]{1,3}(?<q>["'`])(?<secret>[^\s"'`]{3,64})\k<q>/gi,
  accept: (secret) => !passwordStates.has(secret.toLowerCase()) && isPlausibleSecretInUse(secret),
};

// The passwords of the nuget.config reference's examples (learn.microsoft.com/nuget/reference/
// nuget-config-file), copied into configs and tests as they stand. Kept as digests.
const documentedNugetPasswordDigests = new Set([
  'dba72c00f41f4e4c435e2491a5e1ce0140c7b5a6a498dc4847396b5e6368970c',
  'a0702bc91d699f600970f4dc4992b13ede1a29d49fa0942dd4bed2b5e4b1016e',
]);
const isDocumentedNugetPassword = (secret: string) =>
  documentedNugetPasswordDigests.has(createHash('sha256').update(secret).digest('hex'));

const dotnetConfigPassword: SecretDetector = {
  id: 'paved/dotnet-config-password',
  what: 'password in a .NET config (nuget.config, web.config)',
  keywords: ['<add'],
  // nuget.config `packageSourceCredentials` (`ClearTextPassword`, `Password`) and appSettings.
  pattern: /<add[ \t]+key[ \t]*=[ \t]*"(?<name>[^"\n]{1,100})"[ \t]+value[ \t]*=[ \t]*"(?<secret>[^"\n]{1,1024})"/gi,
  accept: (secret, match) =>
    namesACredential(match.groups?.name ?? '') && isPlausibleSecretInUse(secret) && !isDocumentedNugetPassword(secret),
};

/**
 * npm reads `_authToken` only under a registry's nerf dart, `//host[/path]/:_authToken` (npm 9 and
 * later refuse it unscoped): `//registry.npmjs.org:_authToken`, `///:_authToken` or a line without
 * the `//` authenticate nothing. A legacy `_auth` or `_password` may still stand alone.
 */
function scopedToARegistry(text: string, nameAt: number): boolean {
  const lineStart = text.lastIndexOf('\n', nameAt - 1) + 1;
  return /(?:^|\s)\/\/[^\s/:][^\s]*\/:$/.test(text.slice(Math.max(lineStart, nameAt - 300), nameAt));
}

const npmrcAuth: SecretDetector = {
  id: 'paved/npmrc-auth',
  what: '.npmrc registry credential',
  keywords: ['_auth', '_password'],
  pattern: /(?:^|[\s:])(?<name>_authToken|_auth|_password)[ \t]*=[ \t]*(?<q>["']?)(?<secret>[^\s"'#;]{1,1024})\k<q>/gm,
  accept(secret, match, text) {
    if (/^\$|\$\{/.test(secret)) return false; // ${NPM_TOKEN}: the token comes from the environment
    const name = match.groups?.name;
    if (name === '_authToken' && !scopedToARegistry(text, match.index + match[0].indexOf(name))) return false;
    if (name === '_auth') return encodesUserAndPassword(secret);
    if (name === '_password') return isPlausibleSecretInUse(decodeBase64Text(secret) ?? secret);
    return secret.length >= 8 && !isPlaceholder(secret);
  },
};

const dockerConfigAuth: SecretDetector = {
  id: 'paved/docker-config-auth',
  what: 'Docker registry credential (config.json auths)',
  keywords: ['"auth"'],
  pattern: /"auth"[ \t]*:[ \t]*"(?<secret>[A-Za-z0-9+/]{4,2048}={0,2})"/g,
  accept: (secret) => encodesUserAndPassword(secret),
};

const basicAuthUrl: SecretDetector = {
  id: 'paved/basic-auth-url',
  what: 'password in a URL',
  keywords: ['://'],
  // scheme://user:password@host for any scheme (https, postgres, mongodb+srv, redis, amqp, ftp…);
  // the password may hold an unescaped `@`: the last one before the host ends it.
  pattern:
    // eslint-disable-next-line security/detect-unsafe-regex -- bounded; each host label repetition starts with a literal '.'
    /(?<![\w+.-])[a-z][a-z0-9+.-]{1,30}:\/\/(?<user>[^\s:/?#@"'`<>()[\]{}]{0,128}):(?<secret>[^\s/?#"'`<>]{1,256})@[\w-]{1,63}(?:\.[\w-]{1,63}){0,10}/gi,
  accept: (secret, match) => secret !== match.groups?.user && isPlausibleSecretInUse(secret),
};

const terraformVariableDefault: SecretDetector = {
  id: 'paved/terraform-variable-default',
  what: 'default of a Terraform secret variable',
  keywords: ['variable'],
  files: /\.tf$/i,
  pattern:
    /\bvariable[ \t]+"(?<name>[^"\n]{1,100})"[ \t]*\{[^}]{0,1000}?\bdefault[ \t]*=[ \t]*"(?<secret>[^"\n]{1,1024})"/g,
  accept: (secret, match) => namesACredential(match.groups?.name ?? '') && isPlausiblePassword(secret),
};

const djangoSecretKey: SecretDetector = {
  id: 'paved/django-secret-key',
  what: 'Django SECRET_KEY',
  keywords: ['secret_key'],
  files: /\.py$/i,
  // startproject writes 50 characters of `a-z0-9!@#$%^&*(-_=+)` (get_random_secret_key), possibly
  // after `django-insecure-`: a machine-made key with a password's characters.
  pattern: /\bSECRET_KEY[ \t]*=[ \t]*(?<q>["'])(?<secret>(?:django-insecure-)?[a-z0-9!@#$%^&*(\-_=+)]{40,100})\k<q>/g,
  accept: (secret) => !isPlaceholder(secret.replace(/^django-insecure-/, '')),
};

// A key written as the fallback of an environment lookup (`os.environ.get('DJANGO_SECRET_KEY', '…')`,
// `os.getenv`, django-environ's `env(…, default='…')`, python-decouple's `config(…, default='…')`)
// is hardcoded all the same; the call says Python, so any file.
const djangoSecretKeyDefault: SecretDetector = {
  ...djangoSecretKey,
  files: undefined,
  pattern:
    // eslint-disable-next-line security/detect-unsafe-regex -- bounded: each run is bounded and separated by literals (`(`, quotes, `,`)
    /\b(?:environ\.get|getenv|env|config)\([ \t]*(?<n>["'])(?:DJANGO_)?SECRET_KEY\k<n>[ \t]*,[ \t]*(?:default[ \t]*=[ \t]*)?(?<q>["'])(?<secret>(?:django-insecure-)?[a-z0-9!@#$%^&*(\-_=+)]{40,100})\k<q>/g,
};

// A key that startproject generated says so itself: found in any file (.env, YAML, a settings template).
const djangoInsecureSecretKey: SecretDetector = {
  ...djangoSecretKey,
  keywords: ['django-insecure-'],
  files: undefined,
  pattern: /(?<q>["'])(?<secret>django-insecure-[a-z0-9!@#$%^&*(\-_=+)]{40,100})\k<q>/g,
};

const connectionStringPassword: SecretDetector = {
  id: 'paved/connection-string-password',
  what: 'password in a connection string',
  keywords: ['password=', 'pwd=', 'password ='],
  // ADO.NET / ODBC / JDBC: `Server=…;User Id=…;Password=…;`, `…?user=x&password=y`.
  // `&` ends a value only where a query parameter follows (`?user=x&password=y&ssl=true`);
  // `{…}` quotes an ODBC value.
  pattern:
    // eslint-disable-next-line security/detect-unsafe-regex -- bounded; each repetition starts with a literal '&' the body cannot match
    /(?<=^|[;"'\s?&{])(?:password|pwd)[ \t]*=[ \t]*\{?(?<secret>[^;}"'`\s<>{&]{1,256}(?:&(?![\w.-]{1,40}=)[^;}"'`\s<>{&]{0,256}){0,4})/gim,
  accept(secret, match, text) {
    const lineStart = text.lastIndexOf('\n', match.index) + 1;
    const lineEnd = text.indexOf('\n', match.index);
    const line = text.slice(lineStart, lineEnd === -1 ? undefined : lineEnd);
    const isConnectionString =
      /(?:^|[;"'\s?&{])(?:server|data source|host|hostname|address|addr|user id|uid|id|user|username|database|initial catalog|dsn|driver|port)[ \t]*=/i.test(
        line.replace(/(?:password|pwd)[ \t]*=[^;&]*/gi, ''),
      );
    // `username=None, password=None)`: keyword arguments in code end at `,` and `)`.
    return isConnectionString && isPlausibleSecretInUse(secret.split(/[,)]/)[0]);
  },
};

const curlUserPassword: SecretDetector = {
  id: 'paved/cli-password',
  what: 'password on a command line',
  keywords: ['-u ', '-u\t', '--user'],
  // curl/wget/http `-u user:pass`, `--user user:pass`, `--user=user:pass`, `-u ":pass"`, `--user kevin:'pass'`.
  pattern:
    /(?<=\s)(?:-u|--user|--proxy-user)(?:[ \t]{1,5}|=)(?<q>["']?)(?<user>[^\s:"'$]{0,128}):(?<q2>["']?)(?<secret>[^\s"']{1,256})\k<q2>\k<q>(?=\s|$)/g,
  accept: (secret, match) => secret !== match.groups?.user && isPlausibleSecretInUse(secret),
};

// `curl -u "<key>:"`: an API key sent as the user with an empty password (Stripe, Elastic, Mailgun
// document it), as Basic auth's `key:` is judged; a short or word-like user name is no key.
const curlKeyAsUser: SecretDetector = {
  id: 'paved/cli-password',
  what: 'API key on a command line',
  keywords: ['-u ', '-u\t', '--user'],
  pattern: /(?<=\s)(?:-u|--user)(?:[ \t]{1,5}|=)(?<q>["']?)(?<secret>[^\s:"'$@]{12,128}):\k<q>(?=\s|$)/g,
  accept: (secret) =>
    /\d/.test(secret) && /[A-Za-z]/.test(secret) && shannonEntropy(secret) >= 3 && !isPlaceholder(secret),
};

const passwordFlag: SecretDetector = {
  id: 'paved/cli-password',
  what: 'password on a command line',
  keywords: ['--pass', '--pwd', '-password'],
  // `--password=…`, `--password …`, `--db-password …`, `--passwd …` (not `--password-stdin`, nor
  // the flags that ask for one or turn it off: `--ask-vault-pass`, `--no-password`).
  pattern:
    /(?<=\s)--(?!ask-|no-)[\w-]{0,30}?(?<=-)(?:password|passwd|pass|pwd)(?:=|[ \t]+)(?<q>["']?)(?<secret>[^\s"'-][^\s"']{0,255})\k<q>/g,
  accept: (secret) => isPlausibleSecretInUse(secret),
};

const shortPasswordFlag: SecretDetector = {
  id: 'paved/cli-password',
  what: 'password on a command line',
  keywords: ['mysql', 'mariadb', 'sshpass', ' login ', 'redis-cli', 'mongo', 'psexec'],
  // mysql's `-pSECRET` / `-p'SECRET'` (a space after -p means "prompt"); `sshpass -p`, `docker login
  // -p`, `redis-cli -a`, `mongo -p`, Sysinternals' `PsExec \\host -u user -p` take the value after a space.
  pattern:
    /\b(?:(?:mysql|mysqldump|mysqladmin|mariadb)\b[^\n]{0,200}?[ \t]-p|(?:sshpass|(?:docker|podman|buildah|skopeo|helm[ \t]+registry|oras)[ \t]+login\b[^\n]{0,200}?|mongo(?:sh)?\b[^\n]{0,200}?|psexec(?:\.exe)?\b[^\n]{0,200}?)[ \t]-p[ \t]+|redis-cli\b[^\n]{0,200}?[ \t]-a[ \t]+)(?<q>["']?)(?<secret>[^\s"'-][^\s"']{0,255})\k<q>/gi,
  // Commands are named in any case (`PsExec.exe`), flags are not: `-P` is sshpass' prompt and mysql's port.
  accept: (secret, match) =>
    /[ \t]-[pa][ \t]*["']?$/.test(
      match[0].slice(0, match[0].length - secret.length - (match.groups?.q?.length ?? 0)),
    ) && isPlausibleSecretInUse(secret),
};

const powerShellPassword: SecretDetector = {
  id: 'paved/cli-password',
  what: 'password on a command line',
  keywords: ['-password', '-pwd'],
  // PowerShell parameters take one dash, any case, and a space or a colon: `Connect-VIServer … -Password
  // VMware1!`, `New-LocalUser -Password:$x`, `Invoke-Sqlcmd -Password 'x'`.
  pattern:
    /(?<=\s)-(?:password|pwd)(?::|[ \t]+)(?<q>["']?)(?<secret>[^\s"'\x60-][^\s"'\x60]{0,255})\k<q>(?=[\s\x60]|$)/gi,
  accept: (secret) => isPlausibleSecretInUse(secret),
};

const powerShellPlainText: SecretDetector = {
  id: 'paved/cli-password',
  what: 'password turned into a SecureString from plain text',
  keywords: ['-asplaintext'],
  // `ConvertTo-SecureString "…" -AsPlainText -Force`: the script carries the password itself. A
  // double-quoted string with `$` in it interpolates a variable, so it is no literal.
  pattern:
    // eslint-disable-next-line security/detect-unsafe-regex -- bounded: one optional literal group and bounded runs
    /ConvertTo-SecureString[ \t]{1,8}(?:-String[ \t]{1,8})?(?<q>["'])(?<secret>[^"'\n$\x60]{1,256})\k<q>(?=[^\n]{0,80}-AsPlainText)/gi,
  accept: (secret) => isPlausibleSecretInUse(secret),
};

// Maven's settings-security.xml: the master password that decrypts every `{…}` password in
// settings.xml, itself encrypted with a key Maven ships (so anyone can decrypt it).
const mavenMasterPassword: SecretDetector = {
  id: 'paved/maven-master-password',
  what: 'Maven master password',
  keywords: ['<master>'],
  pattern: /<master>[^<\n]{0,200}?(?<secret>\{[A-Za-z0-9+/=]{16,256}\\?\})[^<\n]{0,200}<\/master>/g,
  accept: (secret) => !isPlaceholder(secret.replace(/[{}\\=]/g, '')),
};

const urlQueryCredential: SecretDetector = {
  id: 'paved/url-query-credential',
  what: 'credential in a URL query string',
  keywords: ['key=', 'token=', 'secret=', 'password=', 'passwd=', 'pwd='],
  // `https://api.example.com/v1?api_key=…&q=…`, `…?access_token=…`: the value up to the next `&`.
  pattern:
    // eslint-disable-next-line security/detect-unsafe-regex -- no repetition nests: optional words, then one bounded run
    /[?&](?<name>(?:api[_-]?|access[_-]?|auth[_-]?|private[_-]?|secret[_-]?)?(?:key|token)|(?:client[_-]?)?secret|password|passwd|pwd)=(?<secret>[^&\s"'#<>\\]{8,512})/gi,
  accept: (secret, match) => {
    const name = match.groups?.name ?? '';
    if (namesAPassword(name)) return isPlausibleSecretInUse(secret);
    // A bare `key=` names anything (a cache key, a sort key): only a long random value is a credential.
    const minimum = /^key$/i.test(name) ? 20 : 12;
    return (
      secret.length >= minimum &&
      isTokenShaped(secret) &&
      /[A-Za-z]/.test(secret) &&
      shannonEntropy(secret) >= 3.5 &&
      isPlausiblePassword(secret)
    );
  },
};

const dotnetCredentialArguments: SecretDetector = {
  id: 'paved/dotnet-credential',
  what: 'password passed to a .NET credential',
  keywords: ['networkcredential', 'directoryentry'],
  // `new NetworkCredential("user", "password"[, "domain"])`, PowerShell's `New-Object
  // System.Net.NetworkCredential("user", "password")`, `new DirectoryEntry("LDAP://…", "user", "password")`:
  // the password is the argument after the user.
  pattern:
    /\b(?:NetworkCredential|DirectoryEntry[ \t]*\([ \t]*(?<q0>["'])[^"'\n]{0,200}\k<q0>[ \t]*,)[ \t]*\(?[ \t]*(?<q1>["'])[^"'\n]{0,128}\k<q1>[ \t]*,[ \t]*(?<q>["'])(?<secret>[^"'\n]{1,256})\k<q>/g,
  accept: (secret) => isPlausibleSecretInUse(secret),
};

const base64EncodedPrivateKey: SecretDetector = {
  id: 'paved/private-key',
  what: 'private key (base64-encoded PEM)',
  keywords: ['ls0tls1crudjti'],
  // Kubernetes Secrets, CI variables and JSON configs carry whole PEM files base64-encoded.
  pattern: /(?<![A-Za-z0-9+/])(?<secret>LS0tLS1CRUdJTi[A-Za-z0-9+/]{60,16000}={0,2})(?![A-Za-z0-9+/=])/g,
  accept: (secret) => {
    const pem = Buffer.from(secret, 'base64').toString('latin1');
    return /-----BEGIN [A-Z0-9 ]{0,60}PRIVATE KEY-----/.test(pem) && isKeyMaterial(pem);
  },
};

const basicAuthHeader: SecretDetector = {
  id: 'paved/authorization-header',
  what: 'credential in an Authorization header',
  keywords: ['basic '],
  // Not followed by `.`: a JWT's first segment is base64 too.
  pattern: /\bBasic[ \t]+(?<secret>[A-Za-z0-9+/]{8,2048}={0,2})(?![\w+/=.])/gi,
  accept: (secret) => encodesUserAndPassword(secret),
};

// A bearer token is random: letters and digits, high entropy (hex has 16 symbols, so less), no placeholder.
const looksLikeIssuedToken = (secret: string) =>
  /\d/.test(secret) &&
  /[a-z]/i.test(secret) &&
  shannonEntropy(secret) >= (/^[0-9a-f]+$/i.test(secret) ? 3 : 3.5) &&
  !isPlaceholder(secret);

const bearerToken: SecretDetector = {
  id: 'paved/authorization-header',
  what: 'credential in an Authorization header',
  keywords: ['bearer'],
  pattern: /\bBearer[ \t]+(?<secret>[\w.~+/-]{16,4096}={0,2})(?![\w.~+/=-])/gi,
  // A JWT-shaped token the JWT rule would refuse for its claims is still a vendor's opaque token;
  // jwt.io's example and a header alone are nobody's.
  accept: (secret) => looksLikeIssuedToken(secret) && !isJwtExampleOrFragment(secret),
};

const tokenAuthorization: SecretDetector = {
  id: 'paved/authorization-header',
  what: 'credential in an Authorization header',
  keywords: ['authorization'],
  // `Authorization: Token …` / `Api-Token …` (Django REST framework, Dynatrace and others).
  pattern:
    /\bAuthorization["']?[ \t]{0,5}[:=][ \t]{0,5}["']?(?:Api-)?Token[ \t]+(?<secret>[\w.~+/-]{16,4096}={0,2})(?![\w.~+/=-])/gi,
  accept: looksLikeIssuedToken,
};

// `curl -H "X-Api-Key: …"`, `--header 'Authorization: …'`, `-H "apikey: …"`: a header that names a
// key or token carries it bare, with no scheme word (Basic and Bearer are judged above).
const curlCredentialHeader: SecretDetector = {
  id: 'paved/authorization-header',
  what: 'credential in a command-line request header',
  keywords: ['-h ', '--header'],
  pattern:
    // eslint-disable-next-line security/detect-unsafe-regex -- bounded: each run is bounded and separated by literals (`:`, quotes)
    /(?<=\s)(?:-H|--header)[ \t]{1,4}(?<q>["'])(?<name>[\w-]{0,40}?(?:authorization|api-?key|token|secret)[\w-]{0,20})[ \t]{0,4}:[ \t]{0,8}(?:Token[ \t]{1,4})?(?<secret>[^\s"']{16,1024})\k<q>/gi,
  // Judged without dashes: a uuid key is hex, whose entropy is lower than a mixed alphabet's.
  accept: (secret) => looksLikeIssuedToken(secret.replace(/-/g, '')),
};

/**
 * The generic judgement of a value under a credential key. Base64 of `user:password` (an `auth`
 * value) is judged by what it encodes, as Docker's and npm's detectors judge it. A password may be
 * anything a person types; what a `token`, `secret` or `api_key` holds was issued by a machine and
 * has a token's shape (isTokenShaped).
 */
function isCredentialValue(secret: string, match: RegExpExecArray): boolean {
  const name = match.groups?.name ?? '';
  if (!namesACredential(name)) return false;
  if (/^[A-Za-z0-9+/]{4,}={0,2}$/.test(secret) && /^[^\s:]{1,128}:/.test(decodeBase64Text(secret) ?? ''))
    return encodesUserAndPassword(secret);
  if (namesAPassword(name)) return isPlausibleAssignedPassword(secret) && !repeatsItsName(secret, name);
  return isPlausiblePassword(secret) && isTokenShaped(secret);
}

// `POSTGRES_PASSWORD: postgres`, `redis_password = redis`: the service's name as its password, the
// default of a local container or a CI service, not a secret anyone chose.
const repeatsItsName = (secret: string, name: string) => keyWords(name).includes(secret.toLowerCase());

// A key that says password/secret/token, then an assignment: YAML, JSON, INI, properties, .env,
// TOML, HCL, code. `[\w.-]{0,60}?` before the word keeps each start position's cost bounded.
// Quotes may be escaped (JSON inside a string); a declared type may sit between the name and the
// operator (`var dbToken string = "…"`, `token: string = "…"`); operators are those of YAML, INI,
// code and Makefiles (`:`, `=`, `:=`, `=>`, `?=`, `+=`, `.=`, `::=`).
const credentialKeyThen = (operators: string) =>
  String.raw`(?<![\w.-])\\{0,3}(?<kq>["']?)(?<name>\$?[\w.-]{0,60}?(?:pass|pwd|secret|token|auth|cred)[\w.-]{0,30}?)\\{0,3}\k<kq>(?:[ \t]{0,5}:?[ \t]{1,5}[A-Za-z_][\w.?]{0,30}(?=[ \t]))?[ \t]{0,32}${operators}[ \t]{0,5}`;
const credentialKey = credentialKeyThen(String.raw`(?:[?+.]?=|:{1,3}=|=>|[:=])`);
// `if password == "…"`, `creds.Secret !== "…"`: a credential checked against a literal in code.
const comparedCredentialKey = credentialKeyThen(String.raw`(?:===?|!==?)`);
// An opening quote, possibly escaped; the value closes with the same.
const openingQuote = String.raw`(?<q>\\{0,3}["'\x60])`;

const genericPasswordInConfig: SecretDetector = {
  id: 'paved/generic-password',
  what: 'credential assigned to a password, secret or token key',
  keywords: ['pass', 'pwd', 'secret', 'token', 'auth', 'cred'],
  files: notCodeFiles,
  // eslint-disable-next-line paved-security/no-dynamic-regexp -- built from the constant above only
  pattern: new RegExp(
    String.raw`${credentialKey}(?:${openingQuote}|)(?<secret>(?:[^\s"'\x60=>\\]|(?<=["'\x60])[=>])[^\s"'\x60\\]{0,1022}(?:[^\s"'\x60,;:)\]}\\]|[,;:)\]}](?=\\{0,3}["'\x60])))\k<q>`,
    'gi',
  ),
  // In a Kubernetes Secret, paved/kubernetes-secret judges the (base64) values.
  accept: (secret, match, text) =>
    isCredentialValue(secret, match) && !sectionAt(text, match.index) && !isCommandCall(secret, match, text),
};

// `$password = ConvertTo-SecureString "…" -AsPlainText` in a README or a pipeline's inline script:
// an unquoted cmdlet name (Verb-Noun) with arguments after it is a call, not a password.
function isCommandCall(secret: string, match: RegExpExecArray, text: string): boolean {
  if (!/^[A-Z][A-Za-z]+-[A-Z][A-Za-z]+$/.test(secret)) return false;
  const after = match.index + match[0].length;
  const lineEnd = text.indexOf('\n', after);
  return /^[ \t]+\S/.test(text.slice(after, lineEnd === -1 ? undefined : lineEnd));
}

// A double-quoted value may hold an apostrophe (`password: "k3v'n!Rx9q"`), which the rule
// above ends a value at; a single-quoted one never holds one unescaped.
const genericApostropheInConfig: SecretDetector = {
  ...genericPasswordInConfig,
  // eslint-disable-next-line paved-security/no-dynamic-regexp -- built from the constant above only
  pattern: new RegExp(String.raw`${credentialKey}(?<q>\\{0,3}")(?<secret>[^"\s\\]{0,255}'[^"\s\\]{0,255})\k<q>`, 'gi'),
};

const genericBlockInConfig: SecretDetector = {
  ...genericPasswordInConfig,
  // YAML `db_token: |` (or `>`) with the value on the next, deeper-indented line.
  // eslint-disable-next-line paved-security/no-dynamic-regexp -- built from the constant above only
  pattern: new RegExp(String.raw`${credentialKey}[|>][-+]?[ \t]*\n[ \t]+(?<secret>[^\s]{1,256})[ \t]*$`, 'gim'),
};

const genericPasswordInCode: SecretDetector = {
  id: 'paved/generic-password',
  what: 'credential assigned to a password, secret or token key',
  keywords: ['pass', 'pwd', 'secret', 'token', 'auth', 'cred'],
  files: codeFiles,
  // In code only a string literal is a value; anything unquoted is an expression or a type.
  // eslint-disable-next-line paved-security/no-dynamic-regexp -- built from the constant above only
  pattern: new RegExp(String.raw`${credentialKey}${openingQuote}(?<secret>[^"'\x60\n\\]{1,256})\k<q>`, 'gi'),
  accept: isCredentialValue,
};

const comparedPassword: SecretDetector = {
  id: 'paved/generic-password',
  what: 'credential compared with a literal',
  keywords: ['pass', 'pwd', 'secret', 'token', 'auth', 'cred'],
  // eslint-disable-next-line paved-security/no-dynamic-regexp -- built from the constant above only
  pattern: new RegExp(String.raw`${comparedCredentialKey}${openingQuote}(?<secret>[^"'\x60\n\\]{1,256})\k<q>`, 'gi'),
  accept: isCredentialValue,
};

const genericUnquotedInCode: SecretDetector = {
  id: 'paved/generic-password',
  what: 'credential assigned to a password, secret or token key',
  keywords: ['pass', 'pwd', 'secret', 'token', 'auth', 'cred'],
  files: codeFiles,
  // Unquoted in code is an expression, unless it cannot be one: a random run of letters, digits
  // and `-_.=+` (`passwd = Zk3p…-_.=…`, as test data and snippets without quotes carry them).
  // eslint-disable-next-line paved-security/no-dynamic-regexp -- built from the constant above only
  pattern: new RegExp(String.raw`${credentialKey}(?<secret>[\w.=+-]{12,256})(?=[\s,;)]|$)`, 'gim'),
  accept: (secret, match) => isCredentialValue(secret, match) && cannotBeAnExpression(secret),
};

// An identifier, member path or number is code; a run with digits inside, high entropy and a
// character no identifier has (or mixed-case runs no name has) is a literal someone left unquoted.
const cannotBeAnExpression = (value: string) =>
  shannonEntropy(value) >= 3.5 &&
  (/[=+]/.test(value) ||
    (/-/.test(value) && /\d/.test(value)) ||
    (/\d\D+\d/.test(value) && (!isIdentifierPath(value) || /(?:[a-z][A-Z0-9]){4}/.test(value))));

const xmlPassword: SecretDetector = {
  id: 'paved/generic-password',
  what: 'credential assigned to a password, secret or token key',
  keywords: ['pass', 'pwd', 'secret', 'token', 'auth', 'cred'],
  pattern:
    /<(?<name>\$?[\w:.-]{0,60}?(?:pass|pwd|secret|token|auth|cred)[\w.-]{0,30}?)>\s{0,40}(?<secret>[^<\s]{1,256})\s{0,40}<\/\k<name>>/gi,
  accept: isCredentialValue,
};

/** Structured first (a Secret's data, a connection string), the generic key rule last. */
export const structuredDetectors: readonly SecretDetector[] = [
  kubernetesSecret,
  kubernetesSecretBlock,
  netrc,
  passwordInProse,
  dotnetConfigPassword,
  npmrcAuth,
  dockerConfigAuth,
  basicAuthUrl,
  terraformVariableDefault,
  djangoSecretKey,
  djangoSecretKeyDefault,
  djangoInsecureSecretKey,
  connectionStringPassword,
  curlUserPassword,
  curlKeyAsUser,
  curlCredentialHeader,
  passwordFlag,
  shortPasswordFlag,
  powerShellPassword,
  powerShellPlainText,
  mavenMasterPassword,
  urlQueryCredential,
  dotnetCredentialArguments,
  base64EncodedPrivateKey,
  basicAuthHeader,
  bearerToken,
  tokenAuthorization,
  xmlPassword,
  genericPasswordInConfig,
  genericApostropheInConfig,
  genericBlockInConfig,
  genericPasswordInCode,
  comparedPassword,
  genericUnquotedInCode,
];
