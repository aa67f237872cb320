import { type ConformanceRuleId } from '@paved/policy';
import { type BaselineScope } from './baseline';
import { type Finding, type Rule, type Severity, type WorkspaceModel } from './model';
import { noCircularDependencies } from './rules/circular-dependencies';
import { moduleBoundaries } from './rules/module-boundaries';
import { bannedDependencies, toolchainPins } from './rules/package-rules';
import { ownersPresent, projectLayout, requiredFiles, requiredTags } from './rules/project-rules';

export const rules: readonly Rule[] = [
  moduleBoundaries,
  noCircularDependencies,
  projectLayout,
  requiredTags,
  ownersPresent,
  requiredFiles,
  bannedDependencies,
  toolchainPins,
];

export interface CheckOptions {
  /** Only report on these projects (workspace-level findings need all of them, or the root project). */
  projects?: readonly string[];
}

const isRootProject = (root: string) => root === '.' || root === '';

/**
 * What a check of `projects` covers. Workspace-level findings (the root package.json) belong to
 * a run over every project, or to the root project's own check when the workspace has one.
 */
export function checkScope(model: WorkspaceModel, projects?: readonly string[]): BaselineScope {
  const all = Object.keys(model.projects);
  const selected = new Set(projects ?? all);
  return {
    projects: selected,
    workspaceLevel:
      projects === undefined ||
      all.every((name) => selected.has(name)) ||
      [...selected].some((name) => isRootProject(model.projects[name]?.root ?? '-')),
  };
}

export function severityOf(model: WorkspaceModel, ruleId: ConformanceRuleId): Severity | 'off' {
  return model.policy.rules[ruleId] ?? 'error';
}

/** Runs every rule paved.json does not switch off; findings come sorted by file, then rule. */
export function runChecks(model: WorkspaceModel, options: CheckOptions = {}): Finding[] {
  const scope = checkScope(model, options.projects);
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const rule of rules) {
    const severity = severityOf(model, rule.id);
    if (severity === 'off') continue;
    rule.run({
      model,
      projects: scope.projects,
      workspaceLevel: scope.workspaceLevel,
      report: ({ key, ...finding }) => {
        // Two edges between the same projects (an import and a package.json entry) are one finding.
        const fingerprint = `${rule.id}:${key}`;
        if (seen.has(fingerprint)) return;
        seen.add(fingerprint);
        findings.push({ ruleId: rule.id, severity, fingerprint, ...finding });
      },
    });
  }
  return findings.sort(
    (a, b) =>
      a.file.localeCompare(b.file) || a.ruleId.localeCompare(b.ruleId) || a.fingerprint.localeCompare(b.fingerprint),
  );
}
