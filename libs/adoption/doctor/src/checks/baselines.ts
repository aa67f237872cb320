import { baselineLocation } from '@paved/conformance';
import { isPavedError } from '@paved/errors';
import { readBaseline, type BaselineLocation } from '@paved/scanner';
import { secretsBaselineLocation } from '@paved/secrets';
import { plural, policyNotValid, type CheckOutcome, type DoctorContext } from '../model';

/** paved-baseline.json, the accepted findings of `paved check`: missing is a warning, malformed a failure. */
export function checkConformanceBaseline(context: DoctorContext): CheckOutcome {
  const location = baselineLocation(context.root);
  return baselineOutcome(location, {
    reason: `no conformance baseline (${location.file}): every existing finding fails paved check`,
    hint: "accept today's findings with `paved check --update-baseline`, so only new ones fail",
  });
}

/** The secrets baseline paved.json `secrets.baseline` names: missing is a warning, malformed a failure. */
export function checkSecretsBaseline(context: DoctorContext): CheckOutcome {
  if (!context.policy.policy) return policyNotValid();
  const location = secretsBaselineLocation(context.root, context.policy.policy.secrets.baseline);
  return baselineOutcome(location, {
    reason: `no secrets baseline (${location.file}): any secret already in the tree fails the secret scan`,
    hint: 'review the findings of `paved scan secrets --all`, then accept them with `paved scan secrets --all --update-baseline`',
  });
}

/** Every scanner's baseline is read, and refused, by @paved/scanner alike: PAVED-430 is the failure. */
function baselineOutcome(location: BaselineLocation, missing: { reason: string; hint: string }): CheckOutcome {
  const details = { file: location.file };
  try {
    const baseline = readBaseline(location);
    if (!baseline) return { verdict: 'warn', ...missing, details };
    return {
      verdict: 'pass',
      reason: `${location.file}: ${plural(baseline.findings.length, 'accepted finding')}`,
      details: { ...details, findings: baseline.findings.length },
    };
  } catch (error) {
    if (!isPavedError(error)) throw error;
    return {
      verdict: 'fail',
      reason: `${location.file} is not a Paved baseline`,
      hint: `regenerate it with \`${location.regenerate}\``,
      problems: [...error.problems],
      details,
    };
  }
}
