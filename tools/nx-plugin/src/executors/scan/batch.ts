import { type ExecutorContext, type TaskGraph } from '@nx/devkit';
import { isPavedError } from '@paved/errors';
import { nxPrintsBatchTaskResults } from '../../nx-internals';
import { type BatchTaskResult } from '../check/batch';
import { type ScanExecutorSchema } from './schema';
import { scanProject, WorkspaceScan } from './scan-project';

/**
 * `nx run-many -t scan` in Nx's batch mode: every scan task of the run in one process, sharing
 * the policy, the lockfile, the advisory snapshot and one license listing of the workspace;
 * each task still gets its own project's report, streamed as it is ready.
 */
export default async function* scanBatchExecutor(
  taskGraph: TaskGraph,
  inputs: Record<string, ScanExecutorSchema>,
  _overrides: ScanExecutorSchema,
  context: ExecutorContext,
): AsyncGenerator<BatchTaskResult> {
  const echo = !nxPrintsBatchTaskResults();
  const tasks = Object.values(taskGraph.tasks);
  let workspace: WorkspaceScan | undefined;
  let failure = '';
  try {
    workspace = new WorkspaceScan(context.root);
  } catch (error) {
    failure = `${isPavedError(error) ? error.message : String(error)}\n`;
  }
  for (const task of tasks) {
    const startTime = Date.now();
    const root = context.projectsConfigurations?.projects[task.target.project]?.root;
    const { success, output } =
      workspace && root !== undefined
        ? await scanProject(workspace, root, inputs[task.id] ?? {})
        : { success: false, output: failure || `paved scan: Nx gave no project ${task.target.project}\n` };
    if (echo) process.stdout.write(output);
    yield { task: task.id, result: { success, terminalOutput: output, startTime, endTime: Date.now() } };
  }
}
