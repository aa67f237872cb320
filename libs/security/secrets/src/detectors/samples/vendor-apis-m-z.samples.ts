import { randomUUID } from 'node:crypto';
import { nearbyVendorRules, prefixedVendorRules } from '../vendor-apis-m-z';
import { isRandomLetters } from '../nearby';
import { alphabets, randomFrom, type SecretSample } from './sample-kit';

const { alphanumeric, hexLower, lower, digits } = alphabets;
const letters = lower + lower.toUpperCase();

/** Letters only, as a letters-only key is issued: drawn until it reads as random, not as a word. */
function randomLetters(length: number): string {
  for (;;) {
    const value = randomFrom(letters, length);
    if (isRandomLetters(value)) return value;
  }
}

/** A bearer token as a URL query carries it: its `=` padding escaped as `%3D`. */
const encodedBearer = () => `${'A'.repeat(22)}${randomFrom(alphanumeric, 40)}%3D${randomFrom(alphanumeric, 50)}`;

/** The letters and digits a character class of the rules' value shapes allows (`[A-Za-z0-9_-]`). */
function lettersAndDigitsOf(characterClass: string): string {
  let allowed = '';
  for (let index = 0; index < characterClass.length; index += 1) {
    const [from, dash, to] = [characterClass[index], characterClass[index + 1], characterClass[index + 2]];
    if (dash === '-' && to !== undefined) {
      for (let code = from.charCodeAt(0); code <= to.charCodeAt(0); code += 1) allowed += String.fromCharCode(code);
      index += 2;
    } else allowed += from;
  }
  return [...new Set(allowed)].filter((character) => /[A-Za-z0-9]/.test(character)).join('');
}

/**
 * A random value of one of the rules' value shapes: character classes with bounded counts,
 * escaped or plain literals, `(?:a|b)` groups and top-level alternatives (one is drawn).
 */
export function valueOfShape(shape: string): string {
  const alternatives = shape.split(/\|(?![^(]*\))/);
  const chosen = alternatives[Math.floor(Math.random() * alternatives.length)];
  // Alternatives of bounded tokens, matched once per character of a short shape: linear.
  const part =
    // eslint-disable-next-line security/detect-unsafe-regex
    /\[(?<chars>[^\]]+)\]\{(?<min>\d+)(?:,(?<max>\d+))?\}|\(\?:(?<group>[^)]+)\)|\\(?<escaped>.)|(?<literal>.)/gs;
  let value = '';
  for (const { groups } of chosen.matchAll(part)) {
    if (groups?.chars) {
      const min = Number(groups.min);
      const length = groups.max ? min + Math.floor(Math.random() * (Number(groups.max) - min + 1)) : min;
      value += randomFrom(lettersAndDigitsOf(groups.chars), length);
    } else if (groups?.group) {
      const options = groups.group.split('|');
      value += options[Math.floor(Math.random() * options.length)];
    } else value += groups?.escaped ?? groups?.literal ?? '';
  }
  return value;
}

/** A value that a key of this shape would be: letters and digits both, as issued keys have. */
function issued(shape: string): string {
  for (;;) {
    const value = valueOfShape(shape);
    if (/\d/.test(value) && /[A-Za-z]/.test(value)) return value;
  }
}

// Shapes the pattern alone does not say: an NGC key is base64 of `<26 alphanumerics>:<uuid>`.
const byKind: Record<string, () => string> = {
  'timezoneapi-token': () => randomLetters(20),
  'twitter-encoded-bearer-token': encodedBearer,
  'nvidia-ngc-api-key': () => Buffer.from(`${randomFrom(alphanumeric, 26)}:${randomUUID()}`).toString('base64'),
};

const nearbyPositives: SecretSample[] = nearbyVendorRules.map((rule) => ({
  kind: rule.kind,
  vendor: rule.what,
  file: 'config/vendors.yaml',
  make: () => {
    const secret = byKind[rule.kind]?.() ?? issued(rule.value);
    return { text: `# ${rule.what}\n${rule.names[0]}:\n  key: ${secret}\n`, secret };
  },
}));

