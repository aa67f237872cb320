import { type WorkspaceFiles } from './model';

/** WorkspaceFiles over an in-memory tree: fixtures for rule tests. */
export function memoryFiles(tree: Record<string, string>): WorkspaceFiles {
  const paths = Object.keys(tree);
  return {
    exists: (path) => Object.hasOwn(tree, path) || paths.some((p) => p.startsWith(`${path}/`)),
    read: (path) => tree[path],
    list: (dir) => paths.filter((p) => p.startsWith(`${dir}/`)),
  };
}
