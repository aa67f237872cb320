export type { DependencyEdge, Finding, ProjectNode, Severity, WorkspaceFiles, WorkspaceModel } from './model';
export { checkScope, rules, runChecks, severityOf, type CheckOptions } from './engine';
export {
  applyBaseline,
  baselineLocation,
  createBaseline,
  DEFAULT_BASELINE,
  type BaselineEntry,
  type BaselineFile,
  type BaselineScope,
  type BaselineVerdict,
} from './baseline';
export { violatedConstraint } from './rules/module-boundaries';
export { formatReport, isFailing, reportFormats, type Report, type ReportFormat } from './reporters/reporters';
export { ruleControls } from './reporters/controls';
export {
  diskFiles,
  workspaceFiles,
  type FolderAccess,
  findWorkspaceRoot,
  requireWorkspaceRoot,
  modelFromGraph,
  readNxCachedGraph,
  readNxFileMap,
  type FileMapLike,
  type FileMapSource,
  type GraphLike,
} from './workspace-model';
export { checkEachProject, checkWorkspace, type CheckRequest, type CheckResult } from './check-workspace';
export {
  renderCodeowners,
  updateCodeowners,
  codeownersFiles,
  codeownersPaths,
  type CodeownersFormat,
} from './codeowners';
export { renderAgentsMd, updateAgentsMd } from './agents-md';
export { withManagedBlock, blockMarkers, type BlockStyle } from './managed-block';
export { projectGraphProblems } from './graph-errors';
