import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The package that ships a binary: what `--version` reports. */
export interface ShippingPackage {
  /** Its npm name, e.g. `@paved/nx`. */
  name: string;
  /**
   * Where its package.json is in this repository, relative to the repository root
   * (`tools/nx-plugin/package.json`): the fallback for running from source.
   */
  sourcePackageJson: string;
}

/**
 * The version of `pkg`, found by walking up from `from` (the binary's own folder, its
 * `__dirname`). At each folder it takes `package.json` when that is `pkg` (a bundle inside
 * the installed package: `<@paved/nx>/bin/paved.js`), else `<folder>/<sourcePackageJson>`
 * when that is `pkg` (running from this repository's source: tsx, the cached
 * `tools/cli/bin/paved.mjs` bundle under node_modules/.cache, `dist/apps/cache-server`).
 * Undefined when neither is found; nothing is built into the bundle, so a bundle is right
 * wherever it is copied as long as it stays inside its package.
 */
export function packageVersion(pkg: ShippingPackage, from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const version =
      versionIn(join(dir, 'package.json'), pkg.name) ?? versionIn(join(dir, pkg.sourcePackageJson), pkg.name);
    if (version) return version;
    if (dirname(dir) === dir) return undefined;
  }
}

function versionIn(file: string, name: string): string | undefined {
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(file, 'utf-8'));
  } catch {
    return undefined;
  }
  const { name: found, version } = (manifest ?? {}) as { name?: unknown; version?: unknown };
  return found === name && typeof version === 'string' ? version : undefined;
}
