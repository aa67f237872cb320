import { type Policy } from './schema';

/** The shape `@nx/enforce-module-boundaries` takes in its `depConstraints` option. */
export interface DepConstraint {
  sourceTag: string;
  onlyDependOnLibsWithTags: string[];
}

export const scopeTag = (scope: string): string => `scope:${scope}`;
export const typeTag = (type: string): string => `type:${type}`;

/**
 * The module-boundary constraints paved.json implies. Nx applies every
 * constraint whose source tag a project has (AND), so one constraint per type
 * and one per scope express "type rule and scope rule" exactly.
 */
export function deriveDepConstraints(policy: Policy): DepConstraint[] {
  const typeConstraints = Object.entries(policy.types).map(([type, { canDependOn }]) => ({
    sourceTag: typeTag(type),
    onlyDependOnLibsWithTags: canDependOn.map(typeTag),
  }));
  const scopeConstraints = Object.entries(policy.scopes).map(([scope, { canDependOn }]) => ({
    sourceTag: scopeTag(scope),
    onlyDependOnLibsWithTags: canDependOn.includes('*')
      ? ['*']
      : unique([scope, ...policy.sharedScopes, ...canDependOn]).map(scopeTag),
  }));
  return [...typeConstraints, ...scopeConstraints];
}

/** Owners of a project: its own, else its scope's, else the workspace default. */
export function resolveOwners(policy: Policy, scope: string, projectOwners: readonly string[] = []): string[] {
  if (projectOwners.length > 0) return [...projectOwners];
  const scopeOwners = policy.scopes[scope]?.owners ?? [];
  return scopeOwners.length > 0 ? [...scopeOwners] : [...policy.owners.default];
}

export function importPathFor(policy: Policy, name: string): string {
  return `${policy.npmScope}/${name}`;
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
