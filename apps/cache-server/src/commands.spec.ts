import { hashToken } from '@paved/cache-config';
import { runProgram } from '@paved/cli-kit';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pavedCache } from './commands';

async function run(argv: string[], env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const exitCode = await runProgram(pavedCache, {
    argv,
    from: __dirname,
    io: { out: (text) => (stdout += text), err: (text) => (stderr += text), env },
  });
  return { exitCode, stdout, stderr };
}

describe('paved-cache commands', () => {
  it('lists its commands, serve being the default', async () => {
    const { exitCode, stdout } = await run(['--help']);
    expect(exitCode).toBe(0);
    expect(stdout).toContain('Usage: paved-cache [options] [command]');
    expect(stdout).toMatch(/^ {2}serve\s+Serve with the configuration of PAVED_CACHE_CONFIG/m);
    expect(stdout).toContain('(the default command)');
    expect(stdout).toMatch(/^ {2}dev \[options\]/m);
    expect(stdout).toMatch(/^ {2}hash-token <token>/m);
  });

  it('describes dev`s options with their variables and defaults', async () => {
    const { exitCode, stdout } = await run(['dev', '--help']);
    expect(exitCode).toBe(0);
    expect(stdout).toMatch(/--dir <folder>\s+storage folder \(default \.paved-cache; env PAVED_CACHE_DIR\)/);
    expect(stdout).toMatch(/--port <n>\s+port, 0 for any free one \(default 3000; env\s+PAVED_CACHE_PORT\)/);
  });

  it('prints the version of @paved/cache-server', async () => {
    const { version } = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf-8'));
    expect(await run(['--version'])).toEqual({ exitCode: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('hashes a token', async () => {
    expect(await run(['hash-token', 's3cret'])).toEqual({
      exitCode: 0,
      stdout: `${hashToken('s3cret')}\n`,
      stderr: '',
    });
  });

  it.each([
    [['launch'], {}, 'PAVED-002 paved-cache: unknown command "launch" (commands: serve, dev, hash-token)'],
    [['dev', '--port', 'http'], {}, '--port (or PAVED_CACHE_PORT) must be a number from 0 to 65535, got "http"'],
    [['dev', '--port', '70000'], {}, 'must be a number from 0 to 65535, got "70000"'],
    [['dev'], { PAVED_CACHE_PORT: 'eighty' }, 'must be a number from 0 to 65535, got "eighty"'],
    [['dev', '--verbose'], {}, "PAVED-002 paved-cache dev: unknown option '--verbose' (see `paved-cache dev --help`)"],
    [['dev', '--dir'], {}, "PAVED-002 paved-cache dev: option '--dir <folder>' argument missing"],
    [['hash-token'], {}, "PAVED-002 paved-cache hash-token: missing required argument 'token'"],
    [['hash-token', ''], {}, 'PAVED-002 paved-cache hash-token: the token is empty'],
    [['serve', 'now'], {}, "PAVED-002 paved-cache serve: too many arguments for 'serve'"],
  ])('refuses %j with a usage error (exit code 2)', async (argv, env, message) => {
    const { exitCode, stdout, stderr } = await run(argv, env);
    expect(exitCode).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
  });
});
