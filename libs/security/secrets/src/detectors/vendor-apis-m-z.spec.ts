import { describe, expect, it } from 'vitest';
import { detectSecrets } from '../detector';
import { vendorApisMToZSamples } from './samples/vendor-apis-m-z.samples';

// One draw per sample says which it is; key generation is the costly part, so it is not repeated for that.
const firstDraws = vendorApisMToZSamples.map((sample) => ({ sample, draw: sample.make() }));
const positives = firstDraws.filter(({ draw }) => draw.secret !== undefined);
const lookAlikes = firstDraws.filter(({ draw }) => draw.secret === undefined);
const label = ({ sample }: (typeof firstDraws)[number], index: number) => [sample.kind, sample.file, index] as const;

// Samples are drawn at random: a retry absorbs a one-in-many-thousand chance draw (a body that spells
// a placeholder word); a detector that misses a kind misses it on every draw and still fails.
describe('long-tail vendor API detectors, M to Z', { retry: 2 }, () => {
  it('has positives and look-alikes', () => {
    expect(positives.length).toBeGreaterThan(100);
    expect(lookAlikes.length).toBeGreaterThan(3);
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
