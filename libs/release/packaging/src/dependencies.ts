import { type Problem } from '@paved/errors';
import { type Metafile } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname, join } from 'node:path';
import { satisfies } from 'semver';

/** A package the host workspace owns (nx, its ESLint): a peer dependency, never installed by Paved. */
export interface HostPeer {
  /** The versions Paved supports, e.g. `>=22.0.0 <24.0.0`. */
  range: string;
  /** Needed only by an optional feature (e.g. the ESLint preset). */
  optional?: boolean;
  /**
   * For an optional peer: the package files that may load it (directly or through the files
   * they require). Every other file must load without it. Package paths, e.g. `eslint.js`.
   */
  onlyFrom?: string[];
}

export interface DerivedDependencies {
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional: true }>;
  problems: Problem[];
}

/** The installed version of `name` as Node resolves it from `fromDir`, or undefined when it is not installed. */
export type InstalledVersion = (name: string, fromDir: string) => string | undefined;

/**
 * The dependencies of a package, from what its bundles import: every third-party package an
 * input file imports becomes `^<installed version>` (as resolved from that file, so the range
 * is what the code was built and tested against), except host-owned packages, which are peers
 * with their declared range (checked against the installed version). Node builtins are not
 * dependencies. Problems: an import of a package that is not installed (PAVED-902), one
 * package installed at two versions for two importers (PAVED-903), an installed host package
 * outside its peer range (PAVED-904).
 */
export function deriveDependencies(
  metafile: Metafile,
  workspaceRoot: string,
  peers: Readonly<Record<string, HostPeer>>,
  installedVersion: InstalledVersion = readInstalledVersion,
): DerivedDependencies {
  const problems: Problem[] = [];
  // An input lists imports the bundle dropped (type-only ones) as external too; the outputs list only what they require.
  const required = new Set(
    Object.values(metafile.outputs).flatMap((output) => output.imports.filter((i) => i.external).map((i) => i.path)),
  );
  const versions = new Map<string, Map<string, string[]>>();
  for (const [input, { imports }] of Object.entries(metafile.inputs)) {
    for (const { path, external } of imports) {
      if (!external || !required.has(path) || !isBareSpecifier(path) || isBuiltin(path)) continue;
      const name = packageName(path);
      const version = installedVersion(name, dirname(join(workspaceRoot, input)));
      if (version === undefined) {
        problems.push({
          code: 'PAVED-902',
          file: input,
          message: `imports "${path}", but ${name} is not installed where this file resolves it`,
          hint: `add ${name} to the dependencies of the project that imports it and install`,
        });
        continue;
      }
      const importers = versions.get(name) ?? new Map<string, string[]>();
      importers.set(version, [...(importers.get(version) ?? []), input]);
      versions.set(name, importers);
    }
  }

  const dependencies: Record<string, string> = {};
  for (const [name, importers] of versions) {
    if (importers.size > 1) {
      problems.push({
        code: 'PAVED-903',
        message: `${name} is installed at ${[...importers.keys()].join(' and ')} for different bundled files (${[...importers.entries()].map(([version, files]) => `${version}: ${files[0]}`).join('; ')})`,
        expected: 'one version, so one dependency range fits every import',
        hint: 'align the versions the projects declare',
      });
      continue;
    }
    const [version] = importers.keys();
    if (!(name in peers)) dependencies[name] = `^${version}`;
  }

  const peerDependencies: Record<string, string> = {};
  const peerDependenciesMeta: Record<string, { optional: true }> = {};
  for (const [name, peer] of Object.entries(peers)) {
    peerDependencies[name] = peer.range;
    if (peer.optional) peerDependenciesMeta[name] = { optional: true };
    // What this workspace builds and tests against must itself be a supported host version.
    const installed = [...(versions.get(name)?.keys() ?? [installedVersion(name, workspaceRoot)])];
    for (const version of installed) {
      if (version !== undefined && !satisfies(version, peer.range, { includePrerelease: true })) {
        problems.push({
          code: 'PAVED-904',
          message: `${name} ${version} is installed here, outside the peer range "${peer.range}"`,
          expected: `a range that includes the version this repository builds and tests with`,
        });
      }
    }
  }
  return {
    dependencies: sortKeys(dependencies),
    peerDependencies: sortKeys(peerDependencies),
    peerDependenciesMeta: sortKeys(peerDependenciesMeta),
    problems,
  };
}

/** Node's lookup: `<dir>/node_modules/<name>/package.json`, from `fromDir` up to the filesystem root. */
export function readInstalledVersion(name: string, fromDir: string): string | undefined {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const manifest = join(dir, 'node_modules', name, 'package.json');
    if (existsSync(manifest)) return (JSON.parse(readFileSync(manifest, 'utf-8')) as { version?: string }).version;
    if (dirname(dir) === dir) return undefined;
  }
}

/** A package import (`zod`, `@nx/devkit/testing`), not a relative or absolute path. */
export function isBareSpecifier(specifier: string): boolean {
  return !specifier.startsWith('.') && !specifier.startsWith('/') && !/^[a-zA-Z]:[\\/]/.test(specifier);
}

/** `@scope/name/sub/path` → `@scope/name`; `name/sub` → `name`. */
export function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}
