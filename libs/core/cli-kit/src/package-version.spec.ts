import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { packageVersion } from './index';

const scratch = mkdtempSync(join(tmpdir(), 'cli-kit-version-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function write(path: string, manifest: object): void {
  mkdirSync(dirname(join(scratch, path)), { recursive: true });
  writeFileSync(join(scratch, path), JSON.stringify(manifest));
}

const nx = { name: '@paved/nx', sourcePackageJson: 'tools/nx-plugin/package.json' };

describe('packageVersion', () => {
  it('finds the package a bundle is shipped in, above its folder', () => {
    write('shipped/node_modules/@paved/nx/package.json', { name: '@paved/nx', version: '1.4.0' });
    mkdirSync(join(scratch, 'shipped/node_modules/@paved/nx/bin'), { recursive: true });
    expect(packageVersion(nx, join(scratch, 'shipped/node_modules/@paved/nx/bin'))).toBe('1.4.0');
  });

  it('passes packages of other names and falls back to the source layout of the repository', () => {
    write('repo/package.json', { name: '@paved/source', version: '0.0.0' });
    write('repo/tools/cli/package.json', { name: '@paved/cli', version: '9.9.9' });
    write('repo/tools/nx-plugin/package.json', { name: '@paved/nx', version: '0.3.0' });
    mkdirSync(join(scratch, 'repo/tools/cli/src'), { recursive: true });
    mkdirSync(join(scratch, 'repo/node_modules/.cache/paved-cli'), { recursive: true });
    expect(packageVersion(nx, join(scratch, 'repo/tools/cli/src'))).toBe('0.3.0');
    expect(packageVersion(nx, join(scratch, 'repo/node_modules/.cache/paved-cli'))).toBe('0.3.0');
  });

  it('is undefined when the package is nowhere above', () => {
    expect(packageVersion({ name: '@paved/not-there', sourcePackageJson: 'x/package.json' }, scratch)).toBeUndefined();
  });
});
