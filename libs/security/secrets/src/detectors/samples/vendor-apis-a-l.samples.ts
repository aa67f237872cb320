import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { alphabets, randomFrom, type SecretSample } from './sample-kit';

const { alphanumeric, base64, base64url, digits, hexLower, lower, upper } = alphabets;
const lowerAlnum = lower + digits;
const upperAlnum = upper + digits;

/** Random characters with a letter and a digit among them, as issued keys have (a draw of letters only is a word to the rules). */
function drawn(alphabet: string, length: number): string {
  for (;;) {
    const value = randomFrom(alphabet, length);
    if (/\d/.test(value) && /[a-z]/i.test(value)) return value;
  }
}
const uuid = () => randomUUID();
const grouped = (alphabet: string, lengths: number[]) => lengths.map((length) => drawn(alphabet, length)).join('-');

interface VendorKey {
  kind: string;
  vendor: string;
  /** The variable it is given to; it holds the vendor's name. */
  name: string;
  key: () => string;
  /** A second value the key is used with (an app id, a secret), planted before it. */
  partner?: { name: string; value: () => string };
  /** The display name is not a name the rule knows (`Keen IO` for `keen.io`): no log sample. */
  unnamedInLogs?: true;
}

const vendorKeys: VendorKey[] = [
  { kind: 'abuseipdb-api-key', vendor: 'AbuseIPDB', name: 'ABUSEIPDB_API_KEY', key: () => drawn(lowerAlnum, 80) },
  { kind: 'abyssale-api-key', vendor: 'Abyssale', name: 'ABYSSALE_API_KEY', key: () => drawn(alphanumeric, 40) },
  {
    kind: 'accuweather-api-key',
    vendor: 'AccuWeather',
    name: 'ACCUWEATHER_API_KEY',
    key: () => drawn(alphanumeric, 32),
  },
  { kind: 'adafruit-io-key', vendor: 'Adafruit', name: 'ADAFRUIT_IO_KEY', key: () => `aio_${drawn(alphanumeric, 28)}` },
  {
    kind: 'adobe-io-key',
    vendor: 'Adobe',
    name: 'ADOBE_CLIENT_SECRET',
    key: () => drawn(lowerAlnum, 32),
    partner: { name: 'ADOBE_ORG_ID', value: () => drawn(alphanumeric, 12) },
  },
  {
    kind: 'adzuna-api-key',
    vendor: 'Adzuna',
    name: 'ADZUNA_APP_KEY',
    key: () => drawn(lowerAlnum, 32),
    partner: { name: 'ADZUNA_APP_ID', value: () => drawn(hexLower, 8) },
  },
  { kind: 'airbrake-user-key', vendor: 'Airbrake', name: 'AIRBRAKE_USER_KEY', key: () => drawn(alphanumeric, 40) },
  {
    kind: 'airbrake-project-key',
    vendor: 'Airbrake',
    name: 'AIRBRAKE_PROJECT_KEY',
    key: () => drawn(alphanumeric, 32),
    partner: { name: 'AIRBRAKE_PROJECT_ID', value: () => String(100000 + randomInt(900000)) },
  },
  { kind: 'airship-token', vendor: 'Airship', name: 'AIRSHIP_TOKEN', key: () => drawn(alphanumeric, 91) },
  { kind: 'airvisual-api-key', vendor: 'IQAir', name: 'AIRVISUAL_API_KEY', key: uuid },
  { kind: 'aiven-token', vendor: 'Aiven', name: 'AIVEN_TOKEN', key: () => drawn(base64, 372) },
  {
    kind: 'alchemy-api-key',
    vendor: 'Alchemy',
    name: 'ALCHEMY_API_KEY',
    key: () => `alcht_${drawn(alphanumeric, 30)}`,
  },
  { kind: 'alconost-api-key', vendor: 'Alconost', name: 'ALCONOST_API_KEY', key: () => drawn(alphanumeric, 32) },
  { kind: 'alegra-api-token', vendor: 'Alegra', name: 'ALEGRA_TOKEN', key: () => drawn(lowerAlnum, 20) },
  {
    kind: 'aeroworkflow-api-key',
    vendor: 'Aeroworkflow',
    name: 'AEROWORKFLOW_API_KEY',
    key: () => drawn(alphanumeric, 20),
    partner: { name: 'AEROWORKFLOW_ACCOUNT_ID', value: () => String(100000 + randomInt(900000)) },
  },
  {
    kind: 'clojars-deploy-token',
    vendor: 'Clojars',
    name: 'CLOJARS_DEPLOY_TOKEN',
    key: () => `CLOJARS_${drawn(lowerAlnum, 60)}`,
  },
  {
    kind: 'flutterwave-secret-key',
    vendor: 'Flutterwave',
    name: 'FLUTTERWAVE_SECRET_KEY',
    key: () => `FLWSECK_TEST-${drawn(hexLower, 32)}-X`,
  },
  {
    kind: 'frameio-token',
    vendor: 'Frame.io',
    name: 'FRAMEIO_TOKEN',
    unnamedInLogs: true,
    key: () => `fio-u-${drawn(base64url, 64)}`,
  },
  {
    kind: 'langfuse-secret-key',
    vendor: 'Langfuse',
    name: 'LANGFUSE_SECRET_KEY',
    key: () => `sk-lf-${uuid()}`,
  },
  {
    kind: 'box-token',
    vendor: 'Box',
    name: 'BOX_DEVELOPER_TOKEN',
    unnamedInLogs: true,
    key: () => drawn(alphanumeric, 32),
  },
  { kind: 'aletheia-api-key', vendor: 'Aletheia', name: 'ALETHEIA_API_KEY', key: () => drawn(upperAlnum, 32) },
  { kind: 'alienvault-otx-key', vendor: 'AlienVault', name: 'ALIENVAULT_OTX_KEY', key: () => drawn(hexLower, 64) },
  { kind: 'allsports-api-key', vendor: 'AllSportsAPI', name: 'ALLSPORTS_API_KEY', key: () => drawn(lowerAlnum, 64) },
  { kind: 'amadeus-api-key', vendor: 'Amadeus', name: 'AMADEUS_CLIENT_ID', key: () => drawn(alphanumeric, 32) },
  { kind: 'ambee-api-key', vendor: 'Ambee', name: 'AMBEE_API_KEY', key: () => drawn(hexLower, 64) },
  { kind: 'amplitude-api-key', vendor: 'Amplitude', name: 'AMPLITUDE_API_KEY', key: () => drawn(hexLower, 32) },
  {
    kind: 'agora-app-credential',
    vendor: 'Agora',
    name: 'AGORA_APP_CERTIFICATE',
    key: () => drawn(hexLower, 32),
    partner: { name: 'AGORA_APP_ID', value: () => drawn(hexLower, 32) },
  },
  { kind: 'anypoint-credential', vendor: 'MuleSoft', name: 'ANYPOINT_TOKEN', key: uuid },
  { kind: 'apacta-api-key', vendor: 'Apacta', name: 'APACTA_API_KEY', key: uuid },
  { kind: 'api2cart-api-key', vendor: 'API2Cart', name: 'API2CART_API_KEY', key: () => drawn(hexLower, 32) },
  { kind: 'apiflash-access-key', vendor: 'ApiFlash', name: 'APIFLASH_ACCESS_KEY', key: () => drawn(lowerAlnum, 32) },
  {
    kind: 'apifonica-api-key',
    vendor: 'Apifonica',
    name: 'APIFONICA_API_KEY',
    key: () => grouped(lowerAlnum, [11, 4, 4, 4, 12]),
  },
  { kind: 'apify-api-token', vendor: 'Apify', name: 'APIFY_TOKEN', key: () => `apify_api_${drawn(alphanumeric, 36)}` },
  { kind: 'apilayer-api-key', vendor: 'apilayer', name: 'APILAYER_API_KEY', key: () => drawn(alphanumeric, 32) },
  { kind: 'apimatic-api-key', vendor: 'APIMatic', name: 'APIMATIC_API_KEY', key: () => drawn(base64url, 64) },
  { kind: 'apimetrics-api-key', vendor: 'APImetrics', name: 'APIMETRICS_API_KEY', key: () => drawn(alphanumeric, 32) },
  {
    kind: 'apitemplate-api-key',
    vendor: 'APITemplate.io',
    name: 'APITEMPLATE_API_KEY',
    key: () => drawn(alphanumeric, 39),
  },
  { kind: 'apollo-io-api-key', vendor: 'Apollo.io', name: 'APOLLO_API_KEY', key: () => drawn(alphanumeric, 22) },
  { kind: 'appcues-api-key', vendor: 'Appcues', name: 'APPCUES_API_KEY', key: uuid },
  { kind: 'appointedd-api-key', vendor: 'Appointedd', name: 'APPOINTEDD_API_KEY', key: () => drawn(alphanumeric, 88) },
  { kind: 'appsynergy-api-key', vendor: 'AppSynergy', name: 'APPSYNERGY_API_KEY', key: () => drawn(lowerAlnum, 64) },
  {
    kind: 'apptivo-api-key',
    vendor: 'Apptivo',
    name: 'APPTIVO_API_KEY',
    key: uuid,
    partner: { name: 'APPTIVO_ACCESS_KEY', value: () => drawn(alphanumeric, 32) },
  },
  { kind: 'artsy-client-credential', vendor: 'Artsy', name: 'ARTSY_CLIENT_SECRET', key: () => drawn(alphanumeric, 32) },
  { kind: 'assemblyai-api-key', vendor: 'AssemblyAI', name: 'ASSEMBLYAI_API_KEY', key: () => drawn(hexLower, 32) },
  { kind: 'audd-api-token', vendor: 'AudD', name: 'AUDD_API_TOKEN', key: () => drawn(lowerAlnum, 32) },
  { kind: 'autoklose-api-key', vendor: 'Autoklose', name: 'AUTOKLOSE_API_KEY', key: () => drawn(alphanumeric, 32) },
  { kind: 'autopilot-api-key', vendor: 'Autopilot', name: 'AUTOPILOT_API_KEY', key: () => drawn(hexLower, 32) },
  {
    kind: 'avaza-personal-token',
    vendor: 'Avaza',
    name: 'AVAZA_TOKEN',
    key: () => `${1 + randomInt(9)}${randomFrom(digits, 5)}-${drawn(hexLower, 40)}`,
  },
  {
    kind: 'aviationstack-access-key',
    vendor: 'aviationstack',
    name: 'AVIATIONSTACK_KEY',
    key: () => drawn(lowerAlnum, 32),
  },
  { kind: 'axonaut-api-key', vendor: 'Axonaut', name: 'AXONAUT_API_KEY', key: () => drawn(lowerAlnum, 32) },
  { kind: 'aylien-api-key', vendor: 'AYLIEN', name: 'AYLIEN_APP_KEY', key: () => drawn(lowerAlnum, 32) },
  {
    kind: 'ayrshare-api-key',
    vendor: 'Ayrshare',
    name: 'AYRSHARE_API_KEY',
    key: () => grouped(upperAlnum, [8, 8, 8, 8]),
  },
  {
    kind: 'bannerbear-api-key',
    vendor: 'Bannerbear',
    name: 'BANNERBEAR_API_KEY',
    key: () => `bb_pr_${drawn(hexLower, 30)}`,
  },
  {
    kind: 'baremetrics-api-key',
    vendor: 'Baremetrics',
    name: 'BAREMETRICS_API_KEY',
    key: () => `sk_${drawn(alphanumeric, 22)}`,
  },
  { kind: 'beamer-api-key', vendor: 'Beamer', name: 'BEAMER_API_KEY', key: () => `${drawn(alphanumeric, 45)}=` },
  { kind: 'beebole-api-token', vendor: 'Beebole', name: 'BEEBOLE_API_TOKEN', key: () => drawn(lowerAlnum, 40) },
  { kind: 'besnappy-api-key', vendor: 'BeSnappy', name: 'BESNAPPY_API_KEY', key: () => drawn(hexLower, 64) },
  { kind: 'besttime-api-key', vendor: 'BestTime', name: 'BESTTIME_API_KEY', key: () => `pri_${drawn(hexLower, 32)}` },
  { kind: 'betterstack-token', vendor: 'Better Stack', name: 'BETTERSTACK_TOKEN', key: () => drawn(alphanumeric, 24) },
  { kind: 'billomat-api-key', vendor: 'Billomat', name: 'BILLOMAT_API_KEY', key: () => drawn(hexLower, 32) },
  { kind: 'bitbar-api-key', vendor: 'Bitbar', name: 'BITBAR_API_KEY', key: () => drawn(alphanumeric, 32) },
  {
    kind: 'bitcoinaverage-api-key',
    vendor: 'BitcoinAverage',
    name: 'BITCOINAVERAGE_KEY',
    key: () => drawn(alphanumeric, 43),
  },
  {
    kind: 'bitfinex-api-key',
    vendor: 'Bitfinex',
    name: 'BITFINEX_API_SECRET',
    key: () => drawn(base64url, 43),
    partner: { name: 'BITFINEX_API_KEY', value: () => drawn(base64url, 43) },
  },
  { kind: 'bitly-access-token', vendor: 'Bitly', name: 'BITLY_ACCESS_TOKEN', key: () => drawn(hexLower, 40) },
  { kind: 'bitmex-api-key', vendor: 'BitMEX', name: 'BITMEX_API_SECRET', key: () => drawn(base64url, 48) },
  { kind: 'blazemeter-api-key', vendor: 'BlazeMeter', name: 'BLAZEMETER_API_KEY', key: uuid },
  { kind: 'blitapp-api-key', vendor: 'Blitapp', name: 'BLITAPP_API_KEY', key: () => drawn(base64url, 39) },
  { kind: 'blocknative-api-key', vendor: 'Blocknative', name: 'BLOCKNATIVE_API_KEY', key: uuid },
  { kind: 'boostnote-api-key', vendor: 'Boost Note', name: 'BOOSTNOTE_API_KEY', key: () => drawn(hexLower, 64) },
  { kind: 'braintree-private-key', vendor: 'Braintree', name: 'BRAINTREE_PRIVATE_KEY', key: () => drawn(hexLower, 32) },
  { kind: 'brandfetch-api-key', vendor: 'Brandfetch', name: 'BRANDFETCH_API_KEY', key: () => drawn(alphanumeric, 40) },
  { kind: 'browshot-api-key', vendor: 'Browshot', name: 'BROWSHOT_API_KEY', key: () => drawn(alphanumeric, 28) },
  { kind: 'bscscan-api-key', vendor: 'BscScan', name: 'BSCSCAN_API_KEY', key: () => drawn(upperAlnum, 34) },
  { kind: 'buddyns-api-key', vendor: 'BuddyNS', name: 'BUDDYNS_API_KEY', key: () => drawn(lowerAlnum, 40) },
  {
    kind: 'budibase-api-key',
    vendor: 'Budibase',
    name: 'BUDIBASE_API_KEY',
    key: () => `${drawn(hexLower, 32)}-${drawn(hexLower, 79)}`,
  },
  {
    kind: 'braintrust-api-key',
    vendor: 'Braintrust',
    name: 'BRAINTRUST_API_KEY',
    key: () => `sk-${drawn(alphanumeric, 48)}`,
  },
  {
    kind: 'duo-secret-key',
    vendor: 'Duo',
    name: 'DUO_SKEY',
    unnamedInLogs: true,
    key: () => drawn(alphanumeric, 40),
    partner: { name: 'DUO_IKEY', value: () => `DI${drawn(upperAlnum, 18)}` },
  },
  { kind: 'bugherd-api-key', vendor: 'BugHerd', name: 'BUGHERD_API_KEY', key: () => drawn(lowerAlnum, 22) },
  { kind: 'bugsnag-api-key', vendor: 'Bugsnag', name: 'BUGSNAG_API_KEY', key: uuid },
  { kind: 'buildkite-access-token', vendor: 'Buildkite', name: 'BUILDKITE_TOKEN', key: () => drawn(lowerAlnum, 40) },
  { kind: 'bulbul-api-key', vendor: 'Bulbul', name: 'BULBUL_API_KEY', key: () => drawn(lowerAlnum, 32) },
  { kind: 'buttercms-api-key', vendor: 'ButterCMS', name: 'BUTTERCMS_API_KEY', key: () => drawn(hexLower, 40) },
  { kind: 'capsulecrm-api-key', vendor: 'Capsule', name: 'CAPSULECRM_TOKEN', key: () => drawn(alphanumeric, 64) },
  { kind: 'captaindata-api-key', vendor: 'Captain Data', name: 'CAPTAINDATA_API_KEY', key: () => drawn(hexLower, 64) },
  {
    kind: 'cashboard-api-key',
    vendor: 'Cashboard',
    name: 'CASHBOARD_API_KEY',
    key: () => grouped(upperAlnum, [3, 3, 3, 3]),
  },
  { kind: 'censys-api-credential', vendor: 'Censys', name: 'CENSYS_API_SECRET', key: () => drawn(alphanumeric, 32) },
  { kind: 'chartmogul-api-key', vendor: 'ChartMogul', name: 'CHARTMOGUL_API_KEY', key: () => drawn(lowerAlnum, 32) },
  { kind: 'chec-api-key', vendor: 'Chec', name: 'CHECIO_PUBLIC_KEY', key: () => `pk_${drawn(lowerAlnum, 45)}` },
  { kind: 'commercejs-api-key', vendor: 'Commerce.js', name: 'COMMERCEJS_SECRET', key: () => drawn(lowerAlnum, 48) },
  {
    kind: 'checkout-secret-key',
    vendor: 'Checkout.com',
    name: 'CHECKOUT_SECRET_KEY',
    key: () => `sk_test_${uuid()}`,
  },
  { kind: 'checkvist-api-key', vendor: 'Checkvist', name: 'CHECKVIST_API_KEY', key: () => drawn(alphanumeric, 14) },
  { kind: 'clarifai-api-key', vendor: 'Clarifai', name: 'CLARIFAI_PAT', key: () => drawn(alphanumeric, 32) },
  { kind: 'clickhelp-api-key', vendor: 'ClickHelp', name: 'CLICKHELP_API_KEY', key: () => drawn(alphanumeric, 24) },
  { kind: 'cliengo-api-key', vendor: 'Cliengo', name: 'CLIENGO_API_KEY', key: uuid },
  { kind: 'clinchpad-api-key', vendor: 'ClinchPad', name: 'CLINCHPAD_API_KEY', key: () => drawn(lowerAlnum, 32) },
  { kind: 'clockify-api-key', vendor: 'Clockify', name: 'CLOCKIFY_API_KEY', key: () => drawn(alphanumeric, 48) },
  {
    kind: 'close-api-key',
    vendor: 'Close',
    name: 'CLOSE_API_KEY',
    unnamedInLogs: true,
    key: () => `api_${drawn(alphanumeric, 45)}`,
  },
  {
    kind: 'cloudelements-secret',
    vendor: 'Cloud Elements',
    name: 'CLOUDELEMENTS_USER_SECRET',
    key: () => drawn(alphanumeric, 43),
  },
  { kind: 'cloudimage-api-key', vendor: 'Cloudimage', name: 'CLOUDIMAGE_API_KEY', key: () => drawn(lowerAlnum, 30) },
  { kind: 'cloudmersive-api-key', vendor: 'Cloudmersive', name: 'CLOUDMERSIVE_API_KEY', key: uuid },
  { kind: 'cloudplan-api-key', vendor: 'cloudplan', name: 'CLOUDPLAN_API_KEY', key: () => drawn(upperAlnum, 32) },
  { kind: 'cloudsmith-api-key', vendor: 'Cloudsmith', name: 'CLOUDSMITH_API_KEY', key: () => drawn(hexLower, 40) },
  { kind: 'cloze-api-key', vendor: 'Cloze', name: 'CLOZE_API_KEY', key: () => drawn(hexLower, 32) },
  { kind: 'codemagic-api-token', vendor: 'Codemagic', name: 'CODEMAGIC_API_TOKEN', key: () => drawn(alphanumeric, 43) },
  { kind: 'codequiry-api-key', vendor: 'Codequiry', name: 'CODEQUIRY_API_KEY', key: () => drawn(alphanumeric, 64) },
  { kind: 'coinlib-api-key', vendor: 'Coinlib', name: 'COINLIB_API_KEY', key: () => drawn(lowerAlnum, 16) },
  { kind: 'collect2-api-key', vendor: 'Collect2', name: 'COLLECT2_API_KEY', key: uuid },
  {
    kind: 'commodities-api-key',
    vendor: 'Commodities-API',
    name: 'COMMODITIES_API_KEY',
    key: () => drawn(alphanumeric, 60),
  },
  { kind: 'companyhub-api-key', vendor: 'CompanyHub', name: 'COMPANYHUB_API_KEY', key: () => drawn(alphanumeric, 20) },
  {
    kind: 'convertapi-secret',
    vendor: 'ConvertAPI',
    name: 'CONVERTAPI_SECRET',
    key: () => `secret_${drawn(alphanumeric, 16)}`,
  },
  { kind: 'convertkit-api-key', vendor: 'ConvertKit', name: 'CONVERTKIT_API_KEY', key: () => drawn(alphanumeric, 22) },
  {
    kind: 'convier-api-key',
    vendor: 'Convier',
    name: 'CONVIER_API_KEY',
    key: () => `${randomFrom(digits, 2)}|${drawn(alphanumeric, 40)}`,
  },
  { kind: 'countrylayer-api-key', vendor: 'countrylayer', name: 'COUNTRYLAYER_KEY', key: () => drawn(lowerAlnum, 32) },
  {
    kind: 'currencylayer-api-key',
    vendor: 'currencylayer',
    name: 'CURRENCYLAYER_KEY',
    key: () => drawn(lowerAlnum, 32),
  },
  {
    kind: 'currencyfreaks-api-key',
    vendor: 'CurrencyFreaks',
    name: 'CURRENCYFREAKS_KEY',
    key: () => drawn(lowerAlnum, 32),
  },
  {
    kind: 'currencyscoop-api-key',
    vendor: 'CurrencyScoop',
    name: 'CURRENCYSCOOP_KEY',
    key: () => drawn(lowerAlnum, 32),
  },
  {
    kind: 'currencycloud-api-key',
    vendor: 'Currencycloud',
    name: 'CURRENCYCLOUD_API_KEY',
    key: () => drawn(hexLower, 64),
  },
  { kind: 'currentsapi-api-key', vendor: 'Currents API', name: 'CURRENTSAPI_KEY', key: () => drawn(base64url, 48) },
  {
    kind: 'courier-api-key',
    vendor: 'Courier',
    name: 'COURIER_AUTH_TOKEN',
    key: () => `pk_prod_${drawn(alphanumeric, 28)}`,
  },
  { kind: 'craftmypdf-api-key', vendor: 'CraftMyPDF', name: 'CRAFTMYPDF_API_KEY', key: () => drawn(alphanumeric, 35) },
  {
    kind: 'cryptocompare-api-key',
    vendor: 'CryptoCompare',
    name: 'CRYPTOCOMPARE_API_KEY',
    key: () => drawn(hexLower, 64),
  },
  { kind: 'customerio-api-key', vendor: 'Customer.io', name: 'CUSTOMERIO_API_KEY', key: () => drawn(alphanumeric, 20) },
  { kind: 'demio-api-key', vendor: 'Demio', name: 'DEMIO_API_KEY', key: () => drawn(alphanumeric, 32) },
  { kind: 'dronahq-api-key', vendor: 'DronaHQ', name: 'DRONAHQ_API_KEY', key: () => drawn(lowerAlnum, 50) },
  { kind: 'getemails-api-key', vendor: 'GetEmails', name: 'GETEMAILS_API_KEY', key: () => drawn(lowerAlnum, 26) },
  { kind: 'duply-api-key', vendor: 'Duply', name: 'DUPLY_API_KEY', key: uuid },
  { kind: 'easyinsight-api-key', vendor: 'Easy Insight', name: 'EASYINSIGHT_KEY', key: () => drawn(alphanumeric, 20) },
  { kind: 'fmfw-api-key', vendor: 'FMFW.io', name: 'FMFW_API_KEY', key: () => drawn(base64url, 32) },
  { kind: 'fastly-api-token', vendor: 'Fastly', name: 'FASTLY_API_TOKEN', key: () => drawn(base64url, 32) },
  { kind: 'geocodio-api-key', vendor: 'Geocodio', name: 'GEOCODIO_API_KEY', key: () => drawn(lowerAlnum, 39) },
  { kind: 'gocanvas-api-key', vendor: 'GoCanvas', name: 'GOCANVAS_API_KEY', key: () => `${drawn(alphanumeric, 43)}=` },
  {
    kind: 'godaddy-api-key',
    vendor: 'GoDaddy',
    name: 'GODADDY_API_KEY',
    key: () => `${drawn(alphanumeric, 12)}_${drawn(alphanumeric, 22)}`,
  },
  { kind: 'instamojo-api-key', vendor: 'Instamojo', name: 'INSTAMOJO_CLIENT_ID', key: () => drawn(alphanumeric, 40) },
  { kind: 'interseller-api-key', vendor: 'Interseller', name: 'INTERSELLER_API_KEY', key: uuid },
  {
    kind: 'invoiceocean-api-token',
    vendor: 'InvoiceOcean',
    name: 'INVOICEOCEAN_API_TOKEN',
    key: () => drawn(alphanumeric, 20),
  },
  {
    kind: 'kanbantool-api-token',
    vendor: 'Kanban Tool',
    name: 'KANBANTOOL_API_TOKEN',
    key: () => drawn(upperAlnum, 12),
  },
  {
    kind: 'keen-io-key',
    vendor: 'Keen IO',
    name: 'KEEN_MASTER_KEY',
    unnamedInLogs: true,
    key: () => drawn(upperAlnum, 64),
  },
  { kind: 'kucoin-api-key', vendor: 'KuCoin', name: 'KUCOIN_API_SECRET', key: uuid },
  {
    kind: 'langsmith-api-key',
    vendor: 'LangSmith',
    name: 'LANGCHAIN_API_KEY',
    key: () => `lsv2_pt_${drawn(hexLower, 32)}_${drawn(hexLower, 10)}`,
  },
  { kind: 'liveagent-api-key', vendor: 'LiveAgent', name: 'LIVEAGENT_API_KEY', key: () => drawn(alphanumeric, 32) },
  { kind: 'lokalise-api-token', vendor: 'Lokalise', name: 'LOKALISE_API_TOKEN', key: () => drawn(lowerAlnum, 40) },
  { kind: 'loggly-token', vendor: 'Loggly', name: 'LOGGLY_TOKEN', key: uuid },
  { kind: 'loginradius-api-key', vendor: 'LoginRadius', name: 'LOGINRADIUS_API_KEY', key: uuid },
  { kind: 'luno-api-key', vendor: 'Luno', name: 'LUNO_API_SECRET', key: () => drawn(base64url, 43) },
];

