import { importAdvisories } from '@paved/advisories';
import { type PavedError } from '@paved/errors';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScanDeps } from './scan';

const fixtures = join(__dirname, '..', '..', '..', 'libs', 'security', 'advisories', 'fixtures');
const flags = { lockfile: join(fixtures, 'lockfiles', 'pnpm-lock.yaml'), advisories: join(fixtures, 'npm') };
/** Two days after the newest fixture advisory (modified 2024-10-04T20:31:00Z). */
const fresh = new Date('2024-10-06T12:00:00Z');

async function scan(extra: Record<string, string> = {}, now = fresh) {
  let output = '';
  let warnings = '';
  const code = await runScanDeps(
    { ...flags, ...extra },
    { out: (text) => (output += text), err: (text) => (warnings += text) },
    now,
  );
  return { code, output, warnings };
}

describe('paved scan deps', () => {
  it('exits 1 and explains each vulnerable package with its fix and path', async () => {
    const { code, output, warnings } = await scan();
    expect(code).toBe(1);
    expect(output).toContain('critical minimist@1.2.5  GHSA-xvch-5gv4-984h');
    expect(output).toContain('fix: upgrade to 1.2.6 or later');
    expect(output).toContain('via: apps/api > minimist@1.2.5');
    expect(output).toContain(
      '8 packages checked against 19 advisories (offline, snapshot of 2024-10-04); 6 vulnerable',
    );
    expect(warnings).toBe('');
  });

  it('exits 0 when findings stay below --fail-on, still reporting them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paved-scan-'));
    const lockfile = join(dir, 'pnpm-lock.yaml');
    writeFileSync(
      lockfile,
      "lockfileVersion: '9.0'\nimporters:\n  .:\n    dependencies:\n      cookie:\n        specifier: 0.4.0\n        version: 0.4.0\nsnapshots:\n  cookie@0.4.0: {}\n",
    );
    const { code, output } = await scan({ lockfile, 'fail-on': 'moderate', format: 'json' });
    expect(code).toBe(0);
    expect(JSON.parse(output)).toMatchObject({
      ok: true,
      failOn: 'moderate',
      vulnerabilities: [{ package: 'cookie', severity: 'low' }],
    });
    expect((await scan({ lockfile, 'fail-on': 'low' })).code).toBe(1);
  });

  it('writes SARIF with one rule per advisory', async () => {
    const sarif = JSON.parse((await scan({ format: 'sarif' })).output);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results).toHaveLength(6);
    expect(sarif.runs[0].results[0]).toMatchObject({ ruleId: 'GHSA-xvch-5gv4-984h', level: 'error' });
  });

  it('reads a zip of OSV files and an imported store with the same findings as the folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paved-scan-zip-'));
    const zip = join(dir, 'all.zip');
    execFileSync('zip', [
      '-q',
      '-j',
      zip,
      ...['GHSA-xvch-5gv4-984h', 'GHSA-35jh-r3h4-6jhm'].map((id) => join(fixtures, 'npm', `${id}.json`)),
    ]);
    const fromZip = JSON.parse((await scan({ advisories: zip, format: 'json' })).output);
    expect(fromZip.advisories).toBe(2);
    expect(fromZip.snapshot).toMatchObject({ kind: 'zip', snapshotDate: '2023-02-27T14:47:14Z' });

    const store = join(dir, 'store');
    await importAdvisories({ source: join(fixtures, 'npm'), storeDir: store });
    const fromFolder = JSON.parse((await scan({ format: 'json' })).output);
    const fromStore = JSON.parse((await scan({ advisories: store, format: 'json' })).output);
    expect(fromStore.vulnerabilities).toEqual(fromFolder.vulnerabilities);
    expect(fromStore.snapshot).toMatchObject({ kind: 'store', snapshotDate: '2024-10-04T20:31:00Z', stale: false });
  });

  it('warns on stderr about a stale snapshot without changing the exit code, and says so in JSON', async () => {
    const later = new Date('2024-11-04T20:31:00Z');
    const { code, warnings } = await scan({}, later);
    expect(code).toBe(1);
    expect(warnings).toContain(
      'the advisory snapshot is 31 days old (newest advisory modified 2024-10-04T20:31:00Z; limit 7 days)',
    );
    expect(warnings).toContain('paved advisories import all.zip');
    const json = JSON.parse((await scan({ format: 'json', 'max-age-days': '45' }, later)).output);
    expect(json.snapshot).toMatchObject({ ageDays: 31, maxAgeDays: 45, stale: false });
    expect((await scan({ 'max-age-days': '45' }, later)).warnings).toBe('');
  });

  it.each([
    [{ advisories: '/no/such/folder' }, 'PAVED-500 /no/such/folder: no advisory snapshot here'],
    [{ lockfile: '/no/pnpm-lock.yaml' }, 'PAVED-505 /no/pnpm-lock.yaml: no lockfile here'],
    [{ 'max-age-days': 'week' }, 'PAVED-002 paved scan deps: --max-age-days must be a whole number of days'],
  ])('refuses %j with its coded error', async (extra, message) => {
    const refusal = await scan(extra).then(
      () => undefined,
      (error: PavedError) => error,
    );
    expect(refusal?.exitCode).toBe(2);
    expect(refusal?.message).toContain(message);
  });
});
