import { severities } from '@paved/advisories';
import { runProgram, type Command } from '@paved/cli-kit';
import { reportFormats } from '@paved/conformance';
import { scanFormats } from '@paved/scanner';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commands, paved } from './commands';

/** Whether help lists `name` as one of its commands. */
const listsCommand = (help: string, name: string) => help.split('\n').some((line) => line.startsWith(`  ${name} `));

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const exitCode = await runProgram(paved, {
    argv,
    from: __dirname,
    io: { out: (text) => (stdout += text), err: (text) => (stderr += text), env: {} },
  });
  return { exitCode, stdout, stderr };
}

describe('paved --help and --version', () => {
  it('lists every command', async () => {
    const { exitCode, stdout } = await run('--help');
    expect(exitCode).toBe(0);
    expect(stdout).toContain('Usage: paved [options] [command]');
    for (const name of ['check', 'doctor', 'scan', 'affected', 'ci', 'advisories'])
      expect(listsCommand(stdout, name), name).toBe(true);
  });

  it.each([
    [['scan'], ['secrets', 'deps', 'licenses']],
    [['advisories'], ['import']],
    [['ci'], ['base', 'plan', 'run', 'changesets']],
  ])('lists the commands of `paved %s`', async (group, names) => {
    const { exitCode, stdout } = await run(...group, '--help');
    expect(exitCode).toBe(0);
    for (const name of names) expect(listsCommand(stdout, name), name).toBe(true);
  });

  it.each([
    [['check'], ['--projects <a,b>', '--baseline <file>', '--update-baseline', '--cached-graph']],
    [['doctor'], ['--fix']],
    [
      ['scan', 'secrets'],
      ['--staged', '--all', '--history', '--update-baseline'],
    ],
    [
      ['scan', 'deps'],
      ['--lockfile <file>', '--advisories <folder|zip>', '--fail-on <severity>'],
    ],
    [
      ['scan', 'licenses'],
      ['--prod', '--licenses-json <file>'],
    ],
    [['advisories', 'import'], ['<folder|zip>']],
    [['affected'], ['--base <sha>', '--head <sha>', '--files <a,b>', '-t, --targets <a,b>', '--explain']],
    [
      ['ci', 'base'],
      ['--deepen', '--base-branch <branch>'],
    ],
    [
      ['ci', 'plan'],
      [
        '--shards <n>',
        '-t, --targets <a,b>',
        '--base <sha>',
        '--head <sha>',
        '--all',
        '--durations <estimate|nx|file>',
        '--out <plan.json>',
      ],
    ],
  ])('describes every option of `paved %s`, --format and --cwd too', async (command, options) => {
    const { exitCode, stdout } = await run(...command, '--help');
    expect(exitCode).toBe(0);
    expect(stdout).toContain(`Usage: paved ${command.join(' ')} [options]`);
    for (const option of [...options, '--format <format>', '--cwd <workspace>']) expect(stdout).toContain(option);
  });

  it('describes `paved lint`: its files and options', async () => {
    const { exitCode, stdout } = await run('lint', '--help');
    expect(exitCode).toBe(0);
    expect(stdout).toContain('Usage: paved lint [options] [files...]');
    for (const option of ['--fix', '--stop', '--serve', '--cwd <workspace>']) expect(stdout).toContain(option);
  });

  it('prints the version of @paved/nx, the package that ships the bin', async () => {
    const { version } = JSON.parse(readFileSync(join(__dirname, '..', '..', 'nx-plugin', 'package.json'), 'utf-8'));
    expect(await run('--version')).toEqual({ exitCode: 0, stdout: `${version}\n`, stderr: '' });
  });
});

describe('paved refuses a command line it cannot run (PAVED-002, exit 2)', () => {
  it.each([
    [[], 'PAVED-002 paved: needs a command: check, doctor, scan, lint, affected, ci, advisories (see `paved --help`)'],
    [['format'], 'PAVED-002 paved: unknown command "format"'],
    [['lint', '--stop', 'a.ts'], 'PAVED-002 paved lint: --stop takes no files, got a.ts'],
    [['scan', 'code'], 'PAVED-002 paved scan: unknown command "code" (commands: secrets, deps, licenses)'],
    [['check', '--fast'], "PAVED-002 paved check: unknown option '--fast' (see `paved check --help`)"],
    [['check', '--projects'], "PAVED-002 paved check: option '--projects <a,b>' argument missing"],
    [['check', 'extra'], "PAVED-002 paved check: too many arguments for 'check'"],
    [
      ['scan', 'deps', '--format', 'compliance'],
      '--format must be one of human, json, sarif, codequality, got "compliance"',
    ],
    [['scan', 'deps', '--fail-on', 'urgent'], '--fail-on must be one of low, moderate, high, critical, got "urgent"'],
    [['scan', 'secrets', '--all', '--format', 'compliance'], '--format must be one of human, json, sarif'],
    [['scan', 'licenses', '--format', 'compliance'], '--format must be one of human, json, sarif'],
    [['advisories', 'import', 'osv.zip', '--format', 'sarif'], '--format must be one of human, json, got "sarif"'],
    [['check', '--cwd', '/no/such/workspace'], 'PAVED-002 paved check: --cwd /no/such/workspace: no such folder'],
  ])('%j', async (argv, message) => {
    const { exitCode, stdout, stderr } = await run(...argv);
    expect(exitCode).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
  });
});

describe('command definitions', () => {
  it('offer the formats and severities the libraries have', () => {
    const choices = (command: unknown, key: string) => {
      const option = (command as Command).options[key];
      return option.type === 'string' ? option.choices : undefined;
    };
    expect(choices(commands.check, 'format')).toEqual(reportFormats);
    for (const scanner of ['secrets', 'deps', 'licenses'] as const)
      expect(choices(commands.scan.commands[scanner], 'format')).toEqual(scanFormats);
    expect(choices(commands.scan.commands.deps, 'fail-on')).toEqual(severities);
  });
});
