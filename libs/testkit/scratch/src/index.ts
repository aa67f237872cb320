export {
  ScratchWorkspace,
  workspaceEnv,
  type RunResult,
  type RunningService,
  type ScratchOptions,
} from './scratch-workspace';
export { defaultScratchPolicy, lintStagedWithSecretScan, scratchFiles, type ScratchPolicy } from './scratch-files';
export {
  eslintBoundaryPairs,
  writeSyntheticProjects,
  syntheticPolicy,
  type SyntheticImport,
  type SyntheticOptions,
  type SyntheticWorkspace,
} from './synthetic-workspace';
export {
  startCacheServerProcess,
  killLeftoverServers,
  type CacheServerProcess,
  type RequestLog,
  type ServerExit,
} from './cache-server-process';
export { freePort } from './free-port';
