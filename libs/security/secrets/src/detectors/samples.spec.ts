import { describe, expect, it } from 'vitest';
import { detectSecrets } from '../detector';
import { type SecretSample } from './samples';
import { vendorApisAToLSamples } from './samples/vendor-apis-a-l.samples';
import { vendorApisMToZSamples } from './samples/vendor-apis-m-z.samples';
import { vendorSaasSamples } from './samples/vendor-saas.samples';

interface SampleTable {
  title: string;
  samples: readonly SecretSample[];
  /** Floors that keep a table from shrinking unnoticed. */
  atLeast: { positives: number; lookAlikes: number };
  /** A key planted with a partner of the same shape (an app id beside its secret) may be reported with it. */
  withPartners?: boolean;
}

const tables: SampleTable[] = [
  {
    title: 'SaaS, communication, payment, AI and key-material detectors',
    samples: vendorSaasSamples,
    atLeast: { positives: 150, lookAlikes: 40 },
  },
  {
    title: 'vendor API keys A–L and Jenkins credentials',
    samples: vendorApisAToLSamples,
    atLeast: { positives: 200, lookAlikes: 6 },
    withPartners: true,
  },
  {
    title: 'vendor API keys M–Z',
    samples: vendorApisMToZSamples,
    atLeast: { positives: 100, lookAlikes: 3 },
  },
];

for (const { title, samples, atLeast, withPartners } of tables) {
  // One draw per sample says which it is; key generation is the costly part, so it is not repeated for that.
  const firstDraws = samples.map((sample) => ({ sample, draw: sample.make() }));
  const positives = firstDraws.filter(({ draw }) => draw.secret !== undefined);
  const lookAlikes = firstDraws.filter(({ draw }) => draw.secret === undefined);
  const label = ({ sample }: (typeof firstDraws)[number], index: number) => [sample.kind, sample.file, index] as const;

  // Samples are drawn at random: a retry absorbs a one-in-many-thousand chance draw (a body that spells
  // a placeholder word); a detector that misses a kind misses it on every draw and still fails.
  describe(title, { retry: 2 }, () => {
    it('has positives and look-alikes', () => {
      expect(positives.length).toBeGreaterThan(atLeast.positives);
      expect(lookAlikes.length).toBeGreaterThan(atLeast.lookAlikes);
    });

    const attempts = new Map<number, number>();
    it.each(positives.map(label))('finds the %s planted in %s (#%i), exactly', async (_, __, index) => {
      const { sample, draw } = positives[index];
      // A retry draws afresh, the first draw too: the chance draw it absorbs may be that one.
      const attempt = (attempts.get(index) ?? 0) + 1;
      attempts.set(index, attempt);
      // Fresh values on every round: a format the pattern only sometimes covers shows up here.
      for (const { text, secret } of [attempt === 1 ? draw : sample.make(), sample.make(), sample.make()]) {
        const found = (await detectSecrets(sample.file, text)).map((finding) => finding.secret);
        if (withPartners) expect(found, text).toContain(secret);
        else expect(found, text).toEqual([secret]);
      }
    });

    it.each(lookAlikes.map(label))('does not flag the %s look-alike in %s (#%i)', async (_, __, index) => {
      const { sample, draw } = lookAlikes[index];
      expect(await detectSecrets(sample.file, draw.text)).toEqual([]);
    });
  });
}
