import { scratchRepository } from '@paved/scratch-repo';
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagnose } from '../doctor';
import { type Env } from '../environment';
import { isolatedGitEnv, tempWorkspace, testContext, testEnvironment } from '../testing-context';
import { checkHooks, inspectHooks, judgeHooks, writerOf, type HookState } from './hooks';

const repoRoot = join(__dirname, '..', '..', '..', '..', '..');
const husky9 = { devDependencies: { husky: '^9.1.7' } };

interface Repo {
  root: string;
  env: Env;
  git(...args: string[]): string;
  write(path: string, content: string, mode?: number): void;
  /** Runs this repository's husky 9 in it, as `npm install` would through `prepare`. */
  installHusky(): void;
}

/** A real git repository holding a workspace; `linkNodeModules` gives it this repository's husky. */
function gitRepo(files: Record<string, string> = {}, options: { linkNodeModules?: boolean } = {}): Repo {
  const root = tempWorkspace(files);
  const home = mkdtempSync(join(tmpdir(), 'paved-doctor-home-'));
  const env = isolatedGitEnv(home);
  const { git } = scratchRepository({ root, env: env as NodeJS.ProcessEnv });
  if (options.linkNodeModules) symlinkSync(join(repoRoot, 'node_modules'), join(root, 'node_modules'), 'dir');
  return {
    root,
    env,
    git,
    write(path, content, mode = 0o644) {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), content);
      chmodSync(join(root, path), mode);
    },
    installHusky() {
      execFileSync(join(root, 'node_modules', '.bin', 'husky'), [], { cwd: root, env: env as NodeJS.ProcessEnv });
    },
  };
}

/** A workspace that configures husky 9 with a pre-commit script, and has husky in node_modules. */
const huskyRepo = (files: Record<string, string> = { '.husky/pre-commit': 'lint-staged\n' }) =>
  gitRepo({ 'package.json': JSON.stringify(husky9), ...files }, { linkNodeModules: true });

const hooksOf = (repo: Repo) => checkHooks(testContext(repo.root, { env: repo.env }));
const fixHooks = async (repo: Repo) => {
  const report = await diagnose({
    environment: testEnvironment(repo.root, { env: repo.env }),
    fix: true,
    checks: [{ id: 'hooks', title: 'git hooks', run: checkHooks }],
  });
  return report;
};

