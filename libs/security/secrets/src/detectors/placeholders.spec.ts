import { describe, expect, it } from 'vitest';
import { alphabets, randomFrom } from './samples';
import { fillerRuns, isPlaceholder } from './placeholders';

// Samples are drawn at random: a retry absorbs a one-in-many-thousand chance draw (a body that spells
// a placeholder word); a detector that misses a kind misses it on every draw and still fails.
describe('isPlaceholder', { retry: 2 }, () => {
  it.each([
    'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
    'XXXXXXXXXXXXXXXXXXXX',
    'abcdefghijklmnopqrstuvwxyz0123456789',
    '1234567890123456',
    'your_token_here_0000',
    'EXAMPLEKEY1234567',
    '${GITHUB_TOKEN}',
    '<your-api-key>',
    'aaaaaaaaaabbbbbbbbbb',
    'abcd1234',
    'abc123xyz',
    '9876zyxw',
    '0123456789abcdef0123456789abcdef',
    '0123456789abcdef'.repeat(4),
    'abc123abc123abc123',
    // Counting runs over most of the value, letters and digits counting between each other, chunks written again.
    '7e4abcdef456Ghijkl789mnopqr012stuvwx345',
    'abcdef1234567890abcdef1234567890abcdef0',
    '1a2b3C4d-5E6f-7g8H-9i0J-k1l2M3n4o5p6',
    'A1B2C3D4E5F6A1B2C3D4E5F6A1B2C3D4E5F6',
    'zyxwvutsrqponmlkji9876543210abcd',
    'fakeiq999fakeecyfake3ifakeuiop',
    'W5zbfUkzlXedo7qD42AbW5zbfUkzlXe',
    // An alphabet typed into a long body; capitalised words run together.
    `${randomFrom(alphabets.alphanumeric, 43)}abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ1234567890`,
    'SlackAppConfigurationAccessTokenHere',
    'clm92356:AgencyIdentificationCodeContentType',
    'change-me-to-a-long-random-string-in-production',
    'CHANGE_ME_BEFORE_DEPLOYING_1234',
    // Keys typed along a keyboard row.
    'zxcvbr12345iugt67s7a7sa0akhsXz820',
    `${randomFrom(alphabets.alphanumeric, 20)}QWERTY${randomFrom(alphabets.alphanumeric, 10)}`,
  ])('calls %s a placeholder', (value) => {
    expect(isPlaceholder(value)).toBe(true);
  });

  it.each([
    'JyoURDfhid91M7kRunqDnOdAR96LdLzKgVdxhwil',
    'qYdr3DDVTQsc6wqRH6FakeXKkgXhVXdxzBog',
    'EJsjAE96k1aDEonVnrZdRcDjTJtDUmmy7Id5',
  ])('does not read a word into the random body %s', (value) => expect(isPlaceholder(value)).toBe(false));

  it('reads base64 of JSON by its content, not its repeated punctuation', () => {
    const json = Buffer.from(
      JSON.stringify({ a: randomFrom(alphabets.alphanumeric, 12), b: randomFrom(alphabets.alphanumeric, 12), c: 1 }),
    ).toString('base64url');
    expect(isPlaceholder(json)).toBe(false);
  });

  it('never calls fresh random bodies placeholders', () => {
    for (let round = 0; round < 500; round += 1) {
      expect(isPlaceholder(randomFrom(alphabets.alphanumeric, 36))).toBe(false);
      expect(isPlaceholder(randomFrom(alphabets.hexLower, 32))).toBe(false);
      expect(isPlaceholder(randomFrom(alphabets.upperBase32, 16))).toBe(false);
      expect(isPlaceholder(randomFrom(alphabets.base64, 64))).toBe(false);
      expect(isPlaceholder(randomFrom(alphabets.hexLower, 64))).toBe(false);
    }
  });
});

describe('fillerRuns', () => {
  it('counts the blocks of one character a value was filled in with', () => {
    expect(
      fillerRuns(
        `5Aep861${randomFrom(alphabets.alphanumeric, 12)}AAAABBBBCCCC${randomFrom(alphabets.alphanumeric, 20)}`,
      ),
    ).toBe(3);
    expect(fillerRuns('aaaa')).toBe(1);
  });

  it('finds fewer than three in fresh random bodies', () => {
    for (let round = 0; round < 500; round += 1) {
      expect(fillerRuns(randomFrom(alphabets.hexLower, 64))).toBeLessThan(3);
      expect(fillerRuns(randomFrom(alphabets.base64, 88))).toBeLessThan(3);
    }
  });
});
