import { type SecretDetector } from './kit';

export const vendorInfraDetectors: readonly SecretDetector[] = [];
