/**
 * API keys of the long tail of vendors, M to Z, each from the vendor's documented token format.
 *
 * Most of these keys have no prefix of their own (32 hex, 40 alphanumerics, a uuid): they belong to
 * the vendor only where its name stands close before them (`nearbyRule`, with a reach shorter than
 * the default, since a name and an unrelated value often share a paragraph). The few formats that
 * carry a prefix of their own (`rootly_`, `thog-key-`, `pcsk_`) are found wherever they stand.
 * Vendors whose name is a short or ordinary word (mux, tru, swell, mite, ramp, roaring) are named
 * by their API host or product name, or left out; so are keys too short for the placeholder judgement
 * to tell from a word (Mockaroo's 8 characters), and open-ended lengths (OpenVPN's 64 or more), whose
 * tail past a stray character is still a match.
 */
import { type SecretDetector } from './kit';
import { alnum, hex, lowerAlnum, nearbyRule, type NearbyRule, prefixedRule, type PrefixedRule, uuid } from './nearby';

/** How far after the vendor's name its key may stand: one assignment or one short log line. */
const reach = 40;

type Nearby = Omit<NearbyRule, 'reach'> & { reach?: number };

/** The table the detectors and their samples are built from. */
export const nearbyVendorRules: readonly Nearby[] = [
  // Mailgun API key of the older dashboard: 72 letters, digits and dashes.
  { kind: 'mailgun-dashboard-key', what: 'Mailgun API key', names: ['mailgun'], value: '[A-Za-z0-9-]{72}' },
  // Mattermost personal access token: 26 lower-case letters and digits.
  { kind: 'mattermost-access-token', what: 'Mattermost access token', names: ['mattermost'], value: lowerAlnum(26) },
  // MaxMind (GeoIP) legacy license key: 16 alphanumerics.
  {
    kind: 'maxmind-legacy-license-key',
    what: 'MaxMind legacy license key',
    names: ['maxmind', 'geoip'],
    value: alnum(16),
  },
  // Cisco Meraki Dashboard API key: 40 hex.
  { kind: 'meraki-api-key', what: 'Cisco Meraki API key', names: ['meraki'], value: hex(40) },
  // MetaApi token: 64 hex.
  { kind: 'metaapi-token', what: 'MetaApi token', names: ['metaapi', 'meta-api'], value: hex(64) },
  // Metabase session or API key: 36 alphanumerics.
  { kind: 'metabase-session', what: 'Metabase session token', names: ['metabase'], value: alnum(36) },
  // Mixpanel project secret / service account secret: 32 alphanumerics.
  { kind: 'mixpanel-secret', what: 'Mixpanel secret', names: ['mixpanel'], value: alnum(32) },
  // Moderation API key: three dot-separated parts of 36, 115 and 43 characters.
  {
    kind: 'moderation-api-key',
    what: 'Moderation API key',
    names: ['moderation'],
    value: `${alnum(36)}\\.${alnum(115)}\\.[A-Za-z0-9_]{43}`,
  },
  // monday.com API token: a JWT (`eyJ…` three parts). `monday` is an ordinary word: only its API names count.
  {
    kind: 'monday-api-token',
    what: 'monday.com API token',
    names: ['monday.com', 'monday_api', 'monday-api', 'mondayapi', 'monday_token', 'monday token'],
    value: 'eyJ[A-Za-z0-9_-]{15,100}\\.eyJ[A-Za-z0-9_-]{100,300}\\.[A-Za-z0-9_-]{25,100}',
  },
  // Moosend API key: a uuid.
  { kind: 'moosend-api-key', what: 'Moosend API key', names: ['moosend'], value: uuid },
  // Freshworks (myfreshworks) API key: 22 URL-safe characters.
  { kind: 'freshworks-api-key', what: 'Freshworks API key', names: ['freshworks'], value: '[A-Za-z0-9_-]{22}' },
  // NetSuite token-based authentication: consumer and token keys and secrets of 64 alphanumerics.
  { kind: 'netsuite-tba-secret', what: 'NetSuite TBA key or secret', names: ['netsuite'], value: alnum(64) },
  // Neutrino API key: 48 alphanumerics.
  // New Relic license key of the format before the `…NRAL` one: 40 hex, where New Relic is named
  // (`# New Relic license key` above `license_key: …` in newrelic.yml).
  {
    kind: 'newrelic-license-key',
    what: 'New Relic license key',
    names: ['newrelic', 'new relic', 'new_relic'],
    value: hex(40),
  },
  { kind: 'neutrino-api-key', what: 'Neutrino API key', names: ['neutrinoapi', 'neutrino'], value: alnum(48) },
  // Vonage (Nexmo) API secret: 16 alphanumerics.
  { kind: 'nexmo-api-secret', what: 'Vonage (Nexmo) API secret', names: ['nexmo', 'vonage'], value: alnum(16) },
  // NVIDIA NGC API key: base64 of `<26 alphanumerics>:<uuid>`.
  {
    kind: 'nvidia-ngc-api-key',
    what: 'NVIDIA NGC API key',
    names: ['ngc', 'nvidia'],
    value: alnum(84),
    // Anchored, with fixed counts and no nested repetition: linear.
    // eslint-disable-next-line security/detect-unsafe-regex
    also: (secret) => /^[A-Za-z0-9]{26}:[a-z0-9]{8}(?:-[a-z0-9]{4}){3}-[a-z0-9]{12}$/i.test(decoded(secret)),
  },
  // Nozbe Teams API token: 16 alphanumerics, `_`, 64 URL-safe characters.
  { kind: 'nozbe-api-token', what: 'Nozbe API token', names: ['nozbe'], value: `${alnum(16)}_[A-Za-z0-9_-]{64}` },
  // npm legacy auth token (before `npm_`): a uuid under npm's token name (in an .npmrc,
  // paved/npmrc-auth judges `_authToken` lines).
  {
    kind: 'npm-legacy-token',
    what: 'npm legacy auth token',
    names: ['npmtoken', 'npm_token'],
    value: uuid,
  },
  // Nutritionix application key: 32 lower-case letters and digits.
  { kind: 'nutritionix-api-key', what: 'Nutritionix API key', names: ['nutritionix'], value: lowerAlnum(32) },
  // OnePageCRM API key: 44 base64 characters.
  { kind: 'onepagecrm-api-key', what: 'OnePageCRM API key', names: ['onepagecrm'], value: '[A-Za-z0-9+/=]{44}' },
  // OneSignal REST API key (legacy): a uuid.
  { kind: 'onesignal-api-key', what: 'OneSignal API key', names: ['onesignal'], value: uuid },
  // Okta API token (SSWS): `00` and 40 URL-safe characters; vendor-saas's rule takes it under an
  // assigned name (`OKTA_TOKEN=`), this one after the name in prose or a log line.
  { kind: 'okta-ssws-token', what: 'Okta API token', names: ['okta'], value: '00[A-Za-z0-9_-]{40}' },
  // Opsgenie API key: a uuid.
  { kind: 'opsgenie-api-key', what: 'Opsgenie API key', names: ['opsgenie'], value: uuid },
  // PandaScore access token: 51 URL-safe characters.
  { kind: 'pandascore-token', what: 'PandaScore token', names: ['pandascore'], value: '[A-Za-z0-9_-]{51}' },
  // Paperform API key: a JWT-like token of 850 to 1000 characters.
  { kind: 'paperform-api-key', what: 'Paperform API key', names: ['paperform'], value: '[A-Za-z0-9._-]{850,1000}' },
  // ParseHub API key: 12 alphanumerics.
  { kind: 'parsehub-api-key', what: 'ParseHub API key', names: ['parsehub'], value: alnum(12) },
  // Pinata API secret: 64 lower-case letters and digits.
  { kind: 'pinata-api-secret', what: 'Pinata API secret', names: ['pinata'], value: lowerAlnum(64) },
  // Plaid secret: 30 hex; access tokens `access-<environment>-<uuid>`.
  { kind: 'plaid-secret', what: 'Plaid secret', names: ['plaid'], value: hex(30) },
  {
    kind: 'plaid-access-token',
    what: 'Plaid access token',
    names: ['plaid'],
    value: `access-(?:sandbox|development|production)-${uuid}`,
  },
  // Planview LeanKit API token: 128 hex.
  { kind: 'leankit-api-token', what: 'Planview LeanKit token', names: ['leankit', 'planview'], value: hex(128) },
  // Plivo auth token: 40 URL-safe characters.
  { kind: 'plivo-auth-token', what: 'Plivo auth token', names: ['plivo'], value: '[A-Za-z0-9_-]{40}' },
  // Poloniex API key (four groups of 8) and secret (128 hex).
  {
    kind: 'poloniex-api-key',
    what: 'Poloniex API key',
    names: ['poloniex'],
    value: '[0-9A-Z]{8}-[0-9A-Z]{8}-[0-9A-Z]{8}-[0-9A-Z]{8}',
  },
  { kind: 'poloniex-api-secret', what: 'Poloniex API secret', names: ['poloniex'], value: hex(128) },
  // Portainer API token: an HS256 JWT (fixed header), a payload, a 43-character signature.
  {
    kind: 'portainer-jwt',
    what: 'Portainer API token',
    names: ['portainer'],
    value: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9\\.[A-Za-z0-9]{50,310}\\.[A-Za-z0-9_-]{43}',
  },
  // Portainer access token: `ptr_` and URL-safe base64.
  {
    kind: 'portainer-token',
    what: 'Portainer access token',
    names: ['portainer'],
    value: 'ptr_[A-Za-z0-9_+/=-]{30,60}',
  },
  // Postbacks API key: a uuid.
  { kind: 'postbacks-api-key', what: 'Postbacks API key', names: ['postbacks'], value: uuid },
  // ProxyCrawl (Crawlbase) token: 22 characters.
  {
    kind: 'crawlbase-token',
    what: 'Crawlbase (ProxyCrawl) token',
    names: ['proxycrawl', 'crawlbase'],
    value: '[A-Za-z0-9_]{22}',
  },
  // Pusher Channels app secret: 20 lower-case letters and digits.
  { kind: 'pusher-secret', what: 'Pusher Channels secret', names: ['pusher'], value: lowerAlnum(20) },
  // Railway API token: a uuid.
  { kind: 'railway-api-token', what: 'Railway API token', names: ['railway'], value: uuid },
  // Razorpay key secret: 24 alphanumerics (the `rzp_live_` key id is public).
  { kind: 'razorpay-key-secret', what: 'Razorpay key secret', names: ['razorpay'], value: alnum(24) },
  // Really Simple Systems CRM API key: a JWT-like pair, `ey` + 153 and `ey` + 916–1000.
  {
    kind: 'reallysimplesystems-api-key',
    what: 'Really Simple Systems API key',
    names: ['reallysimplesystems', 'really simple systems'],
    value: 'ey[A-Za-z0-9._-]{153}\\.ey[A-Za-z0-9._-]{916,1000}',
  },
  // Red Hat Pyxis API key: 32 lower-case letters and digits.
  { kind: 'redhat-pyxis-api-key', what: 'Red Hat Pyxis API key', names: ['pyxis', 'redhat'], value: lowerAlnum(32) },
  // Refiner API key: a uuid.
  { kind: 'refiner-api-key', what: 'Refiner API key', names: ['refiner'], value: uuid },
  // Rentman API token: a JWT-like pair, `ey` + 34 and `ey` + 250–300.
  {
    kind: 'rentman-token',
    what: 'Rentman API token',
    names: ['rentman'],
    value: `ey${alnum(34)}\\.ey[A-Za-z0-9._-]{250,300}`,
  },
  // RepairShopr API key: 51 characters.
  { kind: 'repairshopr-api-key', what: 'RepairShopr API key', names: ['repairshopr'], value: '[A-Za-z0-9-]{51}' },
  // Rev.ai access token: 27 base64 characters and `=`.
  {
    kind: 'revai-token',
    what: 'Rev.ai access token',
    names: ['revai', 'rev.ai', 'rev_ai'],
    value: '[A-Za-z0-9/+]{27}=',
  },
  // Revamp CRM API key: 40 alphanumerics.
  { kind: 'revampcrm-api-key', what: 'Revamp CRM API key', names: ['revampcrm', 'revamp'], value: alnum(40) },
  // RingCentral client secret: 22 URL-safe characters.
  { kind: 'ringcentral-secret', what: 'RingCentral client secret', names: ['ringcentral'], value: '[A-Za-z0-9_-]{22}' },
  // Rownd app secret: 48 lower-case letters and digits.
  { kind: 'rownd-app-secret', what: 'Rownd app secret', names: ['rownd'], value: lowerAlnum(48) },
  // Runrun.it app key: 32 hex.
  { kind: 'runrunit-app-key', what: 'Runrun.it app key', names: ['runrunit', 'runrun.it'], value: hex(32) },
  // Salesforce access token (session id): the 15-character org id (`00D…`), `!`, about 96 characters.
  {
    kind: 'salesforce-access-token',
    what: 'Salesforce access token',
    names: ['salesforce', 'sfdc'],
    value: '00[A-Za-z0-9]{13}![A-Za-z0-9_.]{80,120}',
  },
  // SalesBlink API key: `key-` and 64 alphanumerics.
  { kind: 'salesblink-api-key', what: 'SalesBlink API key', names: ['salesblink'], value: `key-${alnum(64)}` },
  // Salescookie API key: 32 alphanumerics.
  { kind: 'salescookie-api-key', what: 'Salescookie API key', names: ['salescookie'], value: alnum(32) },
  // Salesmate session key: a uuid.
  { kind: 'salesmate-api-key', what: 'Salesmate API key', names: ['salesmate'], value: uuid },
  // Sanity API token: `sk` and about 80 alphanumerics.
  { kind: 'sanity-api-token', what: 'Sanity API token', names: ['sanity'], value: 'sk[A-Za-z0-9]{76,86}' },
  // Sauce Labs access key: a uuid.
  {
    kind: 'saucelabs-access-key',
    what: 'Sauce Labs access key',
    names: ['saucelabs', 'sauce_access_key'],
    value: '[0-9a-z]{8}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{12}',
  },
  // Scalr API token: 136 characters.
  { kind: 'scalr-token', what: 'Scalr API token', names: ['scalr'], value: '[A-Za-z0-9._]{136}' },
  // ScrapingBee API key: 80 upper-case letters and digits.
  {
    kind: 'scrapingbee-api-key',
    what: 'ScrapingBee API key',
    names: ['scrapingbee', 'scraping bee', 'scraping_bee'],
    value: '[A-Z0-9]{80}',
  },
  // Sendbird API token: 40 hex.
  { kind: 'sendbird-api-token', what: 'Sendbird API token', names: ['sendbird'], value: hex(40) },
  // Sheety bearer token: 64 lower-case letters and digits.
  { kind: 'sheety-token', what: 'Sheety token', names: ['sheety'], value: lowerAlnum(64) },
  // Shortcut (formerly Clubhouse) API token: a uuid, under Shortcut's token name.
  {
    kind: 'shortcut-api-token',
    what: 'Shortcut API token',
    names: ['shortcut token', 'shortcut_token', 'shortcut-token', 'shortcut_api', 'app.shortcut.com'],
    value: uuid,
  },
  // Shutterstock consumer key (32 alphanumerics) and OAuth token (`v2/` + 388). A shorter value that
  // is the start of a longer one is too easily a cut-off key, so the 16-character secret is left out.
  { kind: 'shutterstock-secret', what: 'Shutterstock API secret', names: ['shutterstock'], value: alnum(32) },
  {
    kind: 'shutterstock-oauth-token',
    what: 'Shutterstock OAuth token',
    names: ['shutterstock'],
    value: `v2/${alnum(388)}`,
  },
  // SignalWire API token: 50 alphanumerics.
  { kind: 'signalwire-token', what: 'SignalWire API token', names: ['signalwire'], value: alnum(50) },
  // Sinch SMS API token: 32 lower-case letters and digits.
  { kind: 'sinch-api-token', what: 'Sinch API token', names: ['sinch'], value: lowerAlnum(32) },
  // Siteleaf API key and secret: 32 lower-case letters and digits.
  { kind: 'siteleaf-api-key', what: 'Siteleaf API key', names: ['siteleaf'], value: lowerAlnum(32) },
  // SkyBiometry API key and secret: 25 or 26 lower-case letters and digits.
  { kind: 'skybiometry-api-key', what: 'SkyBiometry API key', names: ['skybiometry'], value: '[a-z0-9]{25,26}' },
  // Smartsheet API access token: 26 or 37 alphanumerics.
  {
    kind: 'smartsheet-token',
    what: 'Smartsheet access token',
    names: ['smartsheet'],
    value: '[A-Za-z0-9]{37}|[A-Za-z0-9]{26}',
  },
  // Smarty (SmartyStreets) auth token: 20 alphanumerics.
  { kind: 'smartystreets-token', what: 'Smarty auth token', names: ['smartystreets'], value: alnum(20) },
  // Smooch (Sunshine Conversations) secret: 86 URL-safe characters.
  { kind: 'smooch-secret', what: 'Smooch secret', names: ['smooch'], value: '[A-Za-z0-9_-]{86}' },
  // SolarWinds Observability API token: 71 URL-safe characters.
  {
    kind: 'solarwinds-token',
    what: 'SolarWinds Observability token',
    names: ['solarwinds'],
    value: '[A-Za-z0-9_-]{71}',
  },
  // Spotify client secret: 32 alphanumerics.
  { kind: 'spotify-client-secret', what: 'Spotify client secret', names: ['spotify'], value: alnum(32) },
  // Squarespace API key: a uuid.
  { kind: 'squarespace-api-key', what: 'Squarespace API key', names: ['squarespace'], value: uuid },
  // StoryChief API key: a JWT-like token of 940 to 1000 characters.
  { kind: 'storychief-api-key', what: 'StoryChief API key', names: ['storychief'], value: '[A-Za-z0-9_.-]{940,1000}' },
  // Strava client secret and tokens: 40 lower-case letters and digits.
  { kind: 'strava-secret', what: 'Strava client secret', names: ['strava'], value: lowerAlnum(40) },
  // Stripo API key: a JWT with the HS256 header, a 130-character payload and a 43-character signature.
  {
    kind: 'stripo-api-key',
    what: 'Stripo API key',
    names: ['stripo'],
    value: `eyJhbGciOiJIUzI1NiJ9\\.${alnum(130)}\\.[A-Za-z0-9_-]{43}`,
  },
  // Stytch secret: 47 URL-safe base64 characters and `=`.
  { kind: 'stytch-secret', what: 'Stytch secret', names: ['stytch'], value: '[A-Za-z0-9_-]{47}=' },
  // Sugester API key: 32 alphanumerics.
  { kind: 'sugester-api-key', what: 'Sugester API key', names: ['sugester'], value: alnum(32) },
  // Sumo Logic access key: 64 alphanumerics.
  {
    kind: 'sumologic-access-key',
    what: 'Sumo Logic access key',
    names: ['sumologic', 'sumokey', 'sumo_key', 'sumo_access_key', 'sumoaccesskey'],
    value: alnum(64),
  },
  // Supernotes API key: 43 URL-safe characters.
  { kind: 'supernotes-api-key', what: 'Supernotes API key', names: ['supernotes'], value: '[A-Za-z0-9_-]{43}' },
  // Survey Anyplace API key: 32 alphanumerics.
  { kind: 'surveyanyplace-api-key', what: 'Survey Anyplace API key', names: ['surveyanyplace'], value: alnum(32) },
  // Tallyfy API token: three dot-separated parts of 36, 264 and 683 characters.
  {
    kind: 'tallyfy-token',
    what: 'Tallyfy API token',
    names: ['tallyfy'],
    value: `${alnum(36)}\\.${alnum(264)}\\.[A-Za-z0-9_-]{683}`,
  },
  // Teamgate API key (80 alphanumerics) and token (40 lower-case letters and digits).
  { kind: 'teamgate-token', what: 'Teamgate token', names: ['teamgate'], value: alnum(80) },
  // Teamwork (CRM, Desk, Spaces) API token: `tkn.v1_`, 71 alphanumerics, `=`.
  { kind: 'teamwork-api-token', what: 'Teamwork API token', names: ['teamwork'], value: `tkn\\.v1_${alnum(71)}=` },
  { kind: 'teamgate-api-token', what: 'Teamgate token', names: ['teamgate'], value: lowerAlnum(40) },
  // TestingBot key and secret: 32 lower-case letters and digits.
  { kind: 'testingbot-secret', what: 'TestingBot secret', names: ['testingbot'], value: lowerAlnum(32) },
  // TextMagic API key: 30 alphanumerics.
  { kind: 'textmagic-api-key', what: 'TextMagic API key', names: ['textmagic'], value: alnum(30) },
  // Thinkific API key: 32 hex.
  { kind: 'thinkific-api-key', what: 'Thinkific API key', names: ['thinkific'], value: hex(32) },
  // ThousandEyes API token: 32 alphanumerics.
  { kind: 'thousandeyes-token', what: 'ThousandEyes API token', names: ['thousandeyes'], value: alnum(32) },
  // Tokeet API key: a uuid.
  { kind: 'tokeet-api-key', what: 'Tokeet API key', names: ['tokeet'], value: uuid },
  // TimezoneAPI token: 20 letters, no digits (judged by the letters' randomness).
  { kind: 'timezoneapi-token', what: 'TimezoneAPI token', names: ['timezoneapi'], value: '[A-Za-z]{20}' },
  // Trello token (64 alphanumerics) and API key (32 hex).
  { kind: 'trello-token', what: 'Trello token', names: ['trello'], value: alnum(64) },
  { kind: 'trello-api-key', what: 'Trello API key', names: ['trello'], value: hex(32) },
  // Twilio auth token or API key secret: 32 alphanumerics (an `AC…`/`SK…` sid is 34 and not matched).
  { kind: 'twilio-secret', what: 'Twilio secret', names: ['twilio'], value: alnum(32) },
  // Twitch client secret and access tokens: 30 lower-case letters and digits.
  { kind: 'twitch-secret', what: 'Twitch secret or token', names: ['twitch'], value: lowerAlnum(30), reach: 30 },
  // Twitter (X) bearer token as a URL carries it: 100–200 characters with `%`-escapes of its padding.
  {
    kind: 'twitter-encoded-bearer-token',
    what: 'Twitter / X bearer token',
    names: ['twitter'],
    value: '[A-Za-z0-9%-]{100,200}',
    also: (secret) => secret.includes('%'),
  },
  // Twitter (X) consumer key (25) and consumer secret (50).
  {
    kind: 'twitter-consumer-secret',
    what: 'Twitter consumer key or secret',
    names: ['twitter'],
    value: '[A-Za-z0-9]{50}|[A-Za-z0-9]{25}',
  },
  // Typetalk token: 64 alphanumerics.
  { kind: 'typetalk-token', what: 'Typetalk token', names: ['typetalk'], value: alnum(64) },
  // Uploadcare secret key: 20 lower-case letters and digits.
  { kind: 'uploadcare-secret', what: 'Uploadcare secret key', names: ['uploadcare'], value: lowerAlnum(20) },
  // Viewneo API token: three dot-separated parts, 120–300, 150–300 and 600–800 characters.
  {
    kind: 'viewneo-token',
    what: 'Viewneo API token',
    names: ['viewneo'],
    value: '[A-Za-z0-9]{120,300}\\.[A-Za-z0-9]{150,300}\\.[A-Za-z0-9_-]{600,800}',
  },
  // Vouchery API key: 36 lower-case letters and digits.
  { kind: 'vouchery-api-key', what: 'Vouchery API key', names: ['vouchery'], value: lowerAlnum(36) },
  // WePay API access token: 62 characters of letters, digits, `_` and `?`.
  { kind: 'wepay-access-token', what: 'WePay access token', names: ['wepay'], value: '[A-Za-z0-9_?]{62}' },
  // Webex access token: 64 hex; bot token: 64 alphanumerics, `_`, 4, `_`, a uuid-shaped org id.
  { kind: 'webex-token', what: 'Webex access token', names: ['webex'], value: hex(64) },
  {
    kind: 'webex-bot-token',
    what: 'Webex bot token',
    names: ['webex'],
    value: `${alnum(64)}_${alnum(4)}_${alnum(8)}-${alnum(4)}-${alnum(4)}-${alnum(4)}-${alnum(12)}`,
  },
  // WebsitePulse API key: 32 hex.
  { kind: 'websitepulse-api-key', what: 'WebsitePulse API key', names: ['websitepulse'], value: hex(32) },
  // Wiz service account client secret: 64 alphanumerics.
  {
    kind: 'wiz-client-secret',
    what: 'Wiz client secret',
    names: ['wiz_client_secret', 'wiz-client-secret', 'wizclientsecret', 'wiz_secret'],
    value: alnum(64),
  },
  // Wrike permanent token: `ey` and 333 characters.
  { kind: 'wrike-token', what: 'Wrike permanent token', names: ['wrike'], value: 'ey[A-Za-z0-9._-]{333}' },
  // YouTube (Google) API key: 39 URL-safe characters.
  { kind: 'youtube-api-key', what: 'YouTube API key', names: ['youtube'], value: '[A-Za-z0-9_-]{39}' },
  // Zendesk API token: 40 alphanumerics; vendor-saas's rule takes it under an assigned name, this one in prose.
  { kind: 'zendesk-token', what: 'Zendesk API token', names: ['zendesk'], value: alnum(40) },
  // Zenscrape API key: a uuid.
  { kind: 'zenscrape-api-key', what: 'Zenscrape API key', names: ['zenscrape'], value: uuid },
  // Zeplin personal access token: a JWT-like token of 350 to 400 characters.
  { kind: 'zeplin-token', what: 'Zeplin access token', names: ['zeplin'], value: '[A-Za-z0-9.-]{350,400}' },
  // Zipcodebase API key: a uuid.
  { kind: 'zipcodebase-api-key', what: 'Zipcodebase API key', names: ['zipcodebase'], value: uuid },
  // Zulip API key: 32 alphanumerics.
  { kind: 'zulip-api-key', what: 'Zulip API key', names: ['zulip'], value: alnum(32) },
];

