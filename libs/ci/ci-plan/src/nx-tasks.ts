/**
 * What Nx knows, asked the way Nx answers: the affected task graph from `nx affected --graph=stdout`
 * (the same computation `nx affected` runs, so a plan never disagrees with it) and measured task
 * durations from Nx's own task history. The history is an internal module of Nx
 * (`nx/src/utils/task-history`, pinned with Nx 23.2): this file is the one place that imports it.
 */
import { PavedError } from '@paved/errors';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

export interface GraphTask {
  id: string;
  project: string;
  target: string;
  projectRoot: string;
  dependsOn: string[];
}

export interface TaskQuery {
  root: string;
  targets: readonly string[];
  /** Every project that has one of the targets, not only the affected ones. */
  all?: boolean;
  /** Affected between these; absent: Nx's own defaults (NX_BASE / NX_HEAD, then nx.json's defaultBase and HEAD). */
  base?: string;
  head?: string;
}

interface NxTaskGraphOutput {
  tasks: {
    tasks: Record<string, { id: string; target: { project: string; target: string }; projectRoot?: string }>;
    dependencies: Record<string, string[]>;
  };
}

/** The `nx` program of the workspace at `root`, run with the workspace's own Node. */
function nxBin(root: string): string {
  try {
    return createRequire(join(root, 'package.json')).resolve('nx/bin/nx.js');
  } catch {
    throw new PavedError({
      code: 'PAVED-803',
      message: `no nx installed in ${root}`,
      expected: 'an Nx workspace with its dependencies installed (nx in node_modules)',
    });
  }
}

/**
 * The tasks of `targets` that Nx would run (affected between base and head, or all), with the
 * dependencies between them. Tasks Nx adds only as dependencies of another target (`^build`
 * under `test`) are left out: Nx runs those itself wherever they are needed.
 */
export function nxTasks(query: TaskQuery): GraphTask[] {
  const targets = query.targets.join(',');
  const args = query.all
    ? ['run-many', '-t', targets, '--graph=stdout']
    : [
        'affected',
        '-t',
        targets,
        ...(query.base ? ['--base', query.base] : []),
        ...(query.head ? ['--head', query.head] : []),
        '--graph=stdout',
      ];
  const result = spawnSync(process.execPath, [nxBin(query.root), ...args], {
    cwd: query.root,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env: { ...process.env, NX_TUI: 'false', FORCE_COLOR: '0' },
  });
  if (result.status !== 0)
    throw new PavedError({
      code: 'PAVED-803',
      message: `\`nx ${args.join(' ')}\` exited ${result.status ?? result.signal}: ${(result.stderr || result.stdout).trim().split('\n').slice(-6).join('\n')}`,
      expected: 'a task graph from Nx',
    });
  const start = result.stdout.indexOf('{');
  let output: NxTaskGraphOutput;
  try {
    output = JSON.parse(result.stdout.slice(start)) as NxTaskGraphOutput;
  } catch {
    throw new PavedError({
      code: 'PAVED-803',
      message: `\`nx ${args.join(' ')}\` printed no task graph (${result.stdout.slice(0, 200)})`,
      expected: 'the JSON of --graph=stdout',
    });
  }
  const wanted = new Set(query.targets);
  const tasks = Object.values(output.tasks.tasks).filter((task) => wanted.has(task.target.target));
  const kept = new Set(tasks.map((task) => task.id));
  return tasks
    .map((task) => ({
      id: task.id,
      project: task.target.project,
      target: task.target.target,
      projectRoot: task.projectRoot ?? '',
      dependsOn: (output.tasks.dependencies[task.id] ?? []).filter((id) => kept.has(id)),
    }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Tracked files per project root (`git ls-files`; a folder walk outside git), for duration estimates. */
export function fileCounts(root: string, projectRoots: readonly string[]): Map<string, number> {
  const roots = [...new Set(projectRoots)].sort((a, b) => b.length - a.length);
  const counts = new Map(roots.map((projectRoot) => [projectRoot, 0]));
  const listed = spawnSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 30 });
  const files = listed.status === 0 ? listed.stdout.split('\0').filter(Boolean) : walk(root, '');
  for (const file of files) {
    const owner = roots.find(
      (projectRoot) => projectRoot === '' || projectRoot === '.' || file.startsWith(`${projectRoot}/`),
    );
    if (owner !== undefined) counts.set(owner, (counts.get(owner) ?? 0) + 1);
  }
  return counts;
}

function walk(root: string, dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    if (['node_modules', '.git', 'dist', '.nx'].includes(entry.name)) return [];
    const path = dir ? `${dir}/${entry.name}` : entry.name;
    return entry.isDirectory() ? walk(root, path) : entry.isFile() ? [path] : [];
  });
}

interface NxTaskHistoryModule {
  getTaskHistory(): {
    getEstimatedTaskTimings(targets: { project: string; target: string }[]): Promise<Record<string, number>>;
  } | null;
}

/**
 * Mean durations of the tasks' successful executed runs, from Nx's task history on this machine
 * (cache hits do not count: they time the restore, not the work). Empty where Nx keeps no history
 * (a fresh CI runner, `nx reset`, the WASM build).
 */
export async function nxHistoryDurations(root: string, tasks: readonly GraphTask[]): Promise<Map<string, number>> {
  let history: ReturnType<NxTaskHistoryModule['getTaskHistory']>;
  try {
    const nxRequire = createRequire(join(root, 'package.json'));
    history = (nxRequire('nx/src/utils/task-history') as NxTaskHistoryModule).getTaskHistory();
  } catch {
    return new Map();
  }
  if (!history || tasks.length === 0) return new Map();
  const timings = await history.getEstimatedTaskTimings(tasks.map(({ project, target }) => ({ project, target })));
  return new Map(Object.entries(timings).filter(([, ms]) => Number.isFinite(ms) && ms > 0));
}

export interface ShardRunResult {
  /** Each `nx run-many` and how it ended. */
  runs: { target: string; projects: string[]; exitCode: number }[];
}

/**
 * Runs `nx run-many -t <target> -p <projects>` for each entry, one after the other, with the
 * output on this process's own stdout and stderr. Every entry runs even after a failure, so one
 * CI job reports all of its share; the caller fails the job if any exit code is not 0 (Nx exits
 * 130, not 1, when it skipped tasks because a dependency failed).
 */
export function runNxShare(
  root: string,
  share: readonly { target: string; projects: readonly string[] }[],
): ShardRunResult {
  const bin = nxBin(root);
  const runs = share.map(({ target, projects }) => {
    const result = spawnSync(
      process.execPath,
      [bin, 'run-many', '-t', target, '-p', projects.join(','), '--outputStyle=static'],
      { cwd: root, stdio: 'inherit', env: { ...process.env, NX_TUI: 'false' } },
    );
    return { target, projects: [...projects], exitCode: result.status ?? 1 };
  });
  return { runs };
}
