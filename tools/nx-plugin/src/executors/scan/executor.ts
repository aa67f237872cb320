import { type ExecutorContext } from '@nx/devkit';
import { scanProject, SharedReads } from '@paved/scanner';
import { type ScanExecutorSchema } from './schema';
import { scannerRuns } from './scan-project';

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
  const request = { root: context.root, project: project.root };
  const scan = await scanProject(scannerRuns(options), request, options.format ?? 'human', new SharedReads());
  process.stderr.write(scan.warnings.join(''));
  process.stdout.write(scan.output);
  return { success: scan.ok };
}
