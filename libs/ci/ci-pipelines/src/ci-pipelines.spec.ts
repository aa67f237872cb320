import { isPavedError } from '@paved/errors';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  assertPipelineOptions,
  githubWorkflow,
  gitlabPipeline,
  nodeMajorOf,
  type PipelineOptions,
} from './ci-pipelines';

const options: PipelineOptions = {
  targets: ['lint', 'test'],
  shards: 3,
  defaultBranch: 'main',
  nodeMajor: 20,
  packageManager: 'pnpm',
  changesets: false,
};

describe('nodeMajorOf', () => {
  it('reads the major a range starts at, and defaults to 20', () => {
    expect(['>=20', '^22.11.0', '20.x', '>= 24.1 < 25', undefined].map(nodeMajorOf)).toEqual([20, 22, 20, 24, 20]);
  });
});

describe('the pipelines', () => {
  it('install and run paved the way each package manager does', () => {
    const runs = (packageManager: PipelineOptions['packageManager']) => {
      const github = parse(githubWorkflow({ ...options, packageManager }));
      const gitlab = parse(gitlabPipeline({ ...options, packageManager }));
      return { github: github.env, gitlab: gitlab.variables, cache: gitlab['.paved-job'].cache };
    };
    expect(runs('pnpm')).toMatchObject({
      github: { PAVED: 'pnpm exec paved', PAVED_SETUP: 'pnpm install --frozen-lockfile' },
      gitlab: { PAVED_SETUP: 'corepack enable && pnpm install --frozen-lockfile' },
      cache: { key: { files: ['pnpm-lock.yaml'] }, paths: ['.pnpm-store'] },
    });
    expect(runs('yarn')).toMatchObject({
      github: { PAVED: 'yarn paved', PAVED_SETUP: 'yarn install --immutable' },
      cache: { key: { files: ['yarn.lock'] } },
    });
    expect(runs('npm')).toMatchObject({ gitlab: { PAVED: 'npx --no-install paved', PAVED_SETUP: 'npm ci' } });
  });

  it('split the affected tasks over the shards, one job per shard', () => {
    const github = parse(githubWorkflow(options));
    expect(github.jobs.run.strategy.matrix).toBe('${{ fromJSON(needs.plan.outputs.matrix) }}');
    expect(github.jobs.plan.steps.at(-2).run).toBe(
      'echo "matrix=$($PAVED ci plan --shards 3 -t lint,test --out paved-plan.json --format matrix)" >> "$GITHUB_OUTPUT"',
    );
    expect(parse(gitlabPipeline(options))['paved-run'].parallel).toBe(3);
    // One shard is one plain job.
    expect(parse(gitlabPipeline({ ...options, shards: 1 }))['paved-run'].parallel).toBeUndefined();
  });

  it('write both reports of the check job even when the first one fails', () => {
    const steps = parse(githubWorkflow(options)).jobs.check.steps as { if?: string; run?: string }[];
    expect(steps.find((step) => step.run?.includes('scan secrets'))?.if).toBe('always()');
    const script = parse(gitlabPipeline(options))['paved-check'].script as string[];
    expect(script).toHaveLength(1);
    expect(script[0]).toMatch(/check .*\|\| status=\$\?; .*scan secrets .*\|\| status=\$\?; exit \$status$/);
    // GitLab shows Code Quality reports in merge requests; it reads no SARIF.
    expect(parse(gitlabPipeline(options))['paved-check'].artifacts.reports.codequality).toEqual([
      'gl-code-quality-paved-check.json',
      'gl-code-quality-paved-secrets.json',
    ]);
  });

  it('refuse what no pipeline can run, with every problem named', () => {
    let refused: unknown;
    try {
      assertPipelineOptions({ ...options, shards: 0, targets: ['a b'], nodeMajor: 16, defaultBranch: 'x y' });
    } catch (error) {
      refused = error;
    }
    expect(isPavedError(refused) && refused.code).toBe('PAVED-807');
    const message = (refused as Error).message;
    for (const part of ['shards must be', 'targets must be', 'is not a branch name', 'must be 18 or later'])
      expect(message).toContain(part);
  });
});
