import { PavedError } from '@paved/errors';
import { MAX_MANIFEST_BYTES, readRegularText, readRegularTextOr } from '@paved/repo-files';
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { readPnpmLockfile, type InstalledPackage } from './lockfile';
import { readNpmLockfile } from './npm-lockfile';

export type PackageManagerName = 'pnpm' | 'npm' | 'yarn' | 'bun';

export interface WorkspaceLockfile {
  /** Workspace-relative file name: "pnpm-lock.yaml", "package-lock.json", … */
  file: string;
  packageManager: PackageManagerName;
  /** Whether Paved reads this kind of lockfile (pnpm and npm; yarn and bun not yet). */
  supported: boolean;
}

/** Lockfile names in the order Nx's detectPackageManager looks (bun, yarn, pnpm, npm; npm-shrinkwrap.json wins over package-lock.json as in npm). */
const lockfileNames: readonly { file: string; packageManager: PackageManagerName }[] = [
  { file: 'bun.lock', packageManager: 'bun' },
  { file: 'bun.lockb', packageManager: 'bun' },
  { file: 'yarn.lock', packageManager: 'yarn' },
  { file: 'pnpm-lock.yaml', packageManager: 'pnpm' },
  { file: 'npm-shrinkwrap.json', packageManager: 'npm' },
  { file: 'package-lock.json', packageManager: 'npm' },
];

const supported = (packageManager: PackageManagerName) => packageManager === 'pnpm' || packageManager === 'npm';

/**
 * The lockfile the workspace really has: the one of the package manager package.json's
 * `packageManager` names when that lockfile exists, else the first found in Nx's order.
 * Undefined when there is none.
 */
export function findLockfile(root: string): WorkspaceLockfile | undefined {
  const present = lockfileNames.filter(({ file }) => existsSync(join(root, file)));
  const pinned = packageManagerOf(root);
  const chosen = present.find((candidate) => candidate.packageManager === pinned) ?? present[0];
  return chosen && { ...chosen, supported: supported(chosen.packageManager) };
}

/** What a lockfile file name says about its format; content decides for other names (JSON is npm's). */
export function lockfileAt(path: string): WorkspaceLockfile {
  const known = lockfileNames.find(({ file }) => file === basename(path));
  if (known) return { ...known, file: path, supported: supported(known.packageManager) };
  const json = lockfileText(path, basename(path)).trimStart().startsWith('{');
  return { file: path, packageManager: json ? 'npm' : 'pnpm', supported: true };
}

/**
 * Every package the lockfile installs, with importer paths. A lockfile kind Paved cannot read
 * yet is PAVED-504; a malformed or too old one PAVED-503.
 */
export function readLockfile(root: string, lockfile: WorkspaceLockfile): InstalledPackage[] {
  const path = join(root, lockfile.file);
  if (!lockfile.supported) throw unsupportedLockfile(lockfile);
  const text = lockfileText(path, lockfile.file);
  return lockfile.packageManager === 'npm'
    ? readNpmLockfile(text, lockfile.file)
    : readPnpmLockfile(text, lockfile.file);
}

/** Lockfiles of the largest monorepos are tens of megabytes; past this it is not one. */
export const MAX_LOCKFILE_BYTES = 256 * 1024 * 1024;

/** A lockfile is read only as a regular file under MAX_LOCKFILE_BYTES: a folder, FIFO or device is refused unread. */
function lockfileText(path: string, shownAs: string): string {
  return readRegularTextOr(path, MAX_LOCKFILE_BYTES, ({ reason }) => {
    throw new PavedError({
      code: 'PAVED-503',
      file: shownAs,
      message: `the lockfile ${reason}`,
      expected: `a regular lockfile of at most ${MAX_LOCKFILE_BYTES} bytes`,
      hint: 'run the package manager install to write it, or pass --lockfile with the right path',
    });
  });
}

export function unsupportedLockfile(lockfile: WorkspaceLockfile): PavedError {
  return new PavedError({
    code: 'PAVED-504',
    file: lockfile.file,
    message: `${lockfile.packageManager} lockfiles are not supported yet`,
    expected: 'pnpm-lock.yaml (lockfile v6 to v9) or package-lock.json / npm-shrinkwrap.json (v2, v3)',
    hint: 'scan a pnpm or npm install of the same dependencies, or follow Paved for yarn and bun support',
  });
}

function packageManagerOf(root: string): PackageManagerName | undefined {
  try {
    const manifest = readRegularText(join(root, 'package.json'), MAX_MANIFEST_BYTES);
    if (manifest.kind !== 'text') return undefined;
    const { packageManager } = JSON.parse(manifest.text) as {
      packageManager?: unknown;
    };
    const name = typeof packageManager === 'string' ? packageManager.split('@')[0] : undefined;
    return lockfileNames.find((candidate) => candidate.packageManager === name)?.packageManager;
  } catch {
    return undefined;
  }
}
