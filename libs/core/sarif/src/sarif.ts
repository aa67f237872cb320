import { createHash } from 'node:crypto';

/** The slice of SARIF 2.1.0 Paved writes: one run of one tool, its rules and its results. */
export interface SarifRule {
  id: string;
  description: string;
  properties?: Record<string, unknown>;
}

export interface SarifDriver {
  name: string;
  informationUri?: string;
  rules: readonly SarifRule[];
}

export type SarifLevel = 'note' | 'warning' | 'error';

const envelope = { $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0' } as const;

export interface SarifLog {
  $schema: typeof envelope.$schema;
  version: typeof envelope.version;
  runs: { tool: { driver: object }; results: readonly object[] }[];
}

/** One log of several tools' runs (a project's `scan` target: secrets, deps, licenses). */
export function combineSarifLogs(logs: readonly SarifLog[]): SarifLog {
  return { ...envelope, runs: logs.flatMap((log) => log.runs) };
}

/**
 * A SARIF log around results the caller shaped. Code-scanning services read
 * `partialFingerprints` to track a finding across runs instead of reopening it.
 */
export function sarifLog(driver: SarifDriver, results: readonly object[]): SarifLog {
  return {
    ...envelope,
    runs: [
      {
        tool: {
          driver: {
            name: driver.name,
            ...(driver.informationUri ? { informationUri: driver.informationUri } : {}),
            rules: driver.rules.map((rule) => ({
              id: rule.id,
              shortDescription: { text: rule.description },
              ...(rule.properties ? { properties: rule.properties } : {}),
            })),
          },
        },
        results,
      },
    ],
  };
}

export interface FileFinding {
  ruleId: string;
  level: SarifLevel;
  message: string;
  /** Workspace-relative file the finding is about (a lockfile, a package.json). */
  file: string;
  /** Stable across runs for the same finding. */
  fingerprint: string;
}

/** A result located on a whole file, as the dependency and license scanners report. */
export function fileResult(finding: FileFinding) {
  return {
    ruleId: finding.ruleId,
    level: finding.level,
    message: { text: finding.message },
    locations: [{ physicalLocation: { artifactLocation: { uri: finding.file } } }],
    partialFingerprints: { pavedFingerprint: finding.fingerprint },
  };
}

/** One entry of GitLab's Code Quality report (the CodeClimate subset GitLab reads). */
export interface CodeQualityIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: 'info' | 'minor' | 'major' | 'critical' | 'blocker';
  location: { path: string; lines: { begin: number } };
}

const severities: Record<string, CodeQualityIssue['severity']> = { note: 'info', warning: 'minor', error: 'major' };

interface ReadableResult {
  ruleId?: string;
  level?: string;
  message?: { text?: string };
  locations?: { physicalLocation?: { artifactLocation?: { uri?: string }; region?: { startLine?: number } } }[];
  partialFingerprints?: Record<string, string>;
}

/**
 * The same findings as GitLab's Code Quality report (`artifacts:reports:codequality`), which merge
 * requests show beside the diff: one issue per SARIF result, named `<tool>/<rule>`, on the line
 * the result gives (1 for a whole file), with a fingerprint stable across runs.
 */
export function codeQualityReport(log: SarifLog): CodeQualityIssue[] {
  return log.runs.flatMap((run) => {
    const tool = (run.tool.driver as { name?: string }).name ?? 'paved';
    return (run.results as readonly ReadableResult[]).map((result) => {
      const location = result.locations?.[0]?.physicalLocation;
      const path = location?.artifactLocation?.uri ?? '.';
      const begin = location?.region?.startLine ?? 1;
      const checkName = `${tool}/${result.ruleId ?? 'finding'}`;
      const description = result.message?.text ?? checkName;
      const stable = Object.values(result.partialFingerprints ?? {}).join('|') || `${path}:${begin}:${description}`;
      return {
        description,
        check_name: checkName,
        fingerprint: createHash('sha256').update(`${checkName}|${stable}`).digest('hex').slice(0, 32),
        severity: severities[result.level ?? 'warning'] ?? 'minor',
        location: { path, lines: { begin } },
      };
    });
  });
}
