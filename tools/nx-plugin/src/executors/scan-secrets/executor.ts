import { type ExecutorContext } from '@nx/devkit';
import { isPavedError } from '@paved/errors';
import { loadPolicy } from '@paved/policy';
import { formatSecretsReport, scanSecrets } from '@paved/secrets';
import { type ScanSecretsExecutorSchema } from './schema';

/**
 * `nx run <project>:scan-secrets`: the project's tracked files, as `paved scan secrets --all`
 * scans the whole repository, so `nx affected -t scan-secrets` scans what a change touched.
 */
export default async function scanSecretsExecutor(
  options: ScanSecretsExecutorSchema,
  context: ExecutorContext,
): Promise<{ success: boolean }> {
  const project = context.projectName ? context.projectsConfigurations?.projects[context.projectName] : undefined;
  if (!project) {
    console.error('paved scan-secrets: Nx gave no project to scan');
    return { success: false };
  }
  try {
    const result = await scanSecrets({
      cwd: context.root,
      mode: 'all',
      policy: loadPolicy(context.root).secrets,
      under: project.root,
    });
    process.stdout.write(formatSecretsReport(result, options.format ?? 'human'));
    return { success: result.fresh.length === 0 };
  } catch (error) {
    console.error(isPavedError(error) ? error.message : error);
    return { success: false };
  }
}
