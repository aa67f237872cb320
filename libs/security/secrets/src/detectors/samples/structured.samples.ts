import { type SecretSample } from './sample-kit';

export const structuredSamples: readonly SecretSample[] = [];
