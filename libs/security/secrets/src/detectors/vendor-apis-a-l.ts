/**
 * API keys of vendors from 0–9 and A to L whose keys have no prefix of their own (or a short one
 * that other text shares): 32 lower-case alphanumerics, a uuid, 64 hex. Such a value is that
 * vendor's key only where the vendor is named close by (`ABYSSALE_API_KEY=…`, a log line after
 * "calling the Ambee API", a Jenkins credential whose id names the service), so each rule is a
 * `nearbyRule`: the vendor's exact shape, bounded on both sides, within a short reach after its name.
 * The few with a distinctive prefix (`apify_api_`, `lsv2_pt_`) are found wherever they stand.
 * Names are the vendor's own, spelled so that ordinary words do not contain them.
 */
import { type SecretDetector } from './kit';
import { alnum, escaped, hex, lowerAlnum, nearbyPattern, nearbyRule, prefixedRule, uuid } from './nearby';
import { isPlaceholder } from './placeholders';
import { isPublishedEmulatorKey } from './vendor-infra';

/** A uuid as these vendors issue it; some print it in letters past `f` (their test keys), so any lower-case alphanumerics. */
const uuidShaped = '[0-9a-z]{8}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{12}';

/**
 * How far after the name the value may start: room for `NAME_API_KEY = "` or a log line and the
 * next line's `Using key=`, not for a paragraph; a value further off is no longer the name's.
 */
const reach = 40;

function key(kind: string, what: string, names: readonly string[], value: string): SecretDetector {
  return nearbyRule({ kind, what, names, value, reach });
}

/**
 * A key that works only with a second value (an app id, a secret): reported where that value too
 * stands after the vendor's name, within reach. A lone key of the right shape with its partner
 * missing or far off is how examples and half-edited files look, not a usable credential.
 */
function paired(
  kind: string,
  what: string,
  names: readonly string[],
  value: string,
  partner: string,
  partnerNames: readonly string[] = names,
): SecretDetector {
  const detector = key(kind, what, names, value);
  const partners = nearbyPattern(partnerNames, partner, reach);
  return {
    ...detector,
    // A lone key (its partner missing) is refused here but may still be a secret: the generic rules judge it.
    owns: undefined,
    accept: (secret, match, text) =>
      (detector.accept?.(secret, match, text) ?? true) &&
      [...text.matchAll(partners)].some(
        (found) =>
          found.groups?.secret !== secret &&
          /\d/.test(found.groups?.secret ?? '') &&
          !isPlaceholder(found.groups?.secret ?? ''),
      ),
  };
}

/** A token that opens with its vendor's own prefix: found bare, judged on the random part after it. */
function prefixed(kind: string, what: string, prefix: string, body: string): SecretDetector {
  return prefixedRule({
    kind,
    what,
    keywords: [prefix.toLowerCase()],
    // Built from a literal prefix and the bounded body shapes below only.
    // eslint-disable-next-line paved-security/no-dynamic-regexp
    pattern: new RegExp(`(?<![\\w-])(?<secret>${escaped(prefix)}${body})(?![\\w-])`, 'g'),
    body: (secret) => secret.slice(prefix.length).replace(/[-_]/g, ''),
  });
}

const airtableOAuthToken: SecretDetector = {
  id: 'paved/airtable-oauth-token',
  what: 'Airtable OAuth access token',
  keywords: ['.v1.eyj'],
  pattern: /(?<![\w-])(?<secret>[0-9A-Za-z]{17}\.v1\.eyJ[0-9A-Za-z_-]{20,2000}\.[0-9a-f]{64})(?![\w-])/g,
  accept: (secret) => {
    const [, , payload, signature] = secret.split('.');
    return decodesToJson(payload) && !isPlaceholder(signature);
  },
};

function decodesToJson(segment: string): boolean {
  try {
    return typeof JSON.parse(Buffer.from(segment, 'base64url').toString('utf-8')) === 'object';
  } catch {
    return false;
  }
}

