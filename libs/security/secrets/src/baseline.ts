import { acceptIntoBaseline, readBaseline, type Baseline, type BaselineLocation } from '@paved/scanner';
import { type SecretFinding } from './finding';

/**
 * Accepted findings by fingerprint, in @paved/scanner's one baseline. It holds no secret: the
 * file, rule and masked preview are there so a reviewer can see what was accepted.
 */
export type SecretsBaselineEntry = Pick<SecretFinding, 'fingerprint' | 'ruleId' | 'file' | 'preview'>;
export type SecretsBaseline = Baseline<SecretsBaselineEntry>;

/** paved.json `secrets.baseline` (repository-relative), and how a broken one is regenerated. */
export const secretsBaselineLocation = (root: string, file: string): BaselineLocation => ({
  root,
  file,
  regenerate: 'paved scan secrets --all --update-baseline',
});

export const secretsBaselineEntryOf = (f: SecretsBaselineEntry): SecretsBaselineEntry => ({
  fingerprint: f.fingerprint,
  ruleId: f.ruleId,
  file: f.file,
  preview: f.preview,
});

export function createSecretsBaseline(findings: readonly SecretsBaselineEntry[]): SecretsBaseline {
  return acceptIntoBaseline(findings, secretsBaselineEntryOf);
}

/** The baseline, or undefined when there is none yet; a malformed one is PAVED-430, never ignored. */
export function readSecretsBaseline(root: string, file: string): SecretsBaseline | undefined {
  return readBaseline<SecretsBaselineEntry>(secretsBaselineLocation(root, file));
}
