import { formatFiles, type Tree } from '@nx/devkit';

/**
 * Writes a derived file the way the workspace's own formatter leaves it, so that a team's
 * Prettier run (in its hook or CI) never makes `nx sync:check` fail. Returns whether the
 * file changed; writing identical content records no change in Nx's tree.
 */
export async function syncFile(tree: Tree, path: string, render: (existing: string | undefined) => string) {
  const existing = tree.read(path, 'utf-8') ?? undefined;
  tree.write(path, render(existing));
  await formatFiles(tree);
  return tree.read(path, 'utf-8') !== existing;
}
