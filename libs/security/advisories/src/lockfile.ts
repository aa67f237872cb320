import { PavedError } from '@paved/errors';
import { parse } from 'yaml';
import { assertLockfileShape, type Shape } from './lockfile-shape';

/** A dependency reference: "1.2.3", "1.2.3(react@18.2.0)", "link:../x", an alias "other@1.0.0"; v6 adds "/". */
type Dependencies = Record<string, string | { version: string }>;

interface ImporterSections {
  dependencies?: Dependencies;
  devDependencies?: Dependencies;
  optionalDependencies?: Dependencies;
}

type PackageSnapshot = { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> } | null;

interface PnpmLockfile extends ImporterSections {
  lockfileVersion?: string | number;
  importers?: Record<string, ImporterSections>;
  /** v9: what each installed package depends on, keyed "name@version(peers)". */
  snapshots?: Record<string, PackageSnapshot>;
  /** v6: metadata and dependencies together, keyed "/name@version(peers)". */
  packages?: Record<string, PackageSnapshot>;
}

export interface InstalledPackage {
  name: string;
  version: string;
  /** How each importer reaches it, shortest first: "libs/a > express@4.17.0 > body-parser@1.19.0". */
  paths: string[];
}

/** "1.2.3(react@18.2.0)" → "1.2.3": pnpm appends resolved peers to a snapshot's version. */
const stripPeers = (version: string): string => version.split('(')[0];

/**
 * Every package a pnpm lockfile installs, transitive ones included, with the path from each
 * importer (workspace project) that pulls it in. Reads lockfile v9 (pnpm 9 and 10: `snapshots`)
 * and v6 (pnpm 8: `/`-prefixed `packages` keys, and a single project's dependencies at the top
 * level instead of under `importers`).
 */
export function readPnpmLockfile(text: string, file = 'pnpm-lock.yaml'): InstalledPackage[] {
  const lockfile = parseLockfile(text, file);
  const v9 = lockfile.snapshots !== undefined || majorOf(lockfile) >= 9;
  const snapshotOf = (key: string): PackageSnapshot =>
    (v9 ? lockfile.snapshots?.[key] : (lockfile.packages?.[`/${key}`] ?? lockfile.packages?.[key])) ?? null;
  const importers = lockfile.importers ?? {
    '.': {
      dependencies: lockfile.dependencies,
      devDependencies: lockfile.devDependencies,
      optionalDependencies: lockfile.optionalDependencies,
    },
  };
  const found = new Map<string, InstalledPackage>();
  for (const [importer, sections] of Object.entries(importers)) {
    const direct = { ...sections.dependencies, ...sections.devDependencies, ...sections.optionalDependencies };
    const queue: { key: string; name: string; version: string; path: string }[] = [];
    const seen = new Set<string>();
    const enqueue = (alias: string, reference: string, parentPath: string) => {
      const resolved = resolveReference(alias, reference);
      if (!resolved || seen.has(resolved.key)) return;
      seen.add(resolved.key);
      queue.push({ ...resolved, path: `${parentPath} > ${resolved.name}@${resolved.version}` });
    };
    for (const [name, entry] of Object.entries(direct))
      enqueue(name, typeof entry === 'string' ? entry : entry.version, importer);
    // Breadth first, so each package's first path is a shortest one.
    for (let index = 0; index < queue.length; index += 1) {
      const { key, name, version, path } = queue[index];
      const id = `${name}@${version}`;
      const record = found.get(id) ?? { name, version, paths: [] };
      record.paths.push(path);
      found.set(id, record);
      const snapshot = snapshotOf(key) ?? {};
      for (const [child, childReference] of Object.entries({
        ...snapshot.dependencies,
        ...snapshot.optionalDependencies,
      })) {
        enqueue(child, childReference, path);
      }
    }
  }
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
}

/**
 * The installed package a reference points at, and its snapshot key; workspace links and
 * local folders are not installed packages. An alias (`"lodash": "npm:lodash-es@4"`) is
 * recorded as the real name and version ("lodash-es@4.17.21").
 */
function resolveReference(
  alias: string,
  reference: string,
): { key: string; name: string; version: string } | undefined {
  if (/^(link|file|workspace):/.test(reference)) return undefined;
  const bare = reference.startsWith('/') ? reference.slice(1) : reference;
  const base = stripPeers(bare);
  const at = base.lastIndexOf('@');
  if (at > 0) return { key: bare, name: base.slice(0, at), version: base.slice(at + 1) };
  return { key: `${alias}@${bare}`, name: alias, version: base };
}

const dependencyMap: Shape = { record: { oneOf: ['string', { object: { version: 'string' } }] } };
const importerShape: Shape = {
  object: { dependencies: dependencyMap, devDependencies: dependencyMap, optionalDependencies: dependencyMap },
};
const snapshotShape: Shape = {
  object: { dependencies: { record: 'string' }, optionalDependencies: { record: 'string' } },
  nullable: true,
};
/** What readPnpmLockfile reads of a lockfile, with the types it relies on. */
const pnpmLockfileShape: Shape = {
  object: {
    ...(importerShape as { object: Record<string, Shape> }).object,
    importers: { record: importerShape },
    snapshots: { record: snapshotShape },
    packages: { record: snapshotShape },
  },
};

const majorOf = (lockfile: PnpmLockfile) => Number(String(lockfile.lockfileVersion ?? '').split('.')[0]);

function parseLockfile(text: string, file: string): PnpmLockfile {
  let lockfile: PnpmLockfile;
  try {
    lockfile = parse(text) as PnpmLockfile;
  } catch (error) {
    throw new PavedError({ code: 'PAVED-503', file, message: `not valid YAML: ${(error as Error).message}` });
  }
  const major = lockfile ? majorOf(lockfile) : NaN;
  if (!(major >= 6 && major <= 9)) {
    throw new PavedError({
      code: 'PAVED-503',
      file,
      message: `unsupported lockfile version ${String(lockfile?.lockfileVersion ?? 'none')}`,
      expected: "lockfileVersion '6.0' (pnpm 8) to '9.0' (pnpm 9 and 10)",
      hint: 'a lockfile of pnpm 7 or older: run `pnpm install` with pnpm 8 or later to upgrade it',
    });
  }
  assertLockfileShape(lockfile, pnpmLockfileShape, file);
  return lockfile;
}
