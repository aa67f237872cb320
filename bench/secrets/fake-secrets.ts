import { generateKeyPairSync, randomBytes, randomInt } from 'node:crypto';

/** One kind of secret the bench plants, with a file that holds exactly one fake of it. */
export interface PlantedKind {
  kind: string;
  /** File name suffix: the planted file's extension, as real code would carry it. */
  extension: string;
  /** Text of a file holding one freshly generated fake secret (random: never issued by anyone). */
  make(): string;
}

const upperBase32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const alphanumeric = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const pick = (alphabet: string, length: number) =>
  Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('');
const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export const plantedKinds: PlantedKind[] = [
  { kind: 'aws-access-key-id', extension: 'ts', make: () => `export const keyId = 'AKIA${pick(upperBase32, 16)}';\n` },
  {
    kind: 'aws-secret-access-key',
    extension: 'ts',
    make: () => `export const aws = { secretAccessKey: '${pick(`${alphanumeric}+/`, 40)}' };\n`,
  },
  { kind: 'github-token', extension: 'ts', make: () => `const auth = 'token ghp_${pick(alphanumeric, 36)}';\n` },
  {
    kind: 'rsa-private-key-pkcs8',
    extension: 'pem',
    make: () =>
      generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
  },
  {
    kind: 'ed25519-private-key-pkcs8',
    extension: 'pem',
    make: () => generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
  },
  {
    kind: 'postgres-url',
    extension: 'env',
    make: () => `DATABASE_URL=postgres://app:${pick(alphanumeric, 14)}@db.internal:5432/app\n`,
  },
  {
    kind: 'basic-auth-url',
    extension: 'ts',
    make: () => `export const registry = 'https://ci:${pick(alphanumeric, 14)}@registry.example.com/';\n`,
  },
  {
    kind: 'npm-token',
    extension: 'npmrc',
    make: () => `//registry.npmjs.org/:_authToken=npm_${pick(alphanumeric, 36)}\n`,
  },
  {
    kind: 'stripe-live-key',
    extension: 'ts',
    make: () => `const stripe = new Stripe('sk_live_${pick(alphanumeric, 24)}');\n`,
  },
  {
    kind: 'google-api-key',
    extension: 'ts',
    make: () => `export const mapsKey = 'AIza${pick(`${alphanumeric}-_`, 35)}';\n`,
  },
  {
    kind: 'jwt',
    extension: 'ts',
    make: () =>
      `export const session = '${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url({ sub: String(randomInt(1e9)) })}.${randomBytes(32).toString('base64url')}';\n`,
  },
  {
    kind: 'generic-high-entropy',
    extension: 'ts',
    make: () => `export const settings = { webhookSecret: "${pick(alphanumeric, 40)}" };\n`,
  },
  { kind: 'generic-env-token', extension: 'env', make: () => `SERVICE_API_TOKEN=${randomBytes(24).toString('hex')}\n` },
];
