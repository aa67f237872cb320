import { checkWorkspace, readNxFileMap, reportFormats, type GraphLike, type ReportFormat } from '@paved/conformance';
import { builtInCatalogDirs } from '@paved/templates';
import { usage } from './args';

export interface CheckFlags {
  projects?: string;
  baseline?: string;
  'update-baseline'?: true;
  format?: string;
}

/** `paved check`: the whole workspace (or --projects) against paved.json. Returns the exit code. */
export async function runCheck(flags: CheckFlags, out: (text: string) => void): Promise<0 | 1> {
  const format = (flags.format ?? 'human') as ReportFormat;
  if (!reportFormats.includes(format))
    throw usage(`--format must be one of ${reportFormats.join(', ')}, got "${flags.format}"`);
  // Loaded after --cwd took effect: Nx fixes its workspace root when first imported.
  const { createProjectGraphAsync, workspaceRoot } = await import('@nx/devkit');
  const graph = await createProjectGraphAsync({ exitOnError: false });
  const result = checkWorkspace({
    root: workspaceRoot,
    graph: graph as unknown as GraphLike,
    fileMap: readNxFileMap(workspaceRoot),
    projects: flags.projects
      ?.split(',')
      .map((p) => p.trim())
      .filter(Boolean),
    baselineFile: flags.baseline,
    updateBaseline: flags['update-baseline'] === true,
    format,
    color: format === 'human' && process.stdout.isTTY === true,
    catalogDirs: builtInCatalogDirs(),
  });
  out(result.output);
  return result.failing ? 1 : 0;
}
