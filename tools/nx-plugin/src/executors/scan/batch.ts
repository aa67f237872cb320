import { type ExecutorContext, type TaskGraph } from '@nx/devkit';
import { scanProject, SharedReads } from '@paved/scanner';
import { nxPrintsBatchTaskResults } from '../../nx-internals';
import { type BatchTaskResult } from '../check/batch';
import { type ScanExecutorSchema } from './schema';
import { scannerRuns } from './scan-project';

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
  const shared = new SharedReads();
  for (const task of Object.values(taskGraph.tasks)) {
    const startTime = Date.now();
    const root = context.projectsConfigurations?.projects[task.target.project]?.root;
    const options = inputs[task.id] ?? {};
    const { ok, output } =
      root === undefined
        ? { ok: false, output: `paved scan: Nx gave no project ${task.target.project}\n` }
        : await scanProject(
            scannerRuns(options),
            { root: context.root, project: root },
            options.format ?? 'human',
            shared,
          );
    if (echo) process.stdout.write(output);
    yield { task: task.id, result: { success: ok, terminalOutput: output, startTime, endTime: Date.now() } };
  }
}
