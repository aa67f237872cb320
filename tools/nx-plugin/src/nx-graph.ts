import { type ProjectGraph } from '@nx/devkit';
import { type FileMapLike, type GraphLike } from '@paved/conformance';

/**
 * Nx's cached file map knows which file created each project dependency. It
 * is internal to Nx, so a missing or changed cache only costs precision
 * (findings then point at project.json), never correctness.
 */
export function readCachedFileMap(): FileMapLike | undefined {
  try {
    const { readFileMapCache } = require('nx/src/project-graph/nx-deps-cache') as {
      readFileMapCache(): { fileMap?: { projectFileMap?: FileMapLike } } | null;
    };
    return readFileMapCache()?.fileMap?.projectFileMap;
  } catch {
    return undefined;
  }
}

/** ProjectGraph satisfies the structural GraphLike the conformance library reads. */
export function asGraphLike(graph: ProjectGraph): GraphLike {
  return graph as unknown as GraphLike;
}
