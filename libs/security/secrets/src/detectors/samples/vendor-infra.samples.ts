import { type SecretSample } from './sample-kit';

export const vendorInfraSamples: readonly SecretSample[] = [];
