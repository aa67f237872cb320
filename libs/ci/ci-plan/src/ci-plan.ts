/**
 * `paved ci plan` and `paved ci run`: the affected tasks of some targets, split over N shards by
 * their durations, written as a plan every shard reads; and one shard's share of a plan as the
 * `nx run-many` commands that run it.
 */
import { PavedError } from '@paved/errors';
import { z } from 'zod';
import { estimateDurationMs, readDurationsFile } from './durations';
import { readJsonFile } from './json-file';
import { fileCounts, nxHistoryDurations, nxTasks, type GraphTask } from './nx-tasks';
import { planShards, type PlanTask, type ShardPlan } from './plan';

export interface PlanRequest {
  root: string;
  targets: readonly string[];
  shards: number;
  all?: boolean;
  base?: string;
  head?: string;
  /** `estimate` (from project sizes: the same on every machine), `nx` (this machine's Nx task history) or a durations file. */
  durations: 'estimate' | 'nx' | { file: string };
}

const planFileSchema = z.object({
  version: z.literal(1),
  targets: z.array(z.string()).min(1),
  all: z.boolean().optional(),
  base: z.string().optional(),
  head: z.string().optional(),
  durations: z.string(),
  shardCount: z.number().int().positive(),
  totalMs: z.number(),
  lowerBoundMs: z.number(),
  longestMs: z.number(),
  crossShardDependencies: z.number().int(),
  shards: z.array(
    z.object({ index: z.number().int().positive(), tasks: z.array(z.string()), estimatedMs: z.number() }),
  ),
  tasks: z.array(
    z.object({
      id: z.string(),
      project: z.string(),
      target: z.string(),
      durationMs: z.number(),
      durationSource: z.enum(['history', 'estimate']),
      dependsOn: z.array(z.string()),
    }),
  ),
});

/** What `paved ci plan --format json` writes and `paved ci run --plan` reads. */
export type PlanFile = z.infer<typeof planFileSchema>;

/** Durations for the tasks: measured ones where the source has them, estimates from project size for the rest. */
async function durationsFor(request: PlanRequest, tasks: readonly GraphTask[]): Promise<PlanTask[]> {
  const measured =
    request.durations === 'estimate'
      ? new Map<string, number>()
      : request.durations === 'nx'
        ? await nxHistoryDurations(request.root, tasks)
        : readDurationsFile(request.durations.file);
  const unmeasured = tasks.filter((task) => !measured.has(task.id));
  const files = unmeasured.length
    ? fileCounts(
        request.root,
        unmeasured.map((task) => task.projectRoot),
      )
    : new Map();
  return tasks.map((task) => {
    const ms = measured.get(task.id);
    return {
      id: task.id,
      project: task.project,
      target: task.target,
      dependsOn: task.dependsOn,
      durationMs: ms ?? estimateDurationMs(task.target, files.get(task.projectRoot) ?? 0),
      durationSource: ms === undefined ? 'estimate' : 'history',
    };
  });
}

/** The plan of `request`: Nx's affected tasks of the targets, split over the shards. */
export async function makePlan(request: PlanRequest): Promise<PlanFile> {
  const tasks = await durationsFor(request, nxTasks(request));
  return toPlanFile(request, tasks, planShards(tasks, request.shards));
}

function toPlanFile(request: PlanRequest, tasks: PlanTask[], plan: ShardPlan): PlanFile {
  return {
    version: 1,
    targets: [...request.targets],
    ...(request.all ? { all: true } : {}),
    ...(request.base ? { base: request.base } : {}),
    ...(request.head ? { head: request.head } : {}),
    durations: typeof request.durations === 'string' ? request.durations : `file:${request.durations.file}`,
    ...plan,
    tasks: tasks.map((task) => ({ ...task, dependsOn: [...task.dependsOn] })),
  };
}

/** A plan file, checked against the shard count and targets the run was given. */
export function readPlanFile(path: string, expected: { shards: number; targets?: readonly string[] }): PlanFile {
  const plan = readJsonFile(path, planFileSchema, 'PAVED-801', 'the JSON `paved ci plan --format json` writes');
  const problems: string[] = [];
  if (plan.shardCount !== expected.shards)
    problems.push(`it splits over ${plan.shardCount} shards, the run says ${expected.shards}`);
  if (expected.targets && expected.targets.join(',') !== plan.targets.join(','))
    problems.push(`it plans -t ${plan.targets.join(',')}, the run says -t ${expected.targets.join(',')}`);
  if (problems.length)
    throw new PavedError(
      problems.map((problem) => ({
        code: 'PAVED-801' as const,
        message: `${path}: ${problem}`,
        file: path,
        hint: 'Pass the same --shards and -t to `paved ci plan` and `paved ci run`, or drop -t from the run.',
      })),
    );
  return plan;
}

/** One `nx run-many` per target, over the projects whose task of that target the shard owns. */
export function shardCommands(plan: PlanFile, shard: number): { target: string; projects: string[] }[] {
  const owned = new Set(plan.shards.find((entry) => entry.index === shard)?.tasks ?? []);
  return plan.targets.flatMap((target) => {
    const projects = plan.tasks
      .filter((task) => task.target === target && owned.has(task.id))
      .map((task) => task.project);
    return projects.length ? [{ target, projects }] : [];
  });
}

/** `2/4` → { shard: 2, of: 4 }; anything else is refused with what was expected. */
export function parseShardSpec(spec: string): { shard: number; of: number } | undefined {
  const match = /^(\d{1,4})\/(\d{1,4})$/.exec(spec.trim());
  if (!match) return undefined;
  const [shard, of] = [Number(match[1]), Number(match[2])];
  return shard >= 1 && shard <= of ? { shard, of } : undefined;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The plan for people: each shard's tasks and estimate, the bound, where durations came from. */
export function renderPlan(plan: PlanFile): string {
  const estimated = plan.tasks.filter((task) => task.durationSource === 'estimate').length;
  const lines = [
    `${plan.tasks.length} task(s) of ${plan.targets.join(', ')} over ${plan.shardCount} shard(s): longest ${seconds(plan.longestMs)}, lower bound ${seconds(plan.lowerBoundMs)} (${(plan.longestMs / Math.max(1, plan.lowerBoundMs)).toFixed(2)}x), total ${seconds(plan.totalMs)}`,
    `durations: ${plan.durations}; ${plan.tasks.length - estimated} measured, ${estimated} estimated from project size; ${plan.crossShardDependencies} dependenc${plan.crossShardDependencies === 1 ? 'y crosses' : 'ies cross'} shards (Nx fetches those from the remote cache or builds them again)`,
  ];
  for (const shard of plan.shards)
    lines.push(
      `shard ${shard.index}/${plan.shardCount}: ${shard.tasks.length} task(s), ${seconds(shard.estimatedMs)}${shard.tasks.length ? `: ${shard.tasks.join(' ')}` : ''}`,
    );
  return `${lines.join('\n')}\n`;
}

/** The CI matrix: `{"shard":["1/3","2/3","3/3"]}`, for GitHub's `fromJSON` and GitLab's parallel:matrix. */
export function shardMatrix(plan: Pick<PlanFile, 'shardCount'>): { shard: string[] } {
  return { shard: Array.from({ length: plan.shardCount }, (_, index) => `${index + 1}/${plan.shardCount}`) };
}
