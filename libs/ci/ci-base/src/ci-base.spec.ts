import { isPavedError } from '@paved/errors';
import { scratchRepository, type ScratchRepository } from '@paved/scratch-repo';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseVariables, renderBase, resolveBase, type BaseRequest } from './ci-base';

const folders: string[] = [];
afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('GIT_')));

function commit(repo: ScratchRepository, file: string, message: string): string {
  writeFileSync(join(repo.root, file), `${message}\n`);
  repo.commitAll(message);
  return repo.git('rev-parse', 'HEAD').trim();
}

/** A clone of `origin` (file://, so --depth works) checked out at `branch`, `depth` commits deep if given. */
function clone(origin: string, branch: string, depth?: number): string {
  const parent = mkdtempSync(join(tmpdir(), 'paved-ci-base-'));
  folders.push(parent);
  const root = join(parent, 'clone');
  execFileSync(
    'git',
    ['clone', '-q', ...(depth ? ['--depth', String(depth)] : []), '--branch', branch, `file://${origin}`, root],
    {
      env: cleanEnv,
      stdio: 'ignore',
    },
  );
  return root;
}

function refusal(call: () => unknown): { code: string; message: string } {
  try {
    call();
  } catch (error) {
    if (isPavedError(error))
      return { code: error.code, message: `${error.message}\n${error.problems.map((p) => p.hint).join('\n')}` };
    throw error;
  }
  throw new Error('expected a refusal');
}

const github = (branch: string): NodeJS.ProcessEnv => ({
  GITHUB_ACTIONS: 'true',
  GITHUB_EVENT_NAME: 'pull_request',
  GITHUB_BASE_REF: branch,
});
const gitlab = (branch: string): NodeJS.ProcessEnv => ({
  GITLAB_CI: 'true',
  CI_MERGE_REQUEST_TARGET_BRANCH_NAME: branch,
  CI_MERGE_REQUEST_IID: '42',
});

