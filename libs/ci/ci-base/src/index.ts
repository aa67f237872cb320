export {
  baseVariables,
  defaultBranchOf,
  gitOutput,
  readWorkspaceJson,
  renderBase,
  resolveBase,
  resolveCiBase,
  type BaseRequest,
  type ResolvedBase,
} from './ci-base';
export {
  greenEndpointFrom,
  readGreen,
  recordGreenCommit,
  type GreenLookup,
  type GreenRecord,
  type RecordedGreen,
  type RecordGreenRequest,
} from './green';
