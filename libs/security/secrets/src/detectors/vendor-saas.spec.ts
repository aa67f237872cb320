import { describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { detectSecrets } from '../detector';
import { isKeyMaterial } from './key-material';

describe('vendor-format placeholders are dropped', () => {
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

describe('JWTs signed with a published example key', () => {
  const segment = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const signed = (alg: 'HS256' | 'HS384' | 'HS512', key: string) => {
    const body = `${segment({ alg, typ: 'JWT' })}.${segment({ sub: '1234567890', name: 'John Doe', iat: 1516239022 })}`;
    const hash = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' }[alg];
    return `${body}.${createHmac(hash, key).update(body).digest('base64url')}`;
  };

  it.each([
    ['HS256', 'a-string-secret-at-least-256-bits-long'],
    ['HS256', 'your-256-bit-secret'],
    ['HS384', 'your-384-bit-secret'],
    ['HS512', 'your-512-bit-secret'],
  ] as const)("drops a %s token signed with jwt.io's key %s: anyone can mint it", async (alg, key) => {
    expect(await detectSecrets('auth.test.ts', `const token = "${signed(alg, key)}";\n`)).toEqual([]);
  });

  it('reports the same claims signed with any other key, even one a character off a published one', async () => {
    for (const token of [
      signed('HS256', 'k8Vq2m9ZtR4pX7wL'),
      signed('HS512', 'your-512-bit-secreT'),
      signed('HS384', 'a-string-secret-at-least-256-bits-long'.slice(1)),
    ]) {
      const found = await detectSecrets('auth.test.ts', `const token = "${token}";\n`);
      expect(found.map((finding) => [finding.ruleId, finding.secret])).toEqual([['paved/jwt', token]]);
    }
  });
});
