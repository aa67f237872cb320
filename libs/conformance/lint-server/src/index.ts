export { lintFiles, stopLintServer, type LintFilesOptions, type LintFilesResult } from './lint-client';
export { serveLint, type LintServerOptions } from './lint-server';
export { lintSocketPath } from './socket';
export type { LintOutcome } from './workspace-linter';
