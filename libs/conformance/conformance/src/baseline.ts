import { type Finding } from './model';

export interface BaselineFile {
  version: 1;
  /** Accepted findings; only the fingerprint matters, the rest helps a reader. */
  findings: BaselineEntry[];
}

export interface BaselineEntry {
  ruleId: string;
  /** The project the finding concerns; absent for workspace-level findings (the root package.json). */
  project?: string;
  fingerprint: string;
  message: string;
}

/**
 * What one check looked at: these projects, and the workspace-level checks or not.
 * A baseline entry outside the scope was not looked for, so it is neither fixed nor replaced.
 */
export interface BaselineScope {
  projects: ReadonlySet<string>;
  workspaceLevel: boolean;
}

export interface BaselineVerdict {
  /** Findings the baseline does not know: these fail the check. */
  fresh: Finding[];
  /** Findings the baseline accepted: reported as known. */
  known: Finding[];
  /** Baseline entries of the scope no longer found: fixed, and safe to drop with --update-baseline. */
  resolved: BaselineEntry[];
}

/** Whether a check over `scope` looks for this entry; without a scope, the check covered everything. */
function covers(scope: BaselineScope | undefined, entry: BaselineEntry): boolean {
  if (!scope) return true;
  return entry.project === undefined ? scope.workspaceLevel : scope.projects.has(entry.project);
}

export function applyBaseline(
  findings: readonly Finding[],
  baseline: BaselineFile | undefined,
  scope?: BaselineScope,
): BaselineVerdict {
  const accepted = new Set(baseline?.findings.map((f) => f.fingerprint) ?? []);
  const current = new Set(findings.map((f) => f.fingerprint));
  return {
    fresh: findings.filter((f) => !accepted.has(f.fingerprint)),
    known: findings.filter((f) => accepted.has(f.fingerprint)),
    resolved: (baseline?.findings ?? []).filter((f) => covers(scope, f) && !current.has(f.fingerprint)),
  };
}

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
  const kept = scope ? (previous?.findings ?? []).filter((entry) => !covers(scope, entry)) : [];
  const unique = new Map(kept.map((entry) => [entry.fingerprint, entry]));
  for (const f of findings) {
    unique.set(f.fingerprint, {
      ruleId: f.ruleId,
      ...(f.project === undefined ? {} : { project: f.project }),
      fingerprint: f.fingerprint,
      message: f.message,
    });
  }
  return { version: 1, findings: [...unique.values()].sort((a, b) => a.fingerprint.localeCompare(b.fingerprint)) };
}

export function parseBaseline(text: string): BaselineFile | undefined {
  try {
    const parsed = JSON.parse(text) as BaselineFile;
    return parsed.version === 1 && Array.isArray(parsed.findings) ? parsed : undefined;
  } catch {
    return undefined;
  }
}
