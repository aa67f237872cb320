import { PavedError } from '@paved/errors';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, expectTypeOf, it } from 'vitest';
import { defineCommand, defineGroup, runProgram, type ProgramSpec } from './index';

const scratch = mkdtempSync(join(tmpdir(), 'cli-kit-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A folder inside an installed package `name@version`: where a shipped bundle runs from. */
function installedPackage(name: string, version: string): string {
  const root = mkdtempSync(join(scratch, 'pkg-'));
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name, version }));
  mkdirSync(join(root, 'bin'));
  return join(root, 'bin');
}

const received: Record<string, unknown>[] = [];

const program: ProgramSpec = {
  name: 'tool',
  description: 'A program made for these tests.',
  package: { name: '@acme/tool', sourcePackageJson: 'packages/tool/package.json' },
  commands: {
    check: defineCommand({
      description: 'Check the workspace.',
      options: {
        baseline: { type: 'string', placeholder: 'file', description: 'accepted findings' },
        'update-baseline': { type: 'boolean', description: 'accept the findings of this run' },
        format: { type: 'string', choices: ['human', 'json'], default: 'human', description: 'how to report' },
        port: { type: 'string', env: 'TOOL_PORT', default: '3000', description: 'where to listen' },
        targets: { type: 'string', short: 't', placeholder: 'a,b', description: 'the targets' },
      },
      run(input, io) {
        received.push(input);
        io.out(`checked as ${input.format}\n`);
        return input['update-baseline'] ? 0 : 1;
      },
    }),
    scan: defineGroup('Scan for problems.', {
      secrets: defineCommand({
        description: 'Scan for secrets.',
        options: { all: { type: 'boolean', description: 'every tracked file' } },
        run: () => 0,
      }),
      deps: defineCommand({ description: 'Scan the dependencies.', run: () => 0 }),
    }),
    import: defineCommand({
      description: 'Import a snapshot.',
      arguments: { source: { placeholder: 'folder|zip', required: true, description: 'what to import' } },
      options: { token: { type: 'string', description: 'a secret' } },
      run(input) {
        received.push(input);
        if (input.source === 'refused') throw new PavedError({ code: 'PAVED-500', file: 'refused', message: 'gone' });
        if (input.source === 'bug') throw new TypeError("Cannot read properties of undefined (reading 'x')");
        return 0;
      },
    }),
  },
};

async function run(argv: string[], env: NodeJS.ProcessEnv = {}, spec = program) {
  let stdout = '';
  let stderr = '';
  const exitCode = await runProgram(spec, {
    argv,
    from: installedPackage('@acme/tool', '1.2.3'),
    io: { out: (text) => (stdout += text), err: (text) => (stderr += text), env },
  });
  return { exitCode, stdout, stderr };
}

describe('a variadic argument', () => {
  const linted: Record<string, unknown>[] = [];
  const linter: ProgramSpec = {
    ...program,
    commands: {
      lint: defineCommand({
        description: 'Lint files.',
        arguments: { files: { variadic: true, description: 'the files' } },
        options: { fix: { type: 'boolean', description: 'fix them' } },
        run(input) {
          linted.push(input);
          return 0;
        },
      }),
    },
  };

  it('takes every remaining word as a list, none as an empty one', async () => {
    expect((await run(['lint', 'a.ts', '--fix', 'b.ts'], {}, linter)).exitCode).toBe(0);
    expect((await run(['lint'], {}, linter)).exitCode).toBe(0);
    expect(linted).toEqual([{ files: ['a.ts', 'b.ts'], fix: true }, { files: [] }]);
    expect((await run(['lint', '--help'], {}, linter)).stdout).toContain('Usage: tool lint [options] [files...]');
  });
});

