import { describe, expect, it } from 'vitest';
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
