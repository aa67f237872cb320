/**
 * End to end with real binaries in a scratch git workspace: the husky + lint-staged pre-commit
 * hook refusing a staged secret, `paved scan secrets` in its three modes and its baseline, and the
 * inferred `scan` Nx target (secrets in the project, vulnerabilities of the dependencies it brings in). Slow.
 */
import { ScratchWorkspace, type RunResult } from '@paved/scratch';
import { randomInt } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = join(__dirname, '..', '..', '..');
const cli = join(repoRoot, 'tools', 'cli', 'src', 'main.ts');
const tsconfig = join(repoRoot, 'tsconfig.base.json');
const workspaces: ScratchWorkspace[] = [];
afterAll(() => workspaces.forEach((w) => w.dispose()));

// A fake AWS key id, random per run: never issued, never committed to this repository.
const fakeKeyId = () =>
  `AKIA${Array.from({ length: 16 }, () => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[randomInt(32)]).join('')}`;

function paved(ws: ScratchWorkspace, ...args: string[]): RunResult {
  return ws.run('tsx', ['--tsconfig', tsconfig, cli, ...args, '--cwd', ws.root]);
}

describe('paved scan secrets and the pre-commit hook in a scratch workspace', () => {
  let ws: ScratchWorkspace;

  beforeAll(() => {
    ws = ScratchWorkspace.create({ toolchainRoot: repoRoot });
    workspaces.push(ws);
    const generated = ws.generateProject('--kind', 'ts-lib', '--name', 'money', '--scope', 'shared', '--type', 'util');
    expect(generated.status, generated.stdout + generated.stderr).toBe(0);
    ws.commitAll('one project');
    // The hook runs the CLI as this repository's hook does: from its cached bundle.
    ws.installSecretScanHook(`node ${join(repoRoot, 'tools', 'cli', 'bin', 'paved.mjs')} scan secrets --staged`);
  });

  it('refuses a commit whose staged content holds a secret, printing only a masked preview', () => {
    const keyId = fakeKeyId();
    const head = ws.git('rev-parse', 'HEAD');
    ws.write('libs/shared/money/src/config.ts', `export const deployKeyId = '${keyId}';\n`);
    ws.git('add', '.');
    const commit = ws.run('git', ['commit', '-m', 'add config']);
    expect(commit.status).not.toBe(0);
    const output = commit.stdout + commit.stderr;
    expect(output).toContain('libs/shared/money/src/config.ts:1:29  paved/aws-access-key-id  AKIA…(20 chars)');
    expect(output).not.toContain(keyId.slice(4));
    expect(ws.git('rev-parse', 'HEAD')).toBe(head);
  });

  it('lets a clean commit through the same hook', () => {
    ws.write('libs/shared/money/src/config.ts', 'export const deployKeyId = process.env.DEPLOY_KEY_ID;\n');
    ws.git('add', '.');
    const commit = ws.run('git', ['commit', '-m', 'config from the environment']);
    expect(commit.status, commit.stdout + commit.stderr).toBe(0);
    expect(ws.git('log', '-1', '--format=%s').trim()).toBe('config from the environment');
  });

  it('--history finds a secret that was committed past the hook and removed, with its commit', () => {
    const keyId = fakeKeyId();
    ws.write('libs/shared/money/src/legacy.ts', `export const legacyKey = '${keyId}';\n`);
    ws.commitAll('legacy key (hook skipped)');
    const added = ws.git('rev-parse', 'HEAD').trim();
    ws.write('libs/shared/money/src/legacy.ts', 'export const legacyKey = undefined;\n');
    ws.commitAll('remove legacy key');

    expect(paved(ws, 'scan', 'secrets', '--all').status).toBe(0);
    const history = paved(ws, 'scan', 'secrets', '--history', '--format', 'json');
    expect(history.status, history.stderr).toBe(1);
    expect(JSON.parse(history.stdout).findings).toMatchObject([
      { file: 'libs/shared/money/src/legacy.ts', ruleId: 'paved/aws-access-key-id', commit: added },
    ]);
    expect(history.stdout).not.toContain(keyId.slice(4));
  });

  it('the baseline accepts known findings; the nx scan target fails on the project with a new one', () => {
    const keyId = fakeKeyId();
    ws.write('libs/shared/money/src/known.ts', `export const knownKey = '${keyId}';\n`);
    ws.git('add', '.');
    expect(paved(ws, 'scan', 'secrets', '--all').status).toBe(1);
    const update = paved(ws, 'scan', 'secrets', '--all', '--update-baseline');
    expect(update.status, update.stdout + update.stderr).toBe(0);
    expect(update.stdout).toContain('wrote 1 accepted finding to .paved/secrets-baseline.json');
    expect(ws.read('.paved/secrets-baseline.json')).not.toContain(keyId.slice(4));
    expect(paved(ws, 'scan', 'secrets', '--all').status).toBe(0);

    const clean = ws.nx(['run', 'money:scan', '--outputStyle=static', '--skip-nx-cache']);
    expect(clean.status, clean.stdout + clean.stderr).toBe(0);
    ws.write('libs/shared/money/src/fresh.ts', `export const freshKey = '${fakeKeyId()}';\n`);
    ws.git('add', '.');
    const target = ws.nx(['run', 'money:scan', '--outputStyle=static', '--skip-nx-cache']);
    expect(target.status).not.toBe(0);
    expect(target.stdout).toContain('libs/shared/money/src/fresh.ts:1:26  paved/aws-access-key-id');
  });

  it('exits 2 on usage and configuration errors', () => {
    expect(paved(ws, 'scan', 'secrets').status).toBe(2);
    expect(paved(ws, 'scan', 'passwords').status).toBe(2);
    ws.write('.paved/secrets-baseline.json', 'not json');
    const broken = paved(ws, 'scan', 'secrets', '--all');
    expect(broken.status).toBe(2);
    expect(broken.stderr).toContain('PAVED-430');
  });
});

