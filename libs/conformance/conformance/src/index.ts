export type { DependencyEdge, Finding, ProjectNode, Severity, WorkspaceFiles, WorkspaceModel } from './model';
export { rules, runChecks, severityOf, type CheckOptions } from './engine';
export { applyBaseline, createBaseline, parseBaseline, type BaselineFile, type BaselineVerdict } from './baseline';
export { violatedConstraint } from './rules/module-boundaries';
export { formatReport, isFailing, reportFormats, type Report, type ReportFormat } from './reporters/reporters';
export { ruleControls } from './reporters/controls';
export {
  diskFiles,
  findWorkspaceRoot,
  modelFromGraph,
  readNxCachedGraph,
  readNxFileMap,
  type FileMapLike,
  type GraphLike,
} from './workspace-model';
export { projectGraphProblems } from './graph-errors';
export { checkWorkspace, DEFAULT_BASELINE, type CheckRequest, type CheckResult } from './check-workspace';
export { renderCodeowners, codeownersPaths, type CodeownersFormat } from './codeowners';
