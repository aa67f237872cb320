import { type SecretSample } from './sample-kit';

export const vendorSaasSamples: readonly SecretSample[] = [];
