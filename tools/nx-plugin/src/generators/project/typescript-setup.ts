import { readJson, updateJson, writeJson, type Tree } from '@nx/devkit';

const BASE = 'tsconfig.base.json';
const SOLUTION = 'tsconfig.json';

/**
 * How the workspace tells TypeScript where its projects are: `paths` in a root tsconfig
 * (tsconfig.base.json, or tsconfig.json in workspaces without a base), or project
 * references in the root tsconfig.json (Nx's "TS solution" setup, where package-manager
 * workspaces link the packages). Generated projects follow it.
 */
export type TypescriptSetup =
  { mode: 'paths'; file: string; extend: string } | { mode: 'references'; file: string; extend: string };

interface RootTsconfig {
  compilerOptions?: { paths?: Record<string, string[]> };
  references?: unknown[];
}

export function detectTypescriptSetup(tree: Tree): TypescriptSetup {
  const read = (file: string): RootTsconfig | undefined => (tree.exists(file) ? readJson(tree, file) : undefined);
  const base = read(BASE);
  const solution = read(SOLUTION);
  const extend = base ? BASE : solution ? SOLUTION : BASE;
  if (base?.compilerOptions?.paths) return { mode: 'paths', file: BASE, extend };
  if (solution?.compilerOptions?.paths) return { mode: 'paths', file: SOLUTION, extend };
  if (Array.isArray(solution?.references)) return { mode: 'references', file: SOLUTION, extend };
  return { mode: 'paths', file: base || !solution ? BASE : SOLUTION, extend };
}

/**
 * The import paths already taken, and where: the root tsconfig's `paths`, or with project
 * references the package names of the workspace's projects (packages resolve by name).
 */
export function takenImportPaths(
  tree: Tree,
  setup: TypescriptSetup,
  projectRoots: readonly string[],
): { paths: Set<string>; file: string } {
  if (setup.mode === 'references') {
    const names = projectRoots
      .map((root) => `${root}/package.json`)
      .filter((file) => tree.exists(file))
      .map((file) => (readJson(tree, file) as { name?: unknown }).name)
      .filter((name): name is string => typeof name === 'string');
    return { paths: new Set(names), file: 'package.json' };
  }
  const paths = tree.exists(setup.file) ? (readJson(tree, setup.file) as RootTsconfig).compilerOptions?.paths : {};
  return { paths: new Set(Object.keys(paths ?? {})), file: setup.file };
}

/** Makes the new project importable the way the workspace's other projects are. */
export function registerProject(
  tree: Tree,
  setup: TypescriptSetup,
  project: { root: string; importPath: string },
): void {
  if (setup.mode === 'references') {
    updateJson(tree, setup.file, (json) => {
      const references: { path: string }[] = json.references ?? [];
      const path = `./${project.root}`;
      if (!references.some((reference) => reference.path.replace(/\/$/, '') === path)) references.push({ path });
      json.references = references;
      return json;
    });
    // Referenced projects must be composite, and emit declarations for their dependents.
    updateJson(tree, `${project.root}/tsconfig.json`, (json) => {
      json.compilerOptions = { composite: true, ...json.compilerOptions };
      return json;
    });
    return;
  }
  const entry = [`./${project.root}/src/index.ts`];
  if (!tree.exists(setup.file)) {
    writeJson(tree, setup.file, { compilerOptions: { paths: { [project.importPath]: entry } } });
    return;
  }
  updateJson(tree, setup.file, (json) => {
    json.compilerOptions ??= {};
    json.compilerOptions.paths = { ...json.compilerOptions.paths, [project.importPath]: entry };
    return json;
  });
}