describe('generated help', () => {
  it('lists the commands of the program, exit 0, on stdout, without colours', async () => {
    const { exitCode, stdout, stderr } = await run(['--help']);
    expect(exitCode).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toContain('Usage: tool [options] [command]');
    expect(stdout).toContain('A program made for these tests.');
    expect(stdout).toMatch(/check \[options\]\s+Check the workspace\./);
    expect(stdout).toMatch(/scan\s+Scan for problems\./);
    expect(stdout).toMatch(/-v, --version\s+print the version/);
    expect(stdout).not.toContain('\u001b[');
  });

  it('lists a group`s commands', async () => {
    const { exitCode, stdout } = await run(['scan', '--help']);
    expect(exitCode).toBe(0);
    expect(stdout).toContain('Usage: tool scan [options] [command]');
    expect(stdout).toMatch(/secrets \[options\]\s+Scan for secrets\./);
    expect(stdout).toMatch(/deps\s+Scan the dependencies\./);
  });

  it('describes a command`s options with their values, choices, defaults and variables', async () => {
    const { exitCode, stdout } = await run(['check', '--help']);
    expect(exitCode).toBe(0);
    expect(stdout).toContain('Usage: tool check [options]');
    expect(stdout).toMatch(/--baseline <file>\s+accepted findings/);
    expect(stdout).toMatch(/--update-baseline\s+accept the findings of this run/);
    expect(stdout).toMatch(/--format <format>\s+how to report \(one of human, json; default human\)/);
    expect(stdout).toMatch(/--port <port>\s+where to listen \(default 3000; env TOOL_PORT\)/);
    expect((await run(['scan', 'secrets', '--help'])).stdout).toMatch(/--all\s+every tracked file/);
    expect((await run(['import', '--help'])).stdout).toContain('Usage: tool import [options] <folder|zip>');
  });
});

describe('--version', () => {
  it('prints the version of the package the binary runs from', async () => {
    expect(await run(['--version'])).toEqual({ exitCode: 0, stdout: '1.2.3\n', stderr: '' });
    expect((await run(['-v'])).stdout).toBe('1.2.3\n');
  });

  it('belongs to the program, not to its commands', async () => {
    const { exitCode, stderr } = await run(['check', '--version']);
    expect(exitCode).toBe(2);
    expect(stderr).toContain("PAVED-002 tool check: unknown option '--version'");
  });
});

describe('parsing', () => {
  it('hands the command its input, typed and keyed as declared', async () => {
    received.length = 0;
    const { exitCode, stdout } = await run(['check', '--baseline', 'b.json', '--update-baseline', '--format=json']);
    expect(exitCode).toBe(0);
    expect(stdout).toBe('checked as json\n');
    expect(received[0]).toEqual({ baseline: 'b.json', 'update-baseline': true, format: 'json', port: '3000' });
    expect((await run(['check'])).exitCode).toBe(1);
    expect(received[1]).toEqual({ format: 'human', port: '3000' });
  });

  it('takes a one-letter alias where one is declared, and shows it in help', async () => {
    received.length = 0;
    await run(['check', '-t', 'lint,test']);
    await run(['check', '--targets', 'build']);
    expect(received.map((input) => input.targets)).toEqual(['lint,test', 'build']);
    expect((await run(['check', '--help'])).stdout).toMatch(/-t, --targets <a,b>\s+the targets/);
    expect((await run(['check', '-x'])).exitCode).toBe(2);
  });

  it('reads an option from its variable when the command line does not give it', async () => {
    received.length = 0;
    await run(['check'], { TOOL_PORT: '4000' });
    await run(['check', '--port', '5000'], { TOOL_PORT: '4000' });
    expect(received.map((input) => input.port)).toEqual(['4000', '5000']);
  });

  it('types the input from the definition', () => {
    defineCommand({
      description: 'typed',
      options: {
        format: { type: 'string', choices: ['human', 'json'], description: '' },
        port: { type: 'string', default: '3000', description: '' },
        fix: { type: 'boolean', description: '' },
      },
      arguments: { source: { required: true, description: '' }, extra: { description: '' } },
      run(input) {
        expectTypeOf(input).toEqualTypeOf<{
          format?: 'human' | 'json';
          port: string;
          fix?: true;
          source: string;
          extra?: string;
        }>();
        return 0;
      },
    });
  });
});

