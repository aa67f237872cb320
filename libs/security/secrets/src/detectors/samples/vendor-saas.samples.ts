import { createCipheriv, generateKeyPairSync, randomBytes, randomInt, randomUUID } from 'node:crypto';
import { alphabets, randomFrom, type SecretSample } from './sample-kit';

const { alphanumeric, base64url, digits, hexLower, lower, upper, upperBase32 } = alphabets;
const hex = (length: number) => randomFrom(hexLower, length);
const alnum = (length: number) => randomFrom(alphanumeric, length);
const b64url = (length: number) => randomFrom(base64url, length);
/** Random alphanumerics with at least one upper-case letter, lower-case letter and digit, as issued tokens have. */
function mixed(length: number): string {
  for (;;) {
    const value = alnum(length);
    if (/[A-Z]/.test(value) && /[a-z]/.test(value) && /\d/.test(value)) return value;
  }
}
/** Digits that do not start with 0, like the numeric ids inside tokens. */
const number = (length: number) => String(1 + randomInt(9)) + randomFrom(digits, length - 1);
/** A 1Password account secret key: `A3-` and groups of upper-case letters and digits. */
const onePasswordSecretKey = (groups: number[]) =>
  ['A3', ...groups.map((length) => randomFrom(upperBase32, length))].join('-');
const json64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** `SLACK_BOT_TOKEN` → `slackBotToken`, `slack_bot_token`. */
const camel = (name: string) => name.toLowerCase().replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
const snake = (name: string) => name.toLowerCase();

type Way = 'env' | 'shell' | 'yaml' | 'json' | 'code' | 'header' | 'url' | 'bare';

/** How real files carry a token given to `name`. */
const ways: Record<Way, (name: string, token: string) => { file: string; text: string }> = {
  env: (name, token) => ({ file: '.env', text: `# local settings\n${name}=${token}\nPORT=3000\n` }),
  shell: (name, token) => ({ file: 'scripts/deploy.sh', text: `#!/bin/sh\nexport ${name}="${token}"\n./deploy\n` }),
  yaml: (name, token) => ({
    file: 'config/settings.yaml',
    text: `service:\n  ${snake(name)}: ${token}\n  retries: 3\n`,
  }),
  json: (name, token) => ({
    file: 'config/settings.json',
    text: `{\n  "${camel(name)}": "${token}",\n  "debug": false\n}\n`,
  }),
  code: (name, token) => ({
    file: 'src/client.ts',
    text: `export const client = createClient({ ${camel(name)}: '${token}' });\n`,
  }),
  header: (_, token) => ({
    file: 'scripts/call.sh',
    text: `curl -s -H "Authorization: Bearer ${token}" https://api.service.test/v1/me\n`,
  }),
  url: (_, token) => ({ file: 'README.md', text: `Post to <${token}> from the release job.\n` }),
  bare: (_, token) => ({ file: 'notes/credentials.txt', text: `staging:\n${token}\n` }),
};

const tokenWays: Way[] = ['env', 'shell', 'yaml', 'json', 'code', 'header', 'bare'];
const namedWays: Way[] = ['env', 'shell', 'yaml', 'json', 'code'];
const urlWays: Way[] = ['env', 'yaml', 'json', 'url', 'bare'];

/** One positive sample per way of carrying `make()` under `name`. */
function planted(kind: string, vendor: string, name: string, make: () => string, how: Way[]): SecretSample[] {
  return how.map((way) => ({
    kind,
    vendor,
    file: ways[way](name, '').file,
    make: () => {
      const secret = make();
      return { text: ways[way](name, secret).text, secret };
    },
  }));
}

/** A positive whose text is written around the secret by hand. */
function inText(
  kind: string,
  vendor: string,
  file: string,
  make: () => { text: string; secret: string },
): SecretSample {
  return { kind, vendor, file, make };
}

/** A look-alike: text that has a secret's shape and must not be reported. */
function lookAlike(kind: string, vendor: string, file: string, text: string | (() => string)): SecretSample {
  return { kind, vendor, file, make: () => ({ text: typeof text === 'string' ? text : text() }) };
}

const x = (length: number) => 'x'.repeat(length);
const alphabet = (length: number) => (lower + upper + digits).slice(0, length);

/** base64(bot id) . base64(timestamp) . HMAC. */
const discordBotToken = () => `${Buffer.from(number(18)).toString('base64url')}.${b64url(6)}.${b64url(38)}`;

