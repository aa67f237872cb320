import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listWorkspaceDirs, readWorkspaceManifests } from './workspace-packages';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'paved-ws-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const pkg = (name: string, extra: object = {}) => JSON.stringify({ name, ...extra });

describe('listWorkspaceDirs', () => {
  it('expands pnpm-workspace.yaml patterns (*, **, !exclusions), skipping node_modules and folders without package.json', () => {
    const root = tree({
      'package.json': pkg('root'),
      'pnpm-workspace.yaml':
        "packages:\n  - 'apps/*'\n  - 'libs/*/*'\n  - 'packages/**'\n  - '!packages/**/fixtures/**'\n",
      'apps/web/package.json': pkg('web'),
      'apps/web/node_modules/dep/package.json': pkg('dep'),
      'apps/README/notes.md': '',
      'libs/core/errors/package.json': pkg('errors'),
      'libs/core/package.json': pkg('not-matched'),
      'packages/a/package.json': pkg('a'),
      'packages/group/b/package.json': pkg('b'),
      'packages/group/fixtures/c/package.json': pkg('c'),
      'tools/x/package.json': pkg('x'),
    });
    expect(listWorkspaceDirs(root)).toEqual(['.', 'apps/web', 'libs/core/errors', 'packages/a', 'packages/group/b']);
  });

  it('is the root alone without pnpm-workspace.yaml, and refuses a malformed one', () => {
    expect(listWorkspaceDirs(tree({ 'package.json': pkg('root') }))).toEqual(['.']);
    expect(() => listWorkspaceDirs(tree({ 'pnpm-workspace.yaml': 'packages: apps/*\n' }))).toThrow(
      'PAVED-602 pnpm-workspace.yaml: packages: must be a list of folder patterns',
    );
    const folder = tree({ 'package.json': pkg('root') });
    mkdirSync(join(folder, 'pnpm-workspace.yaml'));
    expect(() => listWorkspaceDirs(folder)).toThrow('PAVED-602 pnpm-workspace.yaml: is a folder, not a file');
  });

  it('reads each manifest, naming a broken one', () => {
    const root = tree({ 'package.json': pkg('root', { private: true, license: 'MIT' }), 'libs/a/package.json': '{' });
    expect(readWorkspaceManifests(root, ['.'])).toEqual([
      { file: 'package.json', name: 'root', private: true, license: 'MIT' },
    ]);
    expect(() => readWorkspaceManifests(root, ['libs/a'])).toThrow(/^PAVED-602 libs\/a\/package.json: cannot read/);
  });
});