export const vendorApisAToLDetectors: readonly SecretDetector[] = [
  // AbuseIPDB: 80 lower-case alphanumerics.
  key('abuseipdb-api-key', 'AbuseIPDB API key', ['abuseipdb'], lowerAlnum(80)),
  // Abyssale: 40 alphanumerics.
  key('abyssale-api-key', 'Abyssale API key', ['abyssale'], alnum(40)),
  // AccuWeather: 32 alphanumerics.
  key('accuweather-api-key', 'AccuWeather API key', ['accuweather'], alnum(32)),
  // Adafruit IO: `aio_` and 28 alphanumerics; the prefix alone is also a Python naming habit, so the vendor is named.
  key('adafruit-io-key', 'Adafruit IO key', ['adafruit'], `aio_${alnum(28)}`),
  // Adobe I/O (Developer Console) client ids and secrets: 32 lower-case alphanumerics.
  paired('adobe-io-key', 'Adobe I/O client credential', ['adobe'], lowerAlnum(32), '[0-9A-Za-z.]{12}'),
  // Adzuna: application key of 32 lower-case alphanumerics.
  paired('adzuna-api-key', 'Adzuna API key', ['adzuna'], lowerAlnum(32), lowerAlnum(8)),
  // Aha!: 64 hex, given with the account's aha.io host.
  key('aha-api-key', 'Aha! API key', ['aha.io'], hex(64)),
  // Airbrake: user keys of 40 alphanumerics; project keys of 32, used with the 6-digit project id.
  key('airbrake-user-key', 'Airbrake user key', ['airbrake'], alnum(40)),
  paired('airbrake-project-key', 'Airbrake project key', ['airbrake'], alnum(32), '\\d{6}'),
  // Airship (Urban Airship): 91 alphanumerics.
  key('airship-token', 'Airship token', ['airship'], alnum(91)),
  // IQAir AirVisual: 36 characters of lower-case alphanumerics and dashes (a uuid, mostly).
  key('airvisual-api-key', 'AirVisual API key', ['airvisual'], '[0-9a-z-]{36}'),
  // Aiven: a 372-character base64 token.
  // `=` is in the alphabet, so the value must end where the token does: else `key=` opens it.
  key('aiven-token', 'Aiven token', ['aiven'], '[A-Za-z0-9+/=]{372}(?![+/=])'),
  // Airtable OAuth access tokens: the 17-character token id, `.v1.`, a base64url JSON payload and 64 hex.
  airtableOAuthToken,
  // Alchemy: 32 characters of a base64url-like alphabet, or `alcht_` and 30 alphanumerics.
  key('alchemy-api-key', 'Alchemy API key', ['alchemy'], `alcht_${alnum(30)}|[0-9A-Za-z_]{32}`),
  // Alconost: 32 alphanumerics.
  key('alconost-api-key', 'Alconost API key', ['alconost'], alnum(32)),
  // Alegra: an API token of 20 lower-case alphanumerics and dashes (used with the account's email).
  key('alegra-api-token', 'Alegra API token', ['alegra'], '[0-9a-z-]{20}'),
  // Aletheia API: 32 upper-case alphanumerics.
  key('aletheia-api-key', 'Aletheia API key', ['aletheia'], '[0-9A-Z]{32}'),
  // AlienVault OTX: 64 lower-case alphanumerics (hex in practice).
  key('alienvault-otx-key', 'AlienVault OTX key', ['alienvault'], lowerAlnum(64)),
  // AllSportsAPI: 64 lower-case alphanumerics.
  key('allsports-api-key', 'AllSportsAPI key', ['allsports'], lowerAlnum(64)),
  // Amadeus for Developers: API key of 32 and secret of 16 alphanumerics.
  key('amadeus-api-key', 'Amadeus API credential', ['amadeus'], `${alnum(32)}|${alnum(16)}`),
  // Ambee: 64 hex.
  key('ambee-api-key', 'Ambee API key', ['ambee'], hex(64)),
  // Amplitude: API key and secret key of 32 hex each.
  key('amplitude-api-key', 'Amplitude API key', ['amplitude'], hex(32)),
  // Aero Workflow: a 20-character key (alphanumerics and `^!?#:*;`), used with the numeric account id.
  paired('aeroworkflow-api-key', 'Aero Workflow API key', ['aeroworkflow'], '[0-9A-Za-z^!?#:*;]{20}', '\\d{1,12}'),
  // Agora: App ID and App Certificate of 32 hex (lower-case alphanumerics in some consoles).
  paired('agora-app-credential', 'Agora app credential', ['agora'], lowerAlnum(32), lowerAlnum(32)),
  // MuleSoft Anypoint: a uuid token, or a connected app's 32-hex id and secret.
  key('anypoint-credential', 'Anypoint credential', ['anypoint'], `${uuidShaped}|[0-9a-fA-F]{32}`),
  // Apacta: a uuid.
  key('apacta-api-key', 'Apacta API key', ['apacta'], uuidShaped),
  // API2Cart: 32 hex.
  key('api2cart-api-key', 'API2Cart API key', ['api2cart'], hex(32)),
  // ApiFlash: 32 lower-case alphanumerics.
  key('apiflash-access-key', 'ApiFlash access key', ['apiflash'], lowerAlnum(32)),
  // Apifonica: an 11-character first group, then the rest of a uuid.
  key(
    'apifonica-api-key',
    'Apifonica API key',
    ['apifonica'],
    '[0-9a-z]{11}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{12}',
  ),
  // Apify: `apify_api_` and 36 alphanumerics.
  prefixed('apify-api-token', 'Apify API token', 'apify_api_', alnum(36)),
  // Cerebras API keys: `csk-` and 48 lower-case alphanumerics.
  prefixed('cerebras-api-key', 'Cerebras API key', 'csk-', lowerAlnum(48)),
  // Clojars deploy tokens: `CLOJARS_` and 60 lower-case alphanumerics.
  prefixed('clojars-deploy-token', 'Clojars deploy token', 'CLOJARS_', lowerAlnum(60)),
  // Flutterwave secret keys: `FLWSECK-` / `FLWSECK_TEST-`, 32 lower-case alphanumerics (hex in the
  // keys issued so far), `-X`; the test encryption key is `FLWSECK_TEST`, an optional `-` and 12 hex.
  // `FLWPUBK` keys are public.
  prefixed('flutterwave-secret-key', 'Flutterwave secret key', 'FLWSECK-', `${lowerAlnum(32)}-X`),
  prefixed('flutterwave-secret-key', 'Flutterwave secret key', 'FLWSECK_TEST-', `${lowerAlnum(32)}-X`),
  prefixed('flutterwave-encryption-key', 'Flutterwave encryption key', 'FLWSECK_TEST', `-?${hex(12)}`),
  // Frame.io developer tokens: `fio-u-` and 64 URL-safe characters.
  prefixed('frameio-token', 'Frame.io developer token', 'fio-u-', '[A-Za-z0-9_=-]{64}'),
  // apilayer (and its marketplace APIs): 32 alphanumerics.
  key('apilayer-api-key', 'apilayer API key', ['apilayer'], alnum(32)),
  // APIMatic: 64 base64url characters.
  key('apimatic-api-key', 'APIMatic API key', ['apimatic'], '[0-9A-Za-z_-]{64}'),
  // APImetrics: 32 alphanumerics.
  key('apimetrics-api-key', 'APImetrics API key', ['apimetrics'], alnum(32)),
  // APITemplate.io: 39 alphanumerics.
  key('apitemplate-api-key', 'APITemplate.io API key', ['apitemplate'], alnum(39)),
  // Apollo.io: 22 alphanumerics.
  key('apollo-io-api-key', 'Apollo.io API key', ['apollo'], alnum(22)),
  // Appcues: API key (a uuid) and secret (39 characters).
  key('appcues-api-key', 'Appcues API key', ['appcues'], `${uuidShaped}|[0-9a-z-]{39}`),
  // Appointedd: 88 characters of base64.
  key('appointedd-api-key', 'Appointedd API key', ['appointedd'], '[0-9A-Za-z+=]{88}'),
  // AppSynergy: 64 lower-case alphanumerics.
  key('appsynergy-api-key', 'AppSynergy API key', ['appsynergy'], lowerAlnum(64)),
  // Apptivo: API key (a uuid) and access key (32 characters).
  paired('apptivo-api-key', 'Apptivo API key', ['apptivo'], uuidShaped, '[0-9A-Za-z-]{32}'),
  // Artsy: client secret of 32 alphanumerics, client id of 20.
  key('artsy-client-credential', 'Artsy client credential', ['artsy'], `${alnum(32)}|${alnum(20)}`),
  // AssemblyAI: 32 lower-case alphanumerics (hex in practice).
  key('assemblyai-api-key', 'AssemblyAI API key', ['assemblyai'], lowerAlnum(32)),
  // AudD: 32 lower-case alphanumerics.
  key('audd-api-token', 'AudD API token', ['audd'], lowerAlnum(32)),
  // Autoklose: 32 characters, letters, digits and dashes.
  key('autoklose-api-key', 'Autoklose API key', ['autoklose'], '[0-9A-Za-z-]{32}'),
  // Autopilot: 32 hex.
  key('autopilot-api-key', 'Autopilot API key', ['autopilot'], hex(32)),
  // Avaza: a numeric account id, a dash and 40 hex.
  key('avaza-personal-token', 'Avaza personal access token', ['avaza'], `\\d{1,32}-${hex(40)}`),
  // aviationstack: 32 lower-case alphanumerics.
  key('aviationstack-access-key', 'aviationstack access key', ['aviationstack'], lowerAlnum(32)),
  // Axonaut: 32 lower-case alphanumerics.
  key('axonaut-api-key', 'Axonaut API key', ['axonaut'], lowerAlnum(32)),
  // AYLIEN: application key of 32 lower-case alphanumerics.
  key('aylien-api-key', 'AYLIEN API key', ['aylien'], lowerAlnum(32)),
  // Ayrshare: four dash-separated groups of 8 upper-case alphanumerics.
  key('ayrshare-api-key', 'Ayrshare API key', ['ayrshare'], '[0-9A-Z]{8}-[0-9A-Z]{8}-[0-9A-Z]{8}-[0-9A-Z]{8}'),
  // Azure storage and Cosmos DB account keys: 64 random bytes in base64 (86 characters and `==`).
  // The `key = value` forms are found in vendor-infra; this finds the key a little further from its
  // name: a C# dictionary entry, a PHP array, a CLI flag, an XML element, a value on the next line.
  nearbyRule({
    kind: 'azure-storage-account-key',
    what: 'Azure storage / Cosmos DB account key',
    names: ['accountkey', 'account_key', 'account-key', 'storagekey', 'storage_key', 'storage-key', 'cosmoskey'],
    value: '[A-Za-z0-9+/]{86}==',
    reach,
    also: (secret) => !isPublishedEmulatorKey(secret),
  }),
  // Bannerbear: 22 alphanumerics and `tt` (project keys), or `bb_pr_` / `bb_ma_` and 30 hex.
  key('bannerbear-api-key', 'Bannerbear API key', ['bannerbear'], `${alnum(22)}tt|bb_(?:pr|ma)_${hex(30)}`),
  prefixed('bannerbear-api-key', 'Bannerbear API key', 'bb_pr_', hex(30)),
  prefixed('bannerbear-api-key', 'Bannerbear API key', 'bb_ma_', hex(30)),
  // Baremetrics: `sk_` (secret) or `lk_` (live) and 18–25 alphanumerics.
  key('baremetrics-api-key', 'Baremetrics API key', ['baremetrics'], '(?:sk|lk)_[0-9A-Za-z]{18,25}'),
  // Beamer: 45 base64 characters and `=`.
  key('beamer-api-key', 'Beamer API key', ['beamer'], '[0-9A-Za-z_+/]{45}='),
  // Beebole: 40 lower-case alphanumerics.
  key('beebole-api-token', 'Beebole API token', ['beebole'], lowerAlnum(40)),
  // BeSnappy: 64 hex.
  key('besnappy-api-key', 'BeSnappy API key', ['besnappy'], hex(64)),
  // BestTime: private keys are `pri_` and 32 hex.
  key('besttime-api-key', 'BestTime private API key', ['besttime'], `pri_${hex(32)}`),
  // Better Stack: 24 alphanumerics.
  key('betterstack-token', 'Better Stack token', ['betterstack', 'better_stack', 'better-stack'], alnum(24)),
  // Billomat: 32 hex.
  key('billomat-api-key', 'Billomat API key', ['billomat'], hex(32)),
  // Bitbar: 32 alphanumerics.
  key('bitbar-api-key', 'Bitbar API key', ['bitbar'], alnum(32)),
  // BitcoinAverage: 43 alphanumerics.
  key('bitcoinaverage-api-key', 'BitcoinAverage API key', ['bitcoinaverage'], alnum(43)),
  // Bitfinex: API key and secret of 43 base64url characters.
  paired('bitfinex-api-key', 'Bitfinex API credential', ['bitfinex'], '[0-9A-Za-z_-]{43}', '[0-9A-Za-z_-]{43}'),
  // Bitly: generic access tokens of 40 alphanumerics (hex in practice).
  key('bitly-access-token', 'Bitly access token', ['bitly'], alnum(40)),
  // BitMEX: API key id of 24 and secret of 48 base64url characters.
  key('bitmex-api-key', 'BitMEX API credential', ['bitmex'], '[0-9A-Za-z_-]{48}|[0-9A-Za-z_-]{24}'),
  // BlazeMeter (and Runscope): a uuid.
  key('blazemeter-api-key', 'BlazeMeter API key', ['blazemeter', 'runscope'], uuidShaped),
  // Blitapp: 39 base64url characters.
  key('blitapp-api-key', 'Blitapp API key', ['blitapp'], '[0-9A-Za-z_-]{39}'),
  // Blocknative: a uuid.
  key('blocknative-api-key', 'Blocknative API key', ['blocknative'], uuidShaped),
  // Boost Note: 64 hex.
  key('boostnote-api-key', 'Boost Note API key', ['boostnote'], hex(64)),
  // Box: developer tokens and client secrets of 32 alphanumerics. `box` alone is inside `inbox`
  // and `checkbox`, so the names are Box's API, its host and its variables.
  key(
    'box-token',
    'Box developer token',
    ['box api', 'box.com', 'box_developer', 'box_client_secret', 'box_access_token'],
    alnum(32),
  ),
  // Braintree: private keys of 32 hex.
  key('braintree-private-key', 'Braintree private key', ['braintree'], hex(32)),
  // Brandfetch: 40 alphanumerics, or 43 base64 characters and `=`.
  key('brandfetch-api-key', 'Brandfetch API key', ['brandfetch'], `${alnum(40)}|[0-9A-Za-z+/_-]{43}=`),
  // Browshot: 28 alphanumerics; keys with a `-` among them occur (trufflehog's pattern allows one).
  key('browshot-api-key', 'Browshot API key', ['browshot'], '[0-9A-Za-z-]{28}'),
  // BscScan: 34 upper-case alphanumerics.
  key('bscscan-api-key', 'BscScan API key', ['bscscan'], '[0-9A-Z]{34}'),
  // BuddyNS: 40 lower-case alphanumerics.
  key('buddyns-api-key', 'BuddyNS API key', ['buddyns'], lowerAlnum(40)),
  // Budibase: 32 hex, a dash and 78–80 hex.
  key('budibase-api-key', 'Budibase API key', ['budibase'], `${hex(32)}-[0-9a-f]{78,80}`),
  // BugHerd: 22 lower-case alphanumerics.
  key('bugherd-api-key', 'BugHerd API key', ['bugherd'], lowerAlnum(22)),
  // Braintrust (AI evals): `sk-` and 48 alphanumerics.
  key('braintrust-api-key', 'Braintrust API key', ['braintrust'], `sk-${alnum(48)}`),
  // Bugsnag: a uuid-shaped key.
  key('bugsnag-api-key', 'Bugsnag API key', ['bugsnag'], uuidShaped),
  // Buildkite: older access tokens of 40 lower-case alphanumerics (newer ones are `bkua_`, found elsewhere).
  key('buildkite-access-token', 'Buildkite access token', ['buildkite'], lowerAlnum(40)),
  // Bulbul: 32 lower-case alphanumerics.
  key('bulbul-api-key', 'Bulbul API key', ['bulbul'], lowerAlnum(32)),
  // ButterCMS: 40 lower-case alphanumerics (hex in practice).
  key('buttercms-api-key', 'ButterCMS API key', ['buttercms'], lowerAlnum(40)),
  // Capsule CRM: 64 characters of base64url with `.`, `+` and `=`.
  key('capsulecrm-api-key', 'Capsule CRM API key', ['capsulecrm', 'capsule_crm'], '[0-9A-Za-z._+=-]{64}'),
  // Captain Data: 64 hex.
  key('captaindata-api-key', 'Captain Data API key', ['captaindata', 'captain_data'], hex(64)),
  // Cashboard: four dash-separated groups of 3 upper-case alphanumerics.
  key('cashboard-api-key', 'Cashboard API key', ['cashboard'], '[0-9A-Z]{3}-[0-9A-Z]{3}-[0-9A-Z]{3}-[0-9A-Z]{3}'),
  // Censys: API secret of 32 alphanumerics, API id a uuid.
  key('censys-api-credential', 'Censys API credential', ['censys'], `${alnum(32)}|${uuidShaped}`),
  // ChartMogul: 32 lower-case alphanumerics.
  key('chartmogul-api-key', 'ChartMogul API key', ['chartmogul'], lowerAlnum(32)),
  // Chec (Commerce.js): `pk_` and 45 lower-case alphanumerics; Commerce.js secret keys 48 of `[a-z0-9_]`.
  key('chec-api-key', 'Chec API key', ['checio', 'chec.io'], `pk_${lowerAlnum(45)}`),
  key('commercejs-api-key', 'Commerce.js API key', ['commercejs', 'commerce.js'], '[0-9a-z_]{48}'),
  // Checkout.com: `sk_` or `sk_test_` and a uuid.
  key(
    'checkout-secret-key',
    'Checkout.com secret key',
    ['checkout'],
    '(?:sk_test_|sk_)[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}',
  ),
  // Checkvist: 14 alphanumerics.
  key('checkvist-api-key', 'Checkvist API key', ['checkvist'], alnum(14)),
  // Clarifai: API keys and personal access tokens of 32 alphanumerics.
  key('clarifai-api-key', 'Clarifai API key', ['clarifai'], alnum(32)),
  // ClickHelp: 24 alphanumerics.
  key('clickhelp-api-key', 'ClickHelp API key', ['clickhelp'], alnum(24)),
  // Cliengo: a uuid.
  key('cliengo-api-key', 'Cliengo API key', ['cliengo'], uuidShaped),
  // ClinchPad: 32 lower-case alphanumerics.
  key('clinchpad-api-key', 'ClinchPad API key', ['clinchpad'], lowerAlnum(32)),
  // Clockify: 48 alphanumerics.
  key('clockify-api-key', 'Clockify API key', ['clockify'], alnum(48)),
  // Close: `api_` and 45 characters of alphanumerics and `.`.
  key('close-api-key', 'Close API key', ['closecrm', 'close.com', 'close_api', 'close_key'], 'api_[0-9A-Za-z.]{45}'),
  // Cloud Elements: user and organization secrets of 43 and 32 characters.
  key('cloudelements-secret', 'Cloud Elements secret', ['cloudelements'], `${alnum(43)}|${lowerAlnum(32)}`),
  // Cloudimage: 30 characters of lower-case alphanumerics and `_`.
  key('cloudimage-api-key', 'Cloudimage API key', ['cloudimage'], '[0-9a-z_]{30}'),
  // Cloudmersive: 36 characters of lower-case alphanumerics and dashes (a uuid, mostly).
  key('cloudmersive-api-key', 'Cloudmersive API key', ['cloudmersive'], '[0-9a-z-]{36}'),
  // cloudplan: 32 upper-case alphanumerics.
  key('cloudplan-api-key', 'cloudplan API key', ['cloudplan'], '[0-9A-Z]{32}'),
  // Cloudsmith: 40 hex.
  key('cloudsmith-api-key', 'Cloudsmith API key', ['cloudsmith'], hex(40)),
  // Cloze: 32 hex.
  key('cloze-api-key', 'Cloze API key', ['cloze'], hex(32)),
  // Codemagic: 43 characters of alphanumerics and `_`.
  key('codemagic-api-token', 'Codemagic API token', ['codemagic'], '[0-9A-Za-z_]{43}'),
  // Codequiry: 64 alphanumerics.
  key('codequiry-api-key', 'Codequiry API key', ['codequiry'], alnum(64)),
  // Coinlib: 16 lower-case alphanumerics.
  key('coinlib-api-key', 'Coinlib API key', ['coinlib'], lowerAlnum(16)),
  // Collect2: a uuid.
  key('collect2-api-key', 'Collect2 API key', ['collect2'], uuidShaped),
  // Commodities-API: 60 alphanumerics.
  key('commodities-api-key', 'Commodities-API key', ['commodities'], alnum(60)),
  // CompanyHub: 20 alphanumerics.
  key('companyhub-api-key', 'CompanyHub API key', ['companyhub'], alnum(20)),
  // ConvertAPI: `secret_` and 16 alphanumerics.
  key('convertapi-secret', 'ConvertAPI secret', ['convertapi'], `secret_${alnum(16)}`),
  // ConvertKit (Kit): API key and secret of 22 characters of alphanumerics and `_`.
  key('convertkit-api-key', 'ConvertKit API key', ['convertkit'], '[0-9A-Za-z_]{22}'),
  // Convier: two digits, `|` and 40 alphanumerics.
  key('convier-api-key', 'Convier API key', ['convier'], `\\d{2}\\|${alnum(40)}`),
  // countrylayer, currencylayer, CurrencyFreaks, CurrencyScoop: 32 lower-case alphanumerics.
  key('countrylayer-api-key', 'countrylayer API key', ['countrylayer'], lowerAlnum(32)),
  key('currencylayer-api-key', 'currencylayer API key', ['currencylayer'], lowerAlnum(32)),
  key('currencyfreaks-api-key', 'CurrencyFreaks API key', ['currencyfreaks'], lowerAlnum(32)),
  key('currencyscoop-api-key', 'CurrencyScoop API key', ['currencyscoop'], lowerAlnum(32)),
  // Currencycloud: 64 lower-case alphanumerics (hex in practice).
  key('currencycloud-api-key', 'Currencycloud API key', ['currencycloud'], lowerAlnum(64)),
  // Currents API: 48 base64url characters.
  key('currentsapi-api-key', 'Currents API key', ['currentsapi'], '[0-9A-Za-z_-]{48}'),
  // Courier: `pk_`, an environment word and 28 alphanumerics.
  key('courier-api-key', 'Courier API key', ['courier'], `pk_[0-9A-Za-z]{1,64}_${alnum(28)}`),
  // CraftMyPDF: 35 alphanumerics.
  key('craftmypdf-api-key', 'CraftMyPDF API key', ['craftmypdf'], alnum(35)),
  // CryptoCompare: 64 lower-case alphanumerics and dashes.
  key('cryptocompare-api-key', 'CryptoCompare API key', ['cryptocompare'], '[0-9a-z-]{64}'),
  // Customer.io: site id and API key of 20 alphanumerics.
  key('customerio-api-key', 'Customer.io API key', ['customerio', 'customer.io', 'customer_io'], alnum(20)),
  // Demio: API key of 32 alphanumerics.
  key('demio-api-key', 'Demio API key', ['demio'], alnum(32)),
  // DronaHQ: 50 lower-case alphanumerics.
  key('dronahq-api-key', 'DronaHQ API key', ['dronahq'], lowerAlnum(50)),
  // GetEmails: 26 lower-case alphanumerics and dashes.
  key('getemails-api-key', 'GetEmails API key', ['getemails'], '[0-9a-z-]{26}'),
  // Duo: the secret key (`skey`) of an Admin or Auth API application, 40 alphanumerics.
  // It is used with the application's integration key, `DI` and 18 upper-case alphanumerics.
  paired('duo-secret-key', 'Duo secret key', ['duo_skey', 'duo_secret', 'duosecurity'], alnum(40), 'DI[0-9A-Z]{18}', [
    'ikey',
    'integration_key',
    'integrationkey',
    'duo',
  ]),
  // Duply: a uuid.
  key('duply-api-key', 'Duply API key', ['duply'], uuidShaped),
  // Easy Insight: key and secret key of 20 alphanumerics.
  key('easyinsight-api-key', 'Easy Insight API key', ['easyinsight', 'easy-insight', 'easy_insight'], alnum(20)),
  // FMFW.io: 32 base64url characters.
  key('fmfw-api-key', 'FMFW.io API key', ['fmfw'], '[0-9A-Za-z_-]{32}'),
  // Fastly: API tokens of 32 base64url characters; `=` occurs among them too (gitleaks' format has it).
  key('fastly-api-token', 'Fastly API token', ['fastly'], '[0-9A-Za-z_=-]{32}'),
  // Geocodio: 39 lower-case alphanumerics.
  key('geocodio-api-key', 'Geocodio API key', ['geocodio'], lowerAlnum(39)),
  // GoCanvas: 43 base64 characters and `=`.
  key('gocanvas-api-key', 'GoCanvas API key', ['gocanvas'], '[0-9A-Za-z/+]{43}='),
  // GoDaddy: a key id, `_` and a secret (35–37 characters all told).
  key('godaddy-api-key', 'GoDaddy API key', ['godaddy'], '[0-9A-Za-z]{8,16}_[0-9A-Za-z]{16,26}'),
  // Instamojo: client id of 40, client secret of 128 alphanumerics.
  key('instamojo-api-key', 'Instamojo API credential', ['instamojo'], `${alnum(128)}|${alnum(40)}`),
  // Interseller: a uuid.
  key('interseller-api-key', 'Interseller API key', ['interseller'], uuidShaped),
  // InvoiceOcean: 20 alphanumerics.
  key('invoiceocean-api-token', 'InvoiceOcean API token', ['invoiceocean'], alnum(20)),
  // Kanban Tool: 12 upper-case alphanumerics.
  key('kanbantool-api-token', 'Kanban Tool API token', ['kanbantool', 'kanban_tool', 'kanban tool'], '[0-9A-Z]{12}'),
  // Keen IO: keys of 64 upper-case alphanumerics (hex in practice).
  key(
    'keen-io-key',
    'Keen IO key',
    ['keen.io', 'keenio', 'keen_io', 'keen_project', 'keen_master', 'keen_write', 'keen_read'],
    '[0-9A-Z]{64}',
  ),
  // KuCoin: API key of 24 hex, API secret a uuid.
  key('kucoin-api-key', 'KuCoin API credential', ['kucoin'], `${hex(24)}|${uuidShaped}`),
  // LangSmith: `lsv2_pt_` (personal) or `lsv2_sk_` (service) keys: 32 hex, `_` and 10 hex.
  // Langfuse: `sk-lf-` and a uuid is the secret key; `pk-lf-` keys are public.
  prefixed('langfuse-secret-key', 'Langfuse secret key', 'sk-lf-', uuid),
  prefixed('langsmith-api-key', 'LangSmith API key', 'lsv2_pt_', `${hex(32)}_${hex(10)}`),
  prefixed('langsmith-api-key', 'LangSmith API key', 'lsv2_sk_', `${hex(32)}_${hex(10)}`),
  // LiveAgent: 32 alphanumerics, given with the account's ladesk.com host.
  key('liveagent-api-key', 'LiveAgent API key', ['liveagent', 'ladesk.com'], alnum(32)),
  // Loggly: customer tokens are uuids.
  key('loggly-token', 'Loggly token', ['loggly'], uuidShaped),
  // Lokalise API tokens: 40 lower-case letters and digits.
  key('lokalise-api-token', 'Lokalise API token', ['lokalise'], lowerAlnum(40)),
  // LoginRadius: a uuid.
  key('loginradius-api-key', 'LoginRadius API key', ['loginradius'], uuidShaped),
  // Luno: API key id of 13 and secret of 43 base64url characters.
  key('luno-api-key', 'Luno API credential', ['luno'], '[0-9A-Za-z_-]{43}'),
];