const communication: SecretSample[] = [
  ...planted(
    'slack-token',
    'Slack',
    'SLACK_BOT_TOKEN',
    () => `xoxb-${number(12)}-${number(13)}-${mixed(24)}`,
    tokenWays,
  ),
  ...planted(
    'slack-token',
    'Slack',
    'SLACK_USER_TOKEN',
    () => `xoxp-${number(11)}-${number(11)}-${number(13)}-${hex(32)}`,
    ['env', 'bare'],
  ),
  ...planted(
    'slack-token',
    'Slack',
    'SLACK_APP_TOKEN',
    () => `xapp-1-A${randomFrom(upperBase32, 10)}-${number(13)}-${hex(64)}`,
    ['env', 'json'],
  ),
  ...planted('slack-token', 'Slack', 'SLACK_CONFIG_TOKEN', () => `xoxe.xoxp-1-${b64url(150).replace(/_/g, 'Q')}`, [
    'env',
  ]),
  ...planted('slack-token', 'Slack', 'SLACK_REFRESH_TOKEN', () => `xoxe-1-${mixed(140)}`, ['yaml']),
  lookAlike('slack-token', 'Slack', '.env.example', `SLACK_BOT_TOKEN=xoxb-${x(12)}-${x(13)}-${x(24)}\n`),
  lookAlike(
    'slack-token',
    'Slack',
    'docs/slack.md',
    'Set `token: xoxb-123456789012-123456789012-abcdefghijklmnopqrstuvwx` in the config.\n',
  ),
  lookAlike(
    'slack-token',
    'Slack',
    'docs/slack.md',
    'Tokens start with `xoxb-` (bots) or `xoxp-` (users): xoxb-your-bot-token-here-please\n',
  ),
  ...planted(
    'slack-webhook',
    'Slack',
    'SLACK_WEBHOOK_URL',
    () =>
      `https://hooks.slack.com/services/T${randomFrom(upperBase32, 10)}/B${randomFrom(upperBase32, 10)}/${mixed(24)}`,
    urlWays,
  ),
  lookAlike(
    'slack-webhook',
    'Slack',
    'README.md',
    'SLACK_WEBHOOK_URL=https://hooks.slack.com/services/TXXXXXXXX/BXXXXXXXX/XXXXXXXXXXXXXXXXXXXXXXXX\n',
  ),
  lookAlike(
    'slack-webhook',
    'Slack',
    'README.md',
    'webhook: https://hooks.slack.com/services/T00000000/B00000000/000000000000000000000000\n',
  ),
  ...planted(
    'teams-webhook',
    'Microsoft',
    'TEAMS_WEBHOOK_URL',
    () =>
      `https://${randomFrom(lower, 8)}.webhook.office.com/webhookb2/${randomUUID()}@${randomUUID()}/IncomingWebhook/${hex(32)}/${randomUUID()}/V2${b64url(44)}`,
    urlWays,
  ),
  ...planted(
    'teams-webhook',
    'Microsoft',
    'TEAMS_WEBHOOK_URL',
    () =>
      `https://outlook.office.com/webhook/${randomUUID()}@${randomUUID()}/IncomingWebhook/${hex(32)}/${randomUUID()}`,
    ['env'],
  ),
  lookAlike(
    'teams-webhook',
    'Microsoft',
    'docs/teams.md',
    'url: https://contoso.webhook.office.com/webhookb2/00000000-0000-0000-0000-000000000000@00000000-0000-0000-0000-000000000000/IncomingWebhook/00000000000000000000000000000000/00000000-0000-0000-0000-000000000000\n',
  ),
  ...planted(
    'power-automate-webhook',
    'Microsoft',
    'TEAMS_WORKFLOW_URL',
    () =>
      `https://prod-${number(2)}.westeurope.logic.azure.com:443/workflows/${hex(32)}/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=${b64url(43)}`,
    urlWays,
  ),
  ...planted(
    'power-automate-webhook',
    'Microsoft',
    'TEAMS_WORKFLOW_URL',
    () =>
      `https://${hex(32)}.${hex(2)}.environment.api.powerplatform.com:443/powerautomate/automations/direct/workflows/${hex(32)}/triggers/manual/paths/invoke?api-version=1&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=${b64url(43)}`,
    ['env', 'json'],
  ),
  lookAlike(
    'power-automate-webhook',
    'Microsoft',
    'docs/teams.md',
    'https://prod-00.westus.logic.azure.com:443/workflows/<id>/triggers/manual/paths/invoke?api-version=2016-06-01&sig=<signature-goes-here>\n',
  ),
  ...planted(
    'discord-webhook',
    'Discord',
    'DISCORD_WEBHOOK_URL',
    () => `https://discord.com/api/webhooks/${number(19)}/${b64url(68)}`,
    urlWays,
  ),
  lookAlike(
    'discord-webhook',
    'Discord',
    'README.md',
    `webhook: https://discord.com/api/webhooks/123456789012345678/${x(68)}\n`,
  ),
  ...planted('discord-bot-token', 'Discord', 'DISCORD_BOT_TOKEN', discordBotToken, ['env', 'json', 'code']),
  inText('discord-bot-token', 'Discord', 'bot.py', () => {
    const secret = discordBotToken();
    return {
      text: `import discord\n\nclient = discord.Client(intents=discord.Intents.default())\nclient.run("${secret}")\n`,
      secret,
    };
  }),
  lookAlike('discord-bot-token', 'Discord', '.env.example', 'DISCORD_BOT_TOKEN=your-bot-token-goes-here\n'),
  inText('discord-bot-token', 'Discord', 'notes.txt', () => {
    const secret = discordBotToken();
    return { text: `token for the staging server:\n${secret}\n`, secret };
  }),
  // Three base64url parts in a file that does not say Discord, the first not a numeric id.
  lookAlike(
    'discord-bot-token',
    'Discord',
    'notes.txt',
    () => `cache key Mz${b64url(22)}.${b64url(6)}.${b64url(27)}\n`,
  ),
  ...planted('telegram-bot-token', 'Telegram', 'TELEGRAM_BOT_TOKEN', () => `${number(10)}:AA${b64url(33)}`, namedWays),
  inText('telegram-bot-token', 'Telegram', 'scripts/notify.sh', () => {
    const secret = `${number(10)}:AA${b64url(33)}`;
    return { text: `curl "https://api.telegram.org/bot${secret}/sendMessage?chat_id=42&text=done"\n`, secret };
  }),
  lookAlike(
    'telegram-bot-token',
    'Telegram',
    '.env',
    'TELEGRAM_CHAT_ID=-1001234567890\nTELEGRAM_BOT_TOKEN=123456789:xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n',
  ),
  ...planted('twilio-api-key', 'Twilio', 'TWILIO_API_KEY', () => `SK${hex(32)}`, ['env', 'json', 'bare']),
  ...planted('twilio-auth-token', 'Twilio', 'TWILIO_AUTH_TOKEN', () => hex(32), namedWays),
  inText('twilio-auth-token', 'Twilio', 'send.py', () => {
    const secret = hex(32);
    return { text: `from twilio.rest import Client\nclient = Client("AC${hex(32)}", "${secret}")\n`, secret };
  }),
  lookAlike(
    'twilio-auth-token',
    'Twilio',
    '.env',
    () => `TWILIO_ACCOUNT_SID=AC${hex(32)}\nTWILIO_AUTH_TOKEN=your_auth_token\n`,
  ),
  lookAlike('twilio-api-key', 'Twilio', '.env', `TWILIO_API_KEY=SK${'0'.repeat(32)}\n`),
  ...planted('sendgrid-api-key', 'SendGrid', 'SENDGRID_API_KEY', () => `SG.${b64url(22)}.${b64url(43)}`, tokenWays),
  lookAlike('sendgrid-api-key', 'SendGrid', '.env.example', `SENDGRID_API_KEY=SG.${x(22)}.${x(43)}\n`),
  ...planted(
    'mailgun-api-key',
    'Mailgun',
    'MAILGUN_API_KEY',
    () => `key-${randomFrom(lower + digits, 31)}${randomInt(10)}`,
    tokenWays,
  ),
  ...planted('mailgun-api-key', 'Mailgun', 'MAILGUN_API_KEY', () => `${hex(32)}-${hex(8)}-${hex(8)}`, namedWays),
  lookAlike('mailgun-api-key', 'Mailgun', '.env.example', `MAILGUN_API_KEY=key-${x(32)}\n`),
  lookAlike(
    'mailgun-api-key',
    'Mailgun',
    'src/ids.ts',
    () => `export const releaseId = '${hex(32)}-${hex(8)}-${hex(8)}';\n`,
  ),
  ...planted(
    'mailchimp-api-key',
    'Mailchimp',
    'MAILCHIMP_API_KEY',
    () => `${hex(32)}-us${1 + randomInt(21)}`,
    tokenWays,
  ),
  lookAlike('mailchimp-api-key', 'Mailchimp', '.env.example', `MAILCHIMP_API_KEY=${'0'.repeat(32)}-us6\n`),
  ...planted('postmark-token', 'Postmark', 'POSTMARK_SERVER_TOKEN', () => randomUUID(), namedWays),
  inText('postmark-token', 'Postmark', 'scripts/mail.sh', () => {
    const secret = randomUUID();
    return { text: `curl https://api.postmarkapp.com/email -H "X-Postmark-Server-Token: ${secret}"\n`, secret };
  }),
  inText('postmark-token', 'Postmark', 'config/mail.yaml', () => {
    const secret = randomUUID();
    return { text: `postmark:\n  server_token: "${secret}"\n`, secret };
  }),
  lookAlike('postmark-token', 'Postmark', 'src/request.ts', () => `const requestId = '${randomUUID()}';\n`),
  lookAlike(
    'postmark-token',
    'Postmark',
    '.env.example',
    'POSTMARK_SERVER_TOKEN=00000000-0000-0000-0000-000000000000\n',
  ),
  ...planted('brevo-api-key', 'Brevo', 'BREVO_API_KEY', () => `xkeysib-${hex(64)}-${mixed(16)}`, tokenWays),
  lookAlike('brevo-api-key', 'Brevo', '.env.example', `BREVO_API_KEY=xkeysib-${x(64)}-${x(16)}\n`),
  ...planted(
    'intercom-access-token',
    'Intercom',
    'INTERCOM_ACCESS_TOKEN',
    () => Buffer.from(`tok:${randomUUID().replace(/-/g, '_')}:1:0`).toString('base64'),
    ['env', 'json', 'bare'],
  ),
  ...planted('zendesk-api-token', 'Zendesk', 'ZENDESK_API_TOKEN', () => mixed(40), namedWays),
  ...planted('twitch-token', 'Twitch', 'TWITCH_CLIENT_SECRET', () => randomFrom(lower + digits, 30), namedWays),
  ...planted(
    'twitter-bearer-token',
    'Twitter',
    'TWITTER_BEARER_TOKEN',
    () => `${'A'.repeat(21)}${mixed(30)}%2B${mixed(20)}%3D${mixed(40)}`,
    ['env', 'json', 'header'],
  ),
  lookAlike('twitter-bearer-token', 'Twitter', 'docs/api.md', `Authorization: Bearer ${'A'.repeat(80)}\n`),
  ...planted('meta-access-token', 'Meta', 'FACEBOOK_ACCESS_TOKEN', () => `EAA${mixed(160)}`, tokenWays),
  ...planted('meta-app-secret', 'Meta', 'FACEBOOK_APP_SECRET', () => hex(32), namedWays),
  lookAlike('meta-app-secret', 'Meta', '.env', () => `FACEBOOK_APP_ID=${number(15)}\n`),
];

