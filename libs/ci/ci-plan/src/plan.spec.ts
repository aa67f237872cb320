import { describe, expect, it } from 'vitest';
import { lowerBound, planShards, type PlanTask } from './plan';

const task = (id: string, durationMs: number, dependsOn: string[] = []): PlanTask => ({
  id,
  project: id.split(':')[0],
  target: id.split(':')[1],
  durationMs,
  durationSource: 'history',
  dependsOn,
});

/** A deterministic stream of numbers in [0, 1): the same tasks in every run of the test. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function randomTasks(count: number, seed: number): PlanTask[] {
  const next = seeded(seed);
  return Array.from({ length: count }, (_, index) =>
    task(
      `p${index}:test`,
      Math.round(500 + 60_000 * next() ** 3),
      index > 0 && next() < 0.5 ? [`p${Math.floor(next() * index)}:test`] : [],
    ),
  );
}

describe('planShards', () => {
  it('places every task exactly once, and each shard estimate is the sum of its tasks', () => {
    const tasks = randomTasks(300, 7);
    const plan = planShards(tasks, 6);
    const placed = plan.shards.flatMap((shard) => shard.tasks);
    expect(placed.sort()).toEqual(tasks.map((t) => t.id).sort());
    const duration = new Map(tasks.map((t) => [t.id, t.durationMs]));
    for (const shard of plan.shards)
      expect(shard.estimatedMs).toBe(shard.tasks.reduce((sum, id) => sum + (duration.get(id) ?? 0), 0));
    expect(plan.longestMs).toBe(Math.max(...plan.shards.map((shard) => shard.estimatedMs)));
    expect(plan.totalMs).toBe(tasks.reduce((sum, t) => sum + t.durationMs, 0));
  });

  it('never finishes later than 4/3 of the lower bound, whatever the durations', () => {
    for (let seed = 1; seed <= 40; seed += 1)
      for (const shards of [2, 3, 5, 8, 16]) {
        const plan = planShards(randomTasks(120, seed), shards);
        expect(plan.longestMs, `seed ${seed}, ${shards} shards`).toBeLessThanOrEqual((4 / 3) * plan.lowerBoundMs + 1);
        expect(plan.longestMs).toBeGreaterThanOrEqual(plan.lowerBoundMs - 1e-9);
      }
  });

  it('splits perfectly where the durations allow: six equal tasks over three shards', () => {
    const plan = planShards(
      ['a', 'b', 'c', 'd', 'e', 'f'].map((p) => task(`${p}:lint`, 1000)),
      3,
    );
    expect(plan.shards.map((shard) => shard.estimatedMs)).toEqual([2000, 2000, 2000]);
    expect(plan.longestMs).toBe(plan.lowerBoundMs);
  });

  it('is bounded by the longest task when one task outweighs the rest', () => {
    const plan = planShards([task('big:e2e', 100_000), task('a:lint', 1000), task('b:lint', 1000)], 4);
    expect(plan.lowerBoundMs).toBe(100_000);
    expect(plan.longestMs).toBe(100_000);
    expect(plan.shards.filter((shard) => shard.tasks.length === 0)).toHaveLength(1);
  });

  it('keeps a task beside what it depends on when that costs the split nothing', () => {
    // The least loaded shard when app:build is placed holds lib:build; x:build's shard has room
    // for app:build within the makespan that big:e2e already sets.
    const tasks = [
      task('big:e2e', 6000),
      task('lib:build', 3000),
      task('x:build', 2000),
      task('y:build', 1500),
      task('app:build', 1000, ['x:build']),
    ];
    const plan = planShards(tasks, 3);
    const shardOf = (id: string) => plan.shards.find((shard) => shard.tasks.includes(id))?.index;
    expect(shardOf('app:build')).toBe(shardOf('x:build'));
    expect(shardOf('app:build')).not.toBe(shardOf('lib:build'));
    expect(plan.crossShardDependencies).toBe(0);
    expect(plan.longestMs).toBe(6000);
  });

  it('leaves a task away from what it depends on rather than finish later', () => {
    const plan = planShards([task('lib:build', 5000), task('app:build', 5000, ['lib:build'])], 2);
    expect(plan.longestMs).toBe(5000);
    expect(plan.crossShardDependencies).toBe(1);
  });

  it('gives the same plan for the same tasks in any order', () => {
    const tasks = randomTasks(200, 11);
    const reversed = [...tasks].reverse();
    expect(planShards(reversed, 5).shards).toEqual(planShards(tasks, 5).shards);
  });

  it('refuses a shard count below one and a task listed twice', () => {
    expect(() => planShards([task('a:lint', 1)], 0)).toThrow(/shard count 0/);
    expect(() => planShards([task('a:lint', 1), task('a:lint', 2)], 2)).toThrow(/twice/);
  });

  it('plans nothing into empty shards', () => {
    const plan = planShards([], 3);
    expect(plan.shards.map((shard) => shard.tasks)).toEqual([[], [], []]);
    expect([plan.longestMs, plan.lowerBoundMs]).toEqual([0, 0]);
  });
});

describe('lowerBound', () => {
  it('is the larger of the average share and the longest task', () => {
    expect(lowerBound([10, 10, 10, 10], 2)).toBe(20);
    expect(lowerBound([100, 1, 1], 2)).toBe(100);
    expect(lowerBound([], 4)).toBe(0);
  });
});
