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
