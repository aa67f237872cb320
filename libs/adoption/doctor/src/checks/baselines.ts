import { DEFAULT_BASELINE, parseBaseline } from '@paved/conformance';
import { isPavedError } from '@paved/errors';
import { readSecretsBaseline } from '@paved/secrets';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { plural, policyNotValid, type CheckOutcome, type DoctorContext } from '../model';

/** paved-baseline.json, the accepted findings of `paved check`: missing is a warning, malformed a failure. */
export function checkConformanceBaseline(context: DoctorContext): CheckOutcome {
  const path = join(context.root, DEFAULT_BASELINE);
  const details = { file: DEFAULT_BASELINE };
  if (!existsSync(path)) {
    return {
      verdict: 'warn',
      reason: `no conformance baseline (${DEFAULT_BASELINE}): every existing finding fails paved check`,
      hint: "accept today's findings with `paved check --update-baseline`, so only new ones fail",
      details,
    };
  }
  const baseline = parseBaseline(readFileSync(path, 'utf-8'));
  if (!baseline) {
    return {
      verdict: 'fail',
      reason: `${DEFAULT_BASELINE} is not a Paved baseline (expected {"version": 1, "findings": [...]})`,
      hint: 'regenerate it with `paved check --update-baseline`',
      details,
    };
  }
  return {
    verdict: 'pass',
    reason: `${DEFAULT_BASELINE}: ${plural(baseline.findings.length, 'accepted finding')}`,
    details: { ...details, findings: baseline.findings.length },
  };
}

/** The secrets baseline paved.json `secrets.baseline` names: missing is a warning, malformed a failure. */
export function checkSecretsBaseline(context: DoctorContext): CheckOutcome {
  if (!context.policy.policy) return policyNotValid();
  const file = context.policy.policy.secrets.baseline;
  const details = { file };
  try {
    const baseline = readSecretsBaseline(join(context.root, file));
    if (!baseline) {
      return {
        verdict: 'warn',
        reason: `no secrets baseline (${file}): any secret already in the tree fails the secret scan`,
        hint: 'review the findings of `paved scan secrets --all`, then accept them with `paved scan secrets --all --update-baseline`',
        details,
      };
    }
    return {
      verdict: 'pass',
      reason: `${file}: ${plural(baseline.findings.length, 'accepted finding')}`,
      details: { ...details, findings: baseline.findings.length },
    };
  } catch (error) {
    if (!isPavedError(error)) throw error;
    return {
      verdict: 'fail',
      reason: `${file} is not a Paved secrets baseline`,
      hint: 'regenerate it with `paved scan secrets --all --update-baseline`',
      problems: [...error.problems],
      details,
    };
  }
}