describe('resolveBase', () => {
  let origin: ScratchRepository;
  let forkPoint: string;
  let mainTip: string;
  let featureTip: string;

  // main: m1 - m2 (fork point) - m3 - m4 - ... - m12; feature: m2 - f1 - f2
  beforeAll(() => {
    origin = scratchRepository({ prefix: 'ci-base-origin' });
    folders.push(origin.root);
    commit(origin, 'a.txt', 'm1');
    forkPoint = commit(origin, 'a.txt', 'm2');
    origin.git('branch', 'feature');
    for (let index = 3; index <= 12; index += 1) mainTip = commit(origin, 'a.txt', `m${index}`);
    origin.git('checkout', '-q', 'feature');
    commit(origin, 'b.txt', 'f1');
    featureTip = commit(origin, 'b.txt', 'f2');
    origin.git('checkout', '-q', 'main');
  });

  const request = (cwd: string, env: NodeJS.ProcessEnv, deepen = false): BaseRequest => ({
    cwd,
    env,
    defaultBranch: 'main',
    deepen,
  });

  it('takes the merge base with the target branch on a GitHub pull request and a GitLab merge request', () => {
    const root = clone(origin.root, 'feature');
    for (const env of [github('main'), gitlab('main')]) {
      const resolved = resolveBase(request(root, env));
      expect(resolved).toMatchObject({ base: forkPoint, head: featureTip });
      expect(resolved.reason).toContain('merge base of HEAD with origin/main');
    }
    expect(resolveBase(request(root, gitlab('main'))).reason).toContain('GitLab merge request !42 into main');
  });

  it('takes the commit before HEAD on a push, and says that no green record exists yet', () => {
    const root = clone(origin.root, 'main');
    const resolved = resolveBase(
      request(root, { GITHUB_ACTIONS: 'true', GITHUB_EVENT_NAME: 'push', GITHUB_REF_NAME: 'main' }),
    );
    expect(resolved.head).toBe(mainTip);
    expect(resolved.base).toBe(origin.git('rev-parse', 'main~1').trim());
    expect(resolved.reason).toContain('no green commit is recorded for main yet');
  });

  it("takes a push's green commit as its base, fetching history until a shallow clone has it", () => {
    const green = {
      record: {
        branch: 'main',
        sha: origin.git('rev-parse', 'main~5').trim(),
        recordedAt: '2026-12-03T08:00:00.000Z',
        writer: 'ci-main',
      },
    };
    const pushEnv = { GITHUB_ACTIONS: 'true', GITHUB_EVENT_NAME: 'push', GITHUB_REF_NAME: 'main' };
    const shallow = clone(origin.root, 'main', 2);
    const refused = refusal(() => resolveBase({ ...request(shallow, pushEnv), green }));
    expect(refused.code).toBe('PAVED-804');
    expect(refused.message).toContain(
      `the last green commit of main, ${green.record.sha.slice(0, 12)}, is not in this clone`,
    );
    expect(refused.message).toContain('fetch-depth: 0');
    const resolved = resolveBase({ ...request(shallow, pushEnv, true), green });
    expect(resolved.base).toBe(green.record.sha);
    expect(resolved.reason).toContain('the last green commit of main (push to main; recorded by ci-main');
    expect(resolved.deepened).toMatch(/deepened|fetched/);
  });

  it("sets aside a green commit that is not in HEAD's history, and says why", () => {
    const root = clone(origin.root, 'main');
    const green = { record: { branch: 'main', sha: featureTip, recordedAt: '2026-12-03T08:00:00.000Z', writer: 'ci' } };
    const resolved = resolveBase({
      ...request(root, { GITLAB_CI: 'true', CI_COMMIT_BRANCH: 'main' }),
      green,
    });
    expect(resolved.base).toBe(origin.git('rev-parse', 'main~1').trim());
    expect(resolved.reason).toContain(`${featureTip.slice(0, 12)}, is not in HEAD's history`);
  });

  it('compares a local run with the local default branch', () => {
    origin.git('checkout', '-q', 'feature');
    try {
      expect(resolveBase(request(origin.root, {}))).toMatchObject({
        base: forkPoint,
        head: featureTip,
        source: 'local',
      });
    } finally {
      origin.git('checkout', '-q', 'main');
    }
  });

  it('refuses a shallow clone with no merge base, naming the fixes, where Nx would answer wrongly', () => {
    const root = clone(origin.root, 'feature', 1);
    execFileSync('git', ['fetch', '-q', '--depth', '1', 'origin', '+refs/heads/main:refs/remotes/origin/main'], {
      cwd: root,
      env: cleanEnv,
    });
    const refused = refusal(() => resolveBase(request(root, github('main'))));
    expect(refused.code).toBe('PAVED-804');
    expect(refused.message).toContain('no merge base in this shallow clone');
    expect(refused.message).toContain('fetch-depth: 0');
    expect(refused.message).toContain('GIT_DEPTH: 0');
    expect(refused.message).toContain('--deepen');
  });

  it('refuses a clone that lacks the target branch, and a shallow push without the commit before HEAD', () => {
    const single = clone(origin.root, 'feature', 1);
    expect(refusal(() => resolveBase(request(single, github('main')))).message).toContain(
      'the clone has neither origin/main nor main',
    );
    const push = refusal(() => resolveBase(request(single, { GITLAB_CI: 'true', CI_COMMIT_BRANCH: 'feature' })));
    expect(push.code).toBe('PAVED-804');
    expect(push.message).toContain('shallow and lacks the commit before HEAD');
  });

  it('with --deepen fetches until the merge base is there, and finds the same base as a full clone', () => {
    const root = clone(origin.root, 'feature', 1);
    const resolved = resolveBase(request(root, github('main'), true));
    expect(resolved).toMatchObject({ base: forkPoint, head: featureTip });
    expect(resolved.deepened).toMatch(/deepened by \d+ commits|fetched/);
    const push = resolveBase(
      request(clone(origin.root, 'main', 1), { GITLAB_CI: 'true', CI_COMMIT_BRANCH: 'main' }, true),
    );
    expect(push.base).toBe(origin.git('rev-parse', 'main~1').trim());
  });

  it('writes the variables Nx reads, and says why for people', () => {
    const resolved = { base: 'a'.repeat(40), head: 'b'.repeat(40), reason: 'because', source: 'local' as const };
    expect(baseVariables(resolved)).toBe(
      `NX_BASE=${'a'.repeat(40)}\nNX_HEAD=${'b'.repeat(40)}\nPAVED_BASE=${'a'.repeat(40)}\nPAVED_HEAD=${'b'.repeat(40)}\n`,
    );
    expect(renderBase(resolved)).toBe(`base ${'a'.repeat(40)}\nhead ${'b'.repeat(40)}\nbecause\n`);
  });
});