function decoded(base64: string): string {
  return Buffer.from(base64, 'base64').toString('latin1');
}

const afterLast = (separator: string) => (secret: string) => secret.slice(secret.lastIndexOf(separator) + 1);

/** Formats that name their vendor themselves: found wherever they stand. */
export const prefixedVendorRules: readonly PrefixedRule[] = [
  // MaxMind license key (2024 format): 6 alphanumerics, `_`, 29 alphanumerics, `_mmk`.
  {
    kind: 'maxmind-license-key',
    what: 'MaxMind license key',
    keywords: ['_mmk'],
    pattern: /(?<![\w-])(?<secret>[A-Za-z0-9]{6}_[A-Za-z0-9]{29}_mmk)(?![\w-])/g,
    body: (secret) => secret.slice(0, -4).replace('_', ''),
  },
  // Microsoft Entra ID (Azure AD) refresh token: `0.A` or `1.A` and the base64url client info, then
  // `.AgAB` and the encrypted grant (hundreds of characters). Long-lived: it mints access tokens.
  {
    kind: 'entra-refresh-token',
    what: 'Microsoft Entra refresh token',
    keywords: ['.agab'],
    // Two bounded base64url runs and an optional digit part between them: linear.
    pattern: /(?<![\w.-])(?<secret>[01]\.A[\w-]{40,120}(?:\.\d)?\.AgAB[\w-]{200,2000})(?![\w-])/g,
    body: (secret) => secret.slice(secret.indexOf('.AgAB') + 5),
  },
  // New Relic browser key `NRBR-` + 19 hex; Insights insert/query keys `NRII-`/`NRIQ-` + 25–32
  // URL-safe characters.
  {
    kind: 'newrelic-browser-key',
    what: 'New Relic browser key',
    keywords: ['nrbr-'],
    pattern: /(?<![\w-])(?<secret>NRBR-[0-9a-f]{19})(?![\w-])/g,
    body: (secret) => secret.slice(5),
  },
  {
    kind: 'newrelic-insights-key',
    what: 'New Relic Insights key',
    keywords: ['nrii-', 'nriq-'],
    pattern: /(?<![\w-])(?<secret>NRI[IQ]-[\w-]{25,32})(?![\w-])/g,
    body: (secret) => secret.slice(5),
  },
  // NVIDIA API catalog (NIM) keys: `nvapi-` and 64 URL-safe characters.
  {
    kind: 'nvidia-api-key',
    what: 'NVIDIA API key',
    keywords: ['nvapi-'],
    pattern: /(?<![\w-])(?<secret>nvapi-[A-Za-z0-9_-]{64})(?![\w-])/g,
    body: (secret) => secret.slice(6),
  },
  // OpenRouter API key: `sk-or-v1-` and 64 hex.
  {
    kind: 'openrouter-api-key',
    what: 'OpenRouter API key',
    keywords: ['sk-or-v1-'],
    pattern: /(?<![\w-])(?<secret>sk-or-v1-[0-9a-f]{64})(?![\w-])/g,
    body: (secret) => secret.slice(9),
  },
  // pganalyze read-only API key: `pgar_` and 27 alphanumerics.
  {
    kind: 'pganalyze-read-key',
    what: 'pganalyze read API key',
    keywords: ['pgar_'],
    pattern: /(?<![\w-])(?<secret>pgar_[A-Za-z0-9]{27})(?![\w-])/g,
    body: (secret) => secret.slice(5),
  },
  // Photoroom API key: `sk_pr_`, a key name, `_`, 40 hex.
  {
    kind: 'photoroom-api-key',
    what: 'Photoroom API key',
    keywords: ['sk_pr_'],
    pattern: /(?<![A-Za-z0-9-])(?<secret>sk_pr_[A-Za-z0-9]{1,64}_[a-fA-F0-9]{40})(?![\w-])/g,
    body: afterLast('_'),
  },
  // PostHog personal API key: `phx_` and 43 or more alphanumerics (`phc_` project keys are public).
  {
    kind: 'posthog-personal-api-key',
    what: 'PostHog personal API key',
    keywords: ['phx_'],
    pattern: /(?<![\w-])(?<secret>phx_[A-Za-z0-9_]{43,60})(?![\w-])/g,
    body: (secret) => secret.slice(4),
  },
  // Pinecone API key: `pcsk_`, a 5- or 6-character key id, `_`, 63 alphanumerics.
  {
    kind: 'pinecone-api-key',
    what: 'Pinecone API key',
    keywords: ['pcsk_'],
    pattern: /(?<![\w-])(?<secret>pcsk_[A-Za-z0-9]{5,6}_[A-Za-z0-9]{63})(?![\w-])/g,
    body: afterLast('_'),
  },
  // PubNub publish key: `pub-c-` and a uuid.
  {
    kind: 'pubnub-publish-key',
    what: 'PubNub publish key',
    keywords: ['pub-c-'],
    pattern: /(?<![\w-])(?<secret>pub-c-[0-9a-z]{8}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{12})(?![\w-])/g,
    body: (secret) => secret.slice(6).replace(/-/g, ''),
  },
  // ReadMe API key: `rdme_` and 70 lower-case alphanumerics.
  {
    kind: 'readme-api-key',
    what: 'ReadMe API key',
    keywords: ['rdme_'],
    pattern: /(?<![\w-])(?<secret>rdme_[a-z0-9]{70})(?![\w-])/g,
    body: (secret) => secret.slice(5),
  },
  // Ramp API client secret: `ramp_sec_` and 48 alphanumerics.
  {
    kind: 'ramp-client-secret',
    what: 'Ramp client secret',
    keywords: ['ramp_sec_'],
    pattern: /(?<![\w-])(?<secret>ramp_sec_[A-Za-z0-9]{48})(?![\w-])/g,
    body: (secret) => secret.slice(9),
  },
  // Recharge API token: `sk_`, optional `test_`, a scope tier (`1x1`…`10x3`), `_`, 64 hex.
  {
    kind: 'recharge-api-token',
    what: 'Recharge API token',
    keywords: ['sk_1x', 'sk_2x', 'sk_3x', 'sk_5x', 'sk_10x', 'sk_test_'],
    pattern: /(?<![\w-])(?<secret>sk_(?:test_)?(?:1|2|3|5|10)x[123]_[0-9a-fA-F]{64})(?![\w-])/g,
    body: afterLast('_'),
  },
  // Rootly API key: `rootly_` and 64 hex.
  {
    kind: 'rootly-api-key',
    what: 'Rootly API key',
    keywords: ['rootly_'],
    pattern: /(?<![\w-])(?<secret>rootly_[a-f0-9]{64})(?![\w-])/g,
    body: (secret) => secret.slice(7),
  },
  // Salesforce connected-app consumer key: `3MVG9` and 80 or more characters of letters, digits, `.` and `_`.
  // The key is the app's public client id: it is a credential only with its consumer secret beside it
  // (64 base64 characters or 19 digits after a `secret` name).
  {
    kind: 'salesforce-consumer-key',
    what: 'Salesforce consumer key',
    keywords: ['3mvg9'],
    pattern: /(?<![\w.-])(?<secret>3MVG9[A-Za-z0-9._]{75,250})(?![\w.-])/g,
    body: (secret) => secret.slice(5),
    partner: /secret[\w"' =:]{0,20}(?<![\w+/=.])(?:[A-Za-z0-9+/=.]{64}|\d{19})(?![\w+/=.])/i,
  },
  // Shippo API token: `shippo_live_` / `shippo_test_` and 40 hex.
  {
    kind: 'shippo-api-token',
    what: 'Shippo API token',
    keywords: ['shippo_live_', 'shippo_test_'],
    pattern: /(?<![\w-])(?<secret>shippo_(?:live|test)_[a-f0-9]{40})(?![\w-])/g,
    body: (secret) => secret.slice(12),
  },
  // SpectralOps (Check Point) personal token: `spu-` and 32 lower-case letters and digits.
  {
    kind: 'spectralops-token',
    what: 'SpectralOps token',
    keywords: ['spu-'],
    pattern: /(?<![\w-])(?<secret>spu-[a-z0-9]{32})(?![\w-])/g,
    body: (secret) => secret.slice(4),
  },
  // Tableau personal access token secret: 16 bytes in base64, `:`, 32 alphanumerics. It signs in only
  // with the token's name (a word before it) and a Tableau Cloud site, so both must be there.
  {
    kind: 'tableau-access-token',
    what: 'Tableau personal access token',
    keywords: ['online.tableau.com'],
    pattern: /(?<![\w-])[A-Za-z][\w-]{2,50}[\s"':=,]{1,8}(?<secret>[A-Za-z0-9+/]{22}==:[A-Za-z0-9]{32})(?![\w-])/g,
    body: (secret) => secret.replace('==:', ''),
  },
  // Tines webhook URL: the tenant host, `/webhook/`, two 32-character path parts (the second is the secret).
  {
    kind: 'tines-webhook',
    what: 'Tines webhook URL',
    keywords: ['tines.com/webhook/'],
    pattern: /(?<secret>https:\/\/[\w-]{1,63}\.tines\.com\/webhook\/[a-z0-9]{32}\/[a-z0-9]{32})(?![\w-])/g,
    body: afterLast('/'),
  },
  // Resend API key: `re_`, 8 alphanumerics, `_`, 24 alphanumerics.
  {
    kind: 'resend-api-key',
    what: 'Resend API key',
    keywords: ['re_'],
    pattern: /(?<![\w-])(?<secret>re_[A-Za-z0-9]{8}_[A-Za-z0-9]{24})(?![\w-])/g,
    body: (secret) => secret.slice(3).replace('_', ''),
  },
  // Supabase personal access token: `sbp_` and 40 lower-case alphanumerics (`sbp_fc_` for a scoped one); the project's
  // secret API keys: `sb_secret_` and 20 or more URL-safe characters (`sb_publishable_` keys are public).
  {
    kind: 'supabase-token',
    what: 'Supabase access token or secret key',
    keywords: ['sbp_', 'sb_secret_'],
    pattern: /(?<![\w-])(?<secret>sbp_(?:fc_)?[a-z0-9]{40}|sb_secret_[A-Za-z0-9_-]{20,64})(?![\w-])/g,
    body: (secret) => secret.replace(/^(?:sbp_(?:fc_)?|sb_secret_)/, ''),
  },
  // TruffleHog Enterprise API key and secret: `thog-key-` + 16 hex, `thog-secret-` + 32 hex.
  {
    kind: 'trufflehog-enterprise-key',
    what: 'TruffleHog Enterprise key',
    keywords: ['thog-key-', 'thog-secret-'],
    pattern: /(?<![\w-])(?<secret>thog-key-[0-9a-f]{16}|thog-secret-[0-9a-f]{32})(?![\w-])/g,
    body: afterLast('-'),
  },
  // Typeform personal access token: `tfp_` and 40–64 URL-safe characters (`.` and `=` occur).
  {
    kind: 'typeform-token',
    what: 'Typeform personal access token',
    keywords: ['tfp_'],
    pattern: /(?<![\w-])(?<secret>tfp_[\w.=-]{40,64})(?![\w-])/g,
    body: (secret) => secret.slice(4),
  },
  // xAI (Grok) API key: `xai-` and 80 characters.
  {
    kind: 'xai-api-key',
    what: 'xAI API key',
    keywords: ['xai-'],
    pattern: /(?<![\w-])(?<secret>xai-[A-Za-z0-9_]{80})(?![\w-])/g,
    body: (secret) => secret.slice(4),
  },
  // Yandex Cloud API keys (`AQVN` and 35 to 38 URL-safe characters) and Yandex OAuth tokens
  // (`y0_` to `y3_` and 55 or more).
  {
    kind: 'yandex-token',
    what: 'Yandex Cloud API key or OAuth token',
    keywords: ['aqvn', 'y0_', 'y1_', 'y2_', 'y3_'],
    pattern: /(?<![\w-])(?<secret>AQVN[A-Za-z0-9_-]{35,38}|y[0-3]_[A-Za-z0-9_-]{55,199})(?![\w-])/g,
    body: (secret) => secret.replace(/^(?:AQVN|y[0-3]_)/, ''),
  },
  // Zapier catch hook URL: `hooks.zapier.com/hooks/catch/<account id>/<hook id>`.
  {
    kind: 'zapier-webhook',
    what: 'Zapier webhook URL',
    keywords: ['hooks.zapier.com/hooks/catch/'],
    // Two bounded path parts, one optional: linear.
    pattern:
      // eslint-disable-next-line security/detect-unsafe-regex
      /(?<secret>https:\/\/hooks\.zapier\.com\/hooks\/catch\/[A-Za-z0-9]{5,20}(?:\/[A-Za-z0-9]{4,20})?)(?![\w-])/g,
    body: (secret) => secret.slice(secret.indexOf('/catch/') + 7).replace('/', ''),
  },
];

const nearbyVendor = (spec: Nearby): SecretDetector => nearbyRule({ reach, ...spec });

export const vendorApisMToZDetectors: readonly SecretDetector[] = [
  ...prefixedVendorRules.map(prefixedRule),
  ...nearbyVendorRules.map(nearbyVendor),
];
