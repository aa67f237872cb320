import { describe, expect, it } from 'vitest';
import { readWorkspaceGlobs, type WorkspaceGlobsFile } from './workspace-globs';

const globsOf = (files: Partial<Record<WorkspaceGlobsFile, string>>) => readWorkspaceGlobs((file) => files[file]);

describe('readWorkspaceGlobs', () => {
  it('reads pnpm-workspace.yaml packages, and nothing else once that file exists', () => {
    const pnpm = "packages:\n  - 'libs/**'\n  - '!libs/legacy/**'\n";
    expect(globsOf({ 'pnpm-workspace.yaml': pnpm, 'package.json': '{"workspaces": ["apps/*"]}' })).toEqual({
      globs: ['libs/**', '!libs/legacy/**'],
    });
    expect(globsOf({ 'pnpm-workspace.yaml': 'onlyBuiltDependencies: [esbuild]\n' })).toEqual({ globs: [] });
  });

  it('reads package.json workspaces as a list or as { packages }', () => {
    expect(globsOf({ 'package.json': '{"workspaces": ["packages/*"]}' })).toEqual({ globs: ['packages/*'] });
    expect(globsOf({ 'package.json': '{"workspaces": {"packages": ["apps/*"], "nohoist": []}}' })).toEqual({
      globs: ['apps/*'],
    });
  });

  it('declares nothing without either file, without workspaces, or with a package.json that is not JSON', () => {
    expect(globsOf({})).toEqual({ globs: undefined });
    expect(globsOf({ 'package.json': '{"name": "root"}' })).toEqual({ globs: undefined });
    expect(globsOf({ 'package.json': '{' })).toEqual({ globs: undefined });
  });

  it.each([
    [{ 'pnpm-workspace.yaml': 'packages: apps/*\n' }, [], 'pnpm-workspace.yaml', 'packages'],
    [{ 'pnpm-workspace.yaml': 'packages:\n  - apps/*\n  - 7\n' }, ['apps/*'], 'pnpm-workspace.yaml', 'packages'],
    [{ 'package.json': '{"workspaces": {"packages": "apps/*"}}' }, [], 'package.json', 'workspaces.packages'],
    [{ 'package.json': '{"workspaces": ["apps/*", null]}' }, ['apps/*'], 'package.json', 'workspaces'],
  ])('names what is wrong with %j, keeping the string entries', (files, globs, file, keyPath) => {
    expect(globsOf(files)).toEqual({
      globs,
      problem: { file, keyPath, message: 'must be a list of folder patterns', expected: 'e.g. ["apps/*", "libs/*/*"]' },
    });
  });

  it('names a pnpm-workspace.yaml that is not YAML', () => {
    expect(globsOf({ 'pnpm-workspace.yaml': 'packages: [\n' })).toMatchObject({
      globs: [],
      problem: { file: 'pnpm-workspace.yaml', message: expect.stringMatching(/^not valid YAML: /) as string },
    });
  });
});
