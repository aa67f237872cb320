import { conformanceRuleIds } from '@paved/policy';
import { describe, expect, it } from 'vitest';
import { type Finding } from '../model';
import { formatReport, isFailing, type Report } from './reporters';

const boundary: Finding = {
  ruleId: 'module-boundaries',
  severity: 'error',
  project: 'invoices',
  file: 'libs/billing/invoices/src/invoices.ts',
  line: 3,
  message: '"invoices" depends on "cart"',
  hint: 'remove the dependency',
  fingerprint: 'module-boundaries:invoices->cart',
};
const owners: Finding = {
  ...boundary,
  ruleId: 'owners-present',
  severity: 'warn',
  project: 'orphan',
  file: 'libs/orphan/project.json',
  line: undefined,
  message: '"orphan" has no owners',
  fingerprint: 'owners-present:orphan',
};
const known: Finding = {
  ...boundary,
  ruleId: 'required-files',
  project: 'old',
  message: '"old" has no README.md',
  fingerprint: 'required-files:old:readme',
};

const report = (fresh: Finding[], knownFindings: Finding[] = []): Report => ({
  verdict: { fresh, known: knownFindings, resolved: [] },
  rulesRun: conformanceRuleIds.filter((id) => id !== 'toolchain-pins'),
  projectsChecked: 12,
});

describe('reporters', () => {
  it('fails on new errors only: warnings and baselined findings pass', () => {
    expect(isFailing(report([boundary]))).toBe(true);
    expect(isFailing(report([owners], [known]))).toBe(false);
  });

  it('human: grouped by project, with the file, the rule and how to fix it', () => {
    const text = formatReport(report([boundary, owners], [known]), 'human');
    expect(text).toContain(
      'invoices\n  error "invoices" depends on "cart"  module-boundaries\n        libs/billing/invoices/src/invoices.ts:3\n        fix: remove the dependency',
    );
    expect(text).toContain('orphan\n  warn  "orphan" has no owners');
    expect(text).toContain('✖ 12 projects checked against 7 rules; 1 error, 1 warning; 1 known (baseline)');
    expect(formatReport(report([boundary]), 'human', true)).toContain('\u001b[31merror\u001b[0m');
  });

  it('SARIF 2.1.0 for code scanning: rules, levels, locations, fingerprints, baseline state', () => {
    const sarif = JSON.parse(formatReport(report([boundary, owners], [known]), 'sarif'));
    expect(sarif.version).toBe('2.1.0');
    const run = sarif.runs[0];
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual([...conformanceRuleIds]);
    expect(run.results).toHaveLength(3);
    expect(run.results[0]).toMatchObject({
      ruleId: 'module-boundaries',
      ruleIndex: 0,
      level: 'error',
      baselineState: 'new',
      partialFingerprints: { pavedFingerprint: 'module-boundaries:invoices->cart' },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'libs/billing/invoices/src/invoices.ts' },
            region: { startLine: 3 },
          },
        },
      ],
    });
    expect(run.results[1].level).toBe('warning');
    expect(run.results[2].baselineState).toBe('unchanged');
  });

  it('compliance: every rule mapped to SOC 2, ISO 27001 and NIST SSDF, with its status', () => {
    const json = JSON.parse(formatReport(report([boundary], [known]), 'compliance-json'));
    const byRule = Object.fromEntries(json.controls.map((c: { ruleId: string }) => [c.ruleId, c]));
    expect(byRule['module-boundaries']).toMatchObject({ status: 'fail', soc2: ['CC8.1'], findings: 1 });
    expect(byRule['required-files'].status).toBe('accepted-exceptions');
    expect(byRule['no-circular-dependencies'].status).toBe('pass');
    expect(byRule['toolchain-pins'].status).toBe('not-run');
    const markdown = formatReport(report([boundary]), 'compliance');
    expect(markdown).toContain('| `owners-present` | pass | 0 | CC1.3, CC6.1 | A.5.9, A.5.2 | PO.2.1 |');
  });
});