const payments: SecretSample[] = [
  inText('freemius-secret-key', 'Freemius', 'includes/freemius.php', () => {
    const secret = `sk_${mixed(20)}#${mixed(4)}&${mixed(3)}`;
    return { text: `$fs = fs_dynamic_init(array(\n  'id' => '1234',\n  'secret_key' => '${secret}',\n));\n`, secret };
  }),
  ...planted('stripe-secret-key', 'Stripe', 'STRIPE_SECRET_KEY', () => `sk_live_${mixed(99)}`, tokenWays),
  ...planted('stripe-secret-key', 'Stripe', 'STRIPE_RESTRICTED_KEY', () => `rk_live_${mixed(24)}`, ['env', 'code']),
  ...planted('stripe-secret-key', 'Stripe', 'STRIPE_TEST_KEY', () => `sk_test_${mixed(24)}`, ['env']),
  ...planted('stripe-webhook-secret', 'Stripe', 'STRIPE_WEBHOOK_SECRET', () => `whsec_${mixed(32)}`, [
    'env',
    'yaml',
    'bare',
  ]),
  lookAlike('stripe-secret-key', 'Stripe', '.env.example', `STRIPE_SECRET_KEY=sk_live_${x(24)}\n`),
  lookAlike(
    'stripe-secret-key',
    'Stripe',
    'docs/stripe.md',
    `Use a test key such as sk_test_abcdefghijklmnopqrstuvwxyz while developing.\n`,
  ),
  lookAlike(
    'stripe-secret-key',
    'Stripe',
    'src/checkout.ts',
    () => `const stripe = loadStripe('pk_live_${mixed(99)}');\n`,
  ),
  ...planted('square-token', 'Square', 'SQUARE_ACCESS_TOKEN', () => `EAAA${b64url(60)}`, ['env', 'json', 'header']),
  ...planted('square-token', 'Square', 'SQUARE_ACCESS_TOKEN', () => `sq0atp-${b64url(22)}`, ['env', 'bare']),
  ...planted('square-token', 'Square', 'SQUARE_OAUTH_SECRET', () => `sq0csp-${b64url(43)}`, ['env', 'yaml']),
  lookAlike('square-token', 'Square', 'src/pay.ts', () => `const applicationId = 'sq0idp-${b64url(22)}';\n`),
  // An `EAAA` access token is 64 characters: 32 of them and a query after is no token.
  lookAlike('square-token', 'Square', 'src/pay.ts', () => `square = 'EAAA${b64url(28)}?b=${b64url(20)}'\n`),
  // Lob's publishable keys go to browsers by design.
  lookAlike('lob-api-key', 'Lob', 'src/mail.py', () => `token = 'live_pub_${hex(31)}'\n`),
  ...planted(
    'braintree-access-token',
    'PayPal',
    'BRAINTREE_ACCESS_TOKEN',
    () => `access_token$production$${randomFrom(lower + digits, 16)}$${hex(32)}`,
    tokenWays,
  ),
  lookAlike(
    'braintree-access-token',
    'PayPal',
    '.env.example',
    `BRAINTREE_ACCESS_TOKEN=access_token$production$${x(16)}$${x(32)}\n`,
  ),
  ...planted('shopify-token', 'Shopify', 'SHOPIFY_ACCESS_TOKEN', () => `shpat_${hex(32)}`, tokenWays),
  ...planted('shopify-token', 'Shopify', 'SHOPIFY_API_SECRET', () => `shpss_${hex(32)}`, ['env']),
  ...planted('shopify-token', 'Shopify', 'SHOPIFY_CUSTOM_APP_TOKEN', () => `shpca_${hex(32)}`, ['json']),
  lookAlike('shopify-token', 'Shopify', '.env.example', `SHOPIFY_ACCESS_TOKEN=shpat_${'0'.repeat(32)}\n`),
];

