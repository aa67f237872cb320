import { PavedError } from '@paved/errors';
import { PackageLayout, readJsonFile, type HostPeer, type PackageDefinition } from '@paved/packaging';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, posix } from 'node:path';
import { minVersion } from 'semver';

/** The Nx majors Paved supports; each is proven by the release e2e on a host of that major. */
export const SUPPORTED_NX = '>=22.0.0 <24.0.0';

const PLUGIN = 'tools/nx-plugin';
const CLI_ENTRY = 'tools/cli/src/main.ts';
const CACHE_SERVER = 'apps/cache-server';

/**
 * What the host workspace owns: Nx itself, TypeScript, and for the ESLint preset
 * (`@paved/nx/eslint`, an optional feature) its ESLint, @nx/eslint-plugin and typescript-eslint.
 * Paved never installs a second copy of those; the ranges are the versions Paved works with.
 */
const NX_HOST_PEERS: Record<string, HostPeer> = {
  nx: { range: SUPPORTED_NX },
  '@nx/devkit': { range: SUPPORTED_NX },
  '@nx/eslint-plugin': { range: SUPPORTED_NX, optional: true, onlyFrom: ['eslint.js'] },
  eslint: { range: '^9.0.0 || ^10.0.0', optional: true, onlyFrom: ['eslint.js'] },
  'typescript-eslint': { range: '^8.0.0', optional: true, onlyFrom: ['eslint.js'] },
  // init parses the team's ESLint and lint-staged configs with TypeScript's own parser.
  typescript: { range: '^5.0.0 || ^6.0.0' },
};

/** Files the plugin ships as they are, beside its bundles (the shared package layout, docs/releasing.md). */
const PLUGIN_FILES = [
  'README.md',
  'generators.json',
  'executors.json',
  'migrations.json',
  'paved.schema.json',
  'template.schema.json',
  'prettier.cjs',
];

/**
 * `@paved/nx`: the plugin index, the ESLint preset, every generator and executor that
 * generators.json and executors.json list (so a new generator ships without touching this
 * file), each with its schema.json and files/, the built-in template catalog, and the `paved`
 * CLI as its bin. The exports are the source package.json's, pointed at the bundles.
 */
export function pavedNx(workspaceRoot: string): PackageDefinition {
  const source = readJsonFile(workspaceRoot, `${PLUGIN}/package.json`);
  const layout = new PackageLayout()
    .entry(`${PLUGIN}/src/index.ts`, 'src/index.js')
    .entry(`${PLUGIN}/src/eslint.ts`, 'eslint.js')
    .entry(CLI_ENTRY, 'bin/paved.js', { shebang: '#!/usr/bin/env node' });
  for (const file of PLUGIN_FILES) layout.copy(`${PLUGIN}/${file}`, file);
  addSharedFiles(layout, PLUGIN);
  for (const { implementation, batch, schema } of collectionMembers(workspaceRoot, source)) {
    layout.entry(`${PLUGIN}/${implementation}.ts`, `${implementation}.js`);
    if (batch) layout.entry(`${PLUGIN}/${batch}.ts`, `${batch}.js`);
    layout.copy(`${PLUGIN}/${schema}`, schema);
    layout.copy(`${PLUGIN}/${posix.dirname(implementation)}/files`, `${posix.dirname(implementation)}/files`, {
      optional: true,
    });
  }
  for (const kind of builtInKinds(workspaceRoot)) {
    layout.copy(`generators/${kind}`, `catalog/${kind}`, { transform: schemaBesideThePackage('template.schema.json') });
  }

  const locate = (path: string) => (path === './package.json' ? path : layout.locate(`${PLUGIN}/${path}`));
  return {
    ...common(workspaceRoot, PLUGIN),
    layout,
    peers: NX_HOST_PEERS,
    manifest: {
      type: 'commonjs',
      main: locate(String(source.main)),
      exports: Object.fromEntries(
        Object.entries(source.exports as Record<string, string>).map(([key, path]) => [key, locate(path)]),
      ),
      bin: { paved: layout.locate(CLI_ENTRY) },
      generators: locate(String(source.generators)),
      executors: locate(String(source.executors)),
      'nx-migrations': { migrations: locate((source['nx-migrations'] as { migrations: string }).migrations) },
      engines: engines(workspaceRoot),
    },
  };
}

/**
 * `@paved/cache-server`: `paved-cache` built with the cache server's own esbuild configuration
 * (the `#!` line with its V8 flags, and the S3 SDK in the sibling s3-sdk.cjs that only S3
 * storage loads), its third-party packages left as dependencies.
 */
