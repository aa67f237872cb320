import { describe, expect, it } from 'vitest';
import { detectSecrets } from '../detector';
import { isKeyMaterial } from './key-material';
import { vendorSaasSamples } from './samples/vendor-saas.samples';

// One draw per sample says which it is; key generation is the costly part, so it is not repeated for that.
const firstDraws = vendorSaasSamples.map((sample) => ({ sample, draw: sample.make() }));
const positives = firstDraws.filter(({ draw }) => draw.secret !== undefined);
const lookAlikes = firstDraws.filter(({ draw }) => draw.secret === undefined);
const label = ({ sample }: (typeof firstDraws)[number], index: number) => [sample.kind, sample.file, index] as const;

// Samples are drawn at random: a retry absorbs a one-in-many-thousand chance draw (a body that spells
// a placeholder word); a detector that misses a kind misses it on every draw and still fails.
describe('SaaS, communication, payment, AI and key-material detectors', { retry: 2 }, () => {
  it('has positives and look-alikes', () => {
    expect(positives.length).toBeGreaterThan(150);
    expect(lookAlikes.length).toBeGreaterThan(40);
  });

  it.each(positives.map(label))('finds the %s planted in %s (#%i), exactly', async (_, __, index) => {
    const { sample, draw } = positives[index];
    // Fresh values on every round: a format the pattern only sometimes covers shows up here.
    for (const { text, secret } of [draw, sample.make(), sample.make()]) {
      const found = await detectSecrets(sample.file, text);
      expect(
        found.map((finding) => finding.secret),
        text,
      ).toEqual([secret]);
    }
  });

  it.each(lookAlikes.map(label))('does not flag the %s look-alike in %s (#%i)', async (_, __, index) => {
    const { sample, draw } = lookAlikes[index];
    expect(await detectSecrets(sample.file, draw.text)).toEqual([]);
  });
});

describe('secretlint findings pass the placeholder judgement', () => {
  it.each([
    ['a GitHub token of x', `GITHUB_TOKEN=ghp_${'x'.repeat(36)}\n`],
    ['a GitLab token of X', `token: glpat-${'X'.repeat(20)}\n`],
    ['a Slack token of x', `SLACK_TOKEN=xoxb-${'x'.repeat(12)}-${'x'.repeat(13)}-${'x'.repeat(24)}\n`],
    ['a Slack prefix in a template string', 'const appToken = `xapp-1-A${suffix}`;\n'],
    ['an alphabet GitHub token', `token = "ghp_ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghij"\n`],
    [
      'a key frame around filler',
      '-----BEGIN RSA PRIVATE KEY-----\n' +
        'MIIEowIBAAKCAQEA'.padEnd(64, 'A') +
        '\n' +
        'A'.repeat(64) +
        '\n-----END RSA PRIVATE KEY-----\n',
    ],
  ])('drops %s', async (_, text) => {
    expect(await detectSecrets('config.txt', text)).toEqual([]);
  });
});

describe('isKeyMaterial', () => {
  const frame = (label: string, body: string) => `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----`;

  it('takes a truncated DER key (the start of a real one) but not a SEQUENCE whose length is too short for its data', () => {
    const header = Buffer.from([0x30, 0x82, 0x04, 0xa4]);
    const truncated = Buffer.concat([header, Buffer.from(Array.from({ length: 60 }, (_, i) => (i * 37) % 251))]);
    expect(isKeyMaterial(frame('RSA PRIVATE KEY', truncated.toString('base64')))).toBe(true);
    const short = Buffer.concat([
      Buffer.from([0x30, 0x10]),
      Buffer.from(Array.from({ length: 60 }, (_, i) => (i * 37) % 251)),
    ]);
    expect(isKeyMaterial(frame('RSA PRIVATE KEY', short.toString('base64')))).toBe(false);
  });

  it('needs the OpenSSH magic under an OPENSSH label and a secret-key packet under a PGP label', () => {
    const random = Buffer.from(Array.from({ length: 120 }, (_, i) => (i * 53 + 7) % 256));
    expect(isKeyMaterial(frame('OPENSSH PRIVATE KEY', random.toString('base64')))).toBe(false);
    // Tag 6 is a public-key packet: a public key block mislabelled private is not a secret.
    const publicPacket = Buffer.concat([Buffer.from([0x99, 0x01, 0x0d]), random]);
    expect(isKeyMaterial(frame('PGP PRIVATE KEY BLOCK', publicPacket.toString('base64')))).toBe(false);
    const secretPacket = Buffer.concat([Buffer.from([0xc5, 0xc0, 0x58]), random]);
    expect(isKeyMaterial(frame('PGP PRIVATE KEY BLOCK', secretPacket.toString('base64')))).toBe(true);
  });

  it('takes traditionally encrypted PEM only as whole cipher blocks', () => {
    const headers = 'Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\n';
    const blocks = Buffer.from(Array.from({ length: 64 }, (_, i) => (i * 71 + 3) % 256));
    expect(isKeyMaterial(frame('RSA PRIVATE KEY', headers + blocks.toString('base64')))).toBe(true);
    expect(isKeyMaterial(frame('RSA PRIVATE KEY', headers + blocks.subarray(0, 61).toString('base64')))).toBe(false);
  });
});
