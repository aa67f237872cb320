/**
 * Splitting a set of tasks over N CI machines so that the slowest machine finishes as early as
 * possible. Nx still runs every task's dependencies itself (a dependency owned by another shard
 * comes from the remote cache when that shard got there first, else is built again), so a split
 * is always correct; the plan only decides who does which work, and keeps a task near its
 * dependencies where that costs nothing.
 */

/** A task to place: `project:target`, its expected duration and the tasks it depends on. */
export interface PlanTask {
  id: string;
  project: string;
  target: string;
  durationMs: number;
  /** Where the duration comes from: measured runs, or an estimate from the project's size. */
  durationSource: 'history' | 'estimate';
  /** Ids of the tasks this one needs first (only those in the plan matter). */
  dependsOn: readonly string[];
}

export interface Shard {
  /** 1-based, as CI matrices count (`--shard 2/4`). */
  index: number;
  tasks: string[];
  estimatedMs: number;
}

export interface ShardPlan {
  shardCount: number;
  shards: Shard[];
  totalMs: number;
  /** No split can finish sooner: max(total / N, the longest task). */
  lowerBoundMs: number;
  /** The slowest shard's estimate. */
  longestMs: number;
  /** Dependencies between tasks of the plan that sit on different shards. */
  crossShardDependencies: number;
}

/** max(total / N, the longest task): the makespan no split of these durations can beat. */
export function lowerBound(durations: readonly number[], shardCount: number): number {
  const total = durations.reduce((sum, duration) => sum + duration, 0);
  return Math.max(total / shardCount, ...durations, 0);
}

/**
 * Longest task first onto the least loaded shard (LPT, within 4/3 of the optimum), with one
 * refinement: a task goes to a shard that already holds a task it depends on, or one that
 * depends on it, when that shard can take it without finishing later than the plan's current
 * makespan (or the lower bound). The same tasks give the same plan on every machine: ties break
 * on task id, then on shard index.
 */
export function planShards(tasks: readonly PlanTask[], shardCount: number): ShardPlan {
  if (!Number.isInteger(shardCount) || shardCount < 1)
    throw new RangeError(`shard count ${shardCount}: expected 1 or more`);
  const byId = new Map(tasks.map((task) => [task.id, task]));
  if (byId.size !== tasks.length) throw new RangeError('a task id is listed twice');
  const neighbours = new Map<string, Set<string>>(tasks.map((task) => [task.id, new Set<string>()]));
  for (const task of tasks)
    for (const dependency of task.dependsOn) {
      if (!byId.has(dependency) || dependency === task.id) continue;
      neighbours.get(task.id)?.add(dependency);
      neighbours.get(dependency)?.add(task.id);
    }

  const order = [...tasks].sort((a, b) => b.durationMs - a.durationMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const bound = lowerBound(
    tasks.map((task) => task.durationMs),
    shardCount,
  );
  const shards: Shard[] = Array.from({ length: shardCount }, (_, index) => ({
    index: index + 1,
    tasks: [],
    estimatedMs: 0,
  }));
  const shardOf = new Map<string, Shard>();
  let makespan = 0;
  for (const task of order) {
    const leastLoaded = shards.reduce((best, shard) => (shard.estimatedMs < best.estimatedMs ? shard : best));
    const room = Math.max(makespan, bound);
    const near = [...(neighbours.get(task.id) ?? [])]
      .map((id) => shardOf.get(id))
      .filter((shard): shard is Shard => shard !== undefined && shard.estimatedMs + task.durationMs <= room)
      .sort((a, b) => a.estimatedMs - b.estimatedMs || a.index - b.index)[0];
    const chosen = near ?? leastLoaded;
    chosen.tasks.push(task.id);
    chosen.estimatedMs += task.durationMs;
    shardOf.set(task.id, chosen);
    makespan = Math.max(makespan, chosen.estimatedMs);
  }

  let crossShardDependencies = 0;
  for (const task of tasks)
    for (const dependency of task.dependsOn)
      if (byId.has(dependency) && shardOf.get(dependency) !== shardOf.get(task.id)) crossShardDependencies += 1;

  return {
    shardCount,
    shards,
    totalMs: tasks.reduce((sum, task) => sum + task.durationMs, 0),
    lowerBoundMs: bound,
    longestMs: makespan,
    crossShardDependencies,
  };
}
