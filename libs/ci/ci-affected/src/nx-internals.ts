/**
 * The one place that reads Nx's internal affected modules (Nx 23.2; none is in @nx/devkit's
 * public index). They are loaded from the workspace's own nx, after the command has moved into
 * the workspace (Nx fixes its root when first loaded). An Nx upgrade that moves them fails the
 * tests of this library, not users' builds silently: filterAffected checks every answer.
 */
import { PavedError } from '@paved/errors';
import { createRequire } from 'node:module';
import { join } from 'node:path';

interface GraphNode {
  name: string;
  data: { root: string; targets?: Record<string, unknown> };
}
export interface NxGraph {
  nodes: Record<string, GraphNode>;
  externalNodes?: Record<string, unknown>;
  dependencies: Record<string, { source: string; target: string; type: string }[]>;
}
export type FileChange = { file: string; getChanges: () => unknown[] };
type Locator = (
  changes: FileChange[],
  nodes: NxGraph['nodes'],
  nxJson?: unknown,
  packageJson?: unknown,
  graph?: NxGraph,
) => string[] | Promise<string[]>;

export interface Touches {
  /** Project → the changed files inside it. */
  byFile: Map<string, string[]>;
  /** Project → the changed files outside every project that its targets' inputs read. */
  byGlobalInput: Map<string, string[]>;
  /** Projects and npm:… nodes the workspace-level locators touched (lockfile, npm packages, tsconfig, project globs). */
  byWorkspace: string[];
  /** Changed files that belong to a project. */
  ownedFiles: Set<string>;
}

export interface NxAffected {
  projectGraph(): Promise<NxGraph>;
  fileChanges(files: readonly string[], range: { base: string; head?: string }): FileChange[];
  touches(changes: FileChange[], graph: NxGraph): Promise<Touches>;
  filterAffected(changes: FileChange[], graph: NxGraph): Promise<string[]>;
}

export function loadNxAffected(root: string): NxAffected {
  const load = createRequire(join(root, 'package.json'));
  let modules: {
    devkit: { createProjectGraphAsync(options?: { exitOnError: boolean }): Promise<NxGraph> };
    configuration: { readNxJson(): unknown };
    fileUtils: { calculateFileChanges(files: string[], nxArgs?: object): FileChange[]; readPackageJson(): unknown };
    workspace: { getTouchedProjects: Locator; getImplicitlyTouchedProjects: Locator };
    globs: { getTouchedProjectsFromProjectGlobChanges: Locator };
    js: { getTouchedProjects: Locator };
    affected: {
      filterAffected(graph: NxGraph, changes: FileChange[], nxJson?: unknown, packageJson?: unknown): Promise<NxGraph>;
    };
    paths: {
      createProjectRootMappings(nodes: NxGraph['nodes']): unknown;
      findProjectForPath(file: string, mappings: unknown): string | undefined;
    };
  };
  try {
    modules = {
      devkit: load('@nx/devkit'),
      configuration: load('nx/src/config/configuration'),
      fileUtils: load('nx/src/project-graph/file-utils'),
      workspace: load('nx/src/project-graph/affected/locators/workspace-projects'),
      globs: load('nx/src/project-graph/affected/locators/project-glob-changes'),
      js: load('nx/src/plugins/js/project-graph/affected/touched-projects'),
      affected: load('nx/src/project-graph/affected/affected-project-graph'),
      paths: load('nx/src/project-graph/utils/find-project-for-path'),
    };
  } catch (error) {
    throw new PavedError({
      code: 'PAVED-803',
      message: `cannot load Nx's affected modules from ${root}: ${error instanceof Error ? error.message : String(error)}`,
      expected: 'an Nx 23 workspace with its dependencies installed',
    });
  }
  // One command reads the workspace's nx.json and package.json once, whichever locators ask.
  let workspaceFiles: { nxJson: unknown; packageJson: unknown } | undefined;
  const workspace = () =>
    (workspaceFiles ??= {
      nxJson: modules.configuration.readNxJson(),
      packageJson: modules.fileUtils.readPackageJson(),
    });
  return {
    projectGraph: () => modules.devkit.createProjectGraphAsync({ exitOnError: false }),
    fileChanges: (files, range) => modules.fileUtils.calculateFileChanges([...files], range),
    async touches(changes, graph) {
      const mappings = modules.paths.createProjectRootMappings(graph.nodes);
      const byFile = new Map<string, string[]>();
      for (const change of changes) {
        const project = modules.paths.findProjectForPath(change.file, mappings);
        if (project) byFile.set(project, [...(byFile.get(project) ?? []), change.file]);
      }
      const ownedFiles = new Set([...byFile.values()].flat());
      const unowned = changes.map((change) => change.file).filter((file) => !ownedFiles.has(file));
      const byGlobalInput = new Map<string, string[]>();
      const { nxJson, packageJson } = workspace();
      for (const project of await modules.workspace.getImplicitlyTouchedProjects(changes, graph.nodes, nxJson))
        byGlobalInput.set(project, unowned);
      const byWorkspace = [
        ...(await modules.globs.getTouchedProjectsFromProjectGlobChanges(
          changes,
          graph.nodes,
          nxJson,
          packageJson,
          graph,
        )),
        ...(await modules.js.getTouchedProjects(changes, graph.nodes, nxJson, packageJson, graph)),
      ];
      return { byFile, byGlobalInput, byWorkspace: [...new Set(byWorkspace)], ownedFiles };
    },
    async filterAffected(changes, graph) {
      const { nxJson, packageJson } = workspace();
      const result = await modules.affected.filterAffected(graph, changes, nxJson, packageJson);
      return Object.keys(result.nodes);
    },
  };
}
