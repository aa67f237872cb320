export { projectGenerator } from './generators/project/generator';
export type { ProjectGeneratorSchema } from './generators/project/schema';
export { pavedEslintConfig, defaultIgnores, type PavedEslintOptions } from './eslint';
