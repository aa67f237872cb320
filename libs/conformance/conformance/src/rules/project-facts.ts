import { resolveOwners, type Policy } from '@paved/policy';
import { type ProjectNode, type WorkspaceModel } from '../model';

/** A file of the project, workspace-relative ("README.md" for the root project, not "./README.md"). */
export function inProject(project: ProjectNode, file: string): string {
  return project.root === '.' || project.root === '' ? file : `${project.root}/${file}`;
}

/** The file that configures a project: where tag and metadata findings point. */
export function configFileOf(project: ProjectNode, model: WorkspaceModel): string {
  const projectJson = inProject(project, 'project.json');
  return model.files.exists(projectJson) ? projectJson : inProject(project, 'package.json');
}

/** The roots of the projects inside this one's folder: their files are theirs, not this project's. */
export function nestedProjectRoots(project: ProjectNode, model: WorkspaceModel): Set<string> {
  const root = project.root === '.' ? '' : project.root;
  return new Set(
    Object.values(model.projects)
      .map((other) => other.root)
      .filter((other) => other !== project.root && other !== '.' && (root === '' || other.startsWith(`${root}/`))),
  );
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
