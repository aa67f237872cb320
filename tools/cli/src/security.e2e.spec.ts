/**
 * End to end with real binaries in a scratch workspace: `paved scan licenses`
 * over a real `pnpm licenses list` (offline: pnpm reads the linked
 * node_modules/.pnpm), and `paved advisories import` of a zip followed by
 * `paved scan deps` reading the imported store. Slow.
 */
import { ScratchWorkspace, type RunResult } from '@paved/scratch';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

  it('fails on a license taken off the allowlist and on a publishable workspace package without a license', () => {
    setLicensePolicy(ws, (licenses) => {
      licenses.allowed = licenses.allowed.filter((id) => id !== 'MPL-2.0');
    });
    const manifest = JSON.parse(ws.read('libs/shared/money/package.json'));
    delete manifest.license;
    manifest.private = false;
    ws.write('libs/shared/money/package.json', JSON.stringify(manifest, null, 2));

    const result = paved(ws, 'scan', 'licenses');
    expect(result.status, result.stdout + result.stderr).toBe(1);
    expect(result.stdout).toContain('denied   eslint-plugin-no-unsanitized@4.1.5  MPL-2.0');
    expect(result.stdout).toContain('via: . > eslint-plugin-no-unsanitized@4.1.5');
    expect(result.stdout).toContain(
      'missing  @acme/money (libs/shared/money/package.json)  no "license" field on a package that can be published',
    );

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

describe("paved scan licenses with the host's own package manager", () => {
  let ws: ScratchWorkspace;
  const log = () => ws.read('pnpm-calls.log');

  beforeAll(() => {
    ws = ScratchWorkspace.create({ toolchainRoot: repoRoot });
    workspaces.push(ws);
    const created = ws.generateProject('--kind', 'ts-lib', '--name', 'money', '--scope', 'shared', '--type', 'util');
    expect(created.status, created.stdout + created.stderr).toBe(0);
    ws.write(
      'pnpm-lock.yaml',
      ws.read('pnpm-lock.yaml').replace('\nimporters:\n', '\nimporters:\n\n  libs/shared/money: {}\n'),
    );
    setLicensePolicy(ws);
    // The host's pnpm (10.34.9, which installed the linked node_modules) on PATH, logging how it is called.
    const pnpm = hostPnpm10();
    ws.write(
      'host-bin/pnpm',
      `#!/bin/sh\necho "$* | switch=$npm_config_manage_package_manager_versions" >> "${ws.path('pnpm-calls.log')}"\nexec "${process.execPath}" "${pnpm}" "$@"\n`,
    );
    chmodSync(ws.path('host-bin/pnpm'), 0o755);
  });

  const withHostPnpm = (...args: string[]) =>
    ws.run('tsx', ['--tsconfig', join(repoRoot, 'tsconfig.base.json'), cli, ...args, '--cwd', ws.root], {
      PATH: `${ws.path('host-bin')}:${ws.path('node_modules/.bin')}:${process.env.PATH ?? ''}`,
      // Not run through pnpm here (a `pnpm nx …` that started these tests would be the host's pnpm).
      npm_execpath: '',
    });

  it('runs the pnpm on PATH as it is, never switching to the packageManager pin (another version)', () => {
    ws.write('package.json', JSON.stringify({ ...JSON.parse(ws.read('package.json')), packageManager: 'pnpm@9.15.0' }));
    const result = withHostPnpm('scan', 'licenses', '--format', 'json');
    expect(result.status, result.stdout + result.stderr).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.listedBy).toBe('pnpm on PATH');
    expect(report.packagesChecked).toBeGreaterThan(500);
    expect(log()).toContain('licenses list --json --recursive | switch=false');
  });

  it('lists a single-package repository without --recursive', () => {
    rmSync(ws.path('pnpm-workspace.yaml'));
    rmSync(ws.path('pnpm-calls.log'));
    const result = withHostPnpm('scan', 'licenses', '--format', 'json');
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).workspacePackagesChecked).toBe(1);
    expect(log()).toBe('licenses list --json | switch=false\n');
  });
});

