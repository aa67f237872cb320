import { describe, expect, it } from 'vitest';
import { runDetectors } from './kit';
import { isRandomLetters, nearbyRule, nearFormatOf } from './nearby';
import { alphabets, randomFrom } from './samples';

const ambee = nearbyRule({ kind: 'ambee-api-key', what: 'Ambee API key', names: ['ambee'], value: '[0-9a-f]{64}' });
const find = (text: string) =>
  runDetectors([ambee], 'app.log', text).map((match) => text.slice(match.start, match.end));

describe('nearbyRule', () => {
  const key = randomFrom(alphabets.hexLower, 64);

  it('finds a value of the exact shape after the name, on the same line or the next', () => {
    expect(find(`AMBEE_API_KEY=${key}\n`)).toEqual([key]);
    expect(find(`[INFO] calling the Ambee API\n[DEBUG] using key=${key}\n`)).toEqual([key]);
  });

  it('leaves values of another length, values out of reach and placeholders alone', () => {
    expect(find(`AMBEE_API_KEY=${key}ab\n`)).toEqual([]);
    expect(find(`AMBEE_API_KEY=${key.slice(1)}\n`)).toEqual([]);
    expect(find(`ambee\n${'#'.repeat(100)}\nkey=${key}\n`)).toEqual([]);
    expect(find(`AMBEE_API_KEY=${'0123456789abcdef'.repeat(4)}\n`)).toEqual([]);
  });

  it('takes a key of letters only when the letters read as random, not as an identifier', () => {
    const letters = alphabets.lower + alphabets.upper;
    // Of fresh 20-letter draws nearly all read as random (a lone lower-case letter between capitals is likely).
    const draws = Array.from({ length: 200 }, () => randomFrom(letters, 20));
    expect(draws.filter(isRandomLetters).length).toBeGreaterThan(150);
    for (const identifier of ['getParseHubApiKey', 'TimezoneApiToken', 'APIKeyFromEnvironment', 'abcdefghijklmnop']) {
      expect(isRandomLetters(identifier)).toBe(false);
    }
  });
});

describe('nearFormatOf', () => {
  const nearMeraki = nearFormatOf('[0-9a-f]{40}');
  const hexKey = randomFrom(alphabets.hexLower, 40);

  it('calls a value of the exact length with one or two characters out of the alphabet, or a length off by two, near', () => {
    expect(nearMeraki?.(`${hexKey.slice(0, 39)}F`)).toBe(true);
    expect(nearMeraki?.(`_${hexKey.slice(0, 38)}-`)).toBe(true);
    expect(nearMeraki?.(hexKey.slice(2))).toBe(true);
  });

  it('leaves the exact format (the vendor reports it), another alphabet and other lengths alone', () => {
    expect(nearMeraki?.(hexKey)).toBe(false);
    expect(nearMeraki?.(randomFrom('ghijklmnopqrstuvwxyz', 40))).toBe(false);
    expect(nearMeraki?.(`${hexKey}abcd`)).toBe(false);
  });

  it('owns nothing for shapes other than a character class and a count', () => {
    expect(nearFormatOf('aio_[0-9A-Za-z]{28}')).toBeUndefined();
  });
});
