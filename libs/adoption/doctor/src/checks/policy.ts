import { plural, type CheckOutcome, type DoctorContext } from '../model';

/** paved.json through @paved/policy's pipeline (JSON, schema, cross-references): every coded problem. */
export function checkPolicy(context: DoctorContext): CheckOutcome {
  const { policy, errors, warnings } = context.policy;
  if (!policy) {
    const missing = errors.some((p) => p.code === 'PAVED-100');
    return {
      verdict: 'fail',
      reason: missing
        ? 'no paved.json at the workspace root'
        : `paved.json has ${plural(errors.length, 'problem')}, listed below`,
      hint: missing ? 'nx g @paved/nx:init writes one inferred from the workspace' : 'fix each problem listed',
      problems: [...errors, ...warnings],
    };
  }
  const counts = [
    plural(Object.keys(policy.scopes).length, 'scope'),
    plural(Object.keys(policy.types).length, 'type'),
    plural(Object.keys(policy.kinds).length, 'kind'),
  ].join(', ');
  if (warnings.length > 0) {
    return {
      verdict: 'warn',
      reason: `paved.json is valid (${counts}) with ${plural(warnings.length, 'warning')}, listed below`,
      hint: 'each warning names the paved.json key to change; warnings do not fail paved check',
      problems: warnings,
    };
  }
  return { verdict: 'pass', reason: `paved.json is valid (${counts})` };
}
