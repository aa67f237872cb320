/**
 * Tokens of SaaS, communication, payment and AI vendors, and key material (JWTs, private-key
 * blocks, age and WireGuard keys), each written from the vendor's documented format.
 *
 * Two kinds of rule: a token whose prefix says what it is (`xoxb-`, `sk_live_`, `hf_`) is found
 * wherever it stands, bare on a line or inside a URL; a token without one (a uuid, 32 hex) is found
 * only where a name says whose it is (`postmark`, `X-Postmark-Server-Token`, `TWILIO_AUTH_TOKEN`).
 * Every rule asks `isPlaceholder` about the random part, so `xoxb-xxxx…` and alphabets pass.
 */
import { type SecretDetector } from './kit';
import { isTokenOfConsequence } from './jwt-claims';
import { isKeyMaterial } from './key-material';
import { nearbyRule, nearFormatOf, uuid } from './nearby';
import { isPlaceholder } from './placeholders';
import { tokenBody } from './token-body';

type Accept = NonNullable<SecretDetector['accept']>;

interface Rule {
  what: string;
  keywords: readonly string[];
  pattern: RegExp;
  /** The random part the placeholder judgement looks at; default: the secret without its prefix. */
  body?: (secret: string) => string;
  /** A further check the format allows (a decodable part, a name that must be present). */
  also?: Accept;
}

function rule(kind: string, spec: Rule): SecretDetector {
  const body = spec.body ?? tokenBody;
  return {
    id: `paved/${kind}`,
    what: spec.what,
    keywords: spec.keywords,
    pattern: spec.pattern,
    accept: (secret, match, text) => !isPlaceholder(body(secret)) && (spec.also?.(secret, match, text) ?? true),
    ...ownershipOf(spec.pattern),
  };
}

/** The vendor names and value shape of each pattern `named` built: a rule found by name owns near misses of its shape. */
const namedShapes = new WeakMap<RegExp, { names: readonly string[]; value: string }>();

// A value just missing the format under the vendor's name is that vendor's to refuse (vendor-shapes.ts).
function ownershipOf(pattern: RegExp): Pick<SecretDetector, 'owns'> {
  const shape = namedShapes.get(pattern);
  const nearFormat = shape && nearFormatOf(shape.value);
  return nearFormat && shape ? { owns: { names: shape.names, nearFormat } } : {};
}

/** `postmark` as a pattern that matches `Postmark`, `POSTMARK`, while the value after it stays case-sensitive. */
const anyCase = (word: string) => word.replace(/[a-z]/g, (letter) => `[${letter}${letter.toUpperCase()}]`);

// A name, the rest of its identifier, and what joins it to its value in YAML, JSON, .env, shell,
// code, CLI flags and headers: `POSTMARK_TOKEN=`, `"postmarkToken": "`, `postmark.ServerClient("`,
// `X-Postmark-Server-Token: `, Makefiles' `::=` / `?=`, PHP's `.=`, an XML element's text on the
// next line (`<postmarkToken>\n    …`). One nested key is allowed (`postmark:\n  server_token: …`,
// `"postmark": { "token": …`). Every quantifier is bounded, so a match costs constant time per position.
const afterName = String.raw`[\w.-]{0,40}["'\x60\]>]{0,2}[ \t]{0,4}(?:=>|[:?.+]{1,3}=|[:=(,>]|[ \t])\s{0,8}`;
const nestedKey = String.raw`(?:\{?[ \t]{0,2}\r?\n?[ \t]{0,16}["']?[\w.-]{1,40}["']?[ \t]{0,4}(?:=>|:=|[:=])[ \t]{0,4})?`;

/** A value of shape `value` (pattern source, case-sensitive) given to a name that contains one of `names` (lower case). */
function named(names: readonly string[], value: string): RegExp {
  const name = names.map(anyCase).join('|');
  // Assembled from the constants above and the literal names and value shapes below only. The
  // name starts a word (`okta_token`, `myOktaToken`), so `rookTable` does not name Okta.
  // eslint-disable-next-line paved-security/no-dynamic-regexp
  const pattern = new RegExp(
    `(?:(?<![A-Za-z])|(?<=[a-z])(?=[A-Z]))(?:${name})${afterName}${nestedKey}["'\\x60]?(?<secret>${value})(?![\\w-])`,
    'g',
  );
  namedShapes.set(pattern, { names, value });
  return pattern;
}

/** The text of a match before its secret: the name and separators `named` matched. */
const nameOf = (secret: string, match: RegExpExecArray) => match[0].slice(0, match[0].lastIndexOf(secret));

/** A value of shape `value` under a name that has the vendor in it and that `which` accepts (default: it says `secret`). */
function clientSecret(kind: string, what: string, names: readonly string[], value: string, which = /secret/i) {
  return rule(kind, {
    what,
    keywords: names,
    pattern: named(names, value),
    body: (secret) => secret,
    also: (secret, match) => which.test(nameOf(secret, match)),
  });
}

const hex32 = '[0-9a-f]{32}';

/** The base64url segment decodes to text that `test` accepts. */
function decodes(segment: string, test: RegExp): boolean {
  return test.test(Buffer.from(segment, 'base64url').toString('latin1'));
}

/** `000000000`, `1234`, `123456789012`: an id nobody was issued. One or two digits (`xoxa-2-`) are a version. */
const isStandInId = (id: string) =>
  id.length >= 3 &&
  (/^(\d)\1{1,20}$/.test(id) || '01234567890123456789'.includes(id) || '98765432109876543210'.includes(id));

const lastSegment = (url: string) => url.slice(url.replace(/\/+$/, '').lastIndexOf('/') + 1);