/** `.env` lines: the partner first when there is one, then the key. */
function envFile({ name, key, partner }: VendorKey): { text: string; secret: string } {
  const secret = key();
  const before = partner ? `${partner.name}=${partner.value()}\n` : '';
  return { text: `# local settings\n${before}${name}=${secret}\nPORT=3000\n`, secret };
}

/** A debug log that names the vendor on one line and prints the key on the next. */
function debugLog({ vendor, key, partner }: VendorKey): { text: string; secret: string } {
  const secret = key();
  const withPartner = partner ? ` ${vendor} id=${partner.value()}` : '';
  return {
    text: `[INFO] calling the ${vendor} API\n[DEBUG] using key=${secret}${withPartner}\n[INFO] 200 OK\n`,
    secret,
  };
}

const positives: SecretSample[] = vendorKeys.flatMap((entry) => [
  { kind: entry.kind, vendor: entry.vendor, file: '.env', make: () => envFile(entry) },
  // Vendors whose display name is not the rule's name (IQAir for AirVisual) are found by their variable only.
  ...(!entry.unnamedInLogs && entry.vendor.toLowerCase().includes(entry.name.split('_')[0].toLowerCase())
    ? [{ kind: entry.kind, vendor: entry.vendor, file: 'logs/debug.log', make: () => debugLog(entry) }]
    : []),
]);

