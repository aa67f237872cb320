import { getProjects, type Tree } from '@nx/devkit';
import { codeownersPaths, renderCodeowners, type ProjectNode } from '@paved/conformance';
import { parsePolicy, policyOrThrow, POLICY_FILE } from '@paved/policy';

export interface SyncResult {
  outOfSyncMessage?: string;
}

/** Writes the CODEOWNERS forms paved.json asks for; changes nothing when they are current. */
export async function codeownersGenerator(tree: Tree): Promise<SyncResult> {
  const policy = policyOrThrow(parsePolicy(tree.read(POLICY_FILE, 'utf-8'), POLICY_FILE));
  const projects: ProjectNode[] = [...getProjects(tree).entries()].map(([name, config]) => ({
    name,
    root: config.root,
    tags: config.tags ?? [],
    paved: (config.metadata as { paved?: ProjectNode['paved'] } | undefined)?.paved,
  }));
  const stale: string[] = [];
  for (const format of policy.codeowners.formats) {
    const path = codeownersPaths[format];
    const content = renderCodeowners(projects, policy, format);
    if (tree.read(path, 'utf-8') !== content) {
      tree.write(path, content);
      stale.push(path);
    }
  }
  return stale.length > 0
    ? {
        outOfSyncMessage: `${stale.join(' and ')} ${stale.length > 1 ? 'do' : 'does'} not match the owners in paved.json and project metadata`,
      }
    : {};
}

export default codeownersGenerator;