describe('usage errors: PAVED-002, exit 2, naming what was wrong and pointing at --help', () => {
  it.each([
    [[], 'PAVED-002 tool: needs a command: check, scan, import (see `tool --help`)'],
    [['launch'], 'PAVED-002 tool: unknown command "launch" (commands: check, scan, import) (see `tool --help`)'],
    [['scan'], 'PAVED-002 tool scan: needs a command: secrets, deps (see `tool scan --help`)'],
    [
      ['scan', 'lics'],
      'PAVED-002 tool scan: unknown command "lics" (commands: secrets, deps) (see `tool scan --help`)',
    ],
    [
      ['check', '--formt', 'json'],
      "PAVED-002 tool check: unknown option '--formt' (did you mean --format? see `tool check --help`)",
    ],
    [['--frobnicate'], "PAVED-002 tool: unknown option '--frobnicate' (see `tool --help`)"],
    [
      ['check', '--baseline'],
      "PAVED-002 tool check: option '--baseline <file>' argument missing (see `tool check --help`)",
    ],
    [
      ['check', '--baseline', '--update-baseline'],
      'PAVED-002 tool check: --baseline needs a value, got the option --update-baseline (see `tool check --help`)',
    ],
    [
      ['check', '--format', 'xml'],
      'PAVED-002 tool check: --format must be one of human, json, got "xml" (see `tool check --help`)',
    ],
    [['import'], "PAVED-002 tool import: missing required argument 'folder|zip' (see `tool import --help`)"],
    [
      ['import', 'a', 'b'],
      "PAVED-002 tool import: too many arguments for 'import'. Expected 1 argument but got 2 (see `tool import --help`)",
    ],
  ])('%j', async (argv, message) => {
    expect(await run(argv)).toEqual({ exitCode: 2, stdout: '', stderr: `${message}\n` });
  });

  it('names the variable when a value from the environment is refused', async () => {
    const choosy: ProgramSpec = {
      ...program,
      commands: {
        serve: defineCommand({
          description: 'Serve.',
          options: { level: { type: 'string', choices: ['info', 'warn'], env: 'TOOL_LEVEL', description: '' } },
          run: () => 0,
        }),
      },
    };
    const { exitCode, stderr } = await run(['serve'], { TOOL_LEVEL: 'loud' }, choosy);
    expect(exitCode).toBe(2);
    expect(stderr).toContain('TOOL_LEVEL must be one of info, warn, got "loud"');
  });

  it('runs the default command on an empty command line when the program has one', async () => {
    received.length = 0;
    const serving: ProgramSpec = { ...program, defaultCommand: 'check' };
    expect((await run([], {}, serving)).stdout).toBe('checked as human\n');
    expect((await run(['--help'], {}, serving)).stdout).toMatch(
      /check \[options\]\s+Check the workspace\. \(the default command\)/,
    );
  });
});

describe('the error boundary', () => {
  it('prints a PavedError`s message and exits with its exit code', async () => {
    expect(await run(['import', 'refused'])).toEqual({ exitCode: 2, stdout: '', stderr: 'PAVED-500 refused: gone\n' });
  });

  it('turns anything else into a short internal-error block without the stack trace (PAVED-001, exit 2)', async () => {
    const { exitCode, stdout, stderr } = await run(['import', 'bug', '--token', 's3cret-value']);
    expect(exitCode).toBe(2);
    expect(stdout).toBe('');
    const lines = stderr.trimEnd().split('\n');
    expect(lines).toEqual([
      "PAVED-001 internal error: TypeError: Cannot read properties of undefined (reading 'x')",
      `  tool 1.2.3, command: tool import --token, Node ${process.version} (${process.platform} ${process.arch})`,
      '  This is a bug in Paved. Please report it at https://github.com/paved-dev/paved/issues with these lines.',
      '  Run the command again with PAVED_DEBUG=1 to add the stack trace.',
    ]);
    expect(stderr).not.toContain('s3cret-value');
  });

  it('adds the stack trace with PAVED_DEBUG=1', async () => {
    const { exitCode, stderr } = await run(['import', 'bug'], { PAVED_DEBUG: '1' });
    expect(exitCode).toBe(2);
    expect(stderr).toContain('with these lines and the stack trace below.');
    expect(stderr).toMatch(/TypeError: Cannot read properties of undefined \(reading 'x'\)\n\s+at /);
    expect(stderr).toContain('program.spec.ts');
  });
});
