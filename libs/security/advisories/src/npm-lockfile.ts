import { PavedError } from '@paved/errors';
import { type InstalledPackage } from './lockfile';
import { assertLockfileShape, type Shape } from './lockfile-shape';

const names: Shape = { record: 'string' };
/** What the npm readers read of package-lock.json, with the types they rely on. */
const npmLockfileShape: Shape = {
  object: {
    packages: {
      record: {
        object: {
          name: 'string',
          version: 'string',
          dependencies: names,
          devDependencies: names,
          optionalDependencies: names,
          peerDependencies: names,
        },
      },
    },
  },
};

/** One `packages` entry of package-lock.json v2/v3, keyed by its folder ("node_modules/a/node_modules/b"). */
interface NpmLockEntry {
  name?: string;
  version?: string;
  resolved?: string;
  link?: boolean;
  dev?: boolean;
  devOptional?: boolean;
  optional?: boolean;
  license?: unknown;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

/** An installed package as package-lock.json records it, at the folder npm puts it. */
export interface NpmLockedPackage {
  /** Workspace-relative folder: "node_modules/debug/node_modules/ms". */
  location: string;
  name: string;
  version: string;
  /** Only installed for development (`dev`, or `devOptional`: dev and optional, never production). */
  dev: boolean;
  /** The license npm recorded from the registry's metadata, when it did. */
  license?: unknown;
}

interface NpmLockfile {
  lockfileVersion?: number;
  packages?: Record<string, NpmLockEntry>;
}

const segment = '/node_modules/';
const nameAt = (location: string, entry: NpmLockEntry) =>
  entry.name ?? location.slice(location.lastIndexOf('node_modules/') + 'node_modules/'.length);
/** Importers: the root ("") and the workspace folders, i.e. entries not inside any node_modules. */
const isImporter = (location: string) => !`/${location}`.includes(segment);
const parentOf = (dir: string) => (dir.includes('/') ? dir.slice(0, dir.lastIndexOf('/')) : '');

/**
 * Every package installed per package-lock.json (or npm-shrinkwrap.json) v2 or v3 (npm 7
 * and later), with its folder: the `packages` map, workspace links and folders left out.
 */
export function readNpmLockedPackages(text: string, file = 'package-lock.json'): NpmLockedPackage[] {
  return Object.entries(parseLockfile(text, file).packages ?? {})
    .filter(([location, entry]) => !isImporter(location) && !entry.link && typeof entry.version === 'string')
    .map(([location, entry]) => ({
      location,
      name: nameAt(location, entry),
      version: entry.version as string,
      dev: entry.dev === true || entry.devOptional === true,
      ...(entry.license === undefined ? {} : { license: entry.license }),
    }));
}

/**
 * Every package an npm lockfile installs, with the path from each importer that pulls it in,
 * in the form the pnpm reader gives ("packages/a > debug@2.6.9 > ms@2.0.0", "." for the root).
 * Dependencies resolve as Node resolves them: the nearest node_modules folder upwards from the
 * dependent's folder. Packages no importer reaches (extraneous ones) are listed without paths.
 */
export function readNpmLockfile(text: string, file = 'package-lock.json'): InstalledPackage[] {
  const packages = parseLockfile(text, file).packages ?? {};
  const resolve = (from: string, dependency: string): string | undefined => {
    for (let dir = from; ; dir = parentOf(dir)) {
      const candidate = dir === '' ? `node_modules/${dependency}` : `${dir}/node_modules/${dependency}`;
      if (packages[candidate]) return candidate;
      if (dir === '') return undefined;
    }
  };
  const found = new Map<string, InstalledPackage>();
  const record = (location: string) => {
    const entry = packages[location];
    const id = `${nameAt(location, entry)}@${entry.version}`;
    const existing = found.get(id) ?? { name: nameAt(location, entry), version: entry.version as string, paths: [] };
    found.set(id, existing);
    return existing;
  };
  for (const importer of Object.keys(packages).filter(isImporter)) {
    const own = packages[importer];
    const seen = new Set<string>();
    const queue: { location: string; path: string }[] = [];
    const enqueue = (from: string, dependencies: Record<string, string> | undefined, parentPath: string) => {
      for (const dependency of Object.keys(dependencies ?? {})) {
        const location = resolve(from, dependency);
        const entry = location ? packages[location] : undefined;
        // Unresolved (an optional peer nobody installed) or a link to a workspace folder: not an installed package.
        if (!location || !entry || entry.link || seen.has(location)) continue;
        seen.add(location);
        queue.push({ location, path: `${parentPath} > ${nameAt(location, entry)}@${entry.version}` });
      }
    };
    const label = importer === '' ? '.' : importer;
    for (const section of [own.dependencies, own.devDependencies, own.optionalDependencies, own.peerDependencies])
      enqueue(importer, section, label);
    // Breadth first, so each package's first path is a shortest one.
    for (let index = 0; index < queue.length; index += 1) {
      const { location, path } = queue[index];
      record(location).paths.push(path);
      const entry = packages[location];
      for (const section of [entry.dependencies, entry.optionalDependencies, entry.peerDependencies])
        enqueue(location, section, path);
    }
  }
  for (const [location, entry] of Object.entries(packages)) {
    if (!isImporter(location) && !entry.link && typeof entry.version === 'string') record(location);
  }
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
}

function parseLockfile(text: string, file: string): NpmLockfile {
  let lockfile: NpmLockfile;
  try {
    lockfile = JSON.parse(text) as NpmLockfile;
  } catch (error) {
    throw new PavedError({ code: 'PAVED-503', file, message: `not valid JSON: ${(error as Error).message}` });
  }
  const version = lockfile?.lockfileVersion;
  if ((version !== 2 && version !== 3) || typeof lockfile.packages !== 'object' || lockfile.packages === null) {
    throw new PavedError({
      code: 'PAVED-503',
      file,
      message: `unsupported lockfile version ${String(version ?? 'none')}`,
      expected: 'lockfileVersion 2 or 3 with a "packages" map (npm 7 and later)',
      hint: 'a lockfile of npm 6 or older: run `npm install --package-lock-only` with npm 7 or later to upgrade it',
    });
  }
  assertLockfileShape(lockfile, npmLockfileShape, file);
  return lockfile;
}
