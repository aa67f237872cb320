import { createProjectGraphAsync, joinPathFragments, type ProjectGraph, type Tree } from '@nx/devkit';
import { type ObservedProject, type ObservedWorkspace } from '@paved/infer-policy';
import { basename } from 'node:path';

/** Where GitHub and GitLab look for CODEOWNERS, GitHub's order first. */
const CODEOWNERS_LOCATIONS = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS', '.gitlab/CODEOWNERS'];

export interface Workspace {
  observed: ObservedWorkspace;
  graph: ProjectGraph;
  /** Every target name some project already has: Paved's inferred targets must not take one. */
  targetNames: Set<string>;
  /** The installed Nx, when known: some advice depends on it. */
  nxVersion?: string;
}

function readJsonIfPresent<T>(tree: Tree, path: string): T | undefined {
  const text = tree.read(path, 'utf-8');
  if (text === null) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

/** What init learns from the workspace: the project graph Nx builds now, and the files around it. */
export async function observeWorkspace(tree: Tree): Promise<Workspace> {
  const graph = await createProjectGraphAsync({ exitOnError: true });
  const targetNames = new Set<string>();
  const projects: ObservedProject[] = Object.values(graph.nodes).map((node) => {
    Object.keys(node.data.targets ?? {}).forEach((target) => targetNames.add(target));
    const root = node.data.root === '' ? '.' : node.data.root;
    const manifest = readJsonIfPresent<{ name?: unknown }>(tree, joinPathFragments(root, 'package.json'));
    return {
      name: node.name,
      root,
      tags: node.data.tags ?? [],
      ...(node.data.projectType ? { projectType: node.data.projectType } : {}),
      ...(typeof manifest?.name === 'string' ? { packageName: manifest.name } : {}),
    };
  });
  const codeownersPath = CODEOWNERS_LOCATIONS.find((path) => tree.isFile(path));
  const rootTsconfig = ['tsconfig.base.json', 'tsconfig.json']
    .map((file) => readJsonIfPresent<{ compilerOptions?: { paths?: Record<string, unknown> } }>(tree, file))
    .find((json) => json?.compilerOptions?.paths);
  const observed: ObservedWorkspace = {
    folderName: basename(tree.root),
    projects: projects.sort((a, b) => a.root.localeCompare(b.root)),
    rootPackageJson: readJsonIfPresent(tree, 'package.json'),
    importPaths: Object.keys(rootTsconfig?.compilerOptions?.paths ?? {}),
    ...(codeownersPath ? { codeowners: { path: codeownersPath, text: tree.read(codeownersPath, 'utf-8') ?? '' } } : {}),
    hosts: {
      github: tree.exists('.github'),
      gitlab: tree.exists('.gitlab-ci.yml') || tree.exists('.gitlab'),
    },
  };
  return { observed, graph, targetNames };
}
