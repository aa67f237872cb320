import { describe, expect, it } from 'vitest';
import { detectSecrets } from '../detector';
import { alphabets, randomFrom } from './samples';
import { vendorApisAToLSamples } from './samples/vendor-apis-a-l.samples';

const firstDraws = vendorApisAToLSamples.map((sample) => ({ sample, draw: sample.make() }));
const positives = firstDraws.filter(({ draw }) => draw.secret !== undefined);
const lookAlikes = firstDraws.filter(({ draw }) => draw.secret === undefined);
const label = ({ sample }: (typeof firstDraws)[number], index: number) => [sample.kind, sample.file, index] as const;

// Samples are drawn at random: a retry absorbs a one-in-many-thousand chance draw (a body that spells
// a placeholder word); a detector that misses a kind misses it on every draw and still fails.
describe('vendor API keys A–L and Jenkins credentials', { retry: 2 }, () => {
  it('has positives and look-alikes', () => {
    expect(positives.length).toBeGreaterThan(200);
    expect(lookAlikes.length).toBeGreaterThan(6);
  });

  it.each(positives.map(label))('finds the %s planted in %s (#%i), exactly', async (_, __, index) => {
    const { sample, draw } = positives[index];
    for (const { text, secret } of [draw, sample.make(), sample.make()]) {
      const found = (await detectSecrets(sample.file, text)).map((finding) => finding.secret);
      // A key planted with its partner (an app id and secret of one shape) may be reported with it.
      expect(found, text).toContain(secret);
    }
  });

  it.each(lookAlikes.map(label))('does not flag the %s look-alike in %s (#%i)', async (_, __, index) => {
    const { sample, draw } = lookAlikes[index];
    expect(await detectSecrets(sample.file, draw.text)).toEqual([]);
  });
});

describe('Jenkins credential XML', () => {
  const entry = (value: string) =>
    `<com.cloudbees.plugins.credentials.impl.StringCredentialsImpl>\n  <id>ci-token</id>\n  <secret>${value}</secret>\n</com.cloudbees.plugins.credentials.impl.StringCredentialsImpl>\n`;
  const secretsIn = async (text: string) =>
    (await detectSecrets('jenkins/credentials.xml', text)).map((finding) => finding.secret);

  it('takes a generated word out of a note written beside it, and not the note', async () => {
    // A letter and a digit at the end: a draw of letters only would be a word.
    const token = `${randomFrom(alphabets.alphanumeric, 22)}k7`;
    expect(await secretsIn(entry(`{ci token ${token}}`))).toEqual([token]);
  });

  it('leaves words, references and a key block alone', async () => {
    expect(await secretsIn(entry('configuration for production'))).toEqual([]);
    expect(await secretsIn(entry('${CI_TOKEN}'))).toEqual([]);
    expect(await secretsIn(entry(`{AQAAABAAAA${'A'.repeat(64)}}`))).toEqual([]);
  });
});
