import { type NxGraph } from './nx-internals';

/**
 * Nx's reverse walk, with the path it took: every node that depends on a touched one, transitively,
 * each with a shortest path from a touched node (breadth first; dependents in name order, so the
 * same graph gives the same paths).
 */
export function affectedPaths(graph: Pick<NxGraph, 'dependencies'>, touched: readonly string[]): Map<string, string[]> {
  const dependents = new Map<string, string[]>();
  for (const [source, edges] of Object.entries(graph.dependencies))
    for (const edge of edges) dependents.set(edge.target, [...(dependents.get(edge.target) ?? []), source]);
  const paths = new Map<string, string[]>();
  const queue: string[] = [];
  for (const start of touched)
    if (!paths.has(start)) {
      paths.set(start, [start]);
      queue.push(start);
    }
  for (let index = 0; index < queue.length; index += 1) {
    const current = queue[index];
    for (const dependent of (dependents.get(current) ?? []).sort())
      if (!paths.has(dependent)) {
        paths.set(dependent, [...(paths.get(current) ?? []), dependent]);
        queue.push(dependent);
      }
  }
  return paths;
}
