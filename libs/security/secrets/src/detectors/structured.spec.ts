import { describe, expect, it } from 'vitest';
import { detectSecrets } from '../detector';
import { structuredSamples } from './samples/structured.samples';

const positives = structuredSamples.filter((sample) => sample.make().secret !== undefined);
const lookAlikes = structuredSamples.filter((sample) => sample.make().secret === undefined);

// Samples are drawn at random: a retry absorbs a one-in-many-thousand chance draw (a body that spells
// a placeholder word); a detector that misses a kind misses it on every draw and still fails.
describe('structured and generic credential detectors', { retry: 2 }, () => {
  it('has positives and look-alikes for every kind', () => {
    const kinds = new Set(structuredSamples.map((sample) => sample.kind));
    for (const kind of kinds) {
      expect(
        positives.some((sample) => sample.kind === kind),
        `${kind} positives`,
      ).toBe(true);
      expect(
        lookAlikes.some((sample) => sample.kind === kind),
        `${kind} look-alikes`,
      ).toBe(true);
    }
  });

  it.each(positives.map((sample, index) => [`${sample.kind} #${index} in ${sample.file}`, sample] as const))(
    'finds %s with exactly its secret',
    async (_, sample) => {
      // Fresh random secrets each round: a rule that only works on lucky values fails here.
      for (let round = 0; round < 20; round += 1) {
        const { text, secret } = sample.make();
        const found = await detectSecrets(sample.file, text);
        expect(
          found.map((finding) => finding.secret),
          text,
        ).toEqual([secret]);
      }
    },
  );

  it.each(lookAlikes.map((sample, index) => [`${sample.kind} #${index} in ${sample.file}`, sample] as const))(
    'does not flag the look-alike %s',
    async (_, sample) => {
      const { text } = sample.make();
      const found = await detectSecrets(sample.file, text);
      expect(found.map((finding) => `${finding.ruleId} ${finding.secret}`)).toEqual([]);
    },
  );
});
