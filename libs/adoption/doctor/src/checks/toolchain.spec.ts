import { describe, expect, it } from 'vitest';
import { type CommandRunner } from '../environment';
import { nothingInstalled, policyJson, tempWorkspace, testContext } from '../testing-context';
import { checkNode, checkPackageManager, parsePackageManagerSpec } from './toolchain';

const pinned = (toolchain: Record<string, string>) => policyJson({ toolchain });

/** A runner that answers `<name> --version` with `version` and records what it was asked. */
function versionRunner(version: string, calls: string[] = []): CommandRunner {
  return async (command, args) => {
    calls.push([command, ...args].join(' '));
    return { status: 0, stdout: `${version}\n`, stderr: '' };
  };
}

describe('checkNode', () => {
  const root = (range?: string) => tempWorkspace({ 'paved.json': range ? pinned({ node: range }) : policyJson() });

  it('passes a Node inside toolchain.node and fails one outside, naming the range', () => {
    const range = '>=20.19.0 <21 || >=22.12.0';
    expect(checkNode(testContext(root(range), { nodeVersion: 'v20.19.0' }))).toMatchObject({
      verdict: 'pass',
      details: { version: '20.19.0', range },
    });
    const outside = checkNode(testContext(root(range), { nodeVersion: 'v22.3.0' }));
    expect(outside.verdict).toBe('fail');
    expect(outside.reason).toBe(`Node.js 22.3.0 does not satisfy "${range}" (toolchain.node)`);
    expect(outside.hint).toContain('20.19.0');
  });

  it('passes when paved.json pins no range, and fails a range semver cannot read', () => {
    expect(checkNode(testContext(root()))).toMatchObject({ verdict: 'pass', details: { range: null } });
    expect(checkNode(testContext(root('twenty')))).toMatchObject({
      verdict: 'fail',
      reason: 'paved.json toolchain.node "twenty" is not a semver range',
    });
  });

  it('does not guess when paved.json is invalid', () => {
    expect(checkNode(testContext(tempWorkspace({ 'paved.json': '{' })))).toMatchObject({
      verdict: 'warn',
      reason: 'not checked: paved.json is not valid',
    });
  });
});

describe('checkPackageManager', () => {
  it('takes the running version from the package manager that started doctor, without running anything', async () => {
    const root = tempWorkspace({
      'paved.json': pinned({ packageManager: 'pnpm@10.34.9' }),
      'package.json': JSON.stringify({ packageManager: 'pnpm@10.34.9+sha512.abc' }),
    });
    const calls: string[] = [];
    const outcome = await checkPackageManager(
      testContext(root, {
        env: { npm_config_user_agent: 'pnpm/10.34.9 npm/? node/v20.19.0 linux x64' },
        run: versionRunner('1.0.0', calls),
      }),
    );
    expect(outcome).toMatchObject({
      verdict: 'pass',
      reason: 'pnpm 10.34.9 as pinned (the package manager running paved)',
      details: { name: 'pnpm', source: 'package.json packageManager', version: '10.34.9' },
    });
    expect(calls).toEqual([]);
  });

  it('otherwise runs `<pm> --version` as the host would, and fails a version other than the pin', async () => {
    const root = tempWorkspace({ 'paved.json': pinned({ packageManager: 'pnpm@10.34.9' }), 'pnpm-lock.yaml': '' });
    const calls: string[] = [];
    // An npm user agent says nothing about pnpm.
    const context = testContext(root, {
      env: { npm_config_user_agent: 'npm/10.8.2' },
      run: versionRunner('9.15.0', calls),
    });
    const outcome = await checkPackageManager(context);
    expect(calls).toEqual(['pnpm --version']);
    expect(outcome.verdict).toBe('fail');
    expect(outcome.reason).toBe('pnpm 9.15.0 runs here (`pnpm --version`) but paved.json pins pnpm@10.34.9');
    expect(outcome.hint).toContain('corepack enable');
  });

  it('finds the package manager from the lockfile when package.json names none', async () => {
    for (const [lockfile, name] of [
      ['yarn.lock', 'yarn'],
      ['package-lock.json', 'npm'],
      ['bun.lock', 'bun'],
    ]) {
      const calls: string[] = [];
      const outcome = await checkPackageManager(
        testContext(tempWorkspace({ [lockfile]: '' }), { run: versionRunner('1.22.22', calls) }),
      );
      expect(calls).toEqual([`${name} --version`]);
      expect(outcome).toMatchObject({ verdict: 'pass', details: { name, source: lockfile, version: '1.22.22' } });
      expect(outcome.reason).toContain('paved.json pins no version');
    }
  });

  it('fails when package.json and paved.json disagree, or the workspace uses another package manager', async () => {
    const differs = tempWorkspace({
      'paved.json': pinned({ packageManager: 'pnpm@10.34.9' }),
      'package.json': JSON.stringify({ packageManager: 'pnpm@10.0.0' }),
    });
    expect(await checkPackageManager(testContext(differs, { run: versionRunner('10.34.9') }))).toMatchObject({
      verdict: 'fail',
      reason: 'package.json packageManager pnpm@10.0.0 differs from paved.json toolchain.packageManager pnpm@10.34.9',
    });
    const yarn = tempWorkspace({ 'paved.json': pinned({ packageManager: 'pnpm@10.34.9' }), 'yarn.lock': '' });
    expect(await checkPackageManager(testContext(yarn, { run: versionRunner('10.34.9') }))).toMatchObject({
      verdict: 'fail',
      reason: 'the workspace uses yarn (yarn.lock) but paved.json pins pnpm@10.34.9',
    });
    const malformed = tempWorkspace({ 'package.json': JSON.stringify({ packageManager: 'pnpm' }) });
    expect((await checkPackageManager(testContext(malformed))).reason).toBe(
      'package.json packageManager "pnpm" is not <pnpm|npm|yarn|bun>@<version>',
    );
  });

  it('warns when the package manager cannot be run or cannot be told', async () => {
    const root = tempWorkspace({ 'paved.json': pinned({ packageManager: 'pnpm@10.34.9' }) });
    expect(await checkPackageManager(testContext(root, { run: nothingInstalled }))).toMatchObject({
      verdict: 'warn',
      reason: "pnpm's version not checked: pnpm is not on PATH",
    });
    const refusing: CommandRunner = async () => ({
      status: 1,
      stdout: '',
      stderr: 'ERR_PNPM_BAD_PM_VERSION  This project is configured to use 10.34.9 of pnpm\nmore',
    });
    expect((await checkPackageManager(testContext(root, { run: refusing }))).reason).toBe(
      "pnpm's version not checked: `pnpm --version` failed (exit 1): ERR_PNPM_BAD_PM_VERSION  This project is configured to use 10.34.9 of pnpm",
    );
    expect(await checkPackageManager(testContext(tempWorkspace(), { run: nothingInstalled }))).toMatchObject({
      verdict: 'warn',
      reason: expect.stringContaining('cannot tell the package manager'),
    });
  });
});

describe('parsePackageManagerSpec', () => {
  it('reads name@version, dropping the integrity suffix corepack adds', () => {
    expect(parsePackageManagerSpec('pnpm@10.34.9+sha512.0123')).toEqual({ name: 'pnpm', version: '10.34.9' });
    expect(parsePackageManagerSpec('yarn@4.5.0')).toEqual({ name: 'yarn', version: '4.5.0' });
    expect(parsePackageManagerSpec('pnpm@latest')).toBeUndefined();
    expect(parsePackageManagerSpec('cargo@1.0.0')).toBeUndefined();
  });
});
