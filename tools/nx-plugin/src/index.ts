// Nx loads this module in every command of a workspace that registers the plugin, so it must load
// with nothing but Paved's own dependencies: the ESLint preset (which needs the host's
// @nx/eslint-plugin and typescript-eslint) is its own entry point, `@paved/nx/eslint`.
export { projectGenerator } from './generators/project/generator';
export type { ProjectGeneratorSchema } from './generators/project/schema';
export { createNodes, createNodesV2, type PavedPluginOptions } from './plugin';
