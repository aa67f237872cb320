/**
 * End to end with real nx and git: `paved ci plan` splits exactly the tasks Nx calls affected, and
 * `paved ci run --shard i/N` runs exactly its share, through nx run-many. Each task appends its id
 * to ran.log, so the test reads what really ran. Slow.
 */
import { ScratchWorkspace } from '@paved/scratch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paved, pavedWithEnv, repoRoot, writeProject } from './e2e-cli';

const workspaces: ScratchWorkspace[] = [];
afterAll(() => workspaces.forEach((w) => w.dispose()));

/** A task that records that it ran (and fails when the project's `fail` file says so). */
const recording = (project: string, target: string) => ({
  executor: 'nx:run-commands',
  cache: false,
  options: {
    command: `node -e "const fs=require('fs');fs.appendFileSync('ran.log','${project}:${target}\\n');if(fs.existsSync('libs/${project}/fail-${target}'))process.exit(3)"`,
  },
});

function project(ws: ScratchWorkspace, name: string, files: number, dependsOn: string[] = []): void {
  writeProject(ws, name, { lint: recording(name, 'lint'), test: recording(name, 'test') }, dependsOn, files);
}

const ran = (ws: ScratchWorkspace): string[] => ws.takeLines('ran.log');

/** `ci plan` of every project's tests over two shards, timed by durations.json. */
const testsByDurationsFile = ['ci', 'plan', '--shards', '2', '-t', 'test', '--all', '--durations', 'durations.json'];