// Formats with a prefix of their own: one example per rule, drawn from the pattern's own opening.
const prefixedShapes: Record<string, () => string> = {
  'entra-refresh-token': () =>
    `0.A${randomFrom(alphabets.base64url, 60)}.AgABAAEAAAD${randomFrom(alphabets.base64url, 400)}`,
  'maxmind-license-key': () => `${randomFrom(alphanumeric, 6)}_${randomFrom(alphanumeric, 29)}_mmk`,
  'newrelic-browser-key': () => `NRBR-${randomFrom(hexLower, 19)}`,
  'newrelic-insights-key': () => `NRII-${randomFrom(alphanumeric, 32)}`,
  'nvidia-api-key': () => `nvapi-${randomFrom(alphabets.base64url, 64)}`,
  'openrouter-api-key': () => `sk-or-v1-${randomFrom(hexLower, 64)}`,
  'pganalyze-read-key': () => `pgar_${randomFrom(alphanumeric, 27)}`,
  'photoroom-api-key': () => `sk_pr_${randomFrom(lower, 6)}_${randomFrom(hexLower, 40)}`,
  'posthog-personal-api-key': () => `phx_${randomFrom(alphanumeric, 43)}`,
  'pinecone-api-key': () => `pcsk_${randomFrom(alphanumeric, 5)}_${randomFrom(alphanumeric, 63)}`,
  'pubnub-publish-key': () => `pub-c-${[8, 4, 4, 4, 12].map((length) => randomFrom(hexLower, length)).join('-')}`,
  'readme-api-key': () => `rdme_${randomFrom(lower + digits, 70)}`,
  'resend-api-key': () => `re_${randomFrom(alphanumeric, 8)}_${randomFrom(alphanumeric, 24)}`,
  'ramp-client-secret': () => `ramp_sec_${randomFrom(alphanumeric, 48)}`,
  'recharge-api-token': () => `sk_2x1_${randomFrom(hexLower, 64)}`,
  'rootly-api-key': () => `rootly_${randomFrom(hexLower, 64)}`,
  'salesforce-consumer-key': () => `3MVG9${randomFrom(alphanumeric, 40)}.${randomFrom(alphanumeric, 40)}`,
  'spectralops-token': () => `spu-${randomFrom(hexLower, 32)}`,
  'supabase-token': () =>
    Math.random() < 0.5 ? `sbp_${randomFrom(lower + digits, 40)}` : `sb_secret_${randomFrom(alphanumeric, 31)}`,
  'tableau-access-token': () => `${randomFrom(alphanumeric, 22)}==:${randomFrom(alphanumeric, 32)}`,
  'shippo-api-token': () => `shippo_live_${randomFrom(hexLower, 40)}`,
  'tines-webhook': () =>
    `https://${randomFrom(lower, 8)}.tines.com/webhook/${randomFrom(lower + digits, 32)}/${randomFrom(lower + digits, 32)}`,
  'trufflehog-enterprise-key': () => `thog-secret-${randomFrom(hexLower, 32)}`,
  'typeform-token': () => `tfp_${randomFrom(alphanumeric, 44)}_${randomFrom(alphanumeric, 14)}`,
  'xai-api-key': () => `xai-${randomFrom(alphanumeric, 80)}`,
  'yandex-token': () =>
    Math.random() < 0.5
      ? `AQVN${randomFrom(alphabets.base64url, 36)}`
      : `y0_AgAAAAA${randomFrom(alphabets.base64url, 50)}`,
  'zapier-webhook': () =>
    `https://hooks.zapier.com/hooks/catch/${randomFrom(digits, 8)}/${randomFrom(lower + digits, 6)}`,
};

// Formats that count only where their product is named as well (the name may follow the value).
const prefixedContext: Record<string, () => string> = {
  // A placeholder secret keeps the sample to one finding: the key's rule asks only that the pair is there.
  'salesforce-consumer-key': () => `  consumer secret: ${'1234567890'.repeat(2).slice(0, 19)}\n`,
  'tableau-access-token': () => '  server: prod.online.tableau.com\n',
};

const prefixedPositives: SecretSample[] = prefixedVendorRules.map((rule) => ({
  kind: rule.kind,
  vendor: rule.what,
  file: 'notes/integrations.txt',
  make: () => {
    const secret = prefixedShapes[rule.kind]();
    return { text: `integration settings\n  credential ${secret}\n${prefixedContext[rule.kind]?.() ?? ''}`, secret };
  },
}));

const lookAlikes: SecretSample[] = [
  {
    // A short vendor name inside an ordinary word does not name the vendor.
    kind: 'meraki-api-key',
    file: 'ios/Podfile.lock',
    make: () => ({ text: `SPEC CHECKSUMS:\n  ReactNativeCameraKit: ${randomFrom(hexLower, 40)}\n` }),
  },
  {
    // A value one character short of the vendor's length is not its key.
    kind: 'sheety-token',
    file: 'config/vendors.yaml',
    make: () => ({ text: `sheety:\n  key: ${randomFrom(lower + digits, 63)}\n` }),
  },
  {
    kind: 'mattermost-access-token',
    file: 'config/vendors.yaml',
    make: () => ({ text: `mattermost:\n  token: ${'x'.repeat(26)}\n` }),
  },
  {
    // Keys published on purpose: PostHog project keys and Supabase publishable keys go to browsers.
    kind: 'posthog-personal-api-key',
    file: 'notes/integrations.txt',
    make: () => ({
      text: `integration settings\n  credential phc_${randomFrom(alphanumeric, 43)}\n  credential sb_publishable_${randomFrom(alphanumeric, 31)}\n`,
    }),
  },
  {
    kind: 'openrouter-api-key',
    file: 'notes/integrations.txt',
    make: () => ({ text: `integration settings\n  credential sk-or-v1-${'0'.repeat(64)}\n` }),
  },
  {
    // The Insights key prefix with a placeholder body.
    kind: 'newrelic-insights-key',
    file: 'notes/integrations.txt',
    make: () => ({ text: `insert key NRII-${'X'.repeat(32)}\n` }),
  },
];

export const vendorApisMToZSamples: readonly SecretSample[] = [...prefixedPositives, ...nearbyPositives, ...lookAlikes];
