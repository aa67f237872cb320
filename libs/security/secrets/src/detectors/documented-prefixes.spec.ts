import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { detectSecrets } from '../detector';
import { alphabets, randomFrom } from './samples';

const { alphanumeric, base64url, digits, hexLower, lower } = alphabets;
const lowerAlnum = lower + digits;
const dataCenterBody = () =>
  Buffer.concat([
    Buffer.from(`${1 + Math.floor(Math.random() * 9)}${randomFrom(digits, 11)}:`),
    randomBytes(20),
  ]).toString('base64');

/** Tokens whose prefix names the vendor (each vendor's documented format), drawn afresh per test. */
const formats: [kind: string, token: () => string][] = [
  ['bitbucket-data-center-token', () => `BBDC-${dataCenterBody()}`],
  ['cerebras-api-key', () => `csk-${randomFrom(lowerAlnum, 48)}`],
  ['google-oauth-refresh-token', () => `1//0${randomFrom(base64url, 3)}A${randomFrom(base64url, 80)}7`],
  ['resend-api-key', () => `re_${randomFrom(alphanumeric, 8)}_${randomFrom(alphanumeric, 24)}`],
  ['yandex-token', () => `AQVN${randomFrom(base64url, 36)}`],
  ['yandex-token', () => `y0_AgAAAAA${randomFrom(base64url, 50)}`],
  ['clojars-deploy-token', () => `CLOJARS_${randomFrom(lowerAlnum, 60)}`],
  [
    'firebase-cloud-messaging-server-key',
    () => `AAAA${randomFrom(base64url, 7)}:APA91b${randomFrom(alphanumeric, 134)}`,
  ],
  ['flutterwave-secret-key', () => `FLWSECK-${randomFrom(hexLower, 32)}-X`],
  ['flutterwave-encryption-key', () => `FLWSECK_TEST${randomFrom(hexLower, 12)}`],
  ['frameio-token', () => `fio-u-${randomFrom(alphanumeric, 64)}`],
  ['langfuse-secret-key', () => `sk-lf-${randomUUID()}`],
  ['nvidia-api-key', () => `nvapi-${randomFrom(alphanumeric, 64)}`],
  ['openrouter-api-key', () => `sk-or-v1-${randomFrom(hexLower, 64)}`],
  ['posthog-personal-api-key', () => `phx_${randomFrom(alphanumeric, 43)}`],
  ['readme-api-key', () => `rdme_${randomFrom(lowerAlnum, 70)}`],
  ['supabase-token', () => `sbp_${randomFrom(lowerAlnum, 40)}`],
  ['supabase-token', () => `sb_secret_${randomFrom(alphanumeric, 31)}`],
];

const rulesIn = async (text: string) =>
  (await detectSecrets('notes/handover.txt', text)).map((finding) => `${finding.ruleId} ${finding.secret}`);

// Samples are drawn at random: a retry absorbs a one-in-many-thousand chance draw.
describe('vendor formats with a prefix of their own', { retry: 2 }, () => {
  it.each(formats.map(([kind, token], index) => [kind, index, token] as const))(
    'finds a %s (#%i) bare on a line, with no name near it',
    async (kind, _, token) => {
      for (let round = 0; round < 5; round += 1) {
        const secret = token();
        expect(await rulesIn(`handed over by ops:\n${secret}\n`)).toEqual([`paved/${kind} ${secret}`]);
      }
    },
  );

  it.each([
    ['a Bitbucket token of filler', `BBDC-${'A'.repeat(44)}`],
    ['a Bitbucket token that is no `<id>:<random>`', `BBDC-${'Zm9v'.repeat(11)}`],
    ['a Clojars token of filler', `CLOJARS_${'x'.repeat(60)}`],
    ['a Langfuse key of zeros', `sk-lf-${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}`],
    ['a Langfuse public key', `pk-lf-${randomUUID()}`],
    ['a PostHog project key (public)', `phc_${randomFrom(alphanumeric, 43)}`],
    ['a Supabase publishable key (public)', `sb_publishable_${randomFrom(alphanumeric, 31)}`],
    ['a Flutterwave public key', `FLWPUBK-${randomFrom(hexLower, 32)}-X`],
    ['a Google refresh token of filler', `1//0${'x'.repeat(80)}`],
    ['a path that opens with 1//0', 'file:///1//0/tmp/build/output/artifacts/release/linux-x64/bundle.tar'],
    ['an OpenRouter key cut short', `sk-or-v1-${randomFrom(hexLower, 40)}`],
  ])('leaves alone %s', async (_, value) => {
    expect(await rulesIn(`handed over by ops:\n${value}\n`)).toEqual([]);
  });
});
