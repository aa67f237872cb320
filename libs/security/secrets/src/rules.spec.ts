import { describe, expect, it } from 'vitest';
import { shannonEntropy } from './detectors/placeholders';
import { alphabets, randomFrom } from './detectors/samples';
import { findPavedSecrets, looksRandom } from './rules';

const rulesIn = (text: string) => findPavedSecrets(text).map((m) => m.ruleId);

describe('Paved rules', () => {
  it.each([
    ['a quoted property', `clientSecret: "q8ZtR2vLx9NmK4pW7sYb3HcJ"`],
    ['an assignment', `const API_KEY = 'Zx81kPq0rT5vW2yB7nM4cL9dF3hJ6gS1';`],
    ['a PHP-style arrow', `'auth_token' => 'f3Jk9Lq2mN7rWs4tVx8yP1zZ5a6cBe0G'`],
    ['a .env line', 'export DB_PASSWORD=h7Gf2Kq9Lz4Xw8Pn3Rt6Vb1Ys5'],
    ['a header argument', `req.Header.Set("x-api-key", "Rt6Vb1Ys5h7Gf2Kq9Lz4Xw8Pn3")`],
    ['a subscript assignment', `os.environ["OPENAI_API_KEY"] = '2Kq9Lz4Xw8Pn3Rt6Vb1Ys5h7Gf'`],
    ['a hex token of 32+ characters', `token = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"`],
    [
      'a Gradle build field (Groovy)',
      `buildConfigField 'String', 'API_KEY', '"${randomFrom(alphabets.hexLower, 32)}"'`,
    ],
    [
      'a Gradle build field (Kotlin)',
      `buildConfigField("String", "MAPS_API_KEY", "\\"${randomFrom(alphabets.alphanumeric, 30)}7\\"")`,
    ],
    ['a vendor key (snake case)', `pastebin_key = "Qm7Rt2Vx9Kp4Lz8Nw3Hs6Jd1Fb5Gc0Y"`],
    ['a vendor key (camel case)', `const mapquestKey = 'Vx9Kp4Lz8Nw3Hs6Jd1Fb5Gc0YQm7Rt2';`],
    ['a vendor key (.env)', 'TICKETMASTER_KEY=Lz8Nw3Hs6Jd1Fb5Gc0YQm7Rt2Vx9Kp4'],
    ['a vendor key (kebab case, unquoted)', 'box-key: Hs6Jd1Fb5Gc0YQm7Rt2Vx9Kp4Lz8Nw3'],
  ])('finds a high-entropy value assigned to a secret-looking name: %s', (_, text) => {
    expect(rulesIn(text)).toEqual(['paved/generic-high-entropy']);
  });

  it.each([
    ['a uuid', `token = "3f2b8c1e-9d4a-4f6b-8e2a-7c5d1b9a0e4f"`],
    ['a relative path as an argument', `pem('private-key', 'home/.ssh/id_ed25519_deploy2')`],
    ['a word list', `password = "correct-horse-battery-staple"`],
    ['a template', 'secret = `${prefix}-${process.env.SECRET_SUFFIX}`'],
    ['an environment reference', 'apiKey: process.env.PAYMENTS_API_KEY'],
    ['a placeholder', `apiKey: "<paste-your-api-key-here-123>"`],
    ['a repeated-character placeholder', `secret: "xxxxxxxxxxxxxxxxxxxxxxxx12"`],
    ['the AWS documentation secret', `aws_secret_access_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"`],
    ['a name that is not secret-looking', `const checksum = "Zx81kPq0rT5vW2yB7nM4cL9dF3hJ6gS1";`],
    ['a path', `tokenFile: "./config/tokens/service-account-2.json"`],
    ['a placeholder word inside a random-looking value', `accessToken: "VERYLONGSECRETeyJraWQiOiJrZXktMTU2NDAy"`],
    [
      'a Gradle build field that is no secret',
      `buildConfigField "String", "API_BASE_URL", "\\"https://api.example.com/v1\\""`,
    ],
    ['a Gradle build field of a placeholder', `buildConfigField 'String', 'API_KEY', '"your-api-key-goes-here"'`],
    ['a pagination token', `ContinuationToken: "1w41l63U0xa8q7smH50vCxyTQqdxo69O3EmK28Bi5PcR"`],
    ["yarn's published Algolia search key", `,apiKey:"6fe4476ee5a1832882e326b506d14126",`],
    [
      'a value filled in by blocks',
      `refresh_token = "${randomFrom(alphabets.alphanumeric, 16)}AAAABBBBCCCC${randomFrom(alphabets.alphanumeric, 24)}BBBBEEEE"`,
    ],
    ['a wrong token a test passes on purpose', `const wrongToken = "Nw3Hs6Jd1Fb5Gc0YQm7Rt2Vx9Kp4Lz8";`],
    ['a key alone', `key = "${randomFrom(alphabets.alphanumeric, 31)}7"`],
    ['a cache key', `const cacheKey = "${randomFrom(alphabets.alphanumeric, 31)}7";`],
    ['a primary key', `primary_key: "${randomFrom(alphabets.alphanumeric, 31)}7"`],
    ['a translation key', `i18nKey="${randomFrom(alphabets.alphanumeric, 31)}7"`],
    ["reCAPTCHA's site key, which pages publish", `recaptcha_site_key = "${randomFrom(alphabets.alphanumeric, 31)}7"`],
    ['a content digest under a key name', `object_key = "${randomFrom(alphabets.hexLower, 63)}7"`],
    ['a digest under a vendor key name', `build_key = "${randomFrom(alphabets.hexLower, 39)}7"`],
    ['a WebSocket handshake nonce', `Sec-WebSocket-Key: ${randomFrom(alphabets.alphanumeric, 23)}7==`],
  ])('stays quiet on %s', (_, text) => {
    expect(rulesIn(text)).toEqual([]);
  });

  it('measures entropy in bits per character', () => {
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abcd')).toBe(2);
    expect(looksRandom('Zx81kPq0rT5vW2yB7nM4cL9dF3hJ6gS1')).toBe(true);
    expect(looksRandom('abc123abc123abc123')).toBe(false);
  });
});
