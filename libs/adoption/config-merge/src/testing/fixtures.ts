import { type Tree } from '@nx/devkit';
import { isPavedError, type PavedError } from '@paved/errors';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const fixturesRoot = join(__dirname, '..', '..', 'fixtures');

/**
 * The files of a fixture workspace, keyed by workspace path. Fixture files end in `.txt` so this
 * repository's own Prettier and ESLint leave them as the foreign repositories wrote them.
 */
export function fixtureFiles(name: string): Record<string, string> {
  const root = join(fixturesRoot, name);
  const files: Record<string, string> = {};
  const visit = (dir: string): void => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) visit(path);
      else
        files[
          relative(root, path)
            .split('\\')
            .join('/')
            .replace(/\.txt$/, '')
        ] = readFileSync(path, 'utf-8');
    }
  };
  visit(root);
  return files;
}

/** An empty Nx workspace (no formatter config) holding `files`, fixtures' and extra ones. */
export function treeWith(...sources: Record<string, string>[]): Tree {
  const tree = createTreeWithEmptyWorkspace({ formatter: 'none' });
  for (const files of sources) for (const [path, content] of Object.entries(files)) tree.write(path, content);
  return tree;
}

export function fixtureTree(name: string, extra: Record<string, string> = {}): Tree {
  return treeWith(fixtureFiles(name), extra);
}

export function read(tree: Tree, path: string): string {
  const content = tree.read(path, 'utf-8');
  if (content === null) throw new Error(`${path} is not in the tree`);
  return content;
}

/** Every file of the tree that changed since it was made, as content snapshots. */
export function contents(tree: Tree): Record<string, string | null> {
  return Object.fromEntries(tree.listChanges().map((change) => [change.path, tree.read(change.path, 'utf-8')]));
}

/** The PavedError `run` throws; fails the test when it throws something else or nothing. */
export function refusal(run: () => unknown): PavedError {
  try {
    run();
  } catch (error) {
    if (isPavedError(error)) return error;
    throw error;
  }
  throw new Error('expected a PavedError');
}