describe('paved scan licenses and scan deps in an npm workspace', () => {
  let root: string;
  const run = (...args: string[]) =>
    execFileNoThrow('tsx', ['--tsconfig', join(repoRoot, 'tsconfig.base.json'), cli, ...args, '--cwd', root]);

  beforeAll(() => {
    // A real npm install of the fixture workspace (root, apps/api, libs/lib) from its real package-lock.json.
    root = mkdtempSync(join(tmpdir(), 'paved-npm-'));
    cpSync(join(repoRoot, 'libs', 'security', 'advisories', 'fixtures', 'workspaces', 'npm'), root, {
      recursive: true,
    });
    execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts'], { cwd: root });
    const licenses = JSON.parse(readFileSync(join(repoRoot, 'paved.json'), 'utf-8')).licenses;
    writeFileSync(join(root, 'paved.json'), JSON.stringify({ ...npmPolicy, licenses }));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('checks every package npm installed, from the lockfile and node_modules, without running npm', () => {
    const result = run('scan', 'licenses', '--format', 'json');
    expect(result.status, result.stdout + result.stderr).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({
      ok: true,
      lockfile: 'package-lock.json',
      listedBy: 'package-lock.json and node_modules',
    });
    expect(report.packagesChecked).toBe(57);
    // The private root and apps/api declare no license and need none; libs/lib (publishable) declares MIT.
    expect(report.workspacePackagesChecked).toBe(3);
    const prod = JSON.parse(run('scan', 'licenses', '--prod', '--format', 'json').stdout);
    expect(prod.packagesChecked).toBe(56);
  });

  it('names the importer path of a package whose license the policy does not allow', () => {
    const policy = JSON.parse(readFileSync(join(root, 'paved.json'), 'utf-8'));
    policy.licenses.allowed = policy.licenses.allowed.filter((id: string) => id !== 'ISC');
    writeFileSync(join(root, 'paved.json'), JSON.stringify(policy));
    const result = run('scan', 'licenses');
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('denied   inherits@2.0.3  ISC');
    expect(result.stdout).toMatch(/via: (\.|libs\/lib) > express@4\.17\.0 > .*inherits@2\.0\.3/);
    policy.licenses.allowed.push('ISC');
    writeFileSync(join(root, 'paved.json'), JSON.stringify(policy));
  });

  it('scans package-lock.json for vulnerabilities with the importer that brings each in', () => {
    const result = run('scan', 'deps', '--advisories', advisoryFixtures, '--format', 'json');
    expect(result.status).toBe(1);
    const found = JSON.parse(result.stdout).vulnerabilities as { package: string; paths: string[] }[];
    expect(found.find((v) => v.package === 'minimist')?.paths).toEqual(['apps/api > minimist@1.2.5']);
  });

  it('refuses a yarn install with a clear coded message', () => {
    const yarn = mkdtempSync(join(tmpdir(), 'paved-yarn-'));
    writeFileSync(join(yarn, 'package.json'), JSON.stringify({ name: 'y', version: '1.0.0', private: true }));
    writeFileSync(join(yarn, 'yarn.lock'), '# yarn lockfile v1\n');
    writeFileSync(join(yarn, 'paved.json'), readFileSync(join(root, 'paved.json'), 'utf-8'));
    const licenses = execFileNoThrow('tsx', [
      '--tsconfig',
      join(repoRoot, 'tsconfig.base.json'),
      cli,
      'scan',
      'licenses',
      '--cwd',
      yarn,
    ]);
    expect(licenses.status).toBe(2);
    expect(licenses.stderr).toContain('PAVED-603 yarn.lock: license scanning of yarn installs is not supported yet');
    const deps = execFileNoThrow('tsx', [
      '--tsconfig',
      join(repoRoot, 'tsconfig.base.json'),
      cli,
      'scan',
      'deps',
      '--advisories',
      advisoryFixtures,
      '--cwd',
      yarn,
    ]);
    expect(deps.status).toBe(2);
    expect(deps.stderr).toContain('PAVED-504 yarn.lock: yarn lockfiles are not supported yet');
    rmSync(yarn, { recursive: true, force: true });
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

/** A paved.json for the npm fixture workspace (its projects are not Nx projects; only the policy's licenses matter). */
const npmPolicy = {
  npmScope: '@acme',
  scopes: { shared: { owners: ['@acme/platform'] } },
  types: { util: { canDependOn: ['util'] } },
};

/** The path of pnpm 10.34.9's own pnpm.cjs, as `pnpm run` reports it in npm_execpath. */
function hostPnpm10(): string {
  const dir = mkdtempSync(join(tmpdir(), 'paved-pnpm-'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ scripts: { where: 'node -p process.env.npm_execpath' } }));
  const path = execFileSync('npx', ['-y', 'pnpm@10.34.9', 'run', '--silent', 'where'], { cwd: dir, encoding: 'utf-8' });
  rmSync(dir, { recursive: true, force: true });
  return path.trim();
}

function execFileNoThrow(command: string, args: string[]): { status: number; stdout: string; stderr: string } {
  const result = spawnSync(command, args, {
    encoding: 'utf-8',
    env: { ...process.env, PATH: `${join(repoRoot, 'node_modules', '.bin')}:${process.env.PATH ?? ''}` },
  });
  return { status: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
}

function readdirJson(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => join(dir, name));
}