const communication: SecretDetector[] = [
  rule('slack-token', {
    what: 'Slack token',
    keywords: ['xox', 'xapp-'],
    // xoxb- bot, xoxp- user, xoxa-/xoxr- app and refresh, xoxe- and xoxe.xoxp- rotating, xapp- app-level:
    // dash-separated numeric ids, then the random part.
    pattern: /(?<![\w-])(?<secret>(?:xox[abposr]|xoxe(?:\.xox[bp])?|xapp)-[0-9A-Za-z-]{20,250})(?![\w-])/g,
    body: (secret) => secret.slice(secret.lastIndexOf('-') + 1),
    // Configuration tokens (`xoxe.xoxp-1-…`) carry a body of 150 characters and more. The numeric
    // team and user ids are not random (they are allocated close together and often share a run
    // of digits), so they are not given to the placeholder judgement: only a counting or one-digit
    // id is a stand-in. Other parts are random and are judged as such.
    also: (secret) =>
      /\d/.test(secret) &&
      (!secret.startsWith('xoxe.') || secret.length >= 100) &&
      secret
        .slice(secret.indexOf('-') + 1)
        .split('-')
        .every((part) => (/^\d{1,20}$/.test(part) ? !isStandInId(part) : !isPlaceholder(part))),
  }),
  rule('slack-webhook', {
    what: 'Slack webhook URL',
    keywords: ['hooks.slack.com'],
    // services/T…/B…/secret, workflows/T…/A…/id/secret; the path is read whole, whatever its segments.
    pattern:
      /(?<secret>(?:https?:\/\/|)hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9+/]{40,120})(?![\w+/-])/g,
    body: (secret) => secret.slice(secret.indexOf('.com/') + 5).replace(/^[a-z]+\/|\//g, ''),
  }),
  rule('teams-webhook', {
    what: 'Microsoft Teams incoming webhook URL',
    keywords: ['webhook.office.com', 'outlook.office'],
    pattern:
      /(?<secret>https:\/\/(?:[a-z0-9-]{1,64}\.webhook\.office\.com\/webhookb2|outlook\.office(?:365)?\.com\/webhook)\/[0-9a-z-]{36}@[0-9a-z-]{36}\/IncomingWebhook\/[0-9a-z]{32}\/[0-9a-z-]{36}(?:\/[A-Za-z0-9_-]{20,80}|))(?![\w-])/g,
    body: (secret) => /IncomingWebhook\/([0-9a-z]{32})/.exec(secret)?.[1] ?? '',
  }),
  rule('power-automate-webhook', {
    what: 'Teams / Power Automate workflow URL with its signature',
    keywords: ['logic.azure.com', 'powerplatform.com'],
    // The sig= query parameter is the shared secret of an HTTP-triggered workflow.
    pattern:
      /(?<secret>https:\/\/[a-z0-9.-]{1,120}\.(?:logic\.azure\.com|environment\.api\.powerplatform\.com)(?::443)?\/[^\s"'<>]{0,400}?[?&]sig=[A-Za-z0-9_%-]{20,100})(?![\w%-])/g,
    body: (secret) => secret.slice(secret.lastIndexOf('sig=') + 4),
  }),
  rule('discord-webhook', {
    what: 'Discord webhook URL',
    keywords: ['discord'],
    pattern:
      /(?<secret>https:\/\/(?:ptb\.|canary\.)?discord(?:app)?\.com\/api\/(?:v\d{1,2}\/|)webhooks\/\d{17,20}\/[A-Za-z0-9_-]{60,80})(?![\w-])/g,
    body: lastSegment,
  }),
  rule('discord-bot-token', {
    what: 'Discord bot token',
    // No keyword: a token is often pasted bare, and its first part decoding to the bot's numeric id
    // is proof enough. The pattern opens on one of three letters, so it is cheap on any text.
    keywords: [],
    // base64(user id) . base64(timestamp) . HMAC; a decimal id in base64 starts with M, N or O.
    pattern: /(?<secret>[MNO](?<![\w.-][MNO])[A-Za-z0-9_-]{23,27}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38})(?![\w.-])/g,
    body: (secret) => secret.slice(secret.lastIndexOf('.') + 1),
    also: (secret, _, text) => decodes(secret.split('.')[0], /^\d{17,20}$/) || /discord/i.test(text),
  }),
  // An application's 64-hex public key and its numeric client id are public.
  clientSecret(
    'discord-client-secret',
    'Discord client secret or API token',
    ['discord'],
    '[a-f0-9]{64}|[A-Za-z0-9_=-]{32}',
    /^(?![\s\S]*public)[\s\S]*(?:secret|token)/i,
  ),
  rule('telegram-bot-token', {
    what: 'Telegram bot token',
    // `:aa`: an issued token's random part opens with AA, so a bare token is found too.
    keywords: ['telegram', 'bot', ':aa'],
    pattern: /(?:(?<=bot)|(?<![\w:-]))(?<secret>\d{5,16}:[A-Za-z0-9_-]{35})(?![\w-])/g,
    body: (secret) => secret.slice(secret.indexOf(':') + 1),
    // Issued tokens' random part starts with AA; anything else counts only in a file that says Telegram.
    also: (secret, _, text) => secret.includes(':AA') || /telegram/i.test(text),
  }),
  rule('twilio-api-key', {
    what: 'Twilio API key',
    keywords: ['sk'],
    pattern: /(?<![\w-])(?<secret>SK[0-9a-fA-F]{32})(?![\w-])/g,
    body: (secret) => secret.slice(2),
  }),
  rule('twilio-auth-token', {
    what: 'Twilio auth token',
    keywords: ['twilio'],
    pattern: named(['twilio', 'auth_token', 'authtoken'], hex32),
  }),
  rule('twilio-auth-token', {
    what: 'Twilio auth token',
    keywords: ['twilio'],
    // The second argument after an account sid: `Client("AC…", "…")`, `AC…:…` in basic auth.
    pattern: /(?<![\w-])AC[0-9a-f]{32}["'\x60]?[ \t]{0,4}[,:][ \t]{0,4}["'\x60]?(?<secret>[0-9a-f]{32})(?![\w-])/g,
    body: (secret) => secret,
  }),
  rule('sendgrid-api-key', {
    what: 'SendGrid API key',
    keywords: ['sg.'],
    // SG. id (22) . secret (43); read as 66 characters, whatever the dot between them.
    pattern: /(?<![\w.-])(?<secret>SG\.[\w=.-]{66})(?![\w=.-])/g,
    body: (secret) => secret.slice(3).replace('.', ''),
  }),
  rule('mailgun-api-key', {
    what: 'Mailgun API key',
    keywords: ['key-'],
    pattern: /(?<![\w-])(?<secret>key-[0-9a-z]{32})(?![\w-])/g,
    also: (secret) => /\d/.test(secret.slice(4)) && /[a-z]/.test(secret.slice(4)),
  }),
  rule('mailgun-private-key', {
    what: 'Mailgun private API key',
    keywords: ['mailgun'],
    // The current format: 32 hex, a dash, 8 hex, a dash, 8 (older: 4) hex; only where Mailgun is named.
    pattern: named(['mailgun', 'mg_'], `${hex32}-[0-9a-f]{8}-[0-9a-f]{4,8}`),
    body: (secret) => secret.replace(/-/g, ''),
  }),
  rule('mailchimp-api-key', {
    what: 'Mailchimp API key',
    keywords: ['-us'],
    pattern: /(?<![\w-])(?<secret>[0-9a-f]{32}-us\d{1,2})(?![\w-])/g,
    body: (secret) => secret.slice(0, 32),
  }),
  rule('postmark-token', {
    what: 'Postmark server or account token',
    keywords: ['postmark'],
    pattern: named(['postmark'], uuid),
    body: (secret) => secret.replace(/-/g, ''),
  }),
  rule('brevo-api-key', {
    what: 'Brevo (Sendinblue) API key',
    keywords: ['xkeysib-', 'xsmtpsib-'],
    pattern: /(?<![\w-])(?<secret>x(?:keysib|smtpsib)-[0-9a-f]{64}-[A-Za-z0-9]{16})(?![\w-])/g,
    body: (secret) => secret.slice(secret.indexOf('-') + 1, secret.indexOf('-') + 65),
  }),
  rule('intercom-access-token', {
    what: 'Intercom access token',
    keywords: ['dg9ro'],
    // base64 of "tok:" and the rest: `dG9rO` and a character from the colon's low bits.
    pattern: /(?<![\w+/-])(?<secret>dG9rO[g-v][A-Za-z0-9+/_-]{40,80}={0,2})(?![\w+/=-])/g,
    body: (secret) => secret.slice(6),
    // What follows `tok:` is printable (ids and `:`-separated fields), not binary.
    also: (secret) => decodes(secret.replace(/=+$/, ''), /^tok:[\x21-\x7e]{20,}$/),
  }),
  rule('intercom-access-token', {
    what: 'Intercom access token',
    keywords: ['intercom'],
    pattern: named(['intercom'], '[A-Za-z0-9+/_-]{40,80}={0,2}'),
  }),
  rule('zendesk-api-token', {
    what: 'Zendesk API token',
    keywords: ['zendesk'],
    pattern: named(['zendesk'], '[A-Za-z0-9]{40}'),
  }),
  rule('twitch-token', {
    what: 'Twitch client secret or OAuth token',
    keywords: ['twitch'],
    pattern: named(['twitch'], '(?:oauth:)?[a-z0-9]{30}'),
    body: (secret) => secret.replace(/^oauth:/, ''),
  }),
  rule('twitter-bearer-token', {
    what: 'Twitter / X bearer token',
    keywords: ['twitter', 'bearer'],
    // App-only bearer tokens start with a run of A's (a zero id) and carry URL-encoded padding.
    pattern: /(?<![\w%-])(?<secret>A{16,24}[A-Za-z0-9%]{40,140})(?![\w%-])/g,
    body: (secret) => secret.replace(/^A+/, ''),
  }),
  rule('twitter-credential', {
    what: 'Twitter / X API key, secret or access token',
    keywords: ['twitter'],
    pattern: named(['twitter'], '\\d{15,25}-[A-Za-z0-9]{20,40}|[A-Za-z0-9]{50}|[A-Za-z0-9]{45}|[A-Za-z0-9]{25}'),
    body: (secret) => secret.replace(/^\d{15,25}-/, ''),
  }),
  rule('meta-access-token', {
    what: 'Facebook / Meta access token',
    keywords: ['eaa'],
    pattern: /(?<![\w-])(?<secret>EAA[A-Za-z0-9]{90,400})(?![\w-])/g,
    body: (secret) => secret.slice(3),
  }),
  rule('meta-app-secret', {
    what: 'Facebook / Meta app secret',
    keywords: ['facebook', 'fb_app', 'fbapp', 'meta_app'],
    pattern: named(['facebook', 'fb_app', 'fbapp', 'meta_app'], hex32),
    body: (secret) => secret,
    also: (secret, match) => !/(?:app|client)[_-]?id/i.test(nameOf(secret, match)),
  }),
  rule('meta-access-token', {
    what: 'Facebook app access token',
    keywords: ['facebook', 'fb_'],
    // app id | app secret
    pattern: /(?<![\w-])(?<secret>\d{15,16}(?:\||%7C)[0-9A-Za-z_-]{27,40})(?![\w-])/g,
    body: (secret) => secret.slice(secret.search(/\||%7C/) + 1).replace(/^7C/, ''),
  }),
];

const payments: SecretDetector[] = [
  {
    // The key lives in the WordPress SDK's PHP init call; a copy in HTML or docs is a sample.
    files: /\.php$/i,
    ...rule('freemius-secret-key', {
      what: 'Freemius secret key',
      keywords: ['secret_key'],
      // The SDK's PHP config array: `'secret_key' => 'sk_…'`, 29 printable characters after `sk_`,
      // symbols among them (so only the quotes and a backslash end it). Stripe's `sk_live_…` is Stripe's.
      pattern: /["']secret_key["'][ \t]{0,8}=>[ \t]{0,8}["'](?<secret>sk_(?!live_|test_|prod_)[!#-&(-[\]-~]{29})["']/g,
      also: (secret) => /[A-Za-z]/.test(secret.slice(3)) && /\d/.test(secret.slice(3)),
    }),
  },
  rule('stripe-secret-key', {
    what: 'Stripe secret or restricted key',
    keywords: ['sk_live_', 'sk_test_', 'sk_prod_', 'rk_live_', 'rk_test_', 'rk_prod_'],
    pattern: /(?<![\w-])(?<secret>[rs]k_(?:live|test|prod)_[A-Za-z0-9]{10,247})(?![\w-])/g,
  }),
  rule('stripe-webhook-secret', {
    what: 'Stripe webhook signing secret',
    keywords: ['whsec_'],
    pattern: /(?<![\w-])(?<secret>whsec_[A-Za-z0-9+/]{32,64})(?![\w+/-])/g,
  }),
  rule('square-token', {
    what: 'Square access token or OAuth secret',
    keywords: ['sq0atp-', 'sq0csp-', 'eaaa'],
    // Not followed by `=`: a base64 value that happens to open with EAAA goes on past it.
    // An `EAAA` access token is 64 characters long; the older `sq0atp-` ones are shorter.
    pattern: /(?<![\w-])(?<secret>sq0atp-[\w-]{22,60}|EAAA[\w+=-]{60}|sq0csp-[\w-]{43})(?![\w+=-])/g,
    body: (secret) => secret.replace(/^(?:sq0[a-z]{3}-|EAAA)/, ''),
  }),
  rule('braintree-access-token', {
    what: 'PayPal Braintree access token',
    keywords: ['access_token$'],
    pattern: /(?<secret>access_token\$(?:production|sandbox)\$[0-9a-z]{16}\$[0-9a-f]{32})(?![\w$])/g,
    body: (secret) => secret.slice(-32),
  }),
  rule('shopify-token', {
    what: 'Shopify access token or shared secret',
    keywords: ['shpat_', 'shpca_', 'shppa_', 'shpss_'],
    // 32 hex; since 2023 (shopify.dev changelog: longer app secrets and access tokens) up to 40 alphanumerics.
    pattern: /(?<![\w-])(?<secret>shp(?:at|ca|pa|ss)_(?:[a-fA-F0-9]{32}|[A-Za-z0-9]{32,40}))(?![\w-])/g,
  }),
];

const ai: SecretDetector[] = [
  rule('tavily-api-key', {
    what: 'Tavily API key',
    keywords: ['tvly-'],
    pattern: /(?<![\w-])(?<secret>tvly-(?:dev-|prod-)?[A-Za-z0-9]{32})(?![\w-])/g,
  }),
  rule('jina-api-key', {
    what: 'Jina AI API key',
    keywords: ['jina_'],
    // jina_, 32 hex, 28 base64url characters.
    pattern: /(?<![\w-])(?<secret>jina_[0-9a-f]{32}[A-Za-z0-9_-]{28})(?![\w-])/g,
  }),
  rule('anthropic-api-key', {
    what: 'Anthropic API key',
    keywords: ['sk-ant-'],
    pattern: /(?<![\w-])(?<secret>sk-ant-(?:api|admin|sid|oat)\d{2}-[\w-]{80,120})(?![\w-])/g,
    body: (secret) => secret.slice(secret.indexOf('-', 7) + 1),
  }),
  rule('openai-api-key', {
    what: 'OpenAI API key',
    keywords: ['t3blbkfj'],
    // Project, service-account, admin and legacy keys carry "OpenAI" base64-encoded (T3BlbkFJ) in the middle.
    pattern:
      /(?<![\w-])(?<secret>sk-(?:(?:proj|svcacct|admin)-)?[A-Za-z0-9_-]{16,200}T3BlbkFJ[A-Za-z0-9_-]{16,200})(?![\w-])/g,
    body: (secret) => secret.replace(/^sk-(?:(?:proj|svcacct|admin)-)?/, '').replace('T3BlbkFJ', ''),
  }),
  rule('openai-api-key', {
    what: 'OpenAI API key',
    keywords: ['openai'],
    pattern: named(['openai'], 'sk-(?:(?:proj|svcacct|admin)-)?[A-Za-z0-9_-]{32,200}'),
    body: (secret) => secret.replace(/^sk-(?:(?:proj|svcacct|admin)-)?/, ''),
  }),
  rule('huggingface-token', {
    what: 'Hugging Face token',
    keywords: ['hf_', 'api_org_'],
    pattern: /(?<![\w-])(?<secret>(?:hf_|api_org_)[A-Za-z0-9]{34})(?![\w-])/g,
    body: (secret) => secret.replace(/^(?:hf_|api_org_)/, ''),
  }),
  rule('replicate-api-token', {
    what: 'Replicate API token',
    keywords: ['r8_'],
    pattern: /(?<![\w-])(?<secret>r8_[\w-]{37})(?![\w-])/g,
  }),
  rule('groq-api-key', {
    what: 'Groq API key',
    keywords: ['gsk_'],
    pattern: /(?<![\w-])(?<secret>gsk_[A-Za-z0-9]{52})(?![\w-])/g,
  }),
  rule('perplexity-api-key', {
    what: 'Perplexity API key',
    keywords: ['pplx-'],
    pattern: /(?<![\w-])(?<secret>pplx-[A-Za-z0-9]{40,56})(?![\w-])/g,
  }),
  rule('cohere-api-key', {
    what: 'Cohere API key',
    keywords: ['cohere', 'co_api_key'],
    pattern: named(['cohere', 'co_api_key'], '[A-Za-z0-9]{40}'),
    body: (secret) => secret,
  }),
  rule('mistral-api-key', {
    what: 'Mistral API key',
    keywords: ['mistral'],
    pattern: named(['mistral'], '[A-Za-z0-9]{32}'),
    body: (secret) => secret,
  }),
];

const productivity: SecretDetector[] = [
  rule('figma-token', {
    what: 'Figma personal access token',
    keywords: ['figd_'],
    pattern: /(?<![\w-])(?<secret>figd_[\w-]{38,50})(?![\w-])/g,
  }),
  rule('figma-token', {
    what: 'Figma personal access token',
    keywords: ['figma'],
    // Legacy tokens: a numeric id and a uuid; only where Figma is named.
    pattern: named(['figma'], `(?:\\d{1,10}-)?${uuid}`),
    body: (secret) => secret.replace(/-/g, ''),
  }),
  rule('notion-token', {
    what: 'Notion integration token',
    keywords: ['secret_', 'ntn_'],
    pattern: /(?<![\w-])(?<secret>secret_[A-Za-z0-9]{43}|ntn_[A-Za-z0-9]{40,50})(?![\w-])/g,
    // `secret_` is a common word: a token has the mixed case and digits of a random body.
    also: (secret) =>
      secret.startsWith('ntn_') || (/\d/.test(secret) && /[A-Z]/.test(secret) && /[a-z]/.test(secret.slice(7))),
  }),
  rule('linear-api-key', {
    what: 'Linear API key',
    keywords: ['lin_api_', 'lin_oauth_'],
    pattern: /(?<![\w-])(?<secret>lin_(?:api|oauth)_[A-Za-z0-9]{40,64})(?![\w-])/g,
  }),
  clientSecret('linear-client-secret', 'Linear OAuth client secret', ['linear'], hex32),
  clientSecret('asana-client-secret', 'Asana OAuth client secret', ['asana'], '[a-z0-9]{32}'),
  rule('asana-token', {
    what: 'Asana personal access token',
    keywords: ['asana'],
    pattern: named(['asana'], '(?:[12]/\\d{1,20}(?:/\\d{1,20})?:[0-9a-f]{32}|0/[0-9a-f]{32})'),
    body: (secret) => secret.slice(-32),
  }),
  rule('airtable-token', {
    what: 'Airtable personal access token',
    keywords: ['pat'],
    pattern: /(?<![\w-])(?<secret>pat[A-Za-z0-9]{14}\.[0-9a-f]{64})(?![\w-])/g,
    body: (secret) => secret.slice(secret.indexOf('.') + 1),
  }),
  rule('airtable-token', {
    what: 'Airtable API key',
    keywords: ['airtable'],
    // Legacy keys: `key` and 14 characters.
    pattern: named(['airtable'], '[A-Za-z0-9]{17}'),
    body: (secret) => secret.replace(/^key/, ''),
  }),
  rule('dropbox-token', {
    what: 'Dropbox access token',
    keywords: ['sl.'],
    pattern: /(?<![\w.-])(?<secret>sl\.(?:[A-Za-z]\.)?[A-Za-z0-9_-]{130,1400})(?![\w-])/g,
    body: (secret) => secret.replace(/^sl\.(?:[A-Za-z]\.)?/, ''),
  }),
  rule('dropbox-token', {
    what: 'Dropbox long-lived access token',
    keywords: ['dropbox'],
    pattern: named(['dropbox'], '[a-z0-9]{11}AAAAAAAAAA[A-Za-z0-9_-]{43}'),
    body: (secret) => secret.slice(0, 11) + secret.slice(21),
  }),
  clientSecret('dropbox-token', 'Dropbox app secret', ['dropbox'], '[a-z0-9]{15}', /secret|token/i),
  rule('contentful-token', {
    what: 'Contentful management token',
    keywords: ['cfpat-'],
    pattern: /(?<![\w-])(?<secret>CFPAT-[A-Za-z0-9_-]{43})(?![\w-])/g,
    body: (secret) => secret.slice(6),
  }),
  rule('contentful-token', {
    what: 'Contentful delivery or preview token',
    keywords: ['contentful'],
    pattern: named(['contentful'], '[A-Za-z0-9_-]{43}'),
    body: (secret) => secret,
    also: (secret, match) => !/space|environment|host/i.test(nameOf(secret, match)),
  }),
  // The search-only key is public by design; the admin (write) key is not.
  clientSecret(
    'algolia-admin-key',
    'Algolia admin API key',
    ['algolia'],
    '[0-9a-f]{32}',
    /^(?![\s\S]*(?:search|public|read|app(?:lication)?[_-]?id|index))/i,
  ),
  rule('mapbox-secret-token', {
    what: 'Mapbox secret token',
    keywords: ['sk.eyj'],
    // sk. is secret; pk. (the public token every map page ships) is not.
    pattern: /(?<![\w.-])(?<secret>sk\.eyJ[A-Za-z0-9_-]{20,200}\.[A-Za-z0-9_-]{20,40})(?![\w.-])/g,
    body: (secret) => secret.slice(secret.lastIndexOf('.') + 1),
  }),
  rule('mapbox-secret-token', {
    what: 'Mapbox secret token',
    keywords: ['mapbox'],
    pattern: /(?<![\w.-])(?<secret>sk\.[A-Za-z0-9_-]{50,200}\.[A-Za-z0-9_-]{20,40})(?![\w.-])/g,
    body: (secret) => secret.slice(secret.lastIndexOf('.') + 1),
  }),
  rule('launchdarkly-key', {
    what: 'LaunchDarkly SDK or API key',
    keywords: ['launchdarkly', 'ldclient', 'ld_'],
    pattern: /(?<![\w-])(?<secret>(?:api|sdk)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?![\w-])/g,
    body: (secret) => secret.slice(4).replace(/-/g, ''),
  }),
  rule('okta-api-token', {
    what: 'Okta API token',
    keywords: ['okta'],
    pattern: named(['okta'], '00[A-Za-z0-9_-]{40}'),
    body: (secret) => secret.slice(2),
  }),
  rule('okta-api-token', {
    what: 'Okta API token',
    keywords: ['ssws'],
    // Okta's own Authorization scheme: `Authorization: SSWS <token>`.
    pattern: /\bSSWS[ \t]{1,4}(?<secret>00[A-Za-z0-9_-]{40})(?![\w-])/g,
    body: (secret) => secret.slice(2),
  }),
  clientSecret('auth0-client-secret', 'Auth0 client secret', ['auth0'], '[A-Za-z0-9_-]{48,88}'),
  rule('onepassword-token', {
    what: '1Password service account token',
    keywords: ['ops_eyj'],
    pattern: /(?<![\w-])(?<secret>ops_eyJ[A-Za-z0-9+/=_-]{100,1500})(?![\w+/=-])/g,
    body: (secret) => secret.slice(4),
  }),
  rule('onepassword-secret-key', {
    what: '1Password account secret key',
    keywords: ['a3-'],
    pattern:
      /(?<![\w-])(?<secret>A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5})(?![\w-])/g,
    body: (secret) => secret.slice(3).replace(/-/g, ''),
    also: (secret) => /\d/.test(secret.slice(3)) && /[A-Z]/.test(secret.slice(3)),
  }),
  rule('hubspot-token', {
    what: 'HubSpot private app token',
    keywords: ['pat-'],
    pattern:
      /(?<![\w-])(?<secret>pat-(?:na|eu|ap)\d-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?![\w-])/g,
    body: (secret) => secret.slice(8).replace(/-/g, ''),
  }),
  rule('hubspot-token', {
    what: 'HubSpot API key',
    keywords: ['hubspot', 'hapikey'],
    pattern: named(['hubspot', 'hapikey'], uuid),
    body: (secret) => secret.replace(/-/g, ''),
  }),
  rule('sourcegraph-token', {
    what: 'Sourcegraph access token',
    keywords: ['sgp_'],
    // sgp_, in current tokens a 16-hex instance id (or `local`) and `_`, then 40 hex.
    // eslint-disable-next-line security/detect-unsafe-regex -- linear: one optional literal-led group between bounded hex runs
    pattern: /(?<![\w-])(?<secret>sgp_(?:[0-9a-fA-F]{16}_|local_)?[0-9a-fA-F]{40})(?![\w-])/g,
    body: (secret) => secret.slice(-40),
  }),
  // Segment's public API tokens share the prefix: sgp_ and 64 alphanumerics.
  rule('segment-api-token', {
    what: 'Segment public API token',
    keywords: ['sgp_'],
    pattern: /(?<![\w-])(?<secret>sgp_[A-Za-z0-9]{64})(?![\w-])/g,
  }),
  // Tokens issued before the sgp_ prefix are 40 hex: one only where Sourcegraph names it (not a commit).
  rule('sourcegraph-token', {
    what: 'Sourcegraph access token',
    keywords: ['sourcegraph'],
    pattern: named(['sourcegraph'], '[0-9a-fA-F]{40}'),
    body: (secret) => secret,
    also: (secret, match) => !/commit|sha|rev|hash|version/i.test(nameOf(secret, match)),
  }),
  rule('dependency-track-api-key', {
    what: 'Dependency-Track API key',
    keywords: ['odt_'],
    pattern: /(?<![\w-])(?<secret>odt_[A-Za-z0-9]{32,40})(?![\w-])/g,
  }),
  rule('adafruit-io-key', {
    what: 'Adafruit IO key',
    keywords: ['aio_'],
    pattern: /(?<![\w-])(?<secret>aio_[A-Za-z0-9]{28})(?![\w-])/g,
  }),
  rule('twitch-stream-key', {
    what: 'Twitch stream key',
    // Not `live_`: that prefix is shared (Lob, GoCardless), and a prefix keyword would claim every
    // `live_` value for this rule alone (vendor-shapes). A channel id never starts with 0.
    keywords: ['live_1', 'live_2', 'live_3', 'live_4', 'live_5', 'live_6', 'live_7', 'live_8', 'live_9'],
    // live_, the channel's numeric id, `_`, 30 random characters: whoever holds it broadcasts as the channel.
    pattern: /(?<![\w-])(?<secret>live_\d{6,12}_[A-Za-z0-9]{30})(?![\w-])/g,
    body: (secret) => secret.slice(secret.lastIndexOf('_') + 1),
  }),
  rule('salesforce-access-token', {
    what: 'Salesforce access token',
    keywords: ['00d'],
    // A session id: the 15- or 18-character org id (prefix 00D), `!`, then the session part.
    pattern: /(?<![\w!.-])(?<secret>00D[A-Za-z0-9]{12,15}![A-Za-z0-9._]{80,200})(?![\w!.-])/g,
    body: (secret) => secret.slice(secret.indexOf('!') + 1),
  }),
  rule('thingsboard-access-token', {
    what: 'ThingsBoard device access token',
    keywords: ['/api/v1/'],
    // The device API takes the device's access token as a path segment: /api/v1/<token>/telemetry.
    pattern:
      // eslint-disable-next-line security/detect-unsafe-regex -- linear: bounded runs separated by literals (`://`, `/api/v1/`)
      /(?:https?|coaps?|mqtts?):\/\/[\w.-]{1,253}(?::\d{1,5})?\/api\/v1\/(?<secret>[A-Za-z0-9_-]{16,64})\/(?:telemetry|attributes|rpc|claim)(?![\w-])/g,
    body: (secret) => secret,
    also: (secret) => /\d/.test(secret) && /[A-Za-z]/.test(secret),
  }),
  nearbyRule({
    kind: 'truenas-api-key',
    what: 'TrueNAS API key',
    names: ['login_with_api_key', 'truenas'],
    // The key's numeric id, `-`, 64 random characters.
    value: '\\d{1,6}-[A-Za-z0-9]{64}',
  }),
  // Bundler reads the Sidekiq Pro/Enterprise gem server's `user:password` (8 hex each) from
  // BUNDLE_GEMS__CONTRIBSYS__COM / BUNDLE_ENTERPRISE__CONTRIBSYS__COM, or from the source URL.
  rule('sidekiq-credential', {
    what: 'Sidekiq Pro / Enterprise gem server credential',
    keywords: ['contribsys'],
    pattern:
      /BUNDLE_(?:GEMS|ENTERPRISE)__CONTRIBSYS__COM\w{0,12}["']?[ \t]{0,4}(?:[:?]{0,3}=|[:,])[ \t]{0,4}["']?(?<secret>[0-9a-fA-F]{8}:[0-9a-fA-F]{8})(?![\w:])/g,
    body: (secret) => secret.replace(':', ''),
  }),
  rule('sidekiq-credential', {
    what: 'Sidekiq Pro / Enterprise gem server credential',
    keywords: ['contribsys'],
    pattern: /https?:\/\/(?<secret>[0-9a-fA-F]{8}:[0-9a-fA-F]{8})@(?:gems|enterprise)\.contribsys\.com/g,
    body: (secret) => secret.replace(':', ''),
  }),
  // An access id (`su` and 12 characters) signs every API call with its access key (vendor-apis-m-z.ts).
  rule('sumologic-credential', {
    what: 'Sumo Logic access id',
    keywords: ['sumo'],
    pattern: named(['sumo'], 'su[A-Za-z0-9]{12}'),
    // `sumObj = su…` is a variable that starts with sumo, not Sumo Logic.
    also: (secret, match) =>
      /[A-Z]/.test(secret) &&
      /[a-z]/.test(secret.slice(2)) &&
      /logic|access|id|key|token|secret/i.test(nameOf(secret, match)),
  }),
  rule('tailscale-key', {
    what: 'Tailscale auth, API or OAuth client key',
    keywords: ['tskey-'],
    // tskey-<kind>-<key id>-<secret>, the kind naming the use (auth, api, client, scim, webhook);
    // older keys carry one long base64url part after the kind.
    pattern:
      /(?<![\w-])(?<secret>tskey-[a-z]{3,12}-(?:[A-Za-z0-9]{6,24}-[A-Za-z0-9]{16,64}|[A-Za-z0-9_-]{40,200}))(?![\w-])/g,
    body: (secret) => secret.slice(secret.indexOf('-', 6) + 1).replace(/-/g, ''),
    also: (secret) => /\d/.test(secret.slice(secret.indexOf('-', 6) + 1)),
  }),
  rule('easypost-api-key', {
    what: 'EasyPost API key',
    keywords: ['ezak', 'eztk'],
    // EZAK (production) or EZTK (test), then 54 alphanumerics; not inside a base64 blob.
    pattern: /(?<![\w+/-])(?<secret>EZ[AT]K[A-Za-z0-9]{54})(?![\w+/=-])/g,
    body: (secret) => secret.slice(4),
  }),
  rule('intra42-client-secret', {
    what: '42 Intra OAuth client secret',
    keywords: ['s-s4t2'],
    // s-s4t2ud- (user apps) or s-s4t2af- (admin apps), then 64 hex.
    pattern: /(?<![\w-])(?<secret>s-s4t2(?:ud|af)-[a-f0-9]{64})(?![\w-])/g,
    body: (secret) => secret.slice(9),
  }),
  rule('adobe-client-secret', {
    what: 'Adobe Developer Console client secret',
    keywords: ['p8e-'],
    pattern: /(?<![\w-])(?<secret>p8e-[A-Za-z0-9_-]{32})(?![\w-])/g,
    also: (secret) => /\d/.test(secret.slice(4)) && /[a-z]/i.test(secret.slice(4)),
  }),
];

const keyMaterial: SecretDetector[] = [
  // crypt(3) and bcrypt hashes as /etc/shadow, htpasswd files and user seeds keep them: offline
  // cracking turns a weak password's hash back into the password. Each scheme has a fixed id, salt
  // and hash length: md5 ($1$, Apache $apr1$), bcrypt ($2a/b/x/y$ cost, 22 salt + 31 hash),
  // sha256/sha512 ($5$/$6$, optional rounds), Cisco type 8/9 ($8$/$9$), yescrypt ($y$).
  rule('password-hash', {
    what: 'password hash (crypt, bcrypt)',
    keywords: ['$1$', '$apr1$', '$2a$', '$2b$', '$2x$', '$2y$', '$5$', '$6$', '$8$', '$9$', '$y$'],
    pattern:
      // eslint-disable-next-line security/detect-unsafe-regex -- linear: every part is a bounded run of one class, and the alternatives open with different literals
      /(?<![\w$./])(?<secret>\$(?:1|apr1)\$[./A-Za-z0-9]{1,8}\$[./A-Za-z0-9]{22}|\$2[abxy]\$\d\d\$[./A-Za-z0-9]{53}|\$5\$(?:rounds=\d{1,9}\$)?[./A-Za-z0-9]{1,16}\$[./A-Za-z0-9]{43}|\$6\$(?:rounds=\d{1,9}\$)?[./A-Za-z0-9]{1,16}\$[./A-Za-z0-9]{86}|\$[89]\$[./A-Za-z0-9]{14}\$[./A-Za-z0-9]{43}|\$y\$[./A-Za-z0-9]{1,12}\$[./A-Za-z0-9]{1,86}\$[./A-Za-z0-9]{43})(?![\w$./])/g,
    body: (secret) => secret.slice(secret.lastIndexOf('$') + 1),
  }),
  // Kerberos AS-REP (hashcat 18200) and TGS-REP (13100) hashes: what AS-REP roasting and
  // Kerberoasting dump, cracked offline into the account's password.
  rule('kerberos-hash', {
    what: 'Kerberos AS-REP / TGS-REP hash',
    keywords: ['$krb5asrep$', '$krb5tgs$'],
    pattern:
      // eslint-disable-next-line security/detect-unsafe-regex -- bounded; each repetition ends at a `:` or `$`, which its body excludes
      /(?<secret>\$krb5(?:asrep|tgs)\$(?:17|18|23)\$(?:[^\s$:]{1,256}[:$]){0,3}[0-9a-f]{24,32}\$[0-9a-f]{64,16384})(?![0-9a-f])/g,
    body: (secret) => secret.slice(secret.lastIndexOf('$') + 1, secret.lastIndexOf('$') + 65),
  }),
  rule('age-secret-key', {
    what: 'age secret key',
    keywords: ['age-secret-key-1'],
    pattern: /(?<![\w-])(?<secret>AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58})(?![\w-])/g,
    body: (secret) => secret.slice(16),
  }),
  rule('wireguard-private-key', {
    what: 'WireGuard private key',
    keywords: ['privatekey', 'presharedkey'],
    // 32 bytes in base64: 43 characters, the last of which carries 4 bits, and one '='.
    pattern:
      /^[ \t]*(?:PrivateKey|PresharedKey)[ \t]*=[ \t]*(?<secret>[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=)(?![\w+/=])/gm,
    body: (secret) => secret.slice(0, 43),
  }),
  rule('authress-service-client-key', {
    what: 'Authress service client access key',
    // The key names its parts: client id (`sc_…`, `ext_…`), key id, account (`acc_…`), then the
    // signing key; the account segment is what makes it Authress's.
    keywords: ['.acc_', '.acc-'],
    pattern:
      /(?<![\w.-])(?<secret>(?:sc|ext|scauth|authress)_[A-Za-z0-9]{5,30}\.[A-Za-z0-9]{4,6}\.acc[_-][a-z0-9-]{10,32}\.[A-Za-z0-9+/_=-]{30,120})(?![\w+/=-])/g,
    body: (secret) => secret.slice(secret.lastIndexOf('.') + 1),
  }),
  rule('github-token', {
    what: 'GitHub App installation token',
    keywords: ['ghs_'],
    // The installation-token format GitHub announced in 2026: `ghs_`, the App's numeric id, `_`, a
    // signed JWT. The `_` before the JWT hides it from the plain JWT rule.
    pattern: /(?<![A-Za-z0-9_])(?<secret>ghs_\d{1,20}_eyJ[\w-]{8,1000}\.ey[\w-]{8,4000}\.[\w-]{10,1000})(?![\w-])/g,
    body: (secret) => secret.slice(secret.lastIndexOf('.') + 1),
    also: (secret) => isTokenOfConsequence(secret.slice(secret.indexOf('_', 4) + 1)),
  }),
  rule('jwt', {
    what: 'JSON Web Token',
    keywords: ['eyj'],
    pattern: /(?<![\w-])(?<secret>eyJ[\w-]{8,1000}\.ey[\w-]{8,4000}\.[\w-]{10,1000})(?![\w-])/g,
    body: (secret) => secret.slice(secret.lastIndexOf('.') + 1),
    also: isTokenOfConsequence,
  }),
  {
    id: 'paved/private-key',
    what: 'private key',
    keywords: ['private key'],
    // A PEM, OpenSSH or PGP block; the body is judged by isKeyMaterial. The lazy body stops at the
    // first END line and can only start at a BEGIN line, so the pattern stays linear.
    pattern:
      /-----BEGIN (?<label>[A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?)-----[\w\s+/=:,.()@<>'"\\-]{0,65536}?-----END [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----/g,
    accept: (secret) => isKeyMaterial(secret),
  },
  {
    id: 'paved/private-key',
    what: 'PuTTY private key',
    keywords: ['private-lines'],
    // A .ppk file: the private half is the base64 lines after `Private-Lines: n`, up to Private-MAC.
    pattern: /Private-Lines:[ \t]*\d{1,3}\r?\n(?<secret>[A-Za-z0-9+/=\r\n]{16,16384}?)\r?\nPrivate-(?:MAC|Hash):/g,
    accept: (secret) => !isPlaceholder(secret.replace(/\s/g, '')) && Buffer.from(secret, 'base64').length >= 16,
  },
];

export const vendorSaasDetectors: readonly SecretDetector[] = [
  ...keyMaterial,
  ...communication,
  ...payments,
  ...ai,
  ...productivity,
];
