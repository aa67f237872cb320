import { resolveOwners, type Policy } from '@paved/policy';
import { type ProjectNode, type WorkspaceModel } from '../model';

/** The file that configures a project: where tag and metadata findings point. */
export function configFileOf(project: ProjectNode, model: WorkspaceModel): string {
  const projectJson = `${project.root}/project.json`;
  return model.files.exists(projectJson) ? projectJson : `${project.root}/package.json`;
}

export function tagValues(project: ProjectNode, prefix: 'scope' | 'type'): string[] {
  return project.tags.filter((tag) => tag.startsWith(`${prefix}:`)).map((tag) => tag.slice(prefix.length + 1));
}

/** The one declared value of a scope:/type: tag, or undefined when there is not exactly one. */
export function singleTag(project: ProjectNode, prefix: 'scope' | 'type'): string | undefined {
  const values = tagValues(project, prefix);
  return values.length === 1 ? values[0] : undefined;
}

export function ownersOf(project: ProjectNode, policy: Policy): string[] {
  if (project.paved?.owners && project.paved.owners.length > 0) return project.paved.owners;
  const scope = singleTag(project, 'scope');
  return scope ? resolveOwners(policy, scope) : [...policy.owners.default];
}
