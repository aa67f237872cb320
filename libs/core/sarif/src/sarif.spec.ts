import { describe, expect, it } from 'vitest';
import { codeQualityReport, combineSarifLogs, fileResult, sarifLog } from './sarif';

describe('sarifLog', () => {
  it('wraps rules and results in one SARIF 2.1.0 run', () => {
    const log = sarifLog(
      { name: 'paved-scan-deps', rules: [{ id: 'GHSA-1', description: 'bad', properties: { severity: 'high' } }] },
      [
        fileResult({
          ruleId: 'GHSA-1',
          level: 'error',
          message: 'x@1 is affected',
          file: 'pnpm-lock.yaml',
          fingerprint: 'GHSA-1:x@1',
        }),
      ],
    );
    expect(log).toEqual({
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: 'paved-scan-deps',
              rules: [{ id: 'GHSA-1', shortDescription: { text: 'bad' }, properties: { severity: 'high' } }],
            },
          },
          results: [
            {
              ruleId: 'GHSA-1',
              level: 'error',
              message: { text: 'x@1 is affected' },
              locations: [{ physicalLocation: { artifactLocation: { uri: 'pnpm-lock.yaml' } } }],
              partialFingerprints: { pavedFingerprint: 'GHSA-1:x@1' },
            },
          ],
        },
      ],
    });
  });

  it('names the tool home page when given one', () => {
    expect(
      sarifLog({ name: 't', informationUri: 'https://example.invalid', rules: [] }, []).runs[0].tool.driver,
    ).toEqual({
      name: 't',
      informationUri: 'https://example.invalid',
      rules: [],
    });
  });
});

describe('codeQualityReport', () => {
  const located = {
    ruleId: 'paved/aws-access-key-id',
    level: 'error',
    message: { text: 'AWS access key id AKIA…(20)' },
    locations: [{ physicalLocation: { artifactLocation: { uri: 'src/config.ts' }, region: { startLine: 12 } } }],
    partialFingerprints: { pavedFingerprint: 'abc' },
  };
  const log = combineSarifLogs([
    sarifLog({ name: 'paved-secrets', rules: [] }, [located]),
    sarifLog({ name: 'paved-deps', rules: [] }, [
      fileResult({
        ruleId: 'GHSA-1',
        level: 'warning',
        message: 'x@1 is affected',
        file: 'pnpm-lock.yaml',
        fingerprint: 'f',
      }),
    ]),
  ]);

  it("turns every tool's results into GitLab Code Quality issues, on the result's line or a whole file's first", () => {
    const issues = codeQualityReport(log);
    expect(issues.map((issue) => ({ ...issue, fingerprint: 'checked below' }))).toEqual([
      {
        description: 'AWS access key id AKIA…(20)',
        check_name: 'paved-secrets/paved/aws-access-key-id',
        fingerprint: 'checked below',
        severity: 'major',
        location: { path: 'src/config.ts', lines: { begin: 12 } },
      },
      {
        description: 'x@1 is affected',
        check_name: 'paved-deps/GHSA-1',
        fingerprint: 'checked below',
        severity: 'minor',
        location: { path: 'pnpm-lock.yaml', lines: { begin: 1 } },
      },
    ]);
    expect(issues[0].fingerprint).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(issues.map((issue) => issue.fingerprint)).size).toBe(2);
  });

  it('keeps a fingerprint from run to run, and tells findings apart by their own', () => {
    const again = combineSarifLogs([
      sarifLog({ name: 'paved-secrets', rules: [] }, [{ ...located, locations: [] }]),
      sarifLog({ name: 'paved-secrets', rules: [] }, [
        { ...located, partialFingerprints: { pavedFingerprint: 'other' } },
      ]),
    ]);
    const [moved, other] = codeQualityReport(again);
    expect(moved.fingerprint).toBe(codeQualityReport(log)[0].fingerprint);
    expect(other.fingerprint).not.toBe(moved.fingerprint);
  });
});