describe('hooks check on real git repositories', () => {
  it('warns when there is no pre-commit hook and no manager', async () => {
    const outcome = await hooksOf(gitRepo());
    expect(outcome.verdict).toBe('warn');
    expect(outcome.reason).toBe(
      'no pre-commit hook in .git/hooks and no hook manager configured: commits are not checked',
    );
    expect(outcome.fix).toBeUndefined();
  });

  it('fails husky 9 configured but not installed, and --fix runs husky, which sets a repository-local core.hooksPath', async () => {
    const repo = huskyRepo();
    const before = await hooksOf(repo);
    expect(before.verdict).toBe('fail');
    expect(before.reason).toBe(
      'husky 9 is configured but its hooks are not installed (core.hooksPath is not set, not .husky/_)',
    );
    expect(before.fix?.action).toBe('run node_modules/.bin/husky');

    const report = await fixHooks(repo);
    expect(report.fixes).toEqual([
      { check: 'hooks', action: 'run node_modules/.bin/husky', fixed: true, result: 'ran node_modules/.bin/husky' },
    ]);
    expect(report.checks[0]).toMatchObject({
      verdict: 'pass',
      reason: 'pre-commit hook installed in .husky/_ (husky 9, runs lint-staged)',
    });
    expect(repo.git('config', '--local', 'core.hooksPath').trim()).toBe('.husky/_');
    expect(existsSync(join(repo.env.HOME as string, '.gitconfig'))).toBe(false);
  });

  it('fails a pre-commit hook that is not executable, and --fix sets its executable bit', async () => {
    const repo = huskyRepo();
    repo.installHusky();
    chmodSync(join(repo.root, '.husky', '_', 'pre-commit'), 0o644);
    const before = await hooksOf(repo);
    expect(before).toMatchObject({ verdict: 'fail', reason: '.husky/_/pre-commit is not executable: git ignores it' });
    const report = await fixHooks(repo);
    expect(report.fixes[0]).toMatchObject({ action: 'chmod +x .husky/_/pre-commit', fixed: true });
    expect(report.ok).toBe(true);
  });

  it('fails husky 9 installed without .husky/pre-commit: the stub runs nothing', async () => {
    const repo = huskyRepo({ '.husky/commit-msg': 'true\n' });
    repo.installHusky();
    expect(await hooksOf(repo)).toMatchObject({
      verdict: 'fail',
      reason: 'husky 9 is installed but .husky/pre-commit does not exist: no pre-commit runs',
    });
  });

  it('never writes to a global core.hooksPath: reports it, and for husky fixes it with a local one', async () => {
    const repo = huskyRepo();
    const globalHooks = mkdtempSync(join(tmpdir(), 'paved-global-hooks-'));
    writeFileSync(join(globalHooks, 'pre-commit'), '#!/bin/sh\necho global\n', { mode: 0o644 });
    repo.git('config', '--global', 'core.hooksPath', globalHooks);
    const globalConfig = readFileSync(repo.env.GIT_CONFIG_GLOBAL as string, 'utf-8');

    const before = await hooksOf(repo);
    expect(before.verdict).toBe('fail');
    expect(before.reason).toContain(
      `core.hooksPath is set in your global git config (${repo.env.GIT_CONFIG_GLOBAL}) to ${globalHooks}`,
    );
    // The global hook is not executable, but chmod-ing it is not doctor's business.
    expect(before.fix?.action).toBe('run node_modules/.bin/husky');
    const report = await fixHooks(repo);
    expect(report.checks[0].verdict).toBe('pass');
    expect(readFileSync(repo.env.GIT_CONFIG_GLOBAL as string, 'utf-8')).toBe(globalConfig);
    expect(readdirSync(globalHooks)).toEqual(['pre-commit']);
    expect(statSync(join(globalHooks, 'pre-commit')).mode & 0o111).toBe(0);
  });

  it('without husky, a global core.hooksPath fails with nothing to fix', async () => {
    const repo = gitRepo();
    const globalHooks = mkdtempSync(join(tmpdir(), 'paved-global-hooks-'));
    repo.git('config', '--global', 'core.hooksPath', globalHooks);
    const outcome = await hooksOf(repo);
    expect(outcome.verdict).toBe('fail');
    expect(outcome.fix).toBeUndefined();
    expect(outcome.hint).toContain('doctor never changes global git config');
    const report = await fixHooks(repo);
    expect(report.fixes).toEqual([expect.objectContaining({ check: 'hooks', action: null, fixed: false })]);
  });

  it('fails husky configured while git runs a hand-written .git/hooks/pre-commit, and does not silence it', async () => {
    const repo = huskyRepo();
    repo.write('.git/hooks/pre-commit', '#!/bin/sh\nmake lint\n', 0o755);
    const outcome = await hooksOf(repo);
    expect(outcome.verdict).toBe('fail');
    expect(outcome.reason).toBe(
      'husky 9 is configured but git runs .git/hooks/pre-commit instead (core.hooksPath is not set, not .husky/_)',
    );
    expect(outcome.fix).toBeUndefined();
  });

  it('passes a hand-written executable hook when no manager is configured', async () => {
    const repo = gitRepo();
    repo.write('.git/hooks/pre-commit', '#!/bin/sh\nnpx lint-staged\n', 0o755);
    expect(await hooksOf(repo)).toMatchObject({
      verdict: 'pass',
      reason: 'pre-commit hook installed in .git/hooks (hand-written, no hook manager configured, runs lint-staged)',
    });
  });

  it('reads husky 8 (core.hooksPath .husky, executable scripts) from the declared range', async () => {
    const repo = gitRepo({ 'package.json': JSON.stringify({ devDependencies: { husky: '^8.0.3' } }) });
    repo.write('.husky/_/husky.sh', '#!/usr/bin/env sh\n');
    repo.write('.husky/pre-commit', '#!/usr/bin/env sh\n. "$(dirname -- "$0")/_/husky.sh"\n\nnpx lint-staged\n', 0o755);
    const missing = await hooksOf(repo);
    expect(missing.reason).toBe(
      'husky 8 is configured but its hooks are not installed (core.hooksPath is not set, not .husky)',
    );
    // No husky binary here: doctor says what to do instead of failing to run it.
    expect(missing.fix).toBeUndefined();
    expect(missing.hint).toContain('husky is not in node_modules/.bin');
    repo.git('config', 'core.hooksPath', '.husky');
    expect(await hooksOf(repo)).toMatchObject({
      verdict: 'pass',
      reason: 'pre-commit hook installed in .husky (husky 8, runs lint-staged)',
    });
  });

  it('reads husky 4 (package.json hooks, installed into .git/hooks) and has no fix for it', async () => {
    const repo = gitRepo({
      'package.json': JSON.stringify({
        husky: { hooks: { 'pre-commit': 'lint-staged' } },
        devDependencies: { husky: '^4.3.8' },
      }),
    });
    const missing = await hooksOf(repo);
    expect(missing).toMatchObject({
      verdict: 'fail',
      reason: 'husky 4 is configured but no pre-commit hook is installed in .git/hooks',
    });
    expect(missing.hint).toContain('husky 4 installs its hooks when it is installed');
    repo.write('.git/hooks/pre-commit', '#!/bin/sh\n# husky\n\n. "$(dirname "$0")/husky.sh"\n', 0o755);
    expect(await hooksOf(repo)).toMatchObject({
      verdict: 'pass',
      details: { writer: 'husky-4', managers: ['husky 4'] },
    });
  });

  it('reads lefthook and simple-git-hooks, and warns when the hook git runs was written by another manager', async () => {
    const lefthook = gitRepo({ 'lefthook.yml': 'pre-commit:\n  commands:\n    lint:\n      run: npx lint-staged\n' });
    lefthook.write('.git/hooks/pre-commit', '#!/bin/sh\ncall_lefthook run "pre-commit" "$@"\n', 0o755);
    expect(await hooksOf(lefthook)).toMatchObject({
      verdict: 'pass',
      reason: 'pre-commit hook installed in .git/hooks (lefthook, runs lint-staged)',
    });
    const simple = gitRepo({
      'package.json': JSON.stringify({ 'simple-git-hooks': { 'pre-commit': 'npx lint-staged' } }),
    });
    simple.write(
      '.git/hooks/pre-commit',
      '#!/bin/sh\n[ "$SKIP_SIMPLE_GIT_HOOKS" = "1" ] && exit 0\nnpx lint-staged\n',
      0o755,
    );
    expect((await hooksOf(simple)).reason).toBe(
      'pre-commit hook installed in .git/hooks (simple-git-hooks, runs lint-staged)',
    );
    simple.write('lefthook.yml', 'pre-commit: {}\n');
    simple.write('package.json', '{}');
    expect(await hooksOf(simple)).toMatchObject({
      verdict: 'warn',
      reason: '.git/hooks/pre-commit was written by simple-git-hooks, but the workspace configures lefthook',
    });
  });

  it('finds the hooks of a linked worktree in the common git folder', async () => {
    const repo = gitRepo();
    repo.git('commit', '-q', '--allow-empty', '-m', 'first');
    repo.write('.git/hooks/pre-commit', '#!/bin/sh\ntrue\n', 0o755);
    const worktree = join(mkdtempSync(join(tmpdir(), 'paved-doctor-wt-')), 'wt');
    repo.git('worktree', 'add', '-q', worktree);
    writeFileSync(join(worktree, 'nx.json'), '{}');
    const outcome = await checkHooks(testContext(worktree, { env: repo.env }));
    expect(outcome).toMatchObject({ verdict: 'pass', details: { hooksDir: expect.stringMatching(/\.git\/hooks$/) } });
  });

  it('runs husky from the repository root for a workspace in a subfolder', async () => {
    const repo = gitRepo();
    const workspace = join(repo.root, 'frontend');
    mkdirSync(join(workspace, '.husky'), { recursive: true });
    writeFileSync(join(workspace, 'nx.json'), '{}');
    writeFileSync(join(workspace, 'package.json'), JSON.stringify(husky9));
    writeFileSync(join(workspace, '.husky', 'pre-commit'), 'lint-staged\n');
    symlinkSync(join(repoRoot, 'node_modules'), join(workspace, 'node_modules'), 'dir');
    const report = await diagnose({
      environment: testEnvironment(workspace, { env: repo.env }),
      fix: true,
      checks: [{ id: 'hooks', title: 'git hooks', run: checkHooks }],
    });
    expect(report.fixes[0]).toMatchObject({ action: 'run node_modules/.bin/husky frontend/.husky', fixed: true });
    expect(repo.git('config', 'core.hooksPath').trim()).toBe('frontend/.husky/_');
  });

  it('does not check hooks outside a git repository', async () => {
    const outcome = await checkHooks(
      testContext(tempWorkspace(), { env: isolatedGitEnv(mkdtempSync(join(tmpdir(), 'h-'))) }),
    );
    expect(outcome).toMatchObject({ verdict: 'warn', reason: 'hooks not checked: not a git repository' });
  });
});

