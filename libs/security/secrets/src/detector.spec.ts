import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectSecrets } from './detector';
import { alphabets, randomFrom } from './detectors/samples';

const fixtures = join(__dirname, '..', 'fixtures');
const read = (kind: string, file: string) => readFileSync(join(fixtures, kind, file), 'utf-8');

// One planted secret per file; which rule must report it.
const expected: Record<string, string> = {
  'aws-access-key-id.ts.txt': 'paved/aws-access-key-id',
  'aws-secret-access-key.ts.txt': 'paved/aws-secret-access-key',
  'basic-auth-url.ts.txt': 'paved/basic-auth-url',
  'ed25519-private-key.pem.txt': 'paved/private-key',
  'generic-assignment.ts.txt': 'paved/generic-password',
  'generic-env.env.txt': 'paved/generic-password',
  'github-token.ts.txt': 'paved/github-token',
  'google-api-key.ts.txt': 'paved/google-api-key',
  'jwt.ts.txt': 'paved/jwt',
  'npm-token.npmrc.txt': 'paved/npm-token',
  'postgres-url.env.txt': 'paved/basic-auth-url',
  'rsa-private-key.pem.txt': 'paved/private-key',
  'stripe-key.ts.txt': 'paved/stripe-secret-key',
};

describe('detectSecrets (secretlint recommended preset + Paved rules)', () => {
  it('has an expectation for every planted fixture', () => {
    expect(readdirSync(join(fixtures, 'planted')).sort()).toEqual(Object.keys(expected).sort());
  });

  it.each(Object.entries(expected))('finds the one secret planted in %s with %s', async (file, ruleId) => {
    const found = await detectSecrets(file, read('planted', file));
    expect(found.map((f) => f.ruleId)).toEqual([ruleId]);
  });

  it.each(readdirSync(join(fixtures, 'clean')))('reports nothing in the clean control %s', async (file) => {
    expect(await detectSecrets(file, read('clean', file))).toEqual([]);
  });

  it('reports a long private key once, although both secretlint and Paved match it', async () => {
    const found = await detectSecrets('k.pem', read('planted', 'rsa-private-key.pem.txt'));
    expect(found).toHaveLength(1);
  });

  it('honours secretlint-disable-line, -next-line and disable…enable block comments for Paved rules too', async () => {
    const line = read('planted', 'aws-access-key-id.ts.txt').split('\n')[1];
    expect(await detectSecrets('a.ts', `${line} // secretlint-disable-line\n`)).toEqual([]);
    expect(await detectSecrets('a.ts', `// secretlint-disable-next-line\n${line}\n`)).toEqual([]);
    expect(await detectSecrets('a.ts', `// secretlint-disable-next-line\nconst x = 1;\n${line}\n`)).toHaveLength(1);
    expect(
      await detectSecrets('a.ts', `/* secretlint-disable */\nconst x = 1;\n${line}\n/* secretlint-enable */\n`),
    ).toEqual([]);
    expect(
      await detectSecrets('a.ts', `/* secretlint-disable */\nconst x = 1;\n/* secretlint-enable */\n${line}\n`),
    ).toHaveLength(1);
    expect(await detectSecrets('a.ts', `// secretlint-disable\n${line}\n`)).toEqual([]);
  });

  it("honours detect-secrets' pragma comments, on the line and on the line above", async () => {
    const line = read('planted', 'aws-access-key-id.ts.txt').split('\n')[1];
    expect(await detectSecrets('a.py', `${line}  # pragma: allowlist secret\n`)).toEqual([]);
    expect(await detectSecrets('a.py', `${line}  # pragma: whitelist secret\n`)).toEqual([]);
    expect(await detectSecrets('a.py', `# pragma: allowlist nextline secret\n${line}\n`)).toEqual([]);
    // The next-line comment covers one line only, and a same-line comment does not reach the next line.
    expect(await detectSecrets('a.py', `# pragma: allowlist nextline secret\nx = 1\n${line}\n`)).toHaveLength(1);
    expect(await detectSecrets('a.py', `x = 1  # pragma: allowlist secret\n${line}\n`)).toHaveLength(1);
  });

  it.each(Object.keys(expected))('never carries the secret of %s in its message', async (file) => {
    const text = read('planted', file);
    const [finding] = await detectSecrets(file, text);
    expect(text).toContain(finding.secret);
    expect(finding.message).not.toContain(finding.secret);
  });

  it('leaves a malformed key under a vendor name to the vendor (a Meraki key with an out-of-alphabet character)', async () => {
    const hex = randomFrom(alphabets.hexLower, 39);
    const rules = async (text: string) => (await detectSecrets('.env', text)).map((finding) => finding.ruleId);
    expect(await rules(`MERAKI_API_KEY=${hex}q\n`)).toEqual([]);
    expect(await rules(`MERAKI_API_KEY=${hex}a\n`)).toEqual(['paved/meraki-api-key']);
    // Another vendor's name does not make a value malformed for it: a password of its own alphabet stays found.
    // A token has a digit (isTokenShaped): 32 random alphanumerics have none once in 280 draws.
    expect(await rules(`API_TOKEN=${randomFrom(alphabets.alphanumeric, 31)}7\n`)).toEqual(['paved/generic-password']);
  });

  it('leaves values in an OpenAI or Salesforce shape to those vendors, whose detectors refused them', async () => {
    const rules = async (text: string) => (await detectSecrets('.env', text)).map((finding) => finding.ruleId);
    // Too short on each side of OpenAI's marker for a key OpenAI issues.
    expect(
      await rules(
        `OPENAI_API_KEY=sk-${randomFrom(alphabets.alphanumeric, 9)}7T3BlbkFJ${randomFrom(alphabets.alphanumeric, 9)}7\n`,
      ),
    ).toEqual([]);
    // A consumer key cut short is no consumer key, and a whole one is the app's public client id.
    expect(await rules(`SALESFORCE_CLIENT_SECRET=3MVG9${randomFrom(alphabets.alphanumeric, 30)}7\n`)).toEqual([]);
  });

  it("leaves a key named for a vendor Paved has a detector for to that detector, and finds other vendors' keys", async () => {
    const rules = async (text: string) => (await detectSecrets('src/client.go', text)).map((finding) => finding.ruleId);
    // Bitfinex's detector reports a key only beside its secret.
    expect(await rules(`bitfinexKey := "${randomFrom(alphabets.base64url, 42)}7"\n`)).toEqual([]);
    expect(await rules(`pastebinKey := "${randomFrom(alphabets.alphanumeric, 31)}7"\n`)).toEqual([
      'paved/generic-high-entropy',
    ]);
  });
});
