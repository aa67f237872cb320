import { jenkinsCredentialDetectors } from './jenkins-credentials';
import { type SecretDetector } from './kit';
import { structuredDetectors } from './structured';
import { vendorApisAToLDetectors } from './vendor-apis-a-l';
import { vendorApisMToZDetectors } from './vendor-apis-m-z';
import { vendorInfraDetectors } from './vendor-infra';
import { vendorSaasDetectors } from './vendor-saas';

/**
 * Every default detector, most specific first: a vendor token wins over a structured or generic
 * match of the same text (runDetectors keeps the first of overlapping matches).
 */
export const defaultDetectors: readonly SecretDetector[] = [
  // Workflow URLs (Teams, Power Automate) carry an Azure `sig=`: the whole URL is the secret.
  ...vendorSaasDetectors,
  ...vendorInfraDetectors,
  ...vendorApisAToLDetectors,
  ...vendorApisMToZDetectors,
  ...jenkinsCredentialDetectors,
  ...structuredDetectors,
];

export { runDetectors, type SecretDetector, type DetectorMatch } from './kit';
export { isPlaceholder, shannonEntropy, longestRepeatedRun, longestSequentialRun } from './placeholders';
