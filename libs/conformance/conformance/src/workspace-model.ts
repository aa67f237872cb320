import { PavedError } from '@paved/errors';
import { type Policy } from '@paved/policy';
import { MAX_MANIFEST_BYTES, readRegularText } from '@paved/repo-files';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  type DependencyEdge,
  type PavedProjectMetadata,
  type ProjectNode,
  type WorkspaceFiles,
  type WorkspaceModel,
} from './model';

/** The parts of Nx's ProjectGraph the model reads (kept structural so this lib does not load Nx). */
export interface GraphLike {
  nodes: Record<
    string,
    { name: string; data: { root: string; tags?: string[]; projectType?: string; metadata?: Record<string, unknown> } }
  >;
  dependencies: Record<string, { source: string; target: string; type: string }[]>;
}

/** Per project, the files and the projects each imports (Nx's file map). */
export type FileMapLike = Record<
  string,
  { file: string; deps?: (string | [string, string] | [string, string, string])[] }[]
>;

const ignoredDirs = new Set(['node_modules', 'dist', '.git', '.nx', 'coverage', 'tmp', 'out-tsc']);

/** What WorkspaceFiles needs of a file system: the disk, or Nx's tree of a generator. */
export interface FolderAccess {
  entries(dir: string): { name: string; isFile: boolean; isDirectory: boolean }[];
  read(path: string): string | undefined;
  exists(path: string): boolean;
}

