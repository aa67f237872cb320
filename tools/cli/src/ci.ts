import { usageError, type CommandIO } from '@paved/cli-kit';
import {
  makePlan,
  parseShardSpec,
  readPlanFile,
  renderPlan,
  runNxShare,
  shardCommands,
  shardMatrix,
  type PlanFile,
  type PlanRequest,
} from '@paved/ci-plan';
import { findWorkspaceRoot } from '@paved/conformance';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

interface TaskFlags {
  targets?: string;
  base?: string;
  head?: string;
  all?: true;
  durations: string;
}

export interface CiPlanFlags extends TaskFlags {
  shards?: string;
  format: 'human' | 'json' | 'matrix';
  out?: string;
}

export interface CiRunFlags extends TaskFlags {
  shard?: string;
  plan?: string;
}

function targetsOf(path: string, flags: TaskFlags): string[] {
  const targets = (flags.targets ?? '')
    .split(',')
    .map((target) => target.trim())
    .filter(Boolean);
  if (targets.length === 0) throw usageError(path, 'needs the targets to plan: -t lint,test,build');
  return targets;
}

function planRequest(path: string, flags: TaskFlags, shards: number, cwd: string): PlanRequest {
  if (flags.all && (flags.base !== undefined || flags.head !== undefined))
    throw usageError(path, '--all plans every project: it takes no --base or --head');
  const root = findWorkspaceRoot(cwd) ?? cwd;
  const durations =
    flags.durations === 'estimate' || flags.durations === 'nx'
      ? flags.durations
      : { file: resolve(cwd, flags.durations) };
  // Without --all the plan is of the affected tasks, between --base and --head or Nx's own defaults
  // (NX_BASE / NX_HEAD, then nx.json's defaultBase).
  return {
    root,
    targets: targetsOf(path, flags),
    shards,
    durations,
    ...(flags.all ? { all: true } : {}),
    ...(flags.base !== undefined ? { base: flags.base } : {}),
    ...(flags.head !== undefined ? { head: flags.head } : {}),
  };
}

/** `paved ci plan --shards N -t targets`: the split, for people, as the plan file, or as the CI matrix. */
export async function runCiPlan(flags: CiPlanFlags, io: CommandIO, cwd = process.cwd()): Promise<0> {
  const shards = Number(flags.shards);
  if (!Number.isInteger(shards) || shards < 1 || shards > 256)
    throw usageError('paved ci plan', `--shards must be a whole number from 1 to 256, got "${flags.shards ?? ''}"`);
  const plan = await makePlan(planRequest('paved ci plan', flags, shards, cwd));
  if (flags.out !== undefined) writeFileSync(resolve(cwd, flags.out), `${JSON.stringify(plan, null, 2)}\n`);
  if (flags.format === 'json') io.out(`${JSON.stringify(plan, null, 2)}\n`);
  else if (flags.format === 'matrix') io.out(`${JSON.stringify(shardMatrix(plan))}\n`);
  else io.out(renderPlan(plan));
  return 0;
}

/** `paved ci run --shard i/N -t targets`: this shard's share of the plan, run with `nx run-many`. */
export async function runCiRun(flags: CiRunFlags, io: CommandIO, cwd = process.cwd()): Promise<0 | 1> {
  const spec = parseShardSpec(flags.shard ?? '');
  if (!spec)
    throw usageError('paved ci run', `--shard must be <i>/<n> with 1 <= i <= n (e.g. 2/4), got "${flags.shard ?? ''}"`);
  let plan: PlanFile;
  if (flags.plan !== undefined) {
    const targets = flags.targets === undefined ? undefined : targetsOf('paved ci run', flags);
    plan = readPlanFile(resolve(cwd, flags.plan), { shards: spec.of, ...(targets ? { targets } : {}) });
  } else {
    if (flags.durations === 'nx')
      throw usageError(
        'paved ci run',
        "--durations nx reads this machine's task history, which differs between CI machines: plan once with `paved ci plan --out plan.json` and pass --plan plan.json",
      );
    plan = await makePlan(planRequest('paved ci run', flags, spec.of, cwd));
  }
  const share = shardCommands(plan, spec.shard);
  const owned = plan.shards.find((shard) => shard.index === spec.shard)?.tasks.length ?? 0;
  io.err(`shard ${spec.shard}/${spec.of}: ${owned} of ${plan.tasks.length} task(s)\n`);
  if (share.length === 0) return 0;
  const root = findWorkspaceRoot(cwd) ?? cwd;
  const failed = runNxShare(root, share).runs.filter((run) => run.exitCode !== 0);
  for (const run of failed)
    io.err(
      `shard ${spec.shard}/${spec.of}: nx run-many -t ${run.target} exited ${run.exitCode}${run.exitCode === 130 ? ' (tasks were skipped because a dependency failed)' : ''}\n`,
    );
  return failed.length ? 1 : 0;
}
