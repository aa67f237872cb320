import { type SecretDetector } from './kit';

export const vendorSaasDetectors: readonly SecretDetector[] = [];
