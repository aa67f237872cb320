import { parse } from 'yaml';

/** The two files where a package manager finds the folders of a workspace's packages. */
export type WorkspaceGlobsFile = 'pnpm-workspace.yaml' | 'package.json';

/** What a workspace declares about its packages' folders, as its package manager reads it. */
export interface WorkspaceGlobs {
  /** The folder globs (`!` excludes); undefined when the workspace declares none. Entries that are not strings are left out. */
  globs: string[] | undefined;
  /** What is wrong with the declaration: a caller that must not guess refuses it, a lenient one uses `globs`. */
  problem?: { file: WorkspaceGlobsFile; keyPath?: string; message: string; expected?: string };
}

/**
 * pnpm-workspace.yaml `packages` when that file exists (pnpm reads nothing else), else package.json
 * `workspaces` (npm, yarn, bun: a list, or `{ "packages": [...] }`). `read` gives a file's text, or
 * undefined when it is absent; a package.json that is not JSON declares nothing.
 */
export function readWorkspaceGlobs(read: (file: WorkspaceGlobsFile) => string | undefined): WorkspaceGlobs {
  const pnpmWorkspace = read('pnpm-workspace.yaml');
  if (pnpmWorkspace !== undefined) {
    let packages: unknown;
    try {
      packages = (parse(pnpmWorkspace) as { packages?: unknown } | null)?.packages ?? [];
    } catch (error) {
      return {
        globs: [],
        problem: { file: 'pnpm-workspace.yaml', message: `not valid YAML: ${(error as Error).message}` },
      };
    }
    return globList(packages, 'pnpm-workspace.yaml', 'packages');
  }
  const manifestText = read('package.json');
  let manifest: { workspaces?: unknown } | null;
  try {
    manifest = manifestText === undefined ? null : JSON.parse(manifestText);
  } catch {
    return { globs: undefined };
  }
  const workspaces = manifest?.workspaces;
  if (workspaces === undefined) return { globs: undefined };
  if (Array.isArray(workspaces)) return globList(workspaces, 'package.json', 'workspaces');
  return globList((workspaces as { packages?: unknown } | null)?.packages ?? [], 'package.json', 'workspaces.packages');
}

function globList(value: unknown, file: WorkspaceGlobsFile, keyPath: string): WorkspaceGlobs {
  const globs = Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : [];
  if (Array.isArray(value) && globs.length === value.length) return { globs };
  return {
    globs,
    problem: { file, keyPath, message: 'must be a list of folder patterns', expected: 'e.g. ["apps/*", "libs/*/*"]' },
  };
}
