import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScanLicenses, type ScanLicensesFlags } from './scan-licenses';

// This repository's paved.json and workspace packages, with a planted pnpm listing instead of running pnpm.
const planted = join(__dirname, '..', '..', '..', 'libs', 'security', 'licenses', 'fixtures', 'pnpm-licenses.json');

async function scan(flags: ScanLicensesFlags = {}) {
  let output = '';
  const code = await runScanLicenses(
    { 'licenses-json': planted, ...flags },
    { out: (text) => (output += text), err: () => undefined },
  );
  return { code, output };
}

// It reads this repository's real pnpm-lock.yaml (importer paths): seconds on a loaded machine.
describe('paved scan licenses', { timeout: 60_000 }, () => {
  it('exits 1 on denied and unreviewed licenses, explaining each with its fix', async () => {
    const { code, output } = await scan();
    expect(code).toBe(1);
    expect(output).toContain('denied   gpl-lib@1.0.0  GPL-3.0-only\n         not in licenses.allowed: GPL-3.0-only');
    expect(output).toContain('review   vendor-sdk@4.2.0  SEE LICENSE IN LICENSE.md');
    expect(output).toContain('add it to licenses.exceptions with the reason');
    // only@0.0.2 has a reviewed exception in paved.json; spawndamnit@3.0.1 too.
    expect(output).not.toContain('review   only@0.0.2');
    expect(output).toMatch(
      /✖ 13 dependencies and \d+ workspace packages checked; 6 findings, 2 reviewed exceptions\n$/,
    );
    expect(output).toContain(
      'note     licenses.exceptions entry caniuse-lite is not needed: no installed package it names fails the policy; remove it',
    );
  });

  it('writes JSON and SARIF', async () => {
    const json = JSON.parse((await scan({ format: 'json' })).output);
    expect(json).toMatchObject({ ok: false, prod: false, packagesChecked: 13 });
    expect(json.findings).toContainEqual(
      expect.objectContaining({ kind: 'denied', package: 'gpl-lib', version: '1.0.0' }),
    );
    const sarif = JSON.parse((await scan({ format: 'sarif' })).output);
    expect(sarif.runs[0].tool.driver.rules.map((r: { id: string }) => r.id)).toEqual([
      'license-needs-review',
      'license-denied',
    ]);
    expect(sarif.runs[0].results[1]).toMatchObject({
      ruleId: 'license-denied',
      level: 'error',
      locations: [{ physicalLocation: { artifactLocation: { uri: 'pnpm-lock.yaml' } } }],
    });
  });

  it('refuses --prod with a saved listing, which it cannot filter', () => {
    const io = { out: () => undefined, err: () => undefined };
    expect(() => runScanLicenses({ 'licenses-json': planted, prod: true }, io)).toThrow(
      '--prod cannot filter a saved listing',
    );
  });
});
