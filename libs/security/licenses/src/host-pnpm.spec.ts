import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hostPnpmCandidates, hostPnpmEnv } from './host-pnpm';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'paved-pnpm-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('hostPnpmCandidates', () => {
  it("tries the running pnpm, pnpm on PATH, corepack's cached pin, and only then npx", () => {
    const home = tree({
      'corepack/v1/pnpm/9.15.0/package.json': JSON.stringify({ bin: { pnpm: 'bin/pnpm.cjs', pnpx: 'bin/pnpx.cjs' } }),
      'corepack/v1/pnpm/9.15.0/bin/pnpm.cjs': '',
      'running/pnpm/bin/pnpm.cjs': '',
    });
    const root = tree({ 'package.json': JSON.stringify({ packageManager: 'pnpm@9.15.0+sha512.abc' }) });
    const candidates = hostPnpmCandidates(root, {
      npm_execpath: join(home, 'running/pnpm/bin/pnpm.cjs'),
      COREPACK_HOME: join(home, 'corepack'),
    });
    expect(candidates.map((c) => c.label.replace(home, '~'))).toEqual([
      'the running pnpm (~/running/pnpm/bin/pnpm.cjs)',
      'pnpm on PATH',
      "pnpm 9.15.0 from corepack's cache (~/corepack/v1/pnpm/9.15.0/bin/pnpm.cjs)",
      'npx pnpm@9.15.0',
    ]);
    // Scripts run under this Node; npx takes the pin exactly, from its cache first.
    expect(candidates[0]).toMatchObject({ command: process.execPath, args: [join(home, 'running/pnpm/bin/pnpm.cjs')] });
    expect(candidates[3]).toMatchObject({ command: 'npx', args: ['--yes', '--prefer-offline', 'pnpm@9.15.0'] });
  });

  it('ignores npm as the runner, a pin of another manager and a corepack cache without that version', () => {
    const root = tree({ 'package.json': JSON.stringify({ packageManager: 'yarn@4.1.0' }) });
    const candidates = hostPnpmCandidates(root, {
      npm_execpath: '/usr/lib/node_modules/npm/bin/npm-cli.js',
      COREPACK_HOME: tree({}),
    });
    expect(candidates.map((c) => c.label)).toEqual(['pnpm on PATH']);
  });
});

describe('hostPnpmEnv', () => {
  it('keeps pnpm and corepack from switching versions or prompting, and keeps the rest', () => {
    expect(hostPnpmEnv({ PATH: '/bin', npm_config_manage_package_manager_versions: 'true' })).toEqual({
      PATH: '/bin',
      npm_config_manage_package_manager_versions: 'false',
      COREPACK_ENABLE_DOWNLOAD_PROMPT: '0',
      COREPACK_ENABLE_STRICT: '0',
      npm_config_fetch_retries: '0',
    });
  });
});
