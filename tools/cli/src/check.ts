import {
  checkWorkspace,
  findWorkspaceRoot,
  readNxCachedGraph,
  readNxFileMap,
  reportFormats,
  type GraphLike,
  type ReportFormat,
} from '@paved/conformance';
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
  const { root, graph } = flags['cached-graph'] ? cachedGraph() : await freshGraph();
  const result = checkWorkspace({
    root,
    graph,
    fileMap: () => readNxFileMap(root),
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

/** A project graph built now, as CI needs it. */
async function freshGraph(): Promise<{ root: string; graph: GraphLike }> {
  // Loaded after --cwd took effect: Nx fixes its workspace root when first imported.
  const { createProjectGraphAsync, workspaceRoot } = await import('@nx/devkit');
  const graph = await createProjectGraphAsync({ exitOnError: false });
  return { root: workspaceRoot, graph: graph as unknown as GraphLike };
}

/**
 * The graph Nx cached on its last run (what the ESLint rule reads): instant and
 * without loading Nx, but only as fresh as that run. For editors and hooks.
 */
function cachedGraph(): { root: string; graph: GraphLike } {
  const root = findWorkspaceRoot(process.cwd());
  if (!root) throw usage('--cached-graph: no nx.json here or above; run paved in an Nx workspace (or pass --cwd)');
  const graph = readNxCachedGraph(root);
  if (!graph)
    throw usage(
      '--cached-graph: Nx has no cached project graph yet; run any nx command (e.g. `nx show projects`) first',
    );
  return { root, graph };
}
