import { PavedError } from '@paved/errors';
import { parse } from 'yaml';

type Dependencies = Record<string, string | { version: string }>;

interface PnpmLockfile {
  lockfileVersion?: string | number;
  importers?: Record<
    string,
    { dependencies?: Dependencies; devDependencies?: Dependencies; optionalDependencies?: Dependencies }
  >;
  snapshots?: Record<
    string,
    { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> } | null
  >;
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
 * Every package a pnpm v9 lockfile installs, transitive ones included, with
 * the path from each importer (workspace project) that pulls it in.
 */
export function readPnpmLockfile(text: string, file = 'pnpm-lock.yaml'): InstalledPackage[] {
  const lockfile = parseLockfile(text, file);
  const snapshots = lockfile.snapshots ?? {};
  const found = new Map<string, InstalledPackage>();
  for (const [importer, sections] of Object.entries(lockfile.importers ?? {})) {
    const direct = { ...sections.dependencies, ...sections.devDependencies, ...sections.optionalDependencies };
    const queue: { key: string; name: string; path: string }[] = [];
    const seen = new Set<string>();
    const enqueue = (name: string, version: string, parentPath: string) => {
      if (version.startsWith('link:') || version.startsWith('file:')) return;
      const key = `${name}@${version}`;
      if (seen.has(key)) return;
      seen.add(key);
      queue.push({ key, name, path: `${parentPath} > ${name}@${stripPeers(version)}` });
    };
    for (const [name, entry] of Object.entries(direct))
      enqueue(name, typeof entry === 'string' ? entry : entry.version, importer);
    // Breadth first, so each package's first path is a shortest one.
    for (let index = 0; index < queue.length; index += 1) {
      const { key, name, path } = queue[index];
      const version = stripPeers(key.slice(name.length + 1));
      const id = `${name}@${version}`;
      const record = found.get(id) ?? { name, version, paths: [] };
      record.paths.push(path);
      found.set(id, record);
      const snapshot = snapshots[key] ?? {};
      for (const [child, childVersion] of Object.entries({
        ...snapshot.dependencies,
        ...snapshot.optionalDependencies,
      })) {
        enqueue(child, childVersion, path);
      }
    }
  }
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
}

function parseLockfile(text: string, file: string): PnpmLockfile {
  let lockfile: PnpmLockfile;
  try {
    lockfile = parse(text) as PnpmLockfile;
  } catch (error) {
    throw new PavedError({ code: 'PAVED-503', file, message: `not valid YAML: ${(error as Error).message}` });
  }
  if (!lockfile || String(lockfile.lockfileVersion ?? '').split('.')[0] !== '9') {
    throw new PavedError({
      code: 'PAVED-504',
      file,
      message: `unsupported lockfile version ${String(lockfile?.lockfileVersion ?? 'none')}`,
      expected: "lockfileVersion '9.0' (pnpm 9 and later)",
    });
  }
  return lockfile;
}