/** Azure storage account keys where the name and the value are not joined by `=` or `:`. */
const azureStorageKeys: SecretSample[] = [
  {
    kind: 'azure-storage-account-key',
    vendor: 'Microsoft Azure',
    file: 'src/Storage/Settings.cs',
    make: () => {
      const secret = randomBytes(64).toString('base64');
      return {
        text: `var settings = new Dictionary<string, string>\n{\n    { "AccountKey", "${secret}" },\n};\n`,
        secret,
      };
    },
  },
  {
    kind: 'azure-storage-account-key',
    vendor: 'Microsoft Azure',
    file: 'scripts/cleanup.sh',
    make: () => {
      const secret = randomBytes(64).toString('base64');
      return {
        text: `AzureStorageCleanup.exe -storagename backups \\\n  -storagekey ${secret} -container sql\n`,
        secret,
      };
    },
  },
];

const lookAlikes: SecretSample[] = [
  // A value one character longer than the vendor's shape is not its key.
  {
    kind: 'ambee-api-key',
    vendor: 'Ambee',
    file: '.env',
    make: () => ({ text: `[INFO] calling the Ambee API\n[DEBUG] response etag ${drawn(hexLower, 65)}\n` }),
  },
  // The name far from the value: a paragraph between them, not a key given to the name.
  {
    kind: 'abyssale-api-key',
    vendor: 'Abyssale',
    file: 'logs/debug.log',
    make: () => ({
      text: `[INFO] abyssale render queued\n[INFO] waiting for the worker pool to pick it up\n[DEBUG] job=${drawn(alphanumeric, 40)}\n`,
    }),
  },
  // A key that works only with its app id, planted alone.
  {
    kind: 'adzuna-api-key',
    vendor: 'Adzuna',
    file: '.env',
    make: () => ({ text: `ADZUNA_APP_KEY=${drawn(lowerAlnum, 32)}\n` }),
  },
  {
    kind: 'bitfinex-api-key',
    vendor: 'Bitfinex',
    file: 'src/client.go',
    make: () => ({ text: `bitfinexKey := "${drawn(base64url, 43)}"\nbitfinexSecret := "not%valid"\n` }),
  },
  // Placeholders in the vendor's shape.
  {
    kind: 'apify-api-token',
    vendor: 'Apify',
    file: '.env',
    make: () => ({ text: `APIFY_TOKEN=apify_api_${'x'.repeat(36)}\n` }),
  },
  {
    kind: 'loggly-token',
    vendor: 'Loggly',
    file: '.env',
    make: () => ({ text: 'LOGGLY_TOKEN=12345678-abcd-abcd-abcd-1234567890ab\n' }),
  },
];

