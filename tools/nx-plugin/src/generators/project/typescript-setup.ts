import { logger, readJson, updateJson, writeJson, type Tree } from '@nx/devkit';
import { readWorkspaceGlobs } from '@paved/licenses';
import picomatch from 'picomatch';

const BASE = 'tsconfig.base.json';
const STRICT_BASE = {
  target: 'es2022',
  module: 'preserve',
  moduleResolution: 'bundler',
  strict: true,
  esModuleInterop: true,
  skipLibCheck: true,
};
const SOLUTION = 'tsconfig.json';

/**
 * How the workspace tells TypeScript where its projects are: `paths` in a root tsconfig
 * (tsconfig.base.json, or tsconfig.json in workspaces without a base), project references in
 * the root tsconfig.json (Nx's "TS solution" setup, where package-manager workspaces link the
 * packages), or package-manager workspaces alone (packages import each other by name through
 * the links the package manager makes, as in most pnpm monorepos). Generated projects follow it.
 */
export type TypescriptSetup = { mode: 'paths' | 'references' | 'workspaces'; file: string; extend: string };

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
  if (hasPackageManagerWorkspaces(tree)) return { mode: 'workspaces', file: 'package.json', extend };
  return { mode: 'paths', file: base || !solution ? BASE : SOLUTION, extend };
}

function hasPackageManagerWorkspaces(tree: Tree): boolean {
  return workspaceGlobs(tree) !== undefined;
}

/** The package-manager workspace globs, read leniently: a malformed entry is not the generator's to refuse. */
function workspaceGlobs(tree: Tree): string[] | undefined {
  return readWorkspaceGlobs((file) => tree.read(file, 'utf-8') ?? undefined).globs;
}

/**
 * The import paths already taken, and where: the root tsconfig's `paths`, or where packages
 * resolve by name (references, workspaces) the package names of the workspace's projects.
 */
export function takenImportPaths(
  tree: Tree,
  setup: TypescriptSetup,
  projectRoots: readonly string[],
): { paths: Set<string>; file: string } {
  if (setup.mode !== 'paths') {
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
  if (setup.mode !== 'paths') adviseLinking(tree, project);
  if (setup.mode === 'workspaces') {
    // The new tsconfig extends the root one, so a workspace without any gets a strict base.
    if (!tree.exists(setup.extend)) writeJson(tree, setup.extend, { compilerOptions: STRICT_BASE });
    return;
  }
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

/**
 * Where packages resolve by name, the package manager must link the new one: its folder has to
 * be inside the workspace globs, and an install makes the link.
 */
function adviseLinking(tree: Tree, project: { root: string; importPath: string }): void {
  const globs = (workspaceGlobs(tree) ?? []).map((glob) => glob.replace(/^\.\//, '').replace(/\/$/, ''));
  const matches = (glob: string) => picomatch(glob)(project.root);
  const covered =
    globs.filter((glob) => !glob.startsWith('!')).some(matches) &&
    !globs.filter((glob) => glob.startsWith('!')).some((glob) => matches(glob.slice(1)));
  if (!covered) {
    logger.warn(
      `${project.root} is outside the package-manager workspace globs (pnpm-workspace.yaml \`packages\` or package.json \`workspaces\`), so nothing links ${project.importPath}: add the folder to them, then install.`,
    );
    return;
  }
  logger.info(
    `Projects here import each other by package name: declare ${project.importPath} as a dependency of each project that imports it (pnpm, yarn: "workspace:*"), then install.`,
  );
}
