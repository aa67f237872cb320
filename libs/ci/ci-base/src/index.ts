export {
  baseVariables,
  defaultBranchOf,
  gitOutput,
  readWorkspaceJson,
  renderBase,
  resolveBase,
  type BaseRequest,
  type ResolvedBase,
} from './ci-base';
