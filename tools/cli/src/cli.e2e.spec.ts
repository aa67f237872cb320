/**
 * End to end: the real `paved` binary as the pre-commit hook runs it, from the cached bundle of
 * tools/cli/bin/paved.mjs: generated help, --version, and a coded usage error, piped (no colours).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const repoRoot = join(__dirname, '..', '..', '..');
const bin = join(repoRoot, 'tools', 'cli', 'bin', 'paved.mjs');
const scratch = mkdtempSync(join(tmpdir(), 'paved-cli-e2e-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function paved(...args: string[]) {
  const { status, stdout, stderr } = spawnSync(process.execPath, [bin, ...args], {
    cwd: repoRoot,
    encoding: 'utf-8',
    env: { ...process.env, FORCE_COLOR: undefined, NO_COLOR: undefined },
  });
  return { status, stdout, stderr };
}

describe('the paved binary (cached bundle)', () => {
  it('prints generated help for the program and for each level of command, exit 0', () => {
    const program = paved('--help');
    expect(program.status, program.stderr).toBe(0);
    expect(program.stdout).toContain('Usage: paved [options] [command]');
    expect(program.stdout).toMatch(/^ {2}scan\s+Scan for secrets/m);
    const group = paved('scan', '--help');
    expect(group.status).toBe(0);
    expect(group.stdout).toMatch(/^ {2}secrets \[options\]/m);
    const command = paved('scan', 'secrets', '--help');
    expect(command.status).toBe(0);
    expect(command.stdout).toContain('Usage: paved scan secrets [options]');
    expect(command.stdout).toMatch(/--staged\s+the staged content/);
    for (const output of [program, group, command]) expect(output.stdout).not.toContain('\u001b[');
  });

  it('prints the version of @paved/nx', () => {
    const { version } = JSON.parse(readFileSync(join(repoRoot, 'tools', 'nx-plugin', 'package.json'), 'utf-8'));
    expect(paved('--version')).toEqual({ status: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('refuses an unknown command with a coded usage error, exit 2, no stack trace', () => {
    const { status, stdout, stderr } = paved('scna');
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'PAVED-002 paved: unknown command "scna" (commands: check, doctor, scan, lint, affected, ci, advisories) (see `paved --help`)\n',
    );
  });

  it('validates paved.json before anything else reads the workspace (PAVED-100)', () => {
    const workspace = mkdtempSync(join(scratch, 'no-policy-'));
    writeFileSync(join(workspace, 'nx.json'), '{}');
    const { status, stderr } = paved('check', '--cached-graph', '--cwd', workspace);
    expect(status).toBe(2);
    expect(stderr).toMatch(/^PAVED-100 paved\.json: the workspace has no policy file/);
  });

  it('refuses to check a folder that is not an Nx workspace before loading Nx (PAVED-004)', () => {
    const { status, stderr } = paved('check', '--cwd', scratch);
    expect(status).toBe(2);
    expect(stderr).toBe(
      `PAVED-004 ${scratch}: not an Nx workspace: no nx.json here or in any folder above (run paved check inside an Nx workspace, or pass --cwd <workspace>)\n`,
    );
  });

  it('refuses --cached-graph where Nx has cached no graph yet (PAVED-005)', () => {
    const workspace = mkdtempSync(join(scratch, 'workspace-'));
    writeFileSync(join(workspace, 'nx.json'), '{}');
    writeFileSync(
      join(workspace, 'paved.json'),
      JSON.stringify({ npmScope: '@acme', scopes: { shop: {} }, types: { util: {} } }),
    );
    const { status, stderr } = paved('check', '--cached-graph', '--cwd', workspace);
    expect(status).toBe(2);
    expect(stderr).toContain('PAVED-005 --cached-graph: Nx has no cached project graph yet');
  });
});
