import { deriveDepConstraints, type DepConstraint } from '@paved/policy';
import { type Rule } from '../model';
import { configFileOf } from './project-facts';

/**
 * The constraints the ESLint preset gives @nx/enforce-module-boundaries,
 * checked once over graph edges instead of once per import per file. Same
 * semantics: every constraint whose source tag the project has must allow the
 * target; a project none of whose tags has a constraint may depend on nothing.
 */
export const moduleBoundaries: Rule = {
  id: 'module-boundaries',
  description: 'Dependencies between projects follow the type and scope rules of paved.json.',
  run({ model, projects, report }) {
    const constraints = deriveDepConstraints(model.policy);
    for (const edge of model.dependencies) {
      const source = model.projects[edge.source];
      const target = model.projects[edge.target];
      if (!source || !target || !projects.has(source.name) || edge.type === 'implicit' || source === target) continue;
      const violated = violatedConstraint(source.tags, target.tags, constraints);
      if (!violated) continue;
      const file = edge.file ?? model.sourceFileOf?.(edge.source, edge.target) ?? configFileOf(source, model);
      if (violated === 'untagged') {
        report({
          project: source.name,
          file,
          key: `${source.name}->${target.name}`,
          message: `"${source.name}" has no tag with a rule in paved.json, so it may depend on nothing, but depends on "${target.name}"`,
          hint: 'give the project its scope:<scope> and type:<type> tags',
        });
        continue;
      }
      report({
        project: source.name,
        file,
        key: `${source.name}->${target.name}`,
        message: `"${source.name}" depends on "${target.name}" (${policyTags(target.tags)}), but projects tagged "${violated.sourceTag}" may only depend on ${violated.onlyDependOnLibsWithTags.map((t) => `"${t}"`).join(', ') || 'nothing'}`,
        hint: `remove the dependency, move the shared code into a project both may use, or allow it in paved.json (${violated.sourceTag.startsWith('scope:') ? 'scopes' : 'types'}.${violated.sourceTag.split(':')[1]}.canDependOn)`,
      });
    }
  },
};

/** The tags paved.json speaks about; Nx adds its own (npm:private, ...) that only add noise here. */
function policyTags(tags: readonly string[]): string {
  return tags.filter((t) => t.startsWith('scope:') || t.startsWith('type:')).join(', ') || 'no tags';
}

export function violatedConstraint(
  sourceTags: readonly string[],
  targetTags: readonly string[],
  constraints: readonly DepConstraint[],
): DepConstraint | 'untagged' | undefined {
  const applicable = constraints.filter((c) => sourceTags.includes(c.sourceTag));
  if (applicable.length === 0) return constraints.length > 0 ? 'untagged' : undefined;
  return applicable.find(
    (c) => !c.onlyDependOnLibsWithTags.some((allowed) => allowed === '*' || targetTags.includes(allowed)),
  );
}