const ai: SecretSample[] = [
  ...planted(
    'openai-api-key',
    'OpenAI',
    'OPENAI_API_KEY',
    () => `sk-proj-${b64url(74)}T3BlbkFJ${b64url(74)}`,
    tokenWays,
  ),
  ...planted('openai-api-key', 'OpenAI', 'OPENAI_API_KEY', () => `sk-${mixed(20)}T3BlbkFJ${mixed(20)}`, [
    'env',
    'bare',
  ]),
  ...planted('openai-api-key', 'OpenAI', 'OPENAI_API_KEY', () => `sk-${mixed(48)}`, ['env', 'json']),
  lookAlike(
    'openai-api-key',
    'OpenAI',
    '.env.example',
    `OPENAI_API_KEY=sk-proj-${'X'.repeat(20)}T3BlbkFJ${'X'.repeat(20)}\n`,
  ),
  lookAlike('openai-api-key', 'OpenAI', '.env.example', 'OPENAI_API_KEY=sk-your-openai-api-key-goes-here-0000\n'),
  ...planted('anthropic-api-key', 'Anthropic', 'ANTHROPIC_API_KEY', () => `sk-ant-api03-${b64url(93)}AA`, tokenWays),
  ...planted('anthropic-api-key', 'Anthropic', 'ANTHROPIC_ADMIN_KEY', () => `sk-ant-admin01-${b64url(93)}AA`, ['env']),
  lookAlike('anthropic-api-key', 'Anthropic', '.env.example', `ANTHROPIC_API_KEY=sk-ant-api03-${x(93)}AA\n`),
  ...planted('huggingface-token', 'Hugging Face', 'HF_TOKEN', () => `hf_${randomFrom(lower + upper, 34)}`, tokenWays),
  lookAlike('huggingface-token', 'Hugging Face', '.env.example', `HF_TOKEN=hf_${x(34)}\n`),
  ...planted('replicate-api-token', 'Replicate', 'REPLICATE_API_TOKEN', () => `r8_${mixed(37)}`, tokenWays),
  ...planted('groq-api-key', 'Groq', 'GROQ_API_KEY', () => `gsk_${mixed(52)}`, tokenWays),
  lookAlike('groq-api-key', 'Groq', '.env.example', `GROQ_API_KEY=gsk_${alphabet(52)}\n`),
  ...planted('perplexity-api-key', 'Perplexity', 'PERPLEXITY_API_KEY', () => `pplx-${mixed(48)}`, tokenWays),
  ...planted('cohere-api-key', 'Cohere', 'COHERE_API_KEY', () => mixed(40), namedWays),
  ...planted('mistral-api-key', 'Mistral', 'MISTRAL_API_KEY', () => mixed(32), namedWays),
  lookAlike('mistral-api-key', 'Mistral', 'config.yaml', () => `model: mistral-large-latest\nrevision: ${hex(40)}\n`),
];

const productivity: SecretSample[] = [
  ...planted('figma-token', 'Figma', 'FIGMA_TOKEN', () => `figd_${b64url(40)}`, tokenWays),
  ...planted('figma-token', 'Figma', 'FIGMA_ACCESS_TOKEN', () => `${number(6)}-${randomUUID()}`, namedWays),
  lookAlike('figma-token', 'Figma', 'src/design.ts', () => `const fileKey = '${number(6)}-${randomUUID()}';\n`),
  ...planted('notion-token', 'Notion', 'NOTION_TOKEN', () => `secret_${mixed(43)}`, tokenWays),
  ...planted('notion-token', 'Notion', 'NOTION_API_KEY', () => `ntn_${number(11)}${mixed(35)}`, ['env', 'json']),
  lookAlike('notion-token', 'Notion', 'config/app.yaml', 'secret_key_base_name: secret_key_base\n'),
  ...planted('linear-api-key', 'Linear', 'LINEAR_API_KEY', () => `lin_api_${mixed(40)}`, tokenWays),
  ...planted('asana-token', 'Asana', 'ASANA_ACCESS_TOKEN', () => `2/${number(16)}/${number(16)}:${hex(32)}`, namedWays),
  ...planted('asana-token', 'Asana', 'ASANA_PAT', () => `1/${number(16)}:${hex(32)}`, ['env']),
  ...planted('airtable-token', 'Airtable', 'AIRTABLE_TOKEN', () => `pat${mixed(14)}.${hex(64)}`, tokenWays),
  ...planted('airtable-token', 'Airtable', 'AIRTABLE_API_KEY', () => `key${mixed(14)}`, ['env', 'json']),
  ...planted('dropbox-token', 'Dropbox', 'DROPBOX_ACCESS_TOKEN', () => `sl.${b64url(138)}`, tokenWays),
  ...planted(
    'dropbox-token',
    'Dropbox',
    'DROPBOX_TOKEN',
    () => `${randomFrom(lower + digits, 11)}AAAAAAAAAA${b64url(43)}`,
    ['env'],
  ),
  ...planted('contentful-token', 'Contentful', 'CONTENTFUL_MANAGEMENT_TOKEN', () => `CFPAT-${b64url(43)}`, tokenWays),
  ...planted('contentful-token', 'Contentful', 'CONTENTFUL_DELIVERY_TOKEN', () => b64url(43), namedWays),
  ...planted('algolia-admin-key', 'Algolia', 'ALGOLIA_ADMIN_API_KEY', () => hex(32), namedWays),
  lookAlike(
    'algolia-admin-key',
    'Algolia',
    '.env',
    () => `ALGOLIA_APP_ID=${randomFrom(upper + digits, 10)}\nALGOLIA_SEARCH_KEY=${hex(32)}\n`,
  ),
  ...planted(
    'mapbox-secret-token',
    'Mapbox',
    'MAPBOX_SECRET_TOKEN',
    () => `sk.${json64({ u: randomFrom(lower, 8), a: randomFrom(lower + digits, 25) })}.${b64url(22)}`,
    tokenWays,
  ),
  lookAlike(
    'mapbox-secret-token',
    'Mapbox',
    'src/map.ts',
    () =>
      `mapboxgl.accessToken = 'pk.${json64({ u: randomFrom(lower, 8), a: randomFrom(lower + digits, 25) })}.${b64url(22)}';\n`,
  ),
  ...planted('launchdarkly-key', 'LaunchDarkly', 'LAUNCHDARKLY_SDK_KEY', () => `sdk-${randomUUID()}`, namedWays),
  ...planted('launchdarkly-key', 'LaunchDarkly', 'LAUNCHDARKLY_API_KEY', () => `api-${randomUUID()}`, ['env']),
  lookAlike(
    'launchdarkly-key',
    'LaunchDarkly',
    '.env.example',
    'LAUNCHDARKLY_SDK_KEY=sdk-00000000-0000-0000-0000-000000000000\n',
  ),
  ...planted('okta-api-token', 'Okta', 'OKTA_API_TOKEN', () => `00${b64url(40)}`, namedWays),
  ...planted('auth0-client-secret', 'Auth0', 'AUTH0_CLIENT_SECRET', () => b64url(64), namedWays),
  lookAlike(
    'auth0-client-secret',
    'Auth0',
    '.env',
    () => `AUTH0_CLIENT_ID=${mixed(32)}\nAUTH0_DOMAIN=tenant.eu.auth0.com\n`,
  ),
  ...planted(
    'onepassword-token',
    '1Password',
    'OP_SERVICE_ACCOUNT_TOKEN',
    () =>
      `ops_${json64({ signInAddress: 'my.1password.com', userAuth: { method: 'SRPg-4096', alg: 'PBES2g-HS256', iterations: 650000, salt: b64url(22) }, email: `${randomFrom(lower, 10)}@1passwordserviceaccounts.com`, srpX: hex(64), muk: { alg: 'A256GCM', ext: true, k: b64url(43), key_ops: ['encrypt', 'decrypt'], kty: 'oct', kid: 'mp' }, secretKey: `A3-${randomFrom(upperBase32, 6)}`, deviceUuid: randomFrom(lower + digits, 26) })}`,
    ['env', 'yaml', 'bare'],
  ),
  ...planted('onepassword-secret-key', '1Password', 'OP_SECRET_KEY', () => onePasswordSecretKey([6, 6, 5, 5, 5, 5]), [
    'env',
    'bare',
  ]),
  ...planted('hubspot-token', 'HubSpot', 'HUBSPOT_ACCESS_TOKEN', () => `pat-na1-${randomUUID()}`, tokenWays),
  ...planted('hubspot-token', 'HubSpot', 'HUBSPOT_API_KEY', () => randomUUID(), ['env']),
  lookAlike(
    'hubspot-token',
    'HubSpot',
    '.env.example',
    'HUBSPOT_ACCESS_TOKEN=pat-na1-xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx\n',
  ),
];

