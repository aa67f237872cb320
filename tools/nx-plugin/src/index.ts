export { projectGenerator } from './generators/project/generator';
export type { ProjectGeneratorSchema } from './generators/project/schema';
export { pavedEslintConfig, defaultIgnores, type PavedEslintOptions } from './eslint';
export { createNodes, createNodesV2, type PavedPluginOptions } from './plugin';