describe('judgeHooks', () => {
  const state = (overrides: Partial<HookState>): HookState => ({
    root: '/ws',
    gitRoot: '/ws',
    repositoryDirs: ['/ws', '/ws/.git'],
    hooksDir: '/ws/.git/hooks',
    preCommit: { path: '/ws/.git/hooks/pre-commit', exists: true, executable: true, content: '' },
    managers: [],
    runsLintStaged: false,
    ignoresExecutableBit: false,
    ...overrides,
  });

  it('ignores the executable bit where git does (Windows)', () => {
    const preCommit = { path: '/ws/.git/hooks/pre-commit', exists: true, executable: false, content: '' };
    expect(judgeHooks(state({ preCommit })).verdict).toBe('fail');
    expect(judgeHooks(state({ preCommit, ignoresExecutableBit: true })).verdict).toBe('pass');
  });

  it('offers chmod only for a hook inside the repository', () => {
    const preCommit = { path: '/shared/hooks/pre-commit', exists: true, executable: false, content: '' };
    const outside = judgeHooks(
      state({
        hooksDir: '/shared/hooks',
        preCommit,
        hooksPath: { value: '/shared/hooks', scope: 'local', origin: 'file:.git/config' },
      }),
    );
    expect(outside.verdict).toBe('fail');
    expect(outside.repair).toBeUndefined();
  });
});

