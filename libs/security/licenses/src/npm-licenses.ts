import { readNpmLockedPackages } from '@paved/advisories';
import { PavedError } from '@paved/errors';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type InstalledListing, type InstalledLicense } from './pnpm-licenses';

export interface ListNpmLicensesOptions {
  /** Workspace root (where the lockfile and node_modules are). */
  root: string;
  /** package-lock.json or npm-shrinkwrap.json, workspace-relative. */
  lockfile: string;
  /** Production dependencies only: leaves out what npm marks `dev` or `devOptional`. */
  prod?: boolean;
}

/**
 * The licenses of an npm install, read without running npm: package-lock.json (v2/v3) says
 * which package sits in which folder, and each installed package.json says its license (the
 * lockfile's copy of the registry's `license` stands in for an optional package this platform
 * did not install). `npm ls --all --json` would add a process and still not give licenses.
 */
export function listNpmInstalledLicenses(options: ListNpmLicensesOptions): InstalledListing {
  const text = readFileSync(join(options.root, options.lockfile), 'utf-8');
  const locked = readNpmLockedPackages(text, options.lockfile).filter((p) => !(options.prod && p.dev));
  if (locked.length > 0 && !existsSync(join(options.root, 'node_modules'))) {
    throw new PavedError({
      code: 'PAVED-601',
      file: options.lockfile,
      message: 'the dependencies it locks are not installed (no node_modules)',
      hint: 'run `npm ci` first',
    });
  }
  const packages = new Map<string, InstalledLicense>();
  for (const { location, name, version, license } of locked) {
    const id = `${name}@${version}`;
    if (packages.has(id)) continue;
    // What is installed says; the lockfile's copy only for a package this platform did not install.
    const installed = readManifest(join(options.root, location, 'package.json'));
    packages.set(id, { name, version, license: licenseOf(installed ?? { license }) ?? 'Unknown' });
  }
  return {
    packages: [...packages.values()].sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version)),
    listedBy: `${options.lockfile} and node_modules`,
  };
}

function readManifest(path: string): { license?: unknown; licenses?: unknown } | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf-8'));
  } catch {
    return undefined;
  }
}

/**
 * A manifest's license as one expression, the way pnpm's listing normalizes it: the string;
 * the legacy `{ "type": "MIT" }`; the legacy `licenses` list as alternatives (`(MIT OR Apache-2.0)`).
 */
function licenseOf(manifest: { license?: unknown; licenses?: unknown } | undefined): string | undefined {
  const typeOf = (value: unknown) =>
    typeof value === 'string'
      ? value
      : typeof (value as { type?: unknown })?.type === 'string'
        ? (value as { type: string }).type
        : undefined;
  const single = typeOf(manifest?.license);
  if (single) return single;
  if (!Array.isArray(manifest?.licenses)) return undefined;
  const listed = manifest.licenses.map(typeOf).filter((type): type is string => type !== undefined);
  return listed.length <= 1 ? listed[0] : `(${listed.join(' OR ')})`;
}
