import { describe, expect, it } from 'vitest';
import { fileResult, sarifLog } from './sarif';

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
