import type { GeneratorCallback, Tree } from '@nx/devkit';
import { type InitGeneratorSchema } from './schema';
import { assertAdoptable, installedNxVersion } from './supported-nx';

/**
 * `nx g @paved/nx:init` (what `nx add @paved/nx` runs): adopts Paved in an existing Nx
 * workspace, keeping what the team has. Every refusal happens before the first write, and
 * Nx writes nothing when a generator throws, so a refused init leaves the workspace as it was.
 * The workspace is checked before anything that needs @nx/devkit is loaded: an Nx major Paved
 * does not support gets PAVED-731, not an error from inside Nx.
 */
export async function initGenerator(tree: Tree, schema: InitGeneratorSchema = {}): Promise<GeneratorCallback> {
  const nxVersion = installedNxVersion(tree.root);
  assertAdoptable(tree, nxVersion);
  const { adopt } = await import('./adopt');
  return adopt(tree, schema, nxVersion);
}

export default initGenerator;
