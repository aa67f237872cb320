export {
  policySchema,
  identifierPattern,
  ownerPattern,
  conformanceRuleIds,
  secretsPolicySchema,
  DEFAULT_SECRETS_BASELINE,
  type SecretsPolicy,
  type ConformanceRuleId,
  type Policy,
  type PolicyInput,
} from './schema';
export { parsePolicy, formatKeyPath, POLICY_FILE, type PolicyResult } from './parse-policy';
export { loadOptionalPolicy, loadPolicy, policyOrThrow } from './load-policy';
export { layoutProblems } from './check-policy';
export { applyLayout, type LayoutValues } from './layout';
export { deriveDepConstraints, importPathFor, resolveOwners, scopeTag, typeTag, type DepConstraint } from './derive';
export { policyJsonSchema } from './json-schema';
export {
  BOUNDARY_RULE,
  mergeBoundaryOptions,
  pavedBoundaryOptions,
  type BoundaryRuleOptions,
} from './boundary-options';
