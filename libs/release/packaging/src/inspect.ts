import { type Problem } from '@paved/errors';
import { isBuiltin } from 'node:module';
import { posix } from 'node:path';
import { isBareSpecifier, packageName, type HostPeer } from './dependencies';

export interface InspectOptions {
  /** Absolute folders of the checkout that built the package (and their real paths): nothing may name them. */
  buildRoots: readonly string[];
  /** Imports starting with this are the workspace's own libraries, which must be bundled (`@paved/`). */
  internalPrefix: string;
  /** The host-owned peers; an optional one may be loaded only from its `onlyFrom` files. */
  peers: Readonly<Record<string, HostPeer>>;
}

interface Manifest {
  main?: string;
  types?: string;
  bin?: string | Record<string, string>;
  exports?: unknown;
  generators?: string;
  executors?: string;
  'nx-migrations'?: string | { migrations?: string };
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

const CODE = /\.[cm]?js$/;
const TEXT = /\.(?:[cm]?js|json|md|txt|ya?ml|d\.ts)$|(?:^|\/)LICENSE$|__tmpl__$/;
// A specifier holding a `${…}` placeholder is text a bundle writes into generated files (a config
// it creates), never a module it loads.
const REQUIRE = /\b(?:require|import)\(\s*(["'])((?:(?!\$\{)[^"'\n])+)\1\s*\)/g;
/** esbuild's marker of where a bundled module starts: a comment naming its source, not a reference to it. */
const REGION_COMMENT = /^\s*\/\/ [\w@./+-]+$/;
/** A relative path that climbs out of an installed package into a source checkout. */
const CLIMBS_INTO_CHECKOUT = /(?:\.\.\/){2,}(?:libs|tools|apps|generators|node_modules)\//;

/**
 * Everything that makes a packed package depend on the checkout that built it, or fail to
 * load where it is installed: an internal import left unbundled, an import of a package that
 * package.json does not declare, a relative require of a file the package does not contain,
 * a declared dependency nothing imports, an optional peer loaded by a file that must work
 * without it, a path into the checkout, TypeScript sources, and package.json or Nx collection
 * fields naming files that are not there. Returns every problem (PAVED-906), an empty list
 * when the package is self-contained.
 */
export function inspectPackage(files: ReadonlyMap<string, Buffer>, options: InspectOptions): Problem[] {
  const problems: Problem[] = [];
  const problem = (file: string, message: string, hint?: string) =>
    problems.push({ code: 'PAVED-906', file, message, ...(hint ? { hint } : {}) });
  const manifestText = files.get('package.json')?.toString('utf-8');
  if (manifestText === undefined) {
    problem('package.json', 'the package has no package.json');
    return problems;
  }
  const manifest = JSON.parse(manifestText) as Manifest;
  const dependencies = Object.keys(manifest.dependencies ?? {});
  const declared = new Set([...dependencies, ...Object.keys(manifest.peerDependencies ?? {})]);

  const packagesRequiredBy = new Map<string, Set<string>>();
  const filesRequiredBy = new Map<string, Set<string>>();
  for (const [file, content] of files) {
    if (!CODE.test(file)) continue;
    const packages = new Set<string>();
    const required = new Set<string>();
    for (const [, , specifier] of content.toString('utf-8').matchAll(REQUIRE)) {
      if (specifier.startsWith(options.internalPrefix)) {
        problem(file, `requires "${specifier}": an internal library left unbundled`);
      } else if (isBareSpecifier(specifier)) {
        if (isBuiltin(specifier)) continue;
        const name = packageName(specifier);
        packages.add(name);
        if (!declared.has(name)) {
          problem(
            file,
            `requires "${specifier}", but package.json declares ${name} in neither dependencies nor peerDependencies`,
          );
        }
      } else {
        const target = resolveInPackage(files, posix.join(posix.dirname(file), specifier));
        if (target) required.add(target);
        else problem(file, `requires "${specifier}", which the package does not contain`);
      }
    }
    packagesRequiredBy.set(file, packages);
    filesRequiredBy.set(file, required);
  }

  const used = new Set([...packagesRequiredBy.values()].flatMap((names) => [...names]));
  for (const name of dependencies.filter((dependency) => !used.has(dependency))) {
    problem('package.json', `declares the dependency ${name}, which no file of the package requires`);
  }

  for (const [name, peer] of Object.entries(options.peers)) {
    if (!peer.optional) continue;
    for (const file of packagesRequiredBy.keys()) {
      if (peer.onlyFrom?.includes(file)) continue;
      const loader = [...closure(file, filesRequiredBy)].find((reached) => packagesRequiredBy.get(reached)?.has(name));
      if (loader) {
        problem(
          file,
          `loads the optional peer ${name}${loader === file ? '' : ` (through ${loader})`}, so it fails where the host has none`,
          `only ${peer.onlyFrom?.join(', ') || 'no file'} may load it`,
        );
      }
    }
  }

  for (const [file, content] of files) {
    if (/\.[cm]?ts$/.test(file) && !/\.d\.[cm]?ts$/.test(file)) problem(file, 'ships TypeScript source');
    if (!TEXT.test(file)) continue;
    content
      .toString('utf-8')
      .split('\n')
      .forEach((line, index) => {
        if (REGION_COMMENT.test(line)) return;
        const root = options.buildRoots.find((candidate) => line.includes(candidate));
        if (root) problem(`${file}:${index + 1}`, `names ${root}, a folder of the checkout that built the package`);
        else if (CLIMBS_INTO_CHECKOUT.test(line)) {
          problem(`${file}:${index + 1}`, `refers to "${CLIMBS_INTO_CHECKOUT.exec(line)?.[0]}", outside the package`);
        }
      });
  }

  for (const [field, target] of manifestTargets(manifest)) {
    if (!resolveInPackage(files, target))
      problem('package.json', `${field} names "${target}", which the package does not contain`);
  }
  for (const field of ['generators', 'executors'] as const) {
    const collection = manifest[field];
    if (collection && files.has(posix.normalize(collection))) {
      problems.push(...collectionProblems(files, posix.normalize(collection)));
    }
  }
  const migrations = manifest['nx-migrations'];
  const migrationsFile = typeof migrations === 'string' ? migrations : migrations?.migrations;
  if (migrationsFile && files.has(posix.normalize(migrationsFile))) {
    problems.push(...collectionProblems(files, posix.normalize(migrationsFile)));
  }
  for (const bin of binFiles(manifest)) {
    const content = files.get(posix.normalize(bin));
    if (content && !content.toString('utf-8').startsWith('#!'))
      problem(posix.normalize(bin), 'is a bin without a #! line');
  }
  return problems;
}

/** Node's resolution of a file inside the package: as is, with an extension, or a folder's index. */
function resolveInPackage(files: ReadonlyMap<string, Buffer>, path: string): string | undefined {
  const base = posix.normalize(path).replace(/^\.\//, '').replace(/\/$/, '');
  return ['', '.js', '.cjs', '.json', '/index.js']
    .map((suffix) => base + suffix)
    .find((candidate) => files.has(candidate));
}

function closure(start: string, edges: ReadonlyMap<string, Set<string>>): Set<string> {
  const seen = new Set<string>([start]);
  const pending = [start];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    for (const target of edges.get(next) ?? []) {
      if (!seen.has(target)) {
        seen.add(target);
        pending.push(target);
      }
    }
  }
  return seen;
}

function binFiles(manifest: Manifest): string[] {
  if (typeof manifest.bin === 'string') return [manifest.bin];
  return Object.values(manifest.bin ?? {});
}

/** Every file path package.json names, with the field naming it. */
function manifestTargets(manifest: Manifest): [string, string][] {
  const targets: [string, string][] = [];
  for (const field of ['main', 'types', 'generators', 'executors'] as const) {
    const value = manifest[field];
    if (typeof value === 'string') targets.push([field, value]);
  }
  const migrations = manifest['nx-migrations'];
  const migrationsFile = typeof migrations === 'string' ? migrations : migrations?.migrations;
  if (migrationsFile) targets.push(['nx-migrations', migrationsFile]);
  for (const [name, path] of Object.entries(
    typeof manifest.bin === 'string' ? { bin: manifest.bin } : (manifest.bin ?? {}),
  )) {
    targets.push([`bin.${name}`, path]);
  }
  const visit = (value: unknown, keyPath: string) => {
    if (typeof value === 'string') {
      if (!value.includes('*')) targets.push([keyPath, value]);
    } else if (value && typeof value === 'object') {
      for (const [key, nested] of Object.entries(value)) visit(nested, `${keyPath}["${key}"]`);
    }
  };
  visit(manifest.exports, 'exports');
  return targets;
}

/** An Nx generators, executors or migrations collection: each implementation and schema must be in the package. */
function collectionProblems(files: ReadonlyMap<string, Buffer>, collectionFile: string): Problem[] {
  const collection = JSON.parse(files.get(collectionFile)?.toString('utf-8') ?? '{}') as Record<string, unknown>;
  const problems: Problem[] = [];
  for (const group of ['generators', 'executors', 'schematics', 'builders']) {
    const members = collection[group];
    if (!members || typeof members !== 'object') continue;
    for (const [name, member] of Object.entries(members as Record<string, Record<string, unknown>>)) {
      for (const key of ['factory', 'implementation', 'schema']) {
        const value = member?.[key];
        if (typeof value !== 'string') continue;
        const path = posix.join(posix.dirname(collectionFile), value.split('#')[0]);
        if (!resolveInPackage(files, path)) {
          problems.push({
            code: 'PAVED-906',
            file: collectionFile,
            keyPath: `${group}.${name}.${key}`,
            message: `names "${value}", which the package does not contain`,
          });
        }
      }
    }
  }
  return problems;
}
