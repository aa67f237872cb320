import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { nxPrintsBatchTaskResults, packageJsonProjectMatcher } from './nx-internals';

function tree(files: Record<string, unknown>): string {
  const root = mkdtempSync(join(tmpdir(), 'paved-nx-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return root;
}

const candidates = [
  'package.json',
  'apps/web/package.json',
  'libs/shop/cart/package.json',
  'libs/shop/cart/fixtures/sample/package.json',
  'tools/scripts/package.json',
];
const projectsOf = (root: string) => {
  const matches = packageJsonProjectMatcher(root, candidates);
  return candidates.filter((file) => matches(file));
};

// Against the installed Nx: the globbing is Nx's own code, not a copy.
describe("packageJsonProjectMatcher: Nx's own choice of package.json projects", () => {
  afterEach(() => {
    delete process.env.NX_INFER_ALL_PACKAGE_JSONS;
  });

  it('takes what pnpm-workspace.yaml globs match, honouring exclusions, and leaves the root alone', () => {
    const root = tree({
      'package.json': { name: 'acme' },
      'pnpm-workspace.yaml': "packages:\n  - 'apps/*'\n  - 'libs/**'\n  - '!**/fixtures/**'\n",
    });
    expect(projectsOf(root)).toEqual(['apps/web/package.json', 'libs/shop/cart/package.json']);
  });

  it('reads npm and yarn workspaces from package.json, and takes the root when it has an nx key', () => {
    const root = tree({ 'package.json': { name: 'acme', workspaces: ['apps/*', 'tools/*'], nx: {} } });
    expect(projectsOf(root)).toEqual(['package.json', 'apps/web/package.json', 'tools/scripts/package.json']);
    const packagesForm = tree({ 'package.json': { name: 'acme', workspaces: { packages: ['libs/*/*'] } } });
    expect(projectsOf(packagesForm)).toEqual(['libs/shop/cart/package.json']);
  });

  it('takes none without workspaces, and all of them under NX_INFER_ALL_PACKAGE_JSONS', () => {
    const root = tree({ 'package.json': { name: 'acme' } });
    expect(projectsOf(root)).toEqual([]);
    process.env.NX_INFER_ALL_PACKAGE_JSONS = 'true';
    const matches = packageJsonProjectMatcher(root, candidates.slice(1));
    expect(candidates.slice(1).every((file) => matches(file))).toBe(true);
  });
});

describe('nxPrintsBatchTaskResults', () => {
  it('is true from Nx 22.4, which prints streamed batch results itself', () => {
    expect(['22.0.4', '22.3.3', '22.4.0', '22.7.12', '23.2.1'].map((v) => nxPrintsBatchTaskResults(v))).toEqual([
      false,
      false,
      true,
      true,
      true,
    ]);
    expect(typeof nxPrintsBatchTaskResults()).toBe('boolean');
  });
});
