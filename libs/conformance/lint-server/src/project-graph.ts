import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

/** Where Nx caches the project graph that its module-boundary rule reads. */
export function cachedProjectGraphFile(root: string, env: NodeJS.ProcessEnv = process.env): string {
  const dataDir = env.NX_WORKSPACE_DATA_DIRECTORY
    ? resolve(root, env.NX_WORKSPACE_DATA_DIRECTORY)
    : join(root, '.nx', 'workspace-data');
  return join(dataDir, 'project-graph.json');
}

/**
 * Nx's module-boundary rule reads the project graph Nx cached and skips itself, with a warning,
 * when there is none: in a fresh clone until some nx command ran, so the first commit there
 * would cross boundaries unchecked (with ESLint's CLI too). Builds that cache once, with the
 * workspace's own Nx (`nx show projects`), and is a file check when it exists. Without Nx, or
 * when Nx cannot build the graph, it does nothing and the rule warns as it would under ESLint.
 */
export async function ensureCachedProjectGraph(root: string, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  if (existsSync(cachedProjectGraphFile(root, env))) return false;
  let nxBin: string;
  try {
    nxBin = createRequire(join(root, 'package.json')).resolve('nx/bin/nx.js');
  } catch {
    return false;
  }
  await new Promise<void>((done) => {
    const child = spawn(process.execPath, [nxBin, 'show', 'projects'], { cwd: root, env, stdio: 'ignore' });
    child.once('error', () => done());
    child.once('exit', () => done());
  });
  return existsSync(cachedProjectGraphFile(root, env));
}