/** Jenkins credential XML: an encrypted `{AQAAABAAAA…}` value and a plaintext one. */
const jenkinsCredential = (element: string, value: string) =>
  [
    '<com.cloudbees.plugins.credentials.SystemCredentialsProvider plugin="credentials@1309.v8835d63eb_d8a_">',
    '  <domainCredentialsMap class="hudson.util.CopyOnWriteMap$Hash">',
    '    <com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl>',
    '      <id>deploy-bot</id>',
    '      <username>deploy</username>',
    `      <${element}>${value}</${element}>`,
    '    </com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl>',
    '  </domainCredentialsMap>',
    '</com.cloudbees.plugins.credentials.SystemCredentialsProvider>',
    '',
  ].join('\n');
/** Jenkins' cipher text: version 1, the IV's length (16) and the data's (two AES blocks), the IV and the data, in base64. */
const jenkinsEncrypted = () => {
  const bytes = Buffer.concat([
    Buffer.from([1, 0, 0, 0, 16, 0, 0, 0, 32]),
    Buffer.from(randomFrom(alphanumeric, 16)),
    Buffer.from(randomFrom(alphanumeric, 32)),
  ]);
  return `{${bytes.toString('base64')}}`;
};

const jenkinsSamples: SecretSample[] = [
  {
    kind: 'jenkins-encrypted-secret',
    vendor: 'Jenkins',
    file: 'jenkins/credentials.xml',
    make: () => {
      const secret = jenkinsEncrypted();
      return { text: jenkinsCredential('password', secret), secret };
    },
  },
  {
    kind: 'jenkins-credential',
    vendor: 'Jenkins',
    file: 'jenkins/credentials.xml',
    make: () => {
      const secret = drawn(alphanumeric, 24);
      return { text: jenkinsCredential('password', secret), secret };
    },
  },
  {
    kind: 'jenkins-credential',
    vendor: 'Jenkins',
    file: 'jenkins/credentials.xml',
    make: () => {
      const secret = drawn(hexLower, 34);
      return { text: jenkinsCredential('apiToken', secret), secret };
    },
  },
  // A reference to an environment variable (Configuration as Code) and a placeholder are not secrets.
  {
    kind: 'jenkins-credential',
    vendor: 'Jenkins',
    file: 'jenkins/credentials.xml',
    make: () => ({ text: jenkinsCredential('password', '${DEPLOY_BOT_PASSWORD}') }),
  },
  {
    kind: 'jenkins-credential',
    vendor: 'Jenkins',
    file: 'jenkins/credentials.xml',
    make: () => ({ text: jenkinsCredential('secret', 'changeme') }),
  },
];

/** Vendor API keys A–L (no prefix of their own, found next to the vendor's name) and Jenkins credential XML. */
export const vendorApisAToLSamples: readonly SecretSample[] = [
  ...positives,
  ...azureStorageKeys,
  ...lookAlikes,
  ...jenkinsSamples,
];
