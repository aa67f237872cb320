import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listNpmInstalledLicenses } from './npm-licenses';

// The advisories lib's real npm lockfile (npm 11); the installed manifests below stand for node_modules.
const fixture = join(__dirname, '..', '..', 'advisories', 'fixtures', 'workspaces', 'npm');

function workspace(installed: Record<string, object>): string {
  const root = mkdtempSync(join(tmpdir(), 'paved-npm-licenses-'));
  cpSync(fixture, root, { recursive: true });
  for (const [folder, manifest] of Object.entries(installed)) {
    mkdirSync(join(root, folder), { recursive: true });
    writeFileSync(join(root, folder, 'package.json'), JSON.stringify(manifest));
  }
  return root;
}

describe('listNpmInstalledLicenses', () => {
  it('reads each installed package.json, in its legacy forms too, falling back to the lockfile', () => {
    const root = workspace({
      'node_modules/send/node_modules/ms': { name: 'ms', version: '2.1.1', license: { type: 'MIT', url: 'x' } },
      'node_modules/ms': { name: 'ms', version: '2.0.0', licenses: [{ type: 'MIT' }, { type: 'Apache-2.0' }] },
      'node_modules/minimist': { name: 'minimist', version: '1.2.5' },
    });
    const { packages, listedBy } = listNpmInstalledLicenses({ root, lockfile: 'package-lock.json' });
    const license = (id: string) => packages.find((p) => `${p.name}@${p.version}` === id)?.license;
    expect(license('ms@2.1.1')).toBe('MIT');
    expect(license('ms@2.0.0')).toBe('(MIT OR Apache-2.0)');
    // Installed without a license field, though the registry's metadata (in the lockfile) says MIT: what is installed wins.
    expect(license('minimist@1.2.5')).toBe('Unknown');
    // Not in node_modules here: the lockfile's copy of the registry's license.
    expect(license('express@4.17.0')).toBe('MIT');
    expect(packages).toHaveLength(57);
    expect(listedBy).toBe('package-lock.json and node_modules');
  });

  it('leaves out development-only packages with prod', () => {
    const root = workspace({ 'node_modules/.package-lock.json': {} });
    const all = listNpmInstalledLicenses({ root, lockfile: 'package-lock.json' }).packages;
    const prod = listNpmInstalledLicenses({ root, lockfile: 'package-lock.json', prod: true }).packages;
    expect(all.map((p) => p.name).filter((name) => !prod.some((p) => p.name === name))).toEqual(['lodash']);
  });

  it('refuses an install that is not there, saying what to run', () => {
    expect(() => listNpmInstalledLicenses({ root: workspace({}), lockfile: 'package-lock.json' })).toThrow(
      'PAVED-601 package-lock.json: the dependencies it locks are not installed (no node_modules) (run `npm ci` first)',
    );
  });
});