describe('paved ci plan and paved ci run', () => {
  let ws: ScratchWorkspace;
  let base: string;

  beforeAll(() => {
    ws = ScratchWorkspace.create({ toolchainRoot: repoRoot });
    workspaces.push(ws);
    ws.write('.gitignore', 'node_modules\n.nx\nran.log\nplan.json\n');
    project(ws, 'core', 30);
    project(ws, 'api', 12, ['core']);
    project(ws, 'web', 8, ['api']);
    project(ws, 'docs', 3);
    project(ws, 'tools', 5);
    project(ws, 'mobile', 20);
    ws.commitAll('six projects');
    base = ws.git('rev-parse', 'HEAD').trim();
    ws.write('libs/core/src/f0.ts', 'export const f0 = 100;\n');
    ws.write('libs/mobile/src/f1.ts', 'export const f1 = 100;\n');
    ws.commitAll('change core and mobile');
  });

  it('plans exactly the tasks of the projects Nx calls affected', () => {
    const affected = JSON.parse(
      ws.nx(['show', 'projects', '--affected', '--base', base, '--head', 'HEAD', '--json']).stdout,
    ) as string[];
    expect(affected.sort()).toEqual(['api', 'core', 'mobile', 'web']);
    const result = paved(
      ws,
      'ci',
      'plan',
      '--shards',
      '2',
      '-t',
      'lint,test',
      '--base',
      base,
      '--head',
      'HEAD',
      '--format',
      'json',
      '--out',
      'plan.json',
    );
    expect(result.status, result.stderr).toBe(0);
    const plan = JSON.parse(result.stdout);
    expect(plan.tasks.map((task: { id: string }) => task.id).sort()).toEqual(
      affected.flatMap((name) => [`${name}:lint`, `${name}:test`]).sort(),
    );
    expect(plan.shards.flatMap((shard: { tasks: string[] }) => shard.tasks).sort()).toEqual(
      plan.tasks.map((task: { id: string }) => task.id).sort(),
    );
    // Estimates: core (30 files) weighs more than web (8).
    const duration = (id: string) => plan.tasks.find((task: { id: string }) => task.id === id).durationMs;
    expect(duration('core:test')).toBeGreaterThan(duration('web:test'));
    expect(JSON.parse(ws.read('plan.json'))).toEqual(plan);
  });

  it('runs each shard`s share and nothing else: together every planned task once', () => {
    const plan = JSON.parse(ws.read('plan.json'));
    ran(ws);
    const shares = [1, 2].map((shard) => {
      const result = paved(ws, 'ci', 'run', '--shard', `${shard}/2`, '--plan', 'plan.json');
      expect(result.status, result.stdout + result.stderr).toBe(0);
      expect(result.stderr).toContain(`shard ${shard}/2: ${plan.shards[shard - 1].tasks.length} of 8 task(s)`);
      return ran(ws);
    });
    expect(shares[0]).toEqual([...plan.shards[0].tasks].sort());
    expect(shares[1]).toEqual([...plan.shards[1].tasks].sort());
    expect([...shares[0], ...shares[1]].sort()).toEqual(plan.tasks.map((task: { id: string }) => task.id).sort());
  });

  it('plans the same share again without the plan file, from the same flags', () => {
    const plan = JSON.parse(ws.read('plan.json'));
    ran(ws);
    const result = paved(ws, 'ci', 'run', '--shard', '2/2', '-t', 'lint,test', '--base', base, '--head', 'HEAD');
    expect(result.status, result.stderr).toBe(0);
    expect(ran(ws)).toEqual([...plan.shards[1].tasks].sort());
  });

  it('fails the shard whose task fails, after running the rest of its share', () => {
    const plan = JSON.parse(ws.read('plan.json'));
    const owner = plan.shards.find((shard: { tasks: string[] }) => shard.tasks.includes('core:test')).index;
    ws.write('libs/core/fail-test', '');
    ran(ws);
    const result = paved(ws, 'ci', 'run', '--shard', `${owner}/2`, '--plan', 'plan.json');
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/nx run-many -t test exited [1-9]/);
    expect(ran(ws)).toEqual([...plan.shards[owner - 1].tasks].sort());
  });

  it('prints the CI matrix and refuses bad shards, plans and durations with what was expected', () => {
    const matrix = paved(ws, 'ci', 'plan', '--shards', '3', '-t', 'lint', '--all', '--format', 'matrix');
    expect(matrix.status, matrix.stderr).toBe(0);
    expect(JSON.parse(matrix.stdout)).toEqual({ shard: ['1/3', '2/3', '3/3'] });

    const badShard = paved(ws, 'ci', 'run', '--shard', '3/2', '--plan', 'plan.json');
    expect(badShard.status).toBe(2);
    expect(badShard.stderr).toContain('PAVED-002');
    expect(badShard.stderr).toContain('--shard must be <i>/<n>');

    const otherRun = paved(ws, 'ci', 'run', '--shard', '1/4', '--plan', 'plan.json');
    expect(otherRun.status).toBe(2);
    expect(otherRun.stderr).toContain('PAVED-801');
    expect(otherRun.stderr).toContain('it splits over 2 shards, the run says 4');

    ws.write('durations.json', '{"core:test": "slow"}');
    const badDurations = paved(ws, ...testsByDurationsFile);
    expect(badDurations.status).toBe(2);
    expect(badDurations.stderr).toContain('PAVED-802');
    expect(badDurations.stderr).toContain('core:test');

    const noTargets = paved(ws, 'ci', 'plan', '--shards', '2');
    expect(noTargets.status).toBe(2);
    expect(noTargets.stderr).toContain('-t lint,test,build');
  });

  it('balances by the durations a file gives, measured ones over estimates', () => {
    ws.write('durations.json', JSON.stringify({ 'docs:test': 60_000, 'tools:test': 1000 }));
    const result = paved(ws, ...testsByDurationsFile, '--format', 'json');
    expect(result.status, result.stderr).toBe(0);
    const plan = JSON.parse(result.stdout);
    const docs = plan.shards.find((shard: { tasks: string[] }) => shard.tasks.includes('docs:test'));
    // The 60 s task alone outweighs every other test: it gets a shard of its own.
    expect(docs.tasks).toEqual(['docs:test']);
    expect(plan.tasks.filter((task: { durationSource: string }) => task.durationSource === 'history')).toHaveLength(2);
    expect(plan.longestMs).toBe(60_000);
  });

  it('gives a pull request the merge base with its target, in the files GitHub reads, and the plan uses it', () => {
    const target = ws.git('rev-parse', 'HEAD').trim();
    ws.git('checkout', '-q', '-b', 'topic');
    ws.write('libs/docs/src/f0.ts', 'export const f0 = 7;\n');
    ws.git('add', 'libs/docs/src/f0.ts');
    ws.git('commit', '-q', '--no-verify', '-m', 'change docs on a topic branch');
    const head = ws.git('rev-parse', 'HEAD').trim();
    ws.write('github-output', '');
    ws.write('github-env', '');
    const env = {
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_BASE_REF: 'main',
      GITHUB_OUTPUT: ws.path('github-output'),
      GITHUB_ENV: ws.path('github-env'),
    };
    const result = pavedWithEnv(ws, env, 'ci', 'base', '--format', 'github');
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('merge base of HEAD with main (GitHub pull request into main)');
    expect(ws.read('github-output')).toBe(`base=${target}\nhead=${head}\n`);
    expect(ws.read('github-env')).toBe(`NX_BASE=${target}\nNX_HEAD=${head}\n`);

    const plan = JSON.parse(
      paved(ws, 'ci', 'plan', '--shards', '1', '-t', 'lint', '--base', target, '--head', head, '--format', 'json')
        .stdout,
    );
    expect(plan.tasks.map((task: { id: string }) => task.id)).toEqual(['docs:lint']);

    const noOutput = pavedWithEnv(ws, { GITHUB_OUTPUT: '' }, 'ci', 'base', '--format', 'github');
    expect(noOutput.status).toBe(2);
    expect(noOutput.stderr).toContain('$GITHUB_OUTPUT');
  });

  it('gates a change to a publishable package on a changeset that names it', () => {
    const target = ws.git('merge-base', 'main', 'HEAD').trim();
    ws.write('libs/docs/package.json', JSON.stringify({ name: '@acme/docs', version: '1.0.0' }));
    ws.git('add', 'libs/docs/package.json');
    ws.git('commit', '-q', '--no-verify', '-m', 'publish docs');
    const missing = paved(ws, 'ci', 'changesets', '--base', target);
    expect(missing.status, missing.stderr).toBe(1);
    expect(missing.stdout).toContain('@acme/docs (libs/docs)');
    ws.write('.changeset/docs.md', "---\n'@acme/docs': patch\n---\n\nPublish the docs.\n");
    ws.git('add', '.changeset/docs.md');
    ws.git('commit', '-q', '--no-verify', '-m', 'changeset');
    const covered = paved(ws, 'ci', 'changesets', '--base', target, '--format', 'json');
    expect(covered.status, covered.stderr).toBe(0);
    expect(JSON.parse(covered.stdout)).toMatchObject({ base: target, changed: ['@acme/docs'], uncovered: [] });
  });
});
