import {
  checkWorkspace,
  requireWorkspaceRoot,
  projectGraphProblems,
  readNxCachedGraph,
  readNxFileMap,
  type GraphLike,
  type ReportFormat,
} from '@paved/conformance';
import { PavedError } from '@paved/errors';
import { loadPolicy } from '@paved/policy';
import { builtInCatalogDirs } from '@paved/templates';

export interface CheckFlags {
  projects?: string;
  baseline?: string;
  'update-baseline'?: true;
  format?: ReportFormat;
  'cached-graph'?: true;
}

/** `paved check`: the whole workspace (or --projects) against paved.json. Returns the exit code. */
export async function runCheck(flags: CheckFlags, out: (text: string) => void): Promise<0 | 1> {
  const format = flags.format ?? 'human';
  const root = workspaceRoot();
  // Before the graph: Nx would bury a policy error in its own error dump (Paved's ESLint plugin
  // reads paved.json while Nx builds the graph).
  const policy = loadPolicy(root);
  const graph = flags['cached-graph'] ? cachedGraph(root) : await freshGraph();
  const result = checkWorkspace({
    root,
    policy,
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

/**
 * The folder with nx.json, here or above. Checked before Nx loads: outside a workspace Nx
 * would take the current folder for one and build a graph of whatever is in it.
 */
const workspaceRoot = (): string => requireWorkspaceRoot(process.cwd(), 'paved check');

/** A project graph built now, as CI needs it; a graph Nx cannot build is the workspace's error, not ours. */
async function freshGraph(): Promise<GraphLike> {
  // Loaded after --cwd took effect: Nx fixes its workspace root when first imported.
  const { createProjectGraphAsync } = await import('@nx/devkit');
  try {
    return (await createProjectGraphAsync({ exitOnError: false })) as unknown as GraphLike;
  } catch (error) {
    throw new PavedError(projectGraphProblems(error));
  }
}

/**
 * The graph Nx cached on its last run (what the ESLint rule reads): instant and
 * without loading Nx, but only as fresh as that run. For editors and hooks.
 */
function cachedGraph(root: string): GraphLike {
  const graph = readNxCachedGraph(root);
  if (!graph)
    throw new PavedError({
      code: 'PAVED-005',
      message: '--cached-graph: Nx has no cached project graph yet',
      hint: 'run any nx command (e.g. `nx show projects`) first, or leave out --cached-graph',
    });
  return graph;
}
