import { type PavedError } from '@paved/errors';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScanDeps } from './scan';

const fixtures = join(__dirname, '..', '..', '..', 'libs', 'security', 'advisories', 'fixtures');
const flags = { lockfile: join(fixtures, 'lockfiles', 'pnpm-lock.yaml'), advisories: join(fixtures, 'npm') };

function scan(extra: Record<string, string> = {}): { code: number; output: string } {
  let output = '';
  const code = runScanDeps({ ...flags, ...extra }, (text) => (output += text));
  return { code, output };
}

describe('paved scan deps', () => {
  it('exits 1 and explains each vulnerable package with its fix and path', () => {
    const { code, output } = scan();
    expect(code).toBe(1);
    expect(output).toContain('critical minimist@1.2.5  GHSA-xvch-5gv4-984h');
    expect(output).toContain('fix: upgrade to 1.2.6 or later');
    expect(output).toContain('via: apps/api > minimist@1.2.5');
    expect(output).toContain('8 packages checked against 19 advisories (offline); 6 vulnerable');
  });

  it('exits 0 when findings stay below --fail-on, still reporting them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'paved-scan-'));
    const lockfile = join(dir, 'pnpm-lock.yaml');
    writeFileSync(
      lockfile,
      "lockfileVersion: '9.0'\nimporters:\n  .:\n    dependencies:\n      cookie:\n        specifier: 0.4.0\n        version: 0.4.0\nsnapshots:\n  cookie@0.4.0: {}\n",
    );
    const { code, output } = scan({ lockfile, 'fail-on': 'moderate', format: 'json' });
    expect(code).toBe(0);
    expect(JSON.parse(output)).toMatchObject({
      ok: true,
      failOn: 'moderate',
      vulnerabilities: [{ package: 'cookie', severity: 'low' }],
    });
    expect(scan({ lockfile, 'fail-on': 'low' }).code).toBe(1);
  });

  it('writes SARIF with one rule per advisory', () => {
    const sarif = JSON.parse(scan({ format: 'sarif' }).output);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results).toHaveLength(6);
    expect(sarif.runs[0].results[0]).toMatchObject({ ruleId: 'GHSA-xvch-5gv4-984h', level: 'error' });
  });

  it.each([
    [{ 'fail-on': 'urgent' }, '--fail-on must be one of low, moderate, high, critical'],
    [{ format: 'compliance' }, '--format must be one of human, json, sarif'],
    [{ advisories: '/no/such/folder' }, 'no advisory snapshot at /no/such/folder'],
    [{ advisories: '/tmp/osv.zip' }, 'zip snapshots are not read yet'],
    [{ lockfile: '/no/pnpm-lock.yaml' }, 'no lockfile at /no/pnpm-lock.yaml'],
  ])('refuses %j with a usage error', (extra, message) => {
    try {
      scan(extra);
      throw new Error('expected a refusal');
    } catch (error) {
      expect((error as PavedError).code).toBe('PAVED-002');
      expect((error as PavedError).message).toContain(message);
    }
  });
});