describe('the nx scan target narrows dependency vulnerabilities to the project that brings them in', () => {
  const advisories = join(repoRoot, 'libs', 'security', 'advisories', 'fixtures');

  /** Two generated projects, money and cart, with the fixture advisories imported. */
  function twoProjects(): ScratchWorkspace {
    const ws = ScratchWorkspace.create({ toolchainRoot: repoRoot });
    workspaces.push(ws);
    for (const name of ['money', 'cart']) {
      const generated = ws.generateProject('--kind', 'ts-lib', '--name', name, '--scope', 'shared', '--type', 'util');
      expect(generated.status, generated.stdout + generated.stderr).toBe(0);
    }
    const imported = paved(ws, 'advisories', 'import', join(advisories, 'npm'));
    expect(imported.status, imported.stdout + imported.stderr).toBe(0);
    return ws;
  }

  const scan = (ws: ScratchWorkspace, project: string) =>
    ws.nx(['run', `${project}:scan`, '--scanners=deps', '--outputStyle=static', '--skip-nx-cache']);

  it('fails the project whose package.json pulls in a vulnerable version, and passes its neighbour', () => {
    const ws = twoProjects();
    // The fixture lockfile's libs/lib importer installs express 4.17.0 (vulnerable): make it money's.
    const lockfile = readFileSync(join(advisories, 'lockfiles', 'pnpm-lock.yaml'), 'utf-8');
    ws.write('pnpm-lock.yaml', lockfile.replace('\n  libs/lib:\n', '\n  libs/shared/money:\n'));
    ws.commitAll('two projects, a lockfile and an advisory snapshot');

    const money = scan(ws, 'money');
    expect(money.status, money.stdout + money.stderr).not.toBe(0);
    expect(money.stdout).toContain('express@4.17.0');
    expect(money.stdout).toContain('via: libs/shared/money > express@4.17.0');
    const cart = scan(ws, 'cart');
    expect(cart.status, cart.stdout + cart.stderr).toBe(0);
    expect(cart.stdout).toContain('deps: 0 vulnerable dependencies of libs/shared/cart');
  });

  it("reads the workspace's package-lock.json instead, and passes with a note when there is no lockfile", () => {
    const ws = twoProjects();
    // npm's real lockfile of the fixture workspace, its libs/lib (express 4.17.0) made money's.
    const lockfile = readFileSync(join(advisories, 'workspaces', 'npm', 'package-lock.json'), 'utf-8');
    rmSync(ws.path('pnpm-lock.yaml'));
    ws.write('package-lock.json', lockfile.replaceAll('"libs/lib"', '"libs/shared/money"'));
    ws.commitAll('two projects, an npm lockfile and an advisory snapshot');

    const money = scan(ws, 'money');
    expect(money.status, money.stdout + money.stderr).not.toBe(0);
    expect(money.stdout).toContain('via: libs/shared/money > express@4.17.0');
    expect(money.stdout).toContain('of libs/shared/money (package-lock.json,');
    expect(scan(ws, 'cart').status).toBe(0);

    rmSync(ws.path('package-lock.json'));
    const none = scan(ws, 'money');
    expect(none.status, none.stdout + none.stderr).toBe(0);
    expect(none.stdout).toContain('deps: skipped (the workspace has no lockfile');
  });
});
