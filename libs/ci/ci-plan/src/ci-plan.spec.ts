import { isPavedError } from '@paved/errors';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseShardSpec, readPlanFile, renderPlan, shardCommands, shardMatrix, type PlanFile } from './ci-plan';
import { estimateDurationMs, readDurationsFile } from './durations';
import { planShards, type PlanTask } from './plan';

const scratch = mkdtempSync(join(tmpdir(), 'ci-plan-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function file(name: string, content: string): string {
  const path = join(scratch, name);
  writeFileSync(path, content);
  return path;
}

/** The error a call throws, for its code and message. */
function refusal(call: () => unknown): { codes: string[]; message: string } {
  try {
    call();
  } catch (error) {
    if (isPavedError(error)) return { codes: error.problems.map((problem) => problem.code), message: error.message };
    throw error;
  }
  throw new Error('expected a refusal');
}

const tasks: PlanTask[] = [
  { id: 'api:lint', project: 'api', target: 'lint', durationMs: 3000, durationSource: 'history', dependsOn: [] },
  { id: 'api:test', project: 'api', target: 'test', durationMs: 9000, durationSource: 'history', dependsOn: [] },
  { id: 'web:lint', project: 'web', target: 'lint', durationMs: 2000, durationSource: 'estimate', dependsOn: [] },
  {
    id: 'web:test',
    project: 'web',
    target: 'test',
    durationMs: 4000,
    durationSource: 'estimate',
    dependsOn: ['api:test'],
  },
  { id: 'ui:test', project: 'ui', target: 'test', durationMs: 5000, durationSource: 'estimate', dependsOn: [] },
];

function planOf(shards: number): PlanFile {
  return {
    version: 1,
    targets: ['lint', 'test'],
    durations: 'estimate',
    ...planShards(tasks, shards),
    tasks: tasks.map((task) => ({ ...task, dependsOn: [...task.dependsOn] })),
  };
}

describe('shardCommands', () => {
  it('gives each shard one nx run-many per target, over the projects it owns, and together every task once', () => {
    const plan = planOf(2);
    const all = [1, 2].flatMap((shard) =>
      shardCommands(plan, shard).flatMap(({ target, projects }) => projects.map((project) => `${project}:${target}`)),
    );
    expect(all.sort()).toEqual(tasks.map((task) => task.id).sort());
    for (const shard of [1, 2]) {
      const targets = shardCommands(plan, shard).map((command) => command.target);
      expect(targets).toEqual([...new Set(targets)]);
      expect(shardCommands(plan, shard).every((command) => command.projects.length > 0)).toBe(true);
    }
  });

  it('gives a shard with no tasks nothing to run', () => {
    expect(shardCommands(planOf(8), 8)).toEqual([]);
  });
});

describe('readPlanFile', () => {
  it('reads back what the plan wrote', () => {
    const plan = planOf(3);
    expect(readPlanFile(file('plan.json', JSON.stringify(plan)), { shards: 3, targets: ['lint', 'test'] })).toEqual(
      plan,
    );
  });

  it('refuses a plan for another shard count or other targets, saying which', () => {
    const path = file('other.json', JSON.stringify(planOf(3)));
    const refused = refusal(() => readPlanFile(path, { shards: 4, targets: ['test'] }));
    expect(refused.codes).toEqual(['PAVED-801', 'PAVED-801']);
    expect(refused.message).toContain('it splits over 3 shards, the run says 4');
    expect(refused.message).toContain('it plans -t lint,test, the run says -t test');
  });

  it('refuses a missing file, a folder, JSON that is not a plan and a plan of another version', () => {
    expect(refusal(() => readPlanFile(join(scratch, 'absent.json'), { shards: 2 })).message).toContain(
      'does not exist',
    );
    expect(refusal(() => readPlanFile(scratch, { shards: 2 })).message).toContain('is a folder');
    expect(refusal(() => readPlanFile(file('broken.json', '{"version": 1,'), { shards: 2 })).codes).toEqual([
      'PAVED-801',
    ]);
    const wrong = refusal(() =>
      readPlanFile(file('v2.json', JSON.stringify({ ...planOf(2), version: 2 })), { shards: 2 }),
    );
    expect(wrong.message).toContain('version');
  });
});

describe('durations', () => {
  it('reads a durations file, and refuses every wrong entry of one', () => {
    expect(readDurationsFile(file('d.json', '{"api:test": 41200, "web:lint": 0}'))).toEqual(
      new Map([
        ['api:test', 41200],
        ['web:lint', 0],
      ]),
    );
    const refused = refusal(() => readDurationsFile(file('bad.json', '{"api": 5, "web:lint": -1, "ui:test": "9"}')));
    expect(refused.codes).toEqual(['PAVED-802', 'PAVED-802', 'PAVED-802']);
    expect(refused.message).toMatch(/api/);
    expect(refused.message).toMatch(/web:lint/);
  });

  it('estimates a bigger project as slower, and a test run as slower than a lint of the same project', () => {
    expect(estimateDurationMs('test', 200)).toBeGreaterThan(estimateDurationMs('test', 20));
    expect(estimateDurationMs('test', 50)).toBeGreaterThan(estimateDurationMs('lint', 50));
    expect(estimateDurationMs('custom', 10)).toBeGreaterThan(0);
  });
});

describe('shard specs and renderings', () => {
  it('reads i/n with 1 <= i <= n only', () => {
    expect(parseShardSpec('2/4')).toEqual({ shard: 2, of: 4 });
    for (const spec of ['0/4', '5/4', '2', '2/0', 'a/b', '-1/3', '1/3/4'])
      expect(parseShardSpec(spec), spec).toBeUndefined();
  });

  it('lists the matrix entries and says where durations came from', () => {
    expect(shardMatrix({ shardCount: 3 })).toEqual({ shard: ['1/3', '2/3', '3/3'] });
    const text = renderPlan(planOf(2));
    expect(text).toContain('5 task(s) of lint, test over 2 shard(s)');
    expect(text).toContain('2 measured, 3 estimated from project size');
    expect(text).toMatch(/shard 1\/2: \d task\(s\)/);
  });
});
