/**
 * bench:ci:shards: how close `paved ci plan` gets the slowest CI shard to what no split can beat,
 * max(total / N, the longest task), against the naive split (round robin over the sorted project
 * list) in the same run, for N = 2, 4, 8, 16.
 *
 * The workspaces are synthetic but shaped like real monorepos: 200 projects whose sizes follow a
 * heavy-tailed (log-normal) distribution, four targets each (lint, typecheck, test, build) timed
 * as start-up cost plus a cost per file with run-to-run noise, a few end-to-end suites that take
 * minutes, and a dependency graph (build and test need their dependencies' build). Each of 25
 * seeds is a different workspace; the report gives medians with their range.
 *
 *   pnpm bench:ci:shards [--seeds 25] [--projects 200]
 */
import { lowerBound, planShards, type PlanTask } from '@paved/ci-plan';
import { wholeNumberOption } from './options';

/** A seeded stream of numbers in [0, 1) (a linear congruential generator): the same workspace for the same seed. */
function seeded(seed: number): () => number {
  let state = (seed * 2654435761) >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** A standard normal draw (Box–Muller). */
function normal(next: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
}

const targets = {
  lint: { startMs: 2000, perFileMs: 60 },
  typecheck: { startMs: 2500, perFileMs: 45 },
  test: { startMs: 3500, perFileMs: 150 },
  build: { startMs: 2500, perFileMs: 55 },
} as const;

function syntheticWorkspace(seed: number, projects: number): PlanTask[] {
  const next = seeded(seed);
  const names = Array.from({ length: projects }, (_, index) => `p${String(index).padStart(3, '0')}`);
  const tasks: PlanTask[] = [];
  names.forEach((name, index) => {
    // Files: median 25, a long tail into the hundreds (log-normal, sigma 1.1).
    const files = Math.max(1, Math.round(25 * Math.exp(1.1 * normal(next))));
    const dependencies =
      index === 0 ? [] : Array.from({ length: Math.floor(next() * 4) }, () => names[Math.floor(next() * index)]);
    for (const [target, cost] of Object.entries(targets)) {
      const noise = Math.exp(0.3 * normal(next));
      tasks.push({
        id: `${name}:${target}`,
        project: name,
        target,
        durationMs: Math.round((cost.startMs + cost.perFileMs * files) * noise),
        durationSource: 'history',
        dependsOn: target === 'lint' ? [] : [...new Set(dependencies)].map((dependency) => `${dependency}:build`),
      });
    }
    // One project in 25 has an end-to-end suite of 2 to 8 minutes.
    if (next() < 0.04)
      tasks.push({
        id: `${name}:e2e`,
        project: name,
        target: 'e2e',
        durationMs: Math.round(120_000 + next() * 360_000),
        durationSource: 'history',
        dependsOn: [`${name}:build`],
      });
  });
  return tasks;
}

/** The naive split: tasks in project order, dealt out in turn. */
function roundRobinLongest(tasks: readonly PlanTask[], shards: number): number {
  const loads = new Array<number>(shards).fill(0);
  [...tasks]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .forEach((task, index) => {
      loads[index % shards] += task.durationMs;
    });
  return Math.max(...loads);
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const spread = (values: readonly number[], digits = 3) =>
  `${median(values).toFixed(digits)} (${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)})`;

const seeds = wholeNumberOption('seeds', 25);
const projects = wholeNumberOption('projects', 200);
const workspaces = Array.from({ length: seeds }, (_, index) => syntheticWorkspace(index + 1, projects));
const taskCounts = workspaces.map((tasks) => tasks.length);
console.log(
  `${seeds} synthetic workspaces of ${projects} projects: ${Math.min(...taskCounts)}–${Math.max(...taskCounts)} tasks each, total ${spread(
    workspaces.map((tasks) => tasks.reduce((sum, task) => sum + task.durationMs, 0) / 60_000),
    1,
  )} task-minutes (median, range)\n`,
);
console.log(
  '| shards | paved / lower bound | round robin / lower bound | round robin / paved | cross-shard dependencies (paved) | planning time (ms) | goal ≤ 1.10 |',
);
console.log(
  '| -----: | ------------------- | ------------------------- | ------------------- | -------------------------------- | ------------------ | ----------- |',
);
let allMet = true;
for (const shards of [2, 4, 8, 16]) {
  const paved: number[] = [];
  const naive: number[] = [];
  const versus: number[] = [];
  const crossing: number[] = [];
  const planning: number[] = [];
  for (const tasks of workspaces) {
    const bound = lowerBound(
      tasks.map((task) => task.durationMs),
      shards,
    );
    const started = process.hrtime.bigint();
    const plan = planShards(tasks, shards);
    planning.push(Number(process.hrtime.bigint() - started) / 1e6);
    const robin = roundRobinLongest(tasks, shards);
    paved.push(plan.longestMs / bound);
    naive.push(robin / bound);
    versus.push(robin / plan.longestMs);
    crossing.push(plan.crossShardDependencies);
  }
  const met = median(paved) <= 1.1 && Math.max(...paved) <= 1.1;
  allMet &&= met;
  console.log(
    `| ${shards} | ${spread(paved)} | ${spread(naive)} | ${spread(versus, 2)}x | ${spread(crossing, 0)} | ${spread(planning, 1)} | ${met ? 'met' : 'MISSED'} |`,
  );
}
console.log(
  `\nLower bound: max(total / N, the longest task); no split finishes sooner. ${allMet ? 'Every' : 'Not every'} workspace and shard count is within 1.10x of it.`,
);
