import { PavedError, throwIfProblems, type Problem } from '@paved/errors';
import { type Plugin } from 'esbuild';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { bundleEntries } from './bundle';
import { deriveDependencies, type HostPeer } from './dependencies';
import { inspectPackage } from './inspect';
import { type PackageLayout } from './layout';
import { npmPack, readTarball } from './tarball';

export interface PackageDefinition {
  workspaceRoot: string;
  /**
   * Workspace-relative folder of the project whose package.json names and versions the package
   * (changesets bumps that file) and whose `publishConfig.directory` is where it is assembled
   * (what `pnpm publish` run by `changeset publish` uploads).
   */
  projectRoot: string;
  layout: PackageLayout;
  /** Host-owned packages: peer dependencies with the ranges Paved supports. */
  peers: Readonly<Record<string, HostPeer>>;
  /** Fields of the published package.json besides the derived ones (main, exports, bin, engines, ...). */
  manifest: Readonly<Record<string, unknown>>;
  /** Imports starting with this are bundled in (`@paved/`). */
  internalPrefix: string;
  /** esbuild target, e.g. `node20.19`. */
  target: string;
  tsconfig?: string;
  plugins?: Plugin[];
}

export interface PackedPackage {
  name: string;
  version: string;
  /** The assembled folder (publishConfig.directory). */
  directory: string;
  tarball: string;
  manifest: Record<string, unknown>;
  /** The tarball's files, package-relative. */
  files: Map<string, Buffer>;
}

/** Fields of the project's package.json that the published one keeps as they are. */
const KEPT_FIELDS = [
  'name',
  'version',
  'description',
  'license',
  'keywords',
  'author',
  'homepage',
  'repository',
  'bugs',
];

/**
 * Assembles the package in its publish directory (bundles, copied files, a package.json whose
 * dependencies are derived from what the bundles import), packs it with npm into `tarballDir`
 * (by default the publish directory's parent) and inspects the tarball: a package that is not
 * self-contained is refused (PAVED-906) and no problem is left unreported.
 */
