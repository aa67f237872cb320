/** The slice of SARIF 2.1.0 the scanners write: one run, rules by id, results on one file. */
export interface SarifRule {
  id: string;
  description: string;
  properties?: Record<string, unknown>;
}

export interface SarifResult {
  ruleId: string;
  level: 'note' | 'warning' | 'error';
  message: string;
  /** Workspace-relative file the finding is about (the lockfile, a package.json). */
  file: string;
  /** Stable across runs, so code scanning tracks a finding instead of reopening it. */
  fingerprint: string;
}

export function sarifLog(tool: string, rules: readonly SarifRule[], results: readonly SarifResult[]) {
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: tool,
            rules: rules.map((rule) => ({
              id: rule.id,
              shortDescription: { text: rule.description },
              ...(rule.properties ? { properties: rule.properties } : {}),
            })),
          },
        },
        results: results.map((result) => ({
          ruleId: result.ruleId,
          level: result.level,
          message: { text: result.message },
          locations: [{ physicalLocation: { artifactLocation: { uri: result.file } } }],
          partialFingerprints: { pavedFingerprint: result.fingerprint },
        })),
      },
    ],
  };
}