/** WorkspaceFiles over any file system; directory listings are cached for the run. */
export function workspaceFiles(access: FolderAccess): WorkspaceFiles {
  const listings = new Map<string, string[]>();
  const relative = (dir: string, name: string) => (dir === '' || dir === '.' ? name : `${dir}/${name}`);
  const entries = (dir: string) => access.entries(dir).filter((entry) => !ignoredDirs.has(entry.name));
  const list = (dir: string): string[] => {
    const cached = listings.get(dir);
    if (cached) return cached;
    const files: string[] = [];
    for (const entry of entries(dir)) {
      const path = relative(dir, entry.name);
      if (entry.isDirectory) files.push(...list(path));
      else if (entry.isFile) files.push(path);
    }
    listings.set(dir, files);
    return files;
  };
  const find = (dir: string, matches: (path: string) => boolean, skip?: ReadonlySet<string>): string | undefined => {
    // Files first, then folders: a project's test usually sits near its top.
    const here = entries(dir);
    for (const entry of here) {
      const path = relative(dir, entry.name);
      if (entry.isFile && matches(path)) return path;
    }
    for (const entry of here) {
      const path = relative(dir, entry.name);
      if (!entry.isDirectory || skip?.has(path)) continue;
      const found = find(path, matches, skip);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  return {
    exists: (path) => access.exists(path),
    read: (path) => access.read(path),
    list: (dir) => (access.exists(dir) ? list(dir) : []),
    find,
  };
}

/** WorkspaceFiles over the real disk. */
export function diskFiles(root: string): WorkspaceFiles {
  return workspaceFiles({
    entries: (dir) => {
      try {
        return readdirSync(join(root, dir), { withFileTypes: true }).map((entry) => ({
          name: entry.name,
          isFile: entry.isFile(),
          isDirectory: entry.isDirectory(),
        }));
      } catch {
        return [];
      }
    },
    // A rule reads manifests and configs: only regular files under the limit, never a FIFO or a device.
    read: (path) => {
      const read = readRegularText(join(root, path), MAX_MANIFEST_BYTES);
      return read.kind === 'text' ? read.text : undefined;
    },
    exists: (path) => existsSync(join(root, path)),
  });
}

/**
 * The project graph Nx cached on its last run (.nx/workspace-data/project-graph.json),
 * read without loading Nx: what the ESLint rule uses, and as fresh as that run.
 */
export function readNxCachedGraph(root: string, env: NodeJS.ProcessEnv = process.env): GraphLike | undefined {
  const dataDir = env.NX_WORKSPACE_DATA_DIRECTORY ?? join(root, '.nx', 'workspace-data');
  try {
    const graph = JSON.parse(readFileSync(join(dataDir, 'project-graph.json'), 'utf-8')) as GraphLike;
    return graph.nodes && graph.dependencies ? graph : undefined;
  } catch {
    return undefined;
  }
}

/** The nearest folder at or above `from` that holds nx.json. */
export function findWorkspaceRoot(from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'nx.json'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/** The workspace at or above `from`, for `command`; PAVED-004 (exit 2) anywhere else. */
export function requireWorkspaceRoot(from: string, command: string): string {
  const root = findWorkspaceRoot(from);
  if (!root) {
    throw new PavedError({
      code: 'PAVED-004',
      file: from,
      message: 'not an Nx workspace: no nx.json here or in any folder above',
      hint: `run ${command} inside an Nx workspace, or pass --cwd <workspace>`,
    });
  }
  return root;
}

/**
 * Nx's cached file map (.nx/workspace-data/file-map.json) says which file
 * creates each dependency. It is Nx's internal cache, so a missing or changed
 * file only costs precision (findings point at project.json), never correctness.
 */
export function readNxFileMap(root: string, env: NodeJS.ProcessEnv = process.env): FileMapLike | undefined {
  const dataDir = env.NX_WORKSPACE_DATA_DIRECTORY ?? join(root, '.nx', 'workspace-data');
  try {
    const cache = JSON.parse(readFileSync(join(dataDir, 'file-map.json'), 'utf-8')) as {
      fileMap?: { projectFileMap?: FileMapLike };
    };
    return cache.fileMap?.projectFileMap;
  } catch {
    return undefined;
  }
}

/** A file map, or a way to read it that runs only when a finding needs a file (it is the size of the workspace). */
export type FileMapSource = FileMapLike | (() => FileMapLike | undefined);

/**
 * Builds the model the rules read from an Nx project graph. With a file map,
 * each dependency names the first file that creates it, so findings point at
 * the import rather than the project; the map is read, and each project's part
 * indexed, only when a finding asks for it.
 */
export function modelFromGraph(
  graph: GraphLike,
  policy: Policy,
  files: WorkspaceFiles,
  options: { fileMap?: FileMapSource; defaultLayout?: (kind: string) => string | undefined } = {},
): WorkspaceModel {
  const projects: Record<string, ProjectNode> = {};
  for (const node of Object.values(graph.nodes)) {
    const paved = (node.data.metadata?.paved ?? undefined) as PavedProjectMetadata | undefined;
    projects[node.name] = {
      name: node.name,
      root: node.data.root,
      tags: node.data.tags ?? [],
      projectType: node.data.projectType === 'application' ? 'application' : 'library',
      ...(paved ? { paved } : {}),
    };
  }
  const dependencies: DependencyEdge[] = [];
  for (const [source, edges] of Object.entries(graph.dependencies)) {
    for (const edge of edges) {
      if (!projects[source] || !projects[edge.target]) continue;
      dependencies.push({
        source,
        target: edge.target,
        type: edge.type === 'implicit' ? 'implicit' : edge.type === 'dynamic' ? 'dynamic' : 'static',
      });
    }
  }
  return {
    policy,
    projects,
    dependencies,
    files,
    ...(options.defaultLayout ? { defaultLayout: options.defaultLayout } : {}),
    ...(options.fileMap ? { sourceFileOf: sourceFileLookup(options.fileMap) } : {}),
  };
}

function sourceFileLookup(source: FileMapSource): (project: string, target: string) => string | undefined {
  let fileMap: FileMapLike | undefined;
  let loaded = false;
  const byProject = new Map<string, Map<string, string>>();
  return (project, target) => {
    if (!loaded) {
      fileMap = typeof source === 'function' ? source() : source;
      loaded = true;
    }
    let importsOf = byProject.get(project);
    if (!importsOf) {
      importsOf = new Map();
      for (const entry of fileMap?.[project] ?? []) {
        for (const dep of entry.deps ?? []) {
          const to = typeof dep === 'string' ? dep : dep[0] === project ? dep[1] : dep[0];
          // Point at the import rather than the package.json that declares it, when both exist.
          if (!importsOf.has(to) || importsOf.get(to)?.endsWith('package.json')) importsOf.set(to, entry.file);
        }
      }
      byProject.set(project, importsOf);
    }
    return importsOf.get(target);
  };
}