export async function packPackage(
  definition: PackageDefinition,
  options: { outDir?: string; tarballDir?: string } = {},
): Promise<PackedPackage> {
  const { workspaceRoot, projectRoot, layout } = definition;
  const source = readSourceManifest(workspaceRoot, projectRoot);
  const outDir = options.outDir ?? publishDirectory(workspaceRoot, projectRoot, source);
  const tarballDir = options.tarballDir ?? dirname(outDir);

  const missing = layout.copies.filter((copy) => !copy.optional && !existsSync(join(workspaceRoot, copy.source)));
  throwIfProblems(
    missing.map((copy) => ({
      code: 'PAVED-900',
      file: copy.source,
      message: `is to be copied into the package as ${copy.output}, but does not exist`,
    })),
  );

  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const metafile = await bundleEntries({
    workspaceRoot,
    outDir,
    entries: layout.entries,
    internalPrefix: definition.internalPrefix,
    target: definition.target,
    tsconfig: definition.tsconfig,
    plugins: definition.plugins,
  });
  const derived = deriveDependencies(metafile, workspaceRoot, definition.peers);
  throwIfProblems(derived.problems);
  for (const copy of layout.copies) {
    const from = join(workspaceRoot, copy.source);
    if (!existsSync(from)) continue;
    cpSync(from, join(outDir, copy.output), { recursive: true });
    if (copy.transform) transformCopied(outDir, copy.output, copy.transform);
  }

  const manifest: Record<string, unknown> = {
    ...Object.fromEntries(
      KEPT_FIELDS.filter((field) => source[field] !== undefined).map((field) => [field, source[field]]),
    ),
    ...definition.manifest,
    dependencies: derived.dependencies,
    peerDependencies: derived.peerDependencies,
    peerDependenciesMeta: derived.peerDependenciesMeta,
  };
  for (const field of ['dependencies', 'peerDependencies', 'peerDependenciesMeta']) {
    if (Object.keys(manifest[field] as object).length === 0) delete manifest[field];
  }
  writeFileSync(join(outDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);

  mkdirSync(tarballDir, { recursive: true });
  removeStaleTarballs(tarballDir, String(source.name));
  const tarball = npmPack(outDir, tarballDir);
  const files = readTarball(tarball);
  throwIfProblems(
    inspectPackage(files, {
      buildRoots: [...new Set([workspaceRoot, realpathSync(workspaceRoot)])],
      internalPrefix: definition.internalPrefix,
      peers: definition.peers,
    }),
  );
  return { name: String(source.name), version: String(source.version), directory: outDir, tarball, manifest, files };
}

function transformCopied(outDir: string, output: string, transform: (file: string, content: string) => string): void {
  const target = join(outDir, output);
  const files = statSync(target).isDirectory()
    ? readdirSync(target, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => posix.join(output, relative(target, join(entry.parentPath, entry.name)).replaceAll('\\', '/')))
    : [output];
  for (const file of files) {
    const path = join(outDir, file);
    const content = readFileSync(path, 'utf-8');
    const transformed = transform(file, content);
    if (transformed !== content) writeFileSync(path, transformed);
  }
}

/** A workspace-relative JSON file; a PAVED-900 error naming it when it cannot be read or parsed. */
export function readJsonFile(workspaceRoot: string, file: string): Record<string, unknown> {
  try {
    return JSON.parse(readFileSync(join(workspaceRoot, file), 'utf-8')) as Record<string, unknown>;
  } catch (error) {
    throw new PavedError({
      code: 'PAVED-900',
      file,
      message: (error as Error).message,
      expected: 'a readable JSON file',
    });
  }
}

function readSourceManifest(workspaceRoot: string, projectRoot: string): Record<string, unknown> {
  const file = join(projectRoot, 'package.json');
  const manifest = readJsonFile(workspaceRoot, file);
  const problems: Problem[] = [];
  for (const field of ['name', 'version'] as const) {
    if (typeof manifest[field] !== 'string')
      problems.push({ code: 'PAVED-900', file, keyPath: field, message: 'is missing' });
  }
  if (manifest.private === true) {
    problems.push({
      code: 'PAVED-900',
      file,
      keyPath: 'private',
      message: 'is true: changesets never publishes a private package',
      expected: 'no "private" field',
    });
  }
  throwIfProblems(problems);
  return manifest;
}

/** `publishConfig.directory`, resolved; never a folder holding the sources it is rebuilt from. */
function publishDirectory(workspaceRoot: string, projectRoot: string, manifest: Record<string, unknown>): string {
  const file = join(projectRoot, 'package.json');
  const directory = (manifest.publishConfig as { directory?: unknown } | undefined)?.directory;
  if (typeof directory !== 'string') {
    throw new PavedError({
      code: 'PAVED-900',
      file,
      keyPath: 'publishConfig.directory',
      message: 'is missing',
      expected: 'the folder the package is assembled in, e.g. "../../dist/packages/<name>"',
    });
  }
  const project = resolve(workspaceRoot, projectRoot);
  const outDir = resolve(project, directory);
  const holdsSources = [project, workspaceRoot].some((folder) => !relative(outDir, folder).startsWith('..'));
  if (holdsSources) {
    throw new PavedError({
      code: 'PAVED-900',
      file,
      keyPath: 'publishConfig.directory',
      message: `"${directory}" is or contains the project's sources; assembling the package empties it first`,
      expected: 'a build folder such as "../../dist/packages/<name>"',
    });
  }
  return outDir;
}

/** npm names a tarball `<scope>-<name>-<version>.tgz`: keep only the one of the version just packed. */
function removeStaleTarballs(tarballDir: string, name: string): void {
  const prefix = `${name.replace(/^@/, '').replace('/', '-')}-`;
  for (const file of readdirSync(tarballDir)) {
    if (file.startsWith(prefix) && /^\d/.test(file.slice(prefix.length)) && file.endsWith('.tgz')) {
      rmSync(join(tarballDir, file));
    }
  }
}
