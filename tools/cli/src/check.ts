import { checkWorkspace, readNxFileMap, reportFormats, type GraphLike, type ReportFormat } from '@paved/conformance';
import { builtInCatalogDirs } from '@paved/templates';
import { usage } from './args';

export interface CheckFlags {
  projects?: string;
  baseline?: string;
  'update-baseline'?: true;
  format?: string;
  'cached-graph'?: true;
}

/** `paved check`: the whole workspace (or --projects) against paved.json. Returns the exit code. */
export async function runCheck(flags: CheckFlags, out: (text: string) => void): Promise<0 | 1> {
  const format = (flags.format ?? 'human') as ReportFormat;
  if (!reportFormats.includes(format))
    throw usage(`--format must be one of ${reportFormats.join(', ')}, got "${flags.format}"`);
  // Loaded after --cwd took effect: Nx fixes its workspace root when first imported.
  const { createProjectGraphAsync, readCachedProjectGraph, workspaceRoot } = await import('@nx/devkit');
  const graph = flags['cached-graph']
    ? cachedGraph(readCachedProjectGraph)
    : await createProjectGraphAsync({ exitOnError: false });
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

/**
 * The graph Nx cached on its last run (what the ESLint rule reads): instant,
 * but only as fresh as that run. For editors and hooks; CI builds it fresh.
 */
function cachedGraph(read: () => unknown): unknown {
  try {
    return read();
  } catch {
    throw usage(
      '--cached-graph: Nx has no cached project graph yet; run any nx command (e.g. `nx show projects`) first',
    );
  }
}
