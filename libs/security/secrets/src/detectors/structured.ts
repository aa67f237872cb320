import { type SecretDetector } from './kit';

export const structuredDetectors: readonly SecretDetector[] = [];
