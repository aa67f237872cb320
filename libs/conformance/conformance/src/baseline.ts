import { type Finding } from './model';

export interface BaselineFile {
  version: 1;
  /** Accepted findings; only the fingerprint matters, the rest helps a reader. */
  findings: { ruleId: string; project?: string; fingerprint: string; message: string }[];
}

export interface BaselineVerdict {
  /** Findings the baseline does not know: these fail the check. */
  fresh: Finding[];
  /** Findings the baseline accepted: reported as known. */
  known: Finding[];
  /** Baseline entries no longer found: fixed, and safe to drop with --update-baseline. */
  resolved: BaselineFile['findings'];
}

export function applyBaseline(findings: readonly Finding[], baseline: BaselineFile | undefined): BaselineVerdict {
  const accepted = new Set(baseline?.findings.map((f) => f.fingerprint) ?? []);
  const current = new Set(findings.map((f) => f.fingerprint));
  return {
    fresh: findings.filter((f) => !accepted.has(f.fingerprint)),
    known: findings.filter((f) => accepted.has(f.fingerprint)),
    resolved: (baseline?.findings ?? []).filter((f) => !current.has(f.fingerprint)),
  };
}

export function createBaseline(findings: readonly Finding[]): BaselineFile {
  const unique = new Map(
    findings.map((f) => [
      f.fingerprint,
      { ruleId: f.ruleId, project: f.project, fingerprint: f.fingerprint, message: f.message },
    ]),
  );
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
