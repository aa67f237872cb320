import { packPackage, type PackedPackage } from '@paved/packaging';
import { mkdtempSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { pavedCacheServer, pavedNx, SUPPORTED_NX } from './packages';

const workspaceRoot = join(__dirname, '..', '..', '..');
const readJson = (path: string) => JSON.parse(readFileSync(join(workspaceRoot, path), 'utf-8'));

function packInto(definition: Parameters<typeof packPackage>[0]): Promise<PackedPackage> {
  const dir = mkdtempSync(join(tmpdir(), 'paved-release-'));
  return packPackage(definition, { outDir: join(dir, 'package'), tarballDir: dir });
}

const text = (packed: PackedPackage, file: string) => packed.files.get(file)?.toString('utf-8') ?? '';
const codeFiles = (packed: PackedPackage) => [...packed.files.keys()].filter((file) => /\.[cm]?js$/.test(file));
/** Every module a packed file requires or imports, as written. */
const requiresOf = (packed: PackedPackage, file: string) =>
  [...text(packed, file).matchAll(/\b(?:require|import)\(\s*"([^"]+)"\s*\)/g)].map(([, specifier]) => specifier);
const packageOf = (specifier: string) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');
const isBuiltin = (specifier: string) => specifier.startsWith('node:') || builtinModules.includes(packageOf(specifier));

/** Exact versions the workspace's projects declare for a package (they pin exact versions). */
function declaredVersions(name: string): Set<string> {
  const manifests = [
    'package.json',
    ...['apps', 'tools'].flatMap((dir) => projectManifests(dir, 1)),
    ...projectManifests('libs', 2),
  ];
  return new Set(
    manifests
      .map(
        (file) => readJson(file) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> },
      )
      .map((manifest) => manifest.dependencies?.[name] ?? manifest.devDependencies?.[name])
      .filter((version): version is string => typeof version === 'string' && /^\d/.test(version)),
  );
}

function projectManifests(dir: string, depth: number): string[] {
  const folders = (parent: string): string[] =>
    readdirSync(join(workspaceRoot, parent), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && entry.name !== 'node_modules')
      .map((entry) => `${parent}/${entry.name}`);
  const found = depth === 1 ? folders(dir) : folders(dir).flatMap(folders);
  return found
    .map((folder) => `${folder}/package.json`)
    .filter((file) => {
      try {
        readJson(file);
        return true;
      } catch {
        return false;
      }
    });
}

describe('@paved/nx as packed', () => {
  let packed: PackedPackage;
  let manifest: {
    dependencies: Record<string, string>;
    peerDependencies: Record<string, string>;
    peerDependenciesMeta: Record<string, { optional: boolean }>;
    exports: Record<string, string>;
    bin: Record<string, string>;
  };
  beforeAll(async () => {
    packed = await packInto(pavedNx(workspaceRoot));
    manifest = JSON.parse(text(packed, 'package.json'));
  });

  it('leaves no internal @paved/* import unbundled', () => {
    const leftovers = codeFiles(packed).flatMap((file) =>
      requiresOf(packed, file)
        .filter((specifier) => specifier.startsWith('@paved/'))
        .map((specifier) => `${file}: ${specifier}`),
    );
    expect(leftovers).toEqual([]);
  });

  it('names no path of this checkout: not its folder, not its sources (../../libs), not its tsconfig paths', () => {
    const roots = [...new Set([workspaceRoot, realpathSync(workspaceRoot)])];
    const pathMappings = Object.values(readJson('tsconfig.base.json').compilerOptions.paths as Record<string, string[]>)
      .flat()
      .map((target) => target.replace(/^\.\//, ''));
    const found = [...packed.files].flatMap(([file, content]) =>
      content
        .toString('utf-8')
        .split('\n')
        // esbuild names each bundled module by its source path, in a comment where the module starts and as the
        // key of a lazily initialised module ("libs/x/src/index.ts"() {): labels inside the bundle, not file references.
        .filter((line) => !/^\s*\/\/ [\w@./+-]+$/.test(line) && !/^\s*"[\w@./+-]+"\(\) \{$/.test(line))
        .filter(
          (line) =>
            roots.some((root) => line.includes(root)) ||
            /\.\.\/(?:\.\.\/)+(?:libs|tools|apps|generators)\//.test(line) ||
            pathMappings.some((target) => line.includes(target)),
        )
        .map((line) => `${file}: ${line.trim().slice(0, 120)}`),
    );
    expect(found).toEqual([]);
  });

  it('declares every package it requires, as a dependency or a peer, and nothing it does not require', () => {
    const declared = new Set([...Object.keys(manifest.dependencies), ...Object.keys(manifest.peerDependencies)]);
    const required = new Set(
      codeFiles(packed).flatMap((file) =>
        requiresOf(packed, file)
          .filter((specifier) => !specifier.startsWith('.') && !isBuiltin(specifier))
          .map(packageOf),
      ),
    );
    expect([...required].filter((name) => !declared.has(name))).toEqual([]);
    expect(Object.keys(manifest.dependencies).filter((name) => !required.has(name))).toEqual([]);
    expect(required).toEqual(expect.objectContaining({ size: expect.any(Number) }));
    expect([...required]).toEqual(expect.arrayContaining(['@nx/devkit', 'zod', 'smol-toml']));
  });

  it("ranges its dependencies from the exact versions this workspace's projects declare", () => {
    for (const [name, range] of Object.entries(manifest.dependencies)) {
      expect(range, name).toMatch(/^\^\d+\.\d+\.\d+/);
      expect(declaredVersions(name), name).toContain(range.slice(1));
    }
  });

  it('takes nx, @nx/devkit and TypeScript as peers, and the ESLint preset packages as optional peers', () => {
    expect(manifest.peerDependencies).toMatchObject({ nx: SUPPORTED_NX, '@nx/devkit': SUPPORTED_NX });
    expect(manifest.peerDependencies.typescript).toBe('^5.0.0 || ^6.0.0');
    expect(SUPPORTED_NX).toBe('>=22.0.0 <24.0.0');
    expect(Object.keys(manifest.peerDependenciesMeta).sort()).toEqual([
      '@nx/eslint-plugin',
      'eslint',
      'typescript-eslint',
    ]);
    expect(Object.keys(manifest.dependencies)).not.toContain('nx');
    expect(Object.keys(manifest.dependencies)).not.toContain('@nx/devkit');
  });

  it('loads the plugin, generators, executors and the paved bin without any optional peer', () => {
    const optional = new Set(Object.keys(manifest.peerDependenciesMeta));
    const nxFacing = codeFiles(packed).filter((file) => file !== 'eslint.js');
    expect(nxFacing).toEqual(expect.arrayContaining(['src/index.js', 'bin/paved.js']));
    for (const file of nxFacing) {
      const required = requiresOf(packed, file);
      expect(
        required.filter((specifier) => optional.has(packageOf(specifier))),
        file,
      ).toEqual([]);
      expect(
        required.filter((specifier) => specifier.endsWith('eslint.js')),
        file,
      ).toEqual([]);
    }
  });

  it("keeps the source package.json's entry points, pointed at compiled files", () => {
    const source = readJson('tools/nx-plugin/package.json');
    expect(Object.keys(manifest.exports)).toEqual(Object.keys(source.exports));
    expect(manifest.exports).toMatchObject({
      '.': './src/index.js',
      './eslint': './eslint.js',
      './prettier': './prettier.cjs',
      './paved.schema.json': './paved.schema.json',
      './package.json': './package.json',
    });
    expect(manifest.bin).toEqual({ paved: './bin/paved.js' });
    expect(text(packed, 'bin/paved.js').split('\n')[0]).toBe('#!/usr/bin/env node');
  });

  it('ships each generator and executor with its schema.json and files/, the built-in catalog and an empty migrations list', () => {
    const generators = readJson('tools/nx-plugin/generators.json').generators as Record<
      string,
      { factory: string; schema: string }
    >;
    const executors = readJson('tools/nx-plugin/executors.json').executors as Record<
      string,
      { implementation: string; schema: string }
    >;
    for (const { factory, schema } of Object.values(generators)) {
      expect(packed.files.has(`${factory.replace('./', '')}.js`), factory).toBe(true);
      expect(packed.files.has(schema.replace('./', '')), schema).toBe(true);
    }
    for (const { implementation, schema } of Object.values(executors)) {
      expect(packed.files.has(`${implementation.replace('./', '')}.js`), implementation).toBe(true);
      expect(packed.files.has(schema.replace('./', '')), schema).toBe(true);
    }
    expect(packed.files.has('src/generators/project/files/README.md__tmpl__')).toBe(true);
    const kinds = readdirSync(join(workspaceRoot, 'generators'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    for (const kind of kinds) {
      expect(JSON.parse(text(packed, `catalog/${kind}/template.json`)).$schema).toBe('../../template.schema.json');
    }
    expect(JSON.parse(text(packed, 'migrations.json'))).toEqual({ generators: {}, packageJsonUpdates: {} });
    expect(JSON.parse(text(packed, 'package.json'))['nx-migrations']).toEqual({ migrations: './migrations.json' });
    for (const file of ['README.md', 'LICENSE', 'prettier.cjs', 'paved.schema.json', 'template.schema.json']) {
      expect(packed.files.has(file), file).toBe(true);
    }
    expect(text(packed, 'LICENSE')).toMatch(/^MIT License/);
  });
});

describe('@paved/cache-server as packed', () => {
  let packed: PackedPackage;
  beforeAll(async () => {
    packed = await packInto(pavedCacheServer(workspaceRoot));
  });

  it('runs paved-cache with the V8 flags of the shared esbuild configuration and loads the S3 SDK only from its sibling bundle', () => {
    const main = text(packed, 'bin/paved-cache.cjs');
    expect(main.split('\n')[0]).toBe('#!/usr/bin/env -S node --max-semi-space-size=2');
    expect(requiresOf(packed, 'bin/paved-cache.cjs')).toContain('./s3-sdk.cjs');
    expect(requiresOf(packed, 'bin/paved-cache.cjs')).not.toContain('@aws-sdk/client-s3');
    expect(requiresOf(packed, 'bin/s3-sdk.cjs')).toContain('@aws-sdk/client-s3');
  });

  it('declares its third-party packages with ranges and bundles the internal libraries', () => {
    const manifest = JSON.parse(text(packed, 'package.json'));
    expect(Object.keys(manifest.dependencies)).toEqual(
      expect.arrayContaining(['@aws-sdk/client-s3', 'pino', 'prom-client', 'zod']),
    );
    expect(Object.keys(manifest.dependencies).filter((name) => name.startsWith('@paved/'))).toEqual([]);
    expect(manifest.bin).toEqual({ 'paved-cache': './bin/paved-cache.cjs' });
    expect(manifest.engines).toEqual(
      readJson('package.json').engines.node ? { node: readJson('package.json').engines.node } : {},
    );
    expect(packed.files.has('paved-cache.schema.json')).toBe(true);
  });
});
