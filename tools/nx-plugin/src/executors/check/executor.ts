import { type ExecutorContext } from '@nx/devkit';
import { checkWorkspace, readNxFileMap, type GraphLike } from '@paved/conformance';
import { isPavedError } from '@paved/errors';
import { builtInCatalogDirs } from '@paved/templates';
import { type CheckExecutorSchema } from './schema';

/**
 * `nx run <project>:check`: the conformance rules for one project, on the graph Nx already built.
 * Nothing the size of the workspace is read unless a finding needs it (the file map, for the
 * importing file of a boundary violation). `nx run-many -t check` runs the batch implementation
 * (batch.ts) instead where Nx batches: one process and one model for every project.
 */
export default async function checkExecutor(
  options: CheckExecutorSchema,
  context: ExecutorContext,
): Promise<{ success: boolean }> {
  if (!context.projectName || !context.projectGraph) {
    console.error('paved check: Nx gave no project graph to check');
    return { success: false };
  }
  try {
    const result = checkWorkspace({
      root: context.root,
      graph: context.projectGraph as unknown as GraphLike,
      fileMap: () => readNxFileMap(context.root),
      projects: [context.projectName],
      baselineFile: options.baseline,
      format: options.format ?? 'human',
      color: process.stdout.isTTY,
      catalogDirs: builtInCatalogDirs(),
    });
    process.stdout.write(result.output);
    return { success: !result.failing };
  } catch (error) {
    console.error(isPavedError(error) ? error.message : error);
    return { success: false };
  }
}
