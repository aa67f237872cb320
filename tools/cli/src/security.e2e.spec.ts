/**
 * End to end with real binaries in a scratch workspace: `paved scan licenses`
 * over a real `pnpm licenses list` (offline: pnpm reads the linked
 * node_modules/.pnpm), and `paved advisories import` of a zip followed by
 * `paved scan deps` reading the imported store. Slow.
 */
import { ScratchWorkspace, type RunResult } from '@paved/scratch';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = join(__dirname, '..', '..', '..');
const cli = join(repoRoot, 'tools', 'cli', 'src', 'main.ts');
const advisoryFixtures = join(repoRoot, 'libs', 'security', 'advisories', 'fixtures', 'npm');
const workspaces: ScratchWorkspace[] = [];
afterAll(() => workspaces.forEach((w) => w.dispose()));

function paved(ws: ScratchWorkspace, ...args: string[]): RunResult {
  return ws.run('tsx', ['--tsconfig', join(repoRoot, 'tsconfig.base.json'), cli, ...args, '--cwd', ws.root]);
}

/** The scratch workspace's paved.json with this repository's reviewed license policy, edited by `change`. */
function setLicensePolicy(ws: ScratchWorkspace, change: (licenses: { allowed: string[] }) => void = () => undefined) {
  const licenses = JSON.parse(readFileSync(join(repoRoot, 'paved.json'), 'utf-8')).licenses;
  change(licenses);
  ws.write('paved.json', JSON.stringify({ ...JSON.parse(ws.read('paved.json')), licenses }, null, 2));
}

describe('paved scan licenses on a scratch workspace', () => {
  let ws: ScratchWorkspace;

  beforeAll(() => {
    ws = ScratchWorkspace.create({ toolchainRoot: repoRoot });
    workspaces.push(ws);
    // How paved finds pnpm outside `pnpm paved`: the workspace's packageManager pin, run through npx.
    ws.write(
      'package.json',
      JSON.stringify({ ...JSON.parse(ws.read('package.json')), packageManager: 'pnpm@10.34.9' }),
    );
    const created = ws.generateProject('--kind', 'ts-lib', '--name', 'money', '--scope', 'shared', '--type', 'util');
    expect(created.status, created.stdout + created.stderr).toBe(0);
    // What `pnpm install` would record for the new, dependency-free package (pnpm licenses list fails
    // on a workspace package the lockfile lacks); installing here would write to this repo's linked node_modules.
    ws.write(
      'pnpm-lock.yaml',
      ws.read('pnpm-lock.yaml').replace('\nimporters:\n', '\nimporters:\n\n  libs/shared/money: {}\n'),
    );
  });

  it('passes with the reviewed allowlist: every installed package, as the real pnpm lists it', () => {
    setLicensePolicy(ws);
    const result = paved(ws, 'scan', 'licenses', '--format', 'json');
    expect(result.status, result.stdout + result.stderr).toBe(0);
    const report = JSON.parse(result.stdout);
    // Transitive packages are there (pnpm's listing is complete), and the generated lib declares MIT.
    expect(report.packagesChecked).toBeGreaterThan(500);
    expect(report.workspacePackagesChecked).toBe(2);
    expect(report.excepted.map((e: { package: string }) => e.package)).toContain('only');
  });

  it('fails on a license taken off the allowlist and on a workspace package without a license', () => {
    setLicensePolicy(ws, (licenses) => {
      licenses.allowed = licenses.allowed.filter((id) => id !== 'MPL-2.0');
    });
    const manifest = JSON.parse(ws.read('libs/shared/money/package.json'));
    delete manifest.license;
    ws.write('libs/shared/money/package.json', JSON.stringify(manifest, null, 2));

    const result = paved(ws, 'scan', 'licenses');
    expect(result.status, result.stdout + result.stderr).toBe(1);
    expect(result.stdout).toContain('denied   eslint-plugin-no-unsanitized@4.1.5  MPL-2.0');
    expect(result.stdout).toContain('via: . > eslint-plugin-no-unsanitized@4.1.5');
    expect(result.stdout).toContain('missing  @acme/money (libs/shared/money/package.json)  no "license" field');

    // Air-gapped CI: pnpm's saved output gives the same findings without running pnpm.
    const saved = ws.runOk('npx', ['-y', 'pnpm@10.34.9', 'licenses', 'list', '--json', '--recursive']).stdout;
    ws.write('licenses.json', saved);
    const fromFile = paved(ws, 'scan', 'licenses', '--licenses-json', 'licenses.json', '--format', 'json');
    const live = paved(ws, 'scan', 'licenses', '--format', 'json');
    expect(fromFile.status).toBe(1);
    expect(JSON.parse(fromFile.stdout).findings).toEqual(JSON.parse(live.stdout).findings);
  });

  it('exits 2 with the key path when the allowlist holds something that is not an SPDX id', () => {
    setLicensePolicy(ws, (licenses) => {
      licenses.allowed.push('Apache 2');
    });
    const result = paved(ws, 'scan', 'licenses');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('PAVED-600 paved.json: licenses.allowed[11]: "Apache 2" is not an SPDX license id');
  });
});

describe('paved advisories import and scan deps on a scratch workspace', () => {
  let ws: ScratchWorkspace;

  beforeAll(() => {
    ws = ScratchWorkspace.create({ toolchainRoot: repoRoot });
    workspaces.push(ws);
  });

  it('imports a zip of OSV records into .paved/advisories, which scan deps then reads, warning that it is stale', () => {
    execFileSync('zip', ['-q', '-j', ws.path('all.zip'), ...readdirJson(advisoryFixtures)]);
    const imported = paved(ws, 'advisories', 'import', 'all.zip');
    expect(imported.status, imported.stdout + imported.stderr).toBe(0);
    expect(imported.stdout).toContain('✔ imported 19 npm advisories (1 withdrawn)');
    expect(imported.stdout).toContain('snapshot date 2024-10-04T20:31:00Z');

    const scan = paved(ws, 'scan', 'deps', '--format', 'json');
    expect([0, 1]).toContain(scan.status);
    expect(JSON.parse(scan.stdout).snapshot).toMatchObject({
      kind: 'store',
      snapshotDate: '2024-10-04T20:31:00Z',
      maxAgeDays: 7,
      stale: true,
    });
    expect(scan.stderr).toContain('warning: the advisory snapshot is');
    expect(scan.stderr).toContain('paved advisories import all.zip');
  });

  it('refuses a zip with a malformed record, naming it, and keeps the previous snapshot', () => {
    const before = ws.read('.paved/advisories/snapshot.json');
    ws.write('bad/GHSA-bad.json', '{"id": "GHSA-bad"');
    execFileSync('zip', ['-q', '-j', ws.path('bad.zip'), ws.path('bad/GHSA-bad.json')]);
    const result = paved(ws, 'advisories', 'import', 'bad.zip');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('PAVED-501');
    expect(result.stderr).toContain('bad.zip!GHSA-bad.json: not JSON');
    expect(ws.read('.paved/advisories/snapshot.json')).toBe(before);
  });
});

function readdirJson(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => join(dir, name));
}
