import { parsePolicy } from '@paved/policy';
import { existsSync, lstatSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scratchFiles } from './scratch-files';
import { ScratchWorkspace } from './scratch-workspace';

const repoRoot = join(__dirname, '..', '..', '..', '..');

describe('scratchFiles', () => {
  it('writes a paved.json the policy pipeline accepts', () => {
    const result = parsePolicy(scratchFiles()['paved.json']);
    expect(result.errors).toEqual([]);
    expect(result.policy?.npmScope).toBe('@acme');
  });

  it('declares the toolchain so Nx knows eslint and vitest as external packages', () => {
    const files = scratchFiles(undefined, { eslint: '10.15.0', '@paved/nx': 'workspace:*' });
    expect(JSON.parse(files['package.json']).devDependencies).toEqual({ eslint: '10.15.0', '@paved/nx': '*' });
  });
});

describe('ScratchWorkspace', () => {
  const workspace = ScratchWorkspace.create({ toolchainRoot: repoRoot });
  afterAll(() => workspace.dispose());

  it('is a git repository linked to an installed toolchain', () => {
    expect(workspace.git('rev-parse', '--is-inside-work-tree').trim()).toBe('true');
    expect(lstatSync(workspace.path('node_modules')).isSymbolicLink()).toBe(true);
    expect(existsSync(workspace.path('node_modules/.bin/nx'))).toBe(true);
  });

  it('runs commands in the workspace and reports their exit status and output', () => {
    workspace.write('notes/a.txt', 'hello');
    expect(workspace.read('notes/a.txt')).toBe('hello');
    expect(workspace.run('cat', ['notes/a.txt'])).toMatchObject({ status: 0, stdout: 'hello' });
    expect(workspace.run('cat', ['missing.txt']).status).not.toBe(0);
    expect(() => workspace.runOk('cat', ['missing.txt'])).toThrow(/`cat missing.txt` exited 1/);
  });

  it('hides the parent Nx task from the commands it runs', () => {
    process.env.NX_TASK_TARGET_PROJECT = 'leak';
    try {
      expect(workspace.run('sh', ['-c', 'echo "[$NX_TASK_TARGET_PROJECT][$NX_DAEMON]"']).stdout.trim()).toBe(
        '[][false]',
      );
    } finally {
      delete process.env.NX_TASK_TARGET_PROJECT;
    }
  });

  it('commits everything and is removed by dispose', () => {
    workspace.commitAll('initial');
    expect(workspace.git('log', '--oneline')).toContain('initial');
    const other = ScratchWorkspace.create({ toolchainRoot: repoRoot });
    other.dispose();
    expect(existsSync(other.root)).toBe(false);
  });
});
