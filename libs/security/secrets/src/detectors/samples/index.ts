import { type SecretSample } from './sample-kit';
import { structuredSamples } from './structured.samples';
import { vendorApisAToLSamples } from './vendor-apis-a-l.samples';
import { vendorApisMToZSamples } from './vendor-apis-m-z.samples';
import { vendorInfraSamples } from './vendor-infra.samples';
import { vendorSaasSamples } from './vendor-saas.samples';

/** Every example the detectors are measured on (tests and bench/secrets). */
export const allSamples: readonly SecretSample[] = [
  ...vendorInfraSamples,
  ...vendorSaasSamples,
  ...vendorApisAToLSamples,
  ...vendorApisMToZSamples,
  ...structuredSamples,
];

export { alphabets, randomFrom, type SecretSample } from './sample-kit';