const bech32 = 'QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L';
/** Base64 of `bytes`, wrapped at 64 (PEM) or 70 (OpenSSH) columns. */
function wrap(bytes: Buffer, width: number): string {
  const base64 = bytes.toString('base64');
  const lines: string[] = [];
  for (let start = 0; start < base64.length; start += width) lines.push(base64.slice(start, start + width));
  return lines.join('\n');
}
const armored = (label: string, body: string, headers = '') =>
  `-----BEGIN ${label}-----\n${headers}${body}\n-----END ${label}-----`;

/** A PEM private key fresh from OpenSSL, in the text around it (`.pem`, YAML block scalar, JSON string). */
function pem(
  kind: string,
  file: string,
  generate: () => string,
  around: (block: string) => string = (block) => `${block}\n`,
): SecretSample {
  return inText(kind, 'PEM', file, () => {
    const text = around(generate().trimEnd());
    // As the file holds it: a YAML block scalar indents every line.
    const start = text.indexOf('-----BEGIN');
    const endLine = text.indexOf('-----END', start);
    return { text, secret: text.slice(start, text.indexOf('-----', endLine + 8) + 5) };
  });
}

const rsa = (format: 'pkcs1' | 'pkcs8', cipher?: string) =>
  generateKeyPairSync('rsa', {
    modulusLength: 1024,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: {
      type: format,
      format: 'pem',
      ...(cipher ? { cipher, passphrase: randomFrom(alphanumeric, 16) } : {}),
    },
  }).privateKey;

