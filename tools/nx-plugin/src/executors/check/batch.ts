import { type ExecutorContext, type TaskGraph } from '@nx/devkit';
import { checkEachProject, readNxFileMap, type GraphLike } from '@paved/conformance';
import { isPavedError } from '@paved/errors';
import { builtInCatalogDirs } from '@paved/templates';
import { nxPrintsBatchTaskResults } from '../../nx-internals';
import { type CheckExecutorSchema } from './schema';

/** What Nx's batch runner reads of each task's result (the shape @nx/js's tsc batch yields). */
export interface BatchTaskResult {
  task: string;
  result: { success: boolean; terminalOutput: string; startTime: number; endTime: number };
}

/**
 * `nx run-many -t check` in Nx's batch mode (executors.json `preferBatch` from Nx 22.6; `--batch`
 * before): every check task of the run in one process, with one policy load, one model and one
 * pass of the rules. Each task still gets exactly the report and baseline verdict of its own
 * project, as checkExecutor would give it, streamed as it is ready so Nx prints and caches it
 * per task.
 */
export default async function* checkBatchExecutor(
  taskGraph: TaskGraph,
  inputs: Record<string, CheckExecutorSchema>,
  _overrides: CheckExecutorSchema,
  context: ExecutorContext,
): AsyncGenerator<BatchTaskResult> {
  const startTime = Date.now();
  // Before 22.4 Nx showed the batch worker's own stdout and only stored the results.
  const echo = !nxPrintsBatchTaskResults();
  const finish = (task: string, success: boolean, terminalOutput: string): BatchTaskResult => {
    if (echo) process.stdout.write(terminalOutput);
    return { task, result: { success, terminalOutput, startTime, endTime: Date.now() } };
  };
  const tasks = Object.values(taskGraph.tasks);
  if (!context.projectGraph) {
    for (const task of tasks) yield finish(task.id, false, 'paved check: Nx gave no project graph to check\n');
    return;
  }
  // Tasks normally share their options; those that do not are checked in separate groups.
  const groups = new Map<string, { options: CheckExecutorSchema; tasks: typeof tasks }>();
  for (const task of tasks) {
    const options = inputs[task.id] ?? {};
    const key = JSON.stringify([options.baseline, options.format]);
    groups.set(key, { options, tasks: [...(groups.get(key)?.tasks ?? []), task] });
  }
  for (const { options, tasks: group } of groups.values()) {
    let reports: ReturnType<typeof checkEachProject>;
    try {
      reports = checkEachProject({
        root: context.root,
        graph: context.projectGraph as unknown as GraphLike,
        fileMap: () => readNxFileMap(context.root),
        projects: group.map((task) => task.target.project),
        baselineFile: options.baseline,
        format: options.format ?? 'human',
        color: process.stdout.isTTY,
        catalogDirs: builtInCatalogDirs(),
      });
    } catch (error) {
      const message = `${isPavedError(error) ? error.message : String(error)}\n`;
      for (const task of group) yield finish(task.id, false, message);
      continue;
    }
    for (const task of group) {
      const report = reports.get(task.target.project);
      yield finish(task.id, report ? !report.failing : false, report?.output ?? '');
    }
  }
}
