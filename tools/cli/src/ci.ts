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
import { explainAffected, renderAffected } from '@paved/ci-affected';
import {
  baseVariables,
  defaultBranchOf,
  recordGreenCommit,
  renderBase,
  resolveBase,
  resolveCiBase,
} from '@paved/ci-base';
import { checkChangesets, renderGate } from '@paved/ci-changesets';
import { findWorkspaceRoot } from '@paved/conformance';
import { appendFileSync, writeFileSync } from 'node:fs';
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

export interface CiBaseFlags {
  deepen?: true;
  'base-branch'?: string;
  format: 'human' | 'json' | 'github' | 'dotenv';
}

/**
 * `paved ci base`: the base and head for the affected steps that follow. `--format github` also
 * appends them to $GITHUB_OUTPUT (`base`, `head`) and $GITHUB_ENV (NX_BASE, NX_HEAD), so later
 * steps' `nx affected` uses them; `--format dotenv` prints the variables for a GitLab dotenv report.
 */
export async function runCiBase(flags: CiBaseFlags, io: CommandIO, cwd = process.cwd()): Promise<0> {
  const root = findWorkspaceRoot(cwd) ?? cwd;
  if (flags.format === 'github' && !io.env.GITHUB_OUTPUT)
    throw usageError(
      'paved ci base',
      '--format github writes to $GITHUB_OUTPUT, which GitHub Actions sets: run it in a workflow step, or use --format dotenv',
    );
  const resolved = await resolveCiBase({
    cwd,
    env: io.env,
    defaultBranch: flags['base-branch'] ?? defaultBranchOf(root),
    ...(flags.deepen ? { deepen: true } : {}),
  });
  if (flags.format === 'json') io.out(`${JSON.stringify(resolved, null, 2)}\n`);
  else if (flags.format === 'dotenv') io.out(baseVariables(resolved));
  else {
    if (flags.format === 'github') {
      appendFileSync(io.env.GITHUB_OUTPUT as string, `base=${resolved.base}\nhead=${resolved.head}\n`);
      if (io.env.GITHUB_ENV) appendFileSync(io.env.GITHUB_ENV, `NX_BASE=${resolved.base}\nNX_HEAD=${resolved.head}\n`);
    }
    io.out(renderBase(resolved));
  }
  return 0;
}

export interface CiRecordGreenFlags {
  branch?: string;
  sha?: string;
  force?: true;
  format: 'human' | 'json';
}

/** `paved ci record-green`: after a green run on a protected branch, make its commit the next push's base. */
export async function runCiRecordGreen(flags: CiRecordGreenFlags, io: CommandIO, cwd = process.cwd()): Promise<0> {
  const recorded = await recordGreenCommit({
    cwd,
    env: io.env,
    ...(flags.branch !== undefined ? { branch: flags.branch } : {}),
    ...(flags.sha !== undefined ? { sha: flags.sha } : {}),
    ...(flags.force ? { force: true } : {}),
  });
  const { record, previous } = recorded;
  if (flags.format === 'json')
    io.out(`${JSON.stringify(recorded, null, 2)}
`);
  else
    io.out(
      `green ${record.branch} ${record.sha}
${previous ? `moved from ${previous}` : 'the first green commit recorded for this branch'}; recorded by ${record.writer} at ${record.recordedAt}
`,
    );
  return 0;
}

export interface CiChangesetsFlags {
  base?: string;
  head?: string;
  format: 'human' | 'json';
}

/** `paved ci changesets`: exit 1 when a publishable package changed without a changeset naming it. */
export async function runCiChangesets(flags: CiChangesetsFlags, io: CommandIO, cwd = process.cwd()): Promise<0 | 1> {
  const root = findWorkspaceRoot(cwd) ?? cwd;
  const head = flags.head ?? io.env.NX_HEAD ?? 'HEAD';
  const base =
    flags.base ?? io.env.NX_BASE ?? resolveBase({ cwd, env: io.env, defaultBranch: defaultBranchOf(root) }).base;
  const result = checkChangesets({ root, base, head });
  io.out(flags.format === 'json' ? `${JSON.stringify({ base, head, ...result }, null, 2)}\n` : renderGate(result));
  return result.uncovered.length ? 1 : 0;
}

export interface AffectedFlags {
  base?: string;
  head?: string;
  files?: string;
  targets?: string;
  explain?: true;
  format: 'human' | 'json';
}

const commaList = (value: string | undefined) =>
  value
    ?.split(',')
    .map((item) => item.trim())
    .filter(Boolean);

/** `paved affected [--explain]`: Nx's affected projects, and why. */
export async function runAffected(flags: AffectedFlags, io: CommandIO, cwd = process.cwd()): Promise<0> {
  const root = findWorkspaceRoot(cwd) ?? cwd;
  const files = commaList(flags.files);
  const targets = commaList(flags.targets);
  const result = await explainAffected({
    root,
    base: flags.base ?? io.env.NX_BASE ?? defaultBranchOf(root),
    ...(flags.head !== undefined ? { head: flags.head } : io.env.NX_HEAD ? { head: io.env.NX_HEAD } : {}),
    ...(files ? { files } : {}),
    ...(targets ? { targets } : {}),
  });
  if (flags.format === 'json') io.out(`${JSON.stringify(result, null, 2)}\n`);
  else io.out(renderAffected(result, flags.explain === true));
  return 0;
}
