import { type ExecutorContext } from '@nx/devkit';
import { isPavedError } from '@paved/errors';
import { type ScanExecutorSchema } from './schema';
import { scanProject, WorkspaceScan } from './scan-project';

/**
 * `nx run <project>:scan`: secrets in the project's tracked files, and vulnerabilities and
 * licenses of the dependencies it brings in (scan-project.ts). So `nx affected -t scan` scans
 * what a change touched, and the cache skips the rest; `nx run-many -t scan` runs batch.ts
 * where Nx batches, listing the workspace's licenses once for every project.
 */
export default async function scanExecutor(
  options: ScanExecutorSchema,
  context: ExecutorContext,
): Promise<{ success: boolean }> {
  const project = context.projectName ? context.projectsConfigurations?.projects[context.projectName] : undefined;
  if (!project) {
    console.error('paved scan: Nx gave no project to scan');
    return { success: false };
  }
  let workspace: WorkspaceScan;
  try {
    workspace = new WorkspaceScan(context.root);
  } catch (error) {
    console.error(isPavedError(error) ? error.message : error);
    return { success: false };
  }
  const { success, output } = await scanProject(workspace, project.root, options);
  process.stdout.write(output);
  return { success };
}
