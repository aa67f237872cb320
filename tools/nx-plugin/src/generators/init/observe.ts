import { createProjectGraphAsync, joinPathFragments, type ProjectGraph, type Tree } from '@nx/devkit';
import { type ObservedProject, type ObservedWorkspace } from '@paved/infer-policy';
import { PavedError } from '@paved/errors';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';

/** The Nx majors Paved is proven against (an e2e run per major). */
export const SUPPORTED_NX_MAJORS = [22, 23] as const;

/** Where GitHub and GitLab look for CODEOWNERS, GitHub's order first. */
const CODEOWNERS_LOCATIONS = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS', '.gitlab/CODEOWNERS'];

export interface Workspace {
  observed: ObservedWorkspace;
  graph: ProjectGraph;
  /** Every target name some project already has: Paved's inferred targets must not take one. */
  targetNames: Set<string>;
}

/** The version of the nx package the workspace has installed (the one running this generator). */
export function installedNxVersion(root: string): string {
  return (createRequire(join(root, 'package.json'))('nx/package.json') as { version: string }).version;
}

/** Refuses, before anything is written, a folder init cannot adopt. */
export function assertAdoptable(tree: Tree, nxVersion: string): void {
  if (!tree.exists('nx.json')) {
    throw new PavedError({
      code: 'PAVED-004',
      file: 'nx.json',
      message: `${tree.root} is not an Nx workspace (no nx.json)`,
      hint: 'run `npx nx@latest init` first, then `nx add @paved/nx`',
    });
  }
  const major = Number(nxVersion.split('.')[0]);
  if (!(SUPPORTED_NX_MAJORS as readonly number[]).includes(major)) {
    throw new PavedError({
      code: 'PAVED-731',
      message: `Nx ${nxVersion} is not supported`,
      expected: `Nx ${SUPPORTED_NX_MAJORS.join(' or ')}`,
      hint:
        major < SUPPORTED_NX_MAJORS[0]
          ? `migrate first: nx migrate ${SUPPORTED_NX_MAJORS[0]}`
          : 'use a Paved release that supports this Nx major, or an Nx version it supports',
    });
  }
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
  const observed: ObservedWorkspace = {
    folderName: basename(tree.root),
    projects: projects.sort((a, b) => a.root.localeCompare(b.root)),
    rootPackageJson: readJsonIfPresent(tree, 'package.json'),
    ...(codeownersPath ? { codeowners: { path: codeownersPath, text: tree.read(codeownersPath, 'utf-8') ?? '' } } : {}),
    hosts: {
      github: tree.exists('.github'),
      gitlab: tree.exists('.gitlab-ci.yml') || tree.exists('.gitlab'),
    },
  };
  return { observed, graph, targetNames };
}
