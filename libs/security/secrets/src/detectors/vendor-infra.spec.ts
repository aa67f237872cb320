import { describe, expect, it } from 'vitest';
import { detectSecrets } from '../detector';
import { runDetectors } from './kit';
import { alphabets, randomFrom } from './samples';
import { vendorInfraSamples } from './samples/vendor-infra.samples';
import { crc32, hasBase62Checksum, toBase62, vendorInfraDetectors } from './vendor-infra';

const ownFindings = (file: string, text: string) =>
  runDetectors(vendorInfraDetectors, file, text).map((match) => ({
    ruleId: match.ruleId,
    secret: text.slice(match.start, match.end),
  }));

// Each sample is drawn afresh several times: a positive must be found whatever the draw.
const draws = 4;

// Samples are drawn at random: a retry absorbs a one-in-many-thousand chance draw (a body that spells
// a placeholder word); a detector that misses a kind misses it on every draw and still fails.
describe('vendor-infra detectors on their samples', { retry: 2 }, () => {
  const cases = vendorInfraSamples.map((sample, index) => {
    const verdict = sample.make().secret === undefined ? 'ignores a look-alike' : 'finds';
    return [`${verdict} ${sample.kind} (#${index}, ${sample.file})`, sample] as const;
  });

  it.each(cases)('%s', async (_, sample) => {
    for (let draw = 0; draw < draws; draw += 1) {
      const { text, secret } = sample.make();
      const found = await detectSecrets(sample.file, text);
      if (secret === undefined) {
        expect(
          found.map((finding) => finding.ruleId),
          text,
        ).toEqual([]);
        continue;
      }
      expect(
        found.map((finding) => finding.secret),
        text,
      ).toContain(secret);
      // No other finding cuts into the secret (a longer or shorter match of the same text).
      const at = text.indexOf(secret);
      const overlapping = found.filter((f) => f.start < at + secret.length && at < f.start + f.secret.length);
      expect(overlapping.map((f) => f.secret)).toEqual([secret]);
      // And this group's own detectors find it, whatever secretlint does.
      expect(
        ownFindings(sample.file, text).map((f) => f.secret),
        text,
      ).toContain(secret);
    }
  });

  it('covers every kind with a positive, and most with a look-alike', () => {
    const positiveKinds = new Set(vendorInfraSamples.filter((s) => s.make().secret).map((s) => s.kind));
    const lookAlikeKinds = new Set(vendorInfraSamples.filter((s) => !s.make().secret).map((s) => s.kind));
    expect(positiveKinds.size).toBeGreaterThanOrEqual(55);
    expect(lookAlikeKinds.size).toBeGreaterThanOrEqual(30);
  });
});

describe('the detectors themselves', () => {
  it.each(vendorInfraDetectors.map((detector) => [detector.id, detector] as const))(
    '%s has lower-case keywords and a global pattern',
    (_, detector) => {
      expect(detector.keywords.length).toBeGreaterThan(0);
      for (const keyword of detector.keywords) expect(keyword).toBe(keyword.toLowerCase());
      expect(detector.pattern.flags).toContain('g');
    },
  );

  it('does not search a file that holds none of a detector’s keywords', () => {
    // A bootstrap-token shape on a line that says "token", but the keyword is spelt in no file.
    const shape = `${randomFrom(alphabets.lower, 3)}1${randomFrom(alphabets.lower, 2)}.${randomFrom(alphabets.lower, 8)}2${randomFrom(alphabets.lower, 7)}`;
    expect(ownFindings('a.txt', `kubeadm join --token ${shape}`).map((f) => f.ruleId)).toEqual([
      'paved/kubernetes-bootstrap-token',
    ]);
    expect(ownFindings('a.txt', `join --t ${shape}`)).toEqual([]);
  });
});

describe('AWS', () => {
  const keyId = () => `AKIA${randomFrom(alphabets.upperBase32, 15)}7`;

  it('finds an AWS access key id, and points at it exactly', () => {
    const id = keyId();
    const text = `const id = '${id}';`;
    expect(ownFindings('a.ts', text)).toEqual([{ ruleId: 'paved/aws-access-key-id', secret: id }]);
  });

  it.each(['AKIAXXXXXXXXXXXXXXXX', 'AKIAIOSFODNN7EXAMPLE', 'AKIA0000000000000000'])(
    'ignores the AWS key id placeholder %s',
    (placeholder) => expect(ownFindings('a.ts', `id = "${placeholder}"`)).toEqual([]),
  );

  it('does not take a longer upper-case word for a key id', () => {
    expect(ownFindings('a.ts', `X${keyId()}`)).toEqual([]);
  });

  it('takes a bare 40-character value for a secret key only next to a key id', () => {
    const secret = `${randomFrom(alphabets.base64, 37)}Aa1`;
    expect(ownFindings('a.csv', `${keyId()},${secret}\n`).map((f) => f.secret)).toContain(secret);
    expect(ownFindings('a.csv', `asia,${secret}\n`)).toEqual([]);
  });
});

describe('Google', () => {
  // A random body may spell a placeholder once in many thousand draws; a retry draws again.
  it('finds a Google API key but not a shorter AIza-prefixed word', { retry: 2 }, () => {
    const key = `AIzaSy${randomFrom(alphabets.base64url, 32)}Q`;
    expect(ownFindings('a.ts', `key: "${key}"`)).toEqual([{ ruleId: 'paved/google-api-key', secret: key }]);
    expect(ownFindings('a.ts', 'AIzaShortWord')).toEqual([]);
  });
});

describe('the base62 CRC-32 checksum of GitHub and npm tokens', () => {
  it('computes CRC-32 as zlib does (the standard check value) and base62 as GitHub encodes it', () => {
    expect(crc32('123456789')).toBe(0xcbf43926);
    expect(crc32('')).toBe(0);
    expect(toBase62(0, 6)).toBe('000000');
    expect(toBase62(61, 1)).toBe('z');
    expect(toBase62(62, 1)).toBe('10');
    expect(toBase62(0xffffffff, 6)).toBe('4gfFC3');
  });

  it('accepts a body whose last six characters are the checksum of the first thirty, and nothing else', () => {
    const random = randomFrom(alphabets.alphanumeric, 30);
    const checksum = toBase62(crc32(random), 6);
    expect(hasBase62Checksum(random + checksum)).toBe(true);
    const flipped = random.slice(0, -1) + (random.endsWith('a') ? 'b' : 'a');
    expect(hasBase62Checksum(flipped + checksum)).toBe(false);
  });

  it('reports a checksum-valid token even if its random part looks typed, and a typed one without it not', () => {
    const typed = '0'.repeat(30);
    const valid = `ghp_${typed}${toBase62(crc32(typed), 6)}`;
    expect(ownFindings('a.env', `T=${valid}`).map((f) => f.ruleId)).toEqual(['paved/github-token']);
    expect(ownFindings('a.env', `T=ghp_${'0'.repeat(36)}`)).toEqual([]);
  });
});
