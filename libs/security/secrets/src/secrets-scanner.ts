import { loadOptionalPolicy, secretsPolicySchema } from '@paved/policy';
import { type Scanner } from '@paved/scanner';
import { secretsRenderers } from './report';
import { scanSecrets, type SecretsScanMode, type SecretsScanResult } from './scan';

export interface SecretsScanOptions {
  mode: SecretsScanMode;
  /** Accept today's findings into the baseline. */
  updateBaseline?: boolean;
}

/**
 * `paved scan secrets` and the secrets part of the `scan` target, with paved.json's `secrets`
 * (its defaults where there is no paved.json). A project's scan covers its folder; the project
 * at the root covers the whole tree.
 */
export const secretsScanner: Scanner<SecretsScanOptions, SecretsScanResult> = {
  name: 'secrets',
  scan: (request, shared) =>
    scanSecrets({
      cwd: request.root,
      mode: request.mode,
      policy: shared.once('policy?', () => loadOptionalPolicy(request.root))?.secrets ?? secretsPolicySchema.parse({}),
      ...(request.project === undefined || request.project === '.' || request.project === ''
        ? {}
        : { under: request.project }),
      updateBaseline: request.updateBaseline === true,
    }),
  render: secretsRenderers,
};
