import { createProjectGraphAsync, type ProjectGraph, type Tree } from '@nx/devkit';
import { codeownersFiles, updateCodeowners, type ProjectNode } from '@paved/conformance';
import { parsePolicy, policyOrThrow, POLICY_FILE } from '@paved/policy';
import { syncFile } from '../sync-file';

export interface SyncResult {
  outOfSyncMessage?: string;
}

/** The projects CODEOWNERS covers: every project of Nx's graph, whatever defines it (project.json, package.json, a plugin). */
export function ownedProjects(graph: ProjectGraph): ProjectNode[] {
  return Object.values(graph.nodes).map((node) => ({
    name: node.name,
    root: node.data.root,
    tags: node.data.tags ?? [],
    paved: (node.data.metadata as { paved?: ProjectNode['paved'] } | undefined)?.paved,
  }));
}

/**
 * Keeps Paved's block of each CODEOWNERS form paved.json asks for current, in the file the
 * code host already reads; the team's own lines outside the block are kept as they are.
 */
export async function syncCodeowners(tree: Tree, projects: readonly ProjectNode[]): Promise<SyncResult> {
  const policy = policyOrThrow(parsePolicy(tree.read(POLICY_FILE, 'utf-8'), POLICY_FILE));
  const stale: string[] = [];
  for (const { format, path } of codeownersFiles(policy.codeowners.formats, (file) => tree.exists(file))) {
    if (await syncFile(tree, path, (existing) => updateCodeowners(existing, projects, policy, format)))
      stale.push(path);
  }
  return stale.length > 0
    ? {
        outOfSyncMessage: `${stale.join(' and ')} ${stale.length > 1 ? 'do' : 'does'} not match the owners in paved.json and project metadata`,
      }
    : {};
}

/** `nx sync`'s entry point: CODEOWNERS for the workspace's project graph. */
export async function codeownersGenerator(tree: Tree): Promise<SyncResult> {
  return syncCodeowners(tree, ownedProjects(await createProjectGraphAsync()));
}

export default codeownersGenerator;
