import {
  acceptIntoBaseline,
  judgeByBaseline,
  type Baseline,
  type BaselineLocation,
  type BaselineVerdict as Verdict,
} from '@paved/scanner';
import { type Finding } from './model';

export const DEFAULT_BASELINE = 'paved-baseline.json';

/** `paved check`'s baseline (@paved/scanner's one baseline): only the fingerprint matters, the rest helps a reader. */
export type BaselineFile = Baseline<BaselineEntry>;

export interface BaselineEntry {
  ruleId: string;
  /** The project the finding concerns; absent for workspace-level findings (the root package.json). */
  project?: string;
  fingerprint: string;
  message: string;
}

/** Where the check's baseline is, and how a broken one is regenerated. */
export const baselineLocation = (root: string, file = DEFAULT_BASELINE): BaselineLocation => ({
  root,
  file,
  regenerate: `paved check --update-baseline${file === DEFAULT_BASELINE ? '' : ` --baseline ${file}`}`,
});

/**
 * What one check looked at: these projects, and the workspace-level checks or not.
 * A baseline entry outside the scope was not looked for, so it is neither fixed nor replaced.
 */
export interface BaselineScope {
  projects: ReadonlySet<string>;
  workspaceLevel: boolean;
}

export type BaselineVerdict = Verdict<Finding, BaselineEntry>;

/** Whether a check over `scope` looks for this entry. */
export const coveredBy =
  (scope: BaselineScope) =>
  (entry: BaselineEntry): boolean =>
    entry.project === undefined ? scope.workspaceLevel : scope.projects.has(entry.project);

export function applyBaseline(
  findings: readonly Finding[],
  baseline: BaselineFile | undefined,
  scope?: BaselineScope,
): BaselineVerdict {
  return judgeByBaseline(findings, baseline, scope && coveredBy(scope));
}

export const baselineEntryOf = (f: Finding): BaselineEntry => ({
  ruleId: f.ruleId,
  ...(f.project === undefined ? {} : { project: f.project }),
  fingerprint: f.fingerprint,
  message: f.message,
});

/**
 * The baseline that accepts today's findings. Checked over a scope (some projects), the
 * entries of everything else are kept as they were: updating one project's baseline never
 * drops another's.
 */
export function createBaseline(
  findings: readonly Finding[],
  previous?: BaselineFile,
  scope?: BaselineScope,
): BaselineFile {
  return acceptIntoBaseline(findings, baselineEntryOf, previous, scope && coveredBy(scope));
}