const pemEncoding = {
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
} as const;
const ed25519 = () =>
  generateKeyPairSync('ed25519', {
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
const ecdsa = () =>
  generateKeyPairSync('ec', {
    ...pemEncoding,
    namedCurve: 'P-256',
    privateKeyEncoding: { type: 'sec1', format: 'pem' },
  });

/** An OpenSSH key: the `openssh-key-v1` magic, then its fields (not parsed by the detector, so random here). */
function opensshKey(): string {
  const body = Buffer.concat([Buffer.from('openssh-key-v1\0', 'latin1'), randomBytes(380)]);
  return armored('OPENSSH PRIVATE KEY', wrap(body, 70));
}

/** An ASCII-armored OpenPGP secret key: an old-format Secret-Key packet (tag 5, two-byte length). */
function pgpKey(): string {
  const packet = randomBytes(400);
  const body = Buffer.concat([Buffer.from([0x95, 0x01, 0x8d]), packet]);
  return armored(
    'PGP PRIVATE KEY BLOCK',
    `${wrap(body, 64)}\n=${randomFrom(alphabets.base64, 4)}`,
    'Version: GnuPG v2\nComment: test key\n\n',
  );
}

/** A traditionally encrypted PEM key as OpenSSL 1.x writes it: RFC 1421 headers over ciphertext. */
function encryptedRsa(): string {
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-128-cbc', randomBytes(16), iv);
  const ciphertext = Buffer.concat([cipher.update(randomBytes(600)), cipher.final()]);
  return armored(
    'RSA PRIVATE KEY',
    wrap(ciphertext, 64),
    `Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,${iv.toString('hex').toUpperCase()}\n\n`,
  );
}

const keyMaterial: SecretSample[] = [
  ...planted('age-secret-key', 'age', 'SOPS_AGE_KEY', () => `AGE-SECRET-KEY-1${randomFrom(bech32, 58)}`, [
    'env',
    'yaml',
    'bare',
  ]),
  inText('age-secret-key', 'age', 'keys.txt', () => {
    const secret = `AGE-SECRET-KEY-1${randomFrom(bech32, 58)}`;
    return {
      text: `# created: 2024-05-01T10:00:00Z\n# public key: age1${randomFrom(bech32.toLowerCase(), 58)}\n${secret}\n`,
      secret,
    };
  }),
  lookAlike('age-secret-key', 'age', 'docs/sops.md', `SOPS_AGE_KEY=AGE-SECRET-KEY-1${'Q'.repeat(58)}\n`),
  inText('wireguard-private-key', 'WireGuard', 'wg0.conf', () => {
    const secret = randomBytes(32).toString('base64');
    return {
      text: `[Interface]\nAddress = 10.8.0.1/24\nListenPort = 51820\nPrivateKey = ${secret}\n\n[Peer]\nPublicKey = ${randomBytes(32).toString('base64')}\nAllowedIPs = 10.8.0.2/32\n`,
      secret,
    };
  }),
  inText('wireguard-private-key', 'WireGuard', 'wg0.conf', () => {
    const secret = randomBytes(32).toString('base64');
    return { text: `[Peer]\nPublicKey = ${randomBytes(32).toString('base64')}\nPresharedKey = ${secret}\n`, secret };
  }),
  lookAlike(
    'wireguard-private-key',
    'WireGuard',
    'wg0.conf',
    () =>
      `[Interface]\nPrivateKey = <contents of privatekey>\n\n[Peer]\nPublicKey = ${randomBytes(32).toString('base64')}\n`,
  ),
  ...planted(
    'jwt',
    'JWT',
    'ID_TOKEN',
    () =>
      `${json64({ alg: 'RS256', typ: 'JWT', kid: hex(16) })}.${json64({ sub: number(8), iss: 'https://auth.service.test', exp: 1900000000 })}.${b64url(86)}`,
    tokenWays,
  ),
  ...planted(
    'authress-service-client-key',
    'Authress',
    'AUTHRESS_SERVICE_CLIENT_ACCESS_KEY',
    () => `sc_${alnum(10)}.${alnum(4)}.acc_${randomFrom(lower + digits, 10)}.${b64url(40)}`,
    ['env', 'json', 'code'],
  ),
  lookAlike(
    'authress-service-client-key',
    'Authress',
    '.env.example',
    'AUTHRESS_KEY=sc_xxxxxxxxxx.xxxx.acc_xxxxxxxxxx.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n',
  ),
  ...planted(
    'github-token',
    'GitHub',
    'GH_TOKEN',
    () =>
      `ghs_${number(7)}_${json64({ alg: 'RS256', typ: 'JWT' })}.${json64({ iat: 1900000000, exp: 1900000600, iss: number(7) })}.${b64url(342)}`,
    ['env', 'header', 'bare'],
  ),
  lookAlike(
    'github-token',
    'GitHub',
    'docs/tokens.md',
    () => `Installation tokens look like ghs_12345_eyJub3Rqc29u.${json64({ iss: number(7) })}.${b64url(43)}\n`,
  ),
  lookAlike(
    'jwt',
    'JWT',
    'src/parse.spec.ts',
    () => `expect(parse('eyJub3Rqc29u.${json64({ sub: number(8) })}.${b64url(43)}')).toThrow();\n`,
  ),
  lookAlike(
    'jwt',
    'JWT',
    'src/fixtures.ts',
    // A JSON header, then claims that open like base64 JSON (`eyJ…`) and go on as random text.
    () => `export const token = '${json64({ alg: 'HS256', typ: 'JWT' })}.eyJ${b64url(80)}.${b64url(43)}';\n`,
  ),
  pem('private-key', 'certs/server.key', () => rsa('pkcs8')),
  pem('private-key', 'certs/legacy.key', () => rsa('pkcs1')),
  pem('private-key', 'certs/encrypted.key', () => rsa('pkcs8', 'aes-256-cbc')),
  pem('private-key', 'certs/ec.key', () => ecdsa().privateKey),
  pem('private-key', 'certs/ed25519.key', () => ed25519().privateKey),
  pem(
    'private-key',
    'k8s/tls.yaml',
    () => rsa('pkcs8'),
    (block) =>
      `stringData:\n  tls.key: |\n${block
        .split('\n')
        .map((line) => `    ${line}`)
        .join('\n')}\n`,
  ),
  pem('private-key', 'certs/old-encrypted.pem', encryptedRsa),
  pem('private-key', 'home/.ssh/id_ed25519', opensshKey),
  pem('private-key', 'keys/signing.asc', pgpKey),
  inText('private-key', 'PuTTY', 'keys/deploy.ppk', () => {
    const secret = wrap(randomBytes(48), 64);
    const text = `PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: eddsa-key-20240501\nPublic-Lines: 2\n${wrap(randomBytes(51), 64)}\nPrivate-Lines: 1\n${secret}\nPrivate-MAC: ${hex(64)}\n`;
    return { text, secret };
  }),
  lookAlike(
    'private-key',
    'PEM',
    'docs/tls.md',
    '```\n-----BEGIN PRIVATE KEY-----\nanything\n-----END PRIVATE KEY-----\n```\n',
  ),
  lookAlike(
    'private-key',
    'PEM',
    'docs/tls.md',
    '-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----\n',
  ),
  lookAlike(
    'private-key',
    'PEM',
    'docs/tls.md',
    '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7...\n...\n-----END PRIVATE KEY-----\n',
  ),
  lookAlike(
    'private-key',
    'PEM',
    'docs/tls.md',
    '-----BEGIN EC PRIVATE KEY-----\n<paste your private key here>\n-----END EC PRIVATE KEY-----\n',
  ),
  lookAlike('private-key', 'PEM', 'docs/ssh.md', () =>
    armored('OPENSSH PRIVATE KEY', `${'A'.repeat(70)}\n${'A'.repeat(70)}\n${'A'.repeat(30)}`),
  ),
  lookAlike(
    'private-key',
    'PEM',
    'src/keys.ts',
    () =>
      `const template = \`${armored('PRIVATE KEY', 'YOUR_PRIVATE_KEY_CONTENT_GOES_HERE_IN_BASE64_FORMAT_PLEASE_DO_NOT_COMMIT_IT')}\`;\n`,
  ),
  lookAlike('private-key', 'PEM', 'certs/server.pub', () => ed25519().publicKey),
];

/** Formats other scanners' examples use: unstructured webhook paths, client secrets, keys in JSON strings. */
const otherShapes: SecretSample[] = [
  ...planted('discord-client-secret', 'Discord', 'DISCORD_CLIENT_SECRET', () => b64url(32), namedWays),
  lookAlike(
    'discord-client-secret',
    'Discord',
    '.env',
    () => `DISCORD_PUBLIC_KEY=${hex(64)}\nDISCORD_CLIENT_ID=${number(18)}\n`,
  ),
  ...planted(
    'slack-webhook',
    'Slack',
    'SLACK_WEBHOOK',
    () =>
      `hooks.slack.com/workflows/T${randomFrom(upperBase32, 10)}/A${randomFrom(upperBase32, 10)}/${number(18)}/${mixed(24)}`,
    ['env'],
  ),
  ...planted('slack-webhook', 'Slack', 'SLACK_WEBHOOK', () => `https://hooks.slack.com/services/${mixed(44)}`, [
    'yaml',
  ]),
  ...planted('twitter-credential', 'Twitter', 'TWITTER_ACCESS_TOKEN', () => `${number(19)}-${mixed(40)}`, namedWays),
  ...planted('twitter-credential', 'Twitter', 'TWITTER_CONSUMER_SECRET', () => mixed(50), ['env', 'json']),
  lookAlike('twitter-credential', 'Twitter', 'src/links.ts', `export const twitterHandle = '@paved_dev';\n`),
  ...planted('meta-access-token', 'Meta', 'FACEBOOK_APP_TOKEN', () => `${number(16)}|${b64url(27)}`, ['env', 'json']),
  ...planted('linear-client-secret', 'Linear', 'LINEAR_CLIENT_SECRET', () => hex(32), ['env', 'yaml']),
  ...planted('asana-client-secret', 'Asana', 'ASANA_CLIENT_SECRET', () => randomFrom(lower + digits, 32), [
    'env',
    'json',
  ]),
  lookAlike(
    'asana-client-secret',
    'Asana',
    '.env',
    () => `ASANA_CLIENT_ID=${number(16)}\nASANA_WORKSPACE=${number(16)}\n`,
  ),
  ...planted('dropbox-token', 'Dropbox', 'DROPBOX_APP_SECRET', () => randomFrom(lower + digits, 15), ['env', 'json']),
  lookAlike('dropbox-token', 'Dropbox', '.env', () => `DROPBOX_APP_KEY=${randomFrom(lower + digits, 15)}\n`),
  ...planted('mapbox-secret-token', 'Mapbox', 'MAPBOX_SECRET_TOKEN', () => `sk.${mixed(60)}.${mixed(22)}`, [
    'env',
    'json',
  ]),
  ...planted('onepassword-secret-key', '1Password', 'OP_SECRET_KEY', () => onePasswordSecretKey([6, 11, 5, 5, 5]), [
    'yaml',
  ]),
  ...planted(
    'sendgrid-api-key',
    'SendGrid',
    'SENDGRID_API_KEY',
    () => `SG.${randomFrom(alphanumeric + '_-.', 65)}${alnum(1)}`,
    ['env'],
  ),
  inText('private-key', 'Google Cloud', 'service-account.json', () => {
    const key = rsa('pkcs8').trimEnd();
    const secret = key.replace(/\n/g, '\\n');
    const text = `${JSON.stringify({ type: 'service_account', project_id: 'demo', private_key: `${key}\n`, client_email: 'ci@demo.iam.gserviceaccount.com' }, null, 2)}\n`;
    return { text, secret };
  }),
  // The same file as a string inside another JSON document (a CI variable, a Terraform output): `\\n`.
  inText('private-key', 'Google Cloud', 'deploy/credentials.json', () => {
    const key = rsa('pkcs8').trimEnd();
    const secret = key.replace(/\n/g, '\\\\n');
    const serviceAccount = JSON.stringify({ type: 'service_account', private_key: `${key}\n` });
    return { text: `${JSON.stringify({ credentials: serviceAccount })}\n`, secret };
  }),
];

const cryptAlphabet = `./${alphanumeric}`;
const crypt = (length: number) => randomFrom(cryptAlphabet, length);

const moreShapes: SecretSample[] = [
  ...planted('sourcegraph-token', 'Sourcegraph', 'SRC_ACCESS_TOKEN', () => `sgp_${hex(16)}_${hex(40)}`, tokenWays),
  ...planted('sourcegraph-token', 'Sourcegraph', 'SRC_ACCESS_TOKEN', () => `sgp_local_${hex(40)}`, ['env']),
  ...planted('sourcegraph-token', 'Sourcegraph', 'SOURCEGRAPH_TOKEN', () => hex(40), ['env', 'json']),
  lookAlike('sourcegraph-token', 'Sourcegraph', 'docs/upgrade.md', () => `sourcegraph commit: ${hex(40)}\n`),
  ...planted('segment-api-token', 'Segment', 'SEGMENT_PUBLIC_API_TOKEN', () => `sgp_${mixed(64)}`, ['env', 'yaml']),
  ...planted('dependency-track-api-key', 'Dependency-Track', 'DTRACK_API_KEY', () => `odt_${mixed(32)}`, tokenWays),
  ...planted('adafruit-io-key', 'Adafruit', 'ADAFRUIT_IO_KEY', () => `aio_${mixed(28)}`, tokenWays),
  ...planted('twitch-stream-key', 'Twitch', 'STREAM_KEY', () => `live_${number(9)}_${mixed(30)}`, ['env', 'bare']),
  lookAlike('twitch-stream-key', 'Twitch', '.env.example', () => `STREAM_KEY=live_${number(9)}_${x(30)}\n`),
  ...planted(
    'salesforce-access-token',
    'Salesforce',
    'SF_ACCESS_TOKEN',
    () => `00D${mixed(15)}!${randomFrom(`${alphanumeric}._`, 96)}`,
    ['env', 'bare'],
  ),
  inText('thingsboard-access-token', 'ThingsBoard', 'scripts/telemetry.sh', () => {
    const secret = mixed(20);
    return {
      secret,
      text: `curl -v -X POST https://thingsboard.cloud/api/v1/${secret}/telemetry -d '{"temperature": 25}'\n`,
    };
  }),
  lookAlike(
    'thingsboard-access-token',
    'ThingsBoard',
    'docs/telemetry.md',
    'POST https://thingsboard.cloud/api/v1/$ACCESS_TOKEN/telemetry\n',
  ),
  inText('truenas-api-key', 'TrueNAS', 'scripts/truenas.json', () => {
    const secret = `${number(1)}-${mixed(64)}`;
    return {
      secret,
      text: `{"id": 1, "msg": "method", "method": "auth.login_with_api_key", "params": ["${secret}"]}\n`,
    };
  }),
  ...planted('sidekiq-credential', 'Sidekiq', 'BUNDLE_ENTERPRISE__CONTRIBSYS__COM', () => `${hex(8)}:${hex(8)}`, [
    'env',
    'shell',
  ]),
  inText('sidekiq-credential', 'Sidekiq', 'Gemfile', () => {
    const secret = `${hex(8)}:${hex(8)}`;
    return { secret, text: `source "https://${secret}@gems.contribsys.com/" do\n  gem "sidekiq-pro"\nend\n` };
  }),
  ...planted('sumologic-credential', 'Sumo Logic', 'SUMOLOGIC_ACCESS_ID', () => `su${mixed(12)}`, namedWays),
  ...planted('sumologic-credential', 'Sumo Logic', 'SUMO_ACCESS_KEY', () => mixed(64), ['env', 'json']),
  lookAlike('sumologic-credential', 'Sumo Logic', 'src/stats.ts', 'const sumOfValues = summarize(values);\n'),
  ...planted('tailscale-key', 'Tailscale', 'TS_AUTHKEY', () => `tskey-auth-k${mixed(10)}CNTRL-${mixed(32)}`, tokenWays),
  lookAlike(
    'tailscale-key',
    'Tailscale',
    '.env.example',
    `TS_AUTHKEY=tskey-auth-${'A'.repeat(12)}-${'B'.repeat(24)}\n`,
  ),
  ...planted('shopify-token', 'Shopify', 'SHOPIFY_API_SECRET', () => `shpss_${mixed(32)}`, ['env']),
  inText('vault-unseal-key', 'HashiCorp', 'docs/runbook.md', () => {
    const secret = `${mixed(43)}${randomFrom('AEIMQUYcgkosw048', 1)}`;
    return { secret, text: `Unseal Key 1: ${secret}\n\nInitial root token is in the safe.\n` };
  }),
  inText('vault-unseal-key', 'HashiCorp', 'scripts/unseal.sh', () => {
    const secret = `${mixed(43)}${randomFrom('AEIMQUYcgkosw048', 1)}`;
    return { secret, text: `kubectl exec vault-0 -- vault operator unseal ${secret}\n` };
  }),
  lookAlike('vault-unseal-key', 'HashiCorp', 'docs/runbook.md', 'vault operator unseal $UNSEAL_KEY_1\n'),
  inText('sonar-token', 'SonarSource', 'ci/build.sh', () => {
    const secret = `${hex(20)}${randomFrom('0123456789', 1)}${hex(19)}`;
    return { secret, text: `mvn sonar:sonar -Dsonar.host.url=https://sonarcloud.io -Dsonar.login=${secret}\n` };
  }),
  ...planted('easypost-api-key', 'EasyPost', 'EASYPOST_API_KEY', () => `EZAK${mixed(54)}`, tokenWays),
  ...planted('easypost-api-key', 'EasyPost', 'EASYPOST_TEST_KEY', () => `EZTK${mixed(54)}`, ['env', 'bare']),
  ...planted('intra42-client-secret', '42', 'FT_CLIENT_SECRET', () => `s-s4t2ud-${hex(64)}`, tokenWays),
  ...planted('adobe-client-secret', 'Adobe', 'ADOBE_CLIENT_SECRET', () => `p8e-${mixed(32)}`, tokenWays),
  inText('okta-api-token', 'Okta', 'scripts/okta.sh', () => {
    const secret = `00${mixed(40)}`;
    return { secret, text: `curl -H "Authorization: SSWS ${secret}" https://acme.okta.com/api/v1/users\n` };
  }),
  inText('jenkins-initial-admin-password', 'Jenkins', 'logs/jenkins.log', () => {
    const secret = `${hex(15)}${randomFrom('0123456789', 1)}${randomFrom('abcdef', 1)}${hex(15)}`;
    return {
      secret,
      text: `Jenkins initial setup is required. An admin user has been created and a password generated.\nPlease use the following password to proceed to installation:\n\n${secret}\n\nThis may also be found at: /var/jenkins_home/secrets/initialAdminPassword\n`,
    };
  }),
  ...planted('kucoin-api-key', 'KuCoin', 'KUCOIN_API_SECRET', () => randomUUID(), namedWays),
  ...planted('kucoin-api-key', 'KuCoin', 'KUCOIN_API_KEY', () => hex(24), ['env']),
  ...planted('squarespace-api-key', 'Squarespace', 'SQUARESPACE_API_KEY', () => randomUUID(), namedWays),
  ...planted('tavily-api-key', 'Tavily', 'TAVILY_API_KEY', () => `tvly-dev-${mixed(32)}`, tokenWays),
  lookAlike('tavily-api-key', 'Tavily', '.env.example', `TAVILY_API_KEY=tvly-${x(32)}\n`),
  ...planted('jina-api-key', 'Jina AI', 'JINA_API_KEY', () => `jina_${hex(32)}${mixed(28)}`, tokenWays),
  ...planted('new-relic-key', 'New Relic', 'NEW_RELIC_LICENSE_KEY', () => `${hex(36)}NRAL`, ['env', 'yaml']),
  ...planted('new-relic-key', 'New Relic', 'NEW_RELIC_API_KEY', () => `NRRA-${hex(42)}`, ['env']),
  ...planted('new-relic-key', 'New Relic', 'PX_DEPLOY_KEY', () => `px-dep-${randomUUID()}`, ['env', 'yaml']),
  ...planted('new-relic-key', 'New Relic', 'NEW_RELIC_BROWSER_KEY', () => `NRBR-${hex(19)}`, ['env']),
  inText('password-hash', 'password hashes', 'etc/shadow', () => {
    const secret = `$6$${crypt(16)}$${crypt(86)}`;
    return { secret, text: `root:${secret}:19700:0:99999:7:::\ndaemon:*:19700:0:99999:7:::\n` };
  }),
  inText('password-hash', 'password hashes', 'deploy/.htpasswd', () => {
    const secret = `$2y$10$${crypt(53)}`;
    return { secret, text: `admin:${secret}\n` };
  }),
  inText('password-hash', 'password hashes', 'seeds/users.sql', () => {
    const secret = `$1$${crypt(8)}$${crypt(22)}`;
    return { secret, text: `INSERT INTO users (name, hash) VALUES ('ops', '${secret}');\n` };
  }),
  lookAlike('password-hash', '', 'docs/hashes.md', () => `bcrypt hashes look like $2b$12$${x(53)}\n`),
  inText('kerberos-hash', '', 'loot/asrep.txt', () => {
    const secret = `$krb5asrep$23$svc-backup@CORP.TEST:${hex(32)}$${hex(300)}`;
    return { secret, text: `${secret}\n` };
  }),
];

export const vendorSaasSamples: readonly SecretSample[] = [
  ...communication,
  ...payments,
  ...ai,
  ...productivity,
  ...keyMaterial,
  ...otherShapes,
  ...moreShapes,
];