export function pavedCacheServer(workspaceRoot: string): PackageDefinition {
  const config = createRequire(join(workspaceRoot, 'package.json'))(
    join(workspaceRoot, CACHE_SERVER, 'esbuild.config.cjs'),
  ) as { banner: { js: string }; plugins: PackageDefinition['plugins'] };
  const layout = new PackageLayout()
    .entry(`${CACHE_SERVER}/src/main.ts`, 'bin/paved-cache.cjs', { shebang: config.banner.js })
    // The name the main bundle requires it by (esbuild.config.cjs).
    .entry(`${CACHE_SERVER}/src/s3-sdk.ts`, 'bin/s3-sdk.cjs')
    .copy(`${CACHE_SERVER}/README.md`, 'README.md')
    .copy(`${CACHE_SERVER}/paved-cache.schema.json`, 'paved-cache.schema.json');
  addSharedFiles(layout, CACHE_SERVER);
  return {
    ...common(workspaceRoot, CACHE_SERVER),
    layout,
    peers: {},
    plugins: config.plugins,
    manifest: {
      type: 'commonjs',
      bin: { 'paved-cache': layout.locate(`${CACHE_SERVER}/src/main.ts`) },
      exports: {
        './paved-cache.schema.json': layout.locate(`${CACHE_SERVER}/paved-cache.schema.json`),
        './package.json': './package.json',
      },
      engines: engines(workspaceRoot),
    },
  };
}

/** The packages `release:pack` builds, by the name `nx run-many -t package` passes. */
export const releasePackages: Record<string, (workspaceRoot: string) => PackageDefinition> = {
  nx: pavedNx,
  'cache-server': pavedCacheServer,
};

function common(workspaceRoot: string, projectRoot: string) {
  return {
    workspaceRoot,
    projectRoot,
    internalPrefix: '@paved/',
    target: nodeTarget(workspaceRoot),
    tsconfig: 'tsconfig.base.json',
  };
}

function addSharedFiles(layout: PackageLayout, projectRoot: string): void {
  layout.copy('LICENSE', 'LICENSE').copy(`${projectRoot}/CHANGELOG.md`, 'CHANGELOG.md', { optional: true });
}

/** Generators and executors as generators.json and executors.json name them, extension-less. */
function collectionMembers(workspaceRoot: string, source: Record<string, unknown>) {
  const members: { implementation: string; batch?: string; schema: string }[] = [];
  const moduleOf = (path: string) => posix.normalize(path.split('#')[0]).replace(/\.[cm]?[jt]s$/, '');
  for (const [field, key] of [
    ['generators', 'factory'],
    ['executors', 'implementation'],
  ] as const) {
    const file = posix.join(PLUGIN, String(source[field]));
    const collection = readJsonFile(workspaceRoot, file)[field] as Record<string, Record<string, string>>;
    for (const [name, member] of Object.entries(collection)) {
      const implementation = moduleOf(member[key]);
      // Nx runs an executor's batch implementation for `run-many` where it has one.
      const batch = member.batchImplementation ? moduleOf(member.batchImplementation) : undefined;
      if (!existsSync(join(workspaceRoot, PLUGIN, `${implementation}.ts`)) || typeof member.schema !== 'string') {
        throw new PavedError({
          code: 'PAVED-900',
          file,
          keyPath: `${field}.${name}`,
          message: `names "${member[key]}" and schema "${member.schema}"`,
          expected: `a TypeScript ${key} under ${PLUGIN} and a schema.json`,
        });
      }
      if (batch && !existsSync(join(workspaceRoot, PLUGIN, `${batch}.ts`))) {
        throw new PavedError({
          code: 'PAVED-900',
          file,
          keyPath: `${field}.${name}.batchImplementation`,
          message: `names "${member.batchImplementation}", which does not exist`,
          expected: `a TypeScript module under ${PLUGIN}`,
        });
      }
      members.push({ implementation, ...(batch ? { batch } : {}), schema: posix.normalize(member.schema) });
    }
  }
  return members;
}

/**
 * A kind's template.json names its JSON Schema by a path into this repository's tools/; in the
 * package, the same schema sits at the package root.
 */
function schemaBesideThePackage(schema: string) {
  return (file: string, content: string) =>
    file.endsWith('/template.json')
      ? content.replace(
          /("\$schema"\s*:\s*)"[^"]*"/,
          (_, key: string) => `${key}"${posix.relative(posix.dirname(file), schema)}"`,
        )
      : content;
}

/** The project kinds of generators/ (each a folder with a template.json). */
function builtInKinds(workspaceRoot: string): string[] {
  return readdirSync(join(workspaceRoot, 'generators'), { withFileTypes: true })
    .filter(
      (entry) => entry.isDirectory() && existsSync(join(workspaceRoot, 'generators', entry.name, 'template.json')),
    )
    .map((entry) => entry.name)
    .sort();
}

/** The Node versions this repository runs and tests on (its root package.json), which the bundles are built for. */
function engines(workspaceRoot: string): { node: string } {
  const node = (readJsonFile(workspaceRoot, 'package.json').engines as { node?: string } | undefined)?.node;
  if (!node) {
    throw new PavedError({ code: 'PAVED-900', file: 'package.json', keyPath: 'engines.node', message: 'is missing' });
  }
  return { node };
}

function nodeTarget(workspaceRoot: string): string {
  const lowest = minVersion(engines(workspaceRoot).node);
  return `node${lowest?.major ?? 20}.${lowest?.minor ?? 0}`;
}
