import { deriveDepConstraints, type DepConstraint } from './derive';
import { type Policy } from './schema';

/** The ESLint rule Paved's boundary constraints are enforced with. */
export const BOUNDARY_RULE = '@nx/enforce-module-boundaries';

/** Options of `@nx/enforce-module-boundaries` as Paved sets them when a workspace has none of its own. */
export interface BoundaryRuleOptions {
  allow: string[];
  enforceBuildableLibDependency: boolean;
  depConstraints: DepConstraint[];
}

export function pavedBoundaryOptions(policy: Policy): BoundaryRuleOptions {
  return { allow: [], enforceBuildableLibDependency: false, depConstraints: deriveDepConstraints(policy) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The tags a team constraint applies to: `sourceTag`, or every tag of `allSourceTags`. */
function sourceTagsOf(constraint: Record<string, unknown>): string[] {
  const tags = [constraint.sourceTag, ...(Array.isArray(constraint.allSourceTags) ? constraint.allSourceTags : [])];
  return tags.filter((tag): tag is string => typeof tag === 'string');
}

/**
 * A team's own options for the boundary rule, with Paved's constraints in charge of the tags
 * paved.json governs. A team constraint is dropped when its `sourceTag` (or one of its
 * `allSourceTags`) is a tag Paved derives a constraint for, compared by exact name; every other
 * team constraint (`*`, patterns, tags paved.json does not know) and every other option (`allow`,
 * `banTransitiveDependencies`, ...) is kept. Paved's constraints come first.
 */
export function mergeBoundaryOptions(teamOptions: unknown, policy: Policy): Record<string, unknown> {
  const paved = pavedBoundaryOptions(policy);
  if (!isRecord(teamOptions)) return { ...paved };
  const governed = new Set(paved.depConstraints.map((constraint) => constraint.sourceTag));
  const teamConstraints = Array.isArray(teamOptions.depConstraints) ? teamOptions.depConstraints : [];
  const kept = teamConstraints.filter(
    (constraint) => !isRecord(constraint) || !sourceTagsOf(constraint).some((tag) => governed.has(tag)),
  );
  return {
    allow: paved.allow,
    enforceBuildableLibDependency: paved.enforceBuildableLibDependency,
    ...teamOptions,
    depConstraints: [...paved.depConstraints, ...kept],
  };
}