describe('writerOf', () => {
  it.each([
    ['#!/usr/bin/env sh\n. "$(dirname "$0")/h"', '/ws/.husky/_', 'husky-9'],
    ['#!/usr/bin/env sh\n. "${0%/*}/h"\n', '/ws/.husky/_', 'husky-9'],
    ['#!/usr/bin/env sh\n. "$(dirname -- "$0")/_/husky.sh"\nnpx lint-staged', '/ws/.husky', 'husky-8'],
    ['#!/bin/sh\n# husky\n. "$(dirname "$0")/husky.sh"', '/ws/.git/hooks', 'husky-4'],
    ['#!/bin/sh\ncall_lefthook run "pre-commit"', '/ws/.git/hooks', 'lefthook'],
    ['#!/bin/sh\n[ "$SKIP_SIMPLE_GIT_HOOKS" = "1" ] && exit 0', '/ws/.git/hooks', 'simple-git-hooks'],
    ['#!/bin/sh\nmake lint', '/ws/.git/hooks', undefined],
  ])('%j in %s was written by %s', (content, dir, writer) => {
    expect(writerOf(content, dir)).toBe(writer);
  });
});

describe('inspectHooks', () => {
  it('says when git is not installed', async () => {
    const context = testContext(tempWorkspace(), {
      run: async () => ({ status: null, stdout: '', stderr: '', failure: 'ENOENT' }),
    });
    expect(await inspectHooks(context)).toEqual({ notChecked: 'git is not installed (not on PATH)' });
  });
});
