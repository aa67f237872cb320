import { type ConformanceRuleId, type Policy } from '@paved/policy';

export interface PavedProjectMetadata {
  template?: string;
  templateVersion?: string;
  owners?: string[];
}

/** A project as the Nx graph knows it, reduced to what the rules read. */
export interface ProjectNode {
  name: string;
  /** Workspace-relative, "/"-separated. */
  root: string;
  tags: string[];
  projectType?: 'library' | 'application';
  paved?: PavedProjectMetadata;
}

export interface DependencyEdge {
  source: string;
  target: string;
  type: 'static' | 'dynamic' | 'implicit';
  /** The file that creates the dependency, when known up front (else WorkspaceModel.sourceFileOf). */
  file?: string;
}

/** Read access to the workspace's files, so rules run the same on disk and on fixtures. */
export interface WorkspaceFiles {
  exists(path: string): boolean;
  read(path: string): string | undefined;
  /** Files under a folder, workspace-relative, recursively (node_modules and dist excluded). */
  list(dir: string): string[];
  /**
   * The first file under a folder that `matches`, not looking into the folders in `skip`
   * (nested projects): stops at the first match, so a large tree is not walked for one answer.
   */
  find(dir: string, matches: (path: string) => boolean, skip?: ReadonlySet<string>): string | undefined;
}

export interface WorkspaceModel {
  policy: Policy;
  projects: Record<string, ProjectNode>;
  dependencies: DependencyEdge[];
  files: WorkspaceFiles;
  /** Layout of a kind when paved.json sets none (the template's defaultPath). */
  defaultLayout?(kind: string): string | undefined;
  /** The file of `source` that creates its dependency on `target` (an import), looked up only when a finding needs it. */
  sourceFileOf?(source: string, target: string): string | undefined;
}

export type Severity = 'error' | 'warn';

export interface Finding {
  ruleId: ConformanceRuleId;
  severity: Severity;
  /** The project it concerns; absent for workspace-level findings. */
  project?: string;
  /** Workspace-relative file to look at. */
  file: string;
  line?: number;
  message: string;
  /** How to fix it. */
  hint: string;
  /** Stable identity across runs (for baselines): never contains line numbers or wording. */
  fingerprint: string;
}

export interface RuleContext {
  model: WorkspaceModel;
  /** Projects to report on (all by default). */
  projects: ReadonlySet<string>;
  /** Whether workspace-level checks (the root package.json) run: see checkScope. */
  workspaceLevel: boolean;
  report(finding: Omit<Finding, 'ruleId' | 'severity' | 'fingerprint'> & { key: string }): void;
}

export interface Rule {
  id: ConformanceRuleId;
  description: string;
  run(context: RuleContext): void;
}
