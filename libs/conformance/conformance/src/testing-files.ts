import { type WorkspaceFiles } from './model';

/** WorkspaceFiles over an in-memory tree: fixtures for rule tests. */
export function memoryFiles(tree: Record<string, string>): WorkspaceFiles {
  const paths = Object.keys(tree);
  const under = (dir: string, path: string) => dir === '.' || dir === '' || path.startsWith(`${dir}/`);
  return {
    exists: (path) => Object.hasOwn(tree, path) || paths.some((p) => p.startsWith(`${path}/`)),
    read: (path) => tree[path],
    list: (dir) => paths.filter((p) => under(dir, p)),
    find: (dir, matches, skip) =>
      paths.find((p) => under(dir, p) && matches(p) && ![...(skip ?? [])].some((nested) => under(nested, p))),
  };
}
