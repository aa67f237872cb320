import { PavedError } from '@paved/errors';
import { Argument, Command as Commander, Option, type CommanderError } from 'commander';
import { isGroup, type Command, type CommandIO, type CommandTable, type StringOption } from './command';
import { exitCodeOf } from './error-boundary';
import { packageVersion, type ShippingPackage } from './package-version';

/** A whole binary: `paved` or `paved-cache`. */
export interface ProgramSpec {
  name: string;
  description: string;
  /** The package that ships the binary: `--version` prints its version. */
  package: ShippingPackage;
  commands: CommandTable;
  /** Run when the command line is empty (`paved-cache` serves); otherwise an empty one is a usage error. */
  defaultCommand?: string;
}

export interface RunOptions {
  argv: readonly string[];
  /** The binary's own folder (its `__dirname`), where the version lookup starts. */
  from: string;
  /** Defaults: process.stdout, process.stderr, process.env. */
  io?: Partial<CommandIO>;
}

/** A refusal of the command line: PAVED-002, naming the command and pointing at its --help. */
export function usageError(command: string, message: string, suggestion?: string): PavedError {
  const help = `see \`${command} --help\``;
  return new PavedError({
    code: 'PAVED-002',
    message: `${command}: ${message}`,
    hint: suggestion ? `did you mean ${suggestion}? ${help}` : help,
  });
}

/** Help or --version was printed: the run ends here with exit code 0. */
class Displayed extends Error {}

/**
 * Parses `argv` against `program`, runs the command it names and returns the exit code,
 * whatever happens: nothing is thrown and nothing else decides an exit code.
 */
export async function runProgram(program: ProgramSpec, options: RunOptions): Promise<number> {
  const run = startRun(program, options);
  return run.execute();
}

/**
 * What a binary's main file calls: runs `program` on the process's command line, sets the
 * exit code, and routes an error thrown outside the command's promise (an event handler of a
 * running server) through the same error boundary.
 */
export function runMain(program: ProgramSpec, from: string): void {
  const run = startRun(program, { argv: process.argv.slice(2), from });
  process.on('uncaughtException', (error) => {
    process.exitCode = run.fail(error);
    process.exit();
  });
  // A reader that stops early (`paved check --format json | head`) is not an error of ours.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit();
  });
  void run.execute().then((code) => {
    process.exitCode = code;
  });
}

function startRun(program: ProgramSpec, options: RunOptions) {
  const io: CommandIO = {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    env: process.env,
    ...options.io,
  };
  const version = packageVersion(program.package, options.from) ?? 'unknown';
  const state = { command: program.name, exitCode: 0 };
  const fail = (error: unknown) =>
    exitCodeOf(error, { binary: program.name, version, command: state.command, env: io.env, err: io.err });
  return {
    fail,
    async execute(): Promise<number> {
      try {
        const argv = options.argv.length === 0 && program.defaultCommand ? [program.defaultCommand] : options.argv;
        const root = configure(new Commander(program.name), program.name, io)
          .description(program.description)
          .version(version, '-v, --version', 'print the version')
          // --version belongs to the binary, not to every command: a command may have its own -v.
          .enablePositionalOptions();
        addCommands(root, program.name, program.commands, io, state, program.defaultCommand);
        await root.parseAsync([...argv], { from: 'user' });
        return state.exitCode;
      } catch (error) {
        return error instanceof Displayed ? 0 : fail(error);
      }
    },
  };
}

type RunState = { command: string; exitCode: number };

function configure(command: Commander, path: string, io: CommandIO): Commander {
  return (
    command
      .exitOverride((error: CommanderError) => {
        throw error.exitCode === 0 ? new Displayed() : fromCommander(error, path);
      })
      .configureOutput({
        writeOut: io.out,
        writeErr: io.err,
        // Commander's own error lines are replaced by the coded error thrown above.
        outputError: () => undefined,
        getOutHasColors: () => false,
        getErrHasColors: () => false,
      })
      .helpOption('-h, --help', 'show this help')
      // One way to ask for help: `paved help scan` would be a second, with its own failure modes.
      .helpCommand(false)
  );
}

/** Commander's refusals (unknown option, missing argument, ...) as our coded usage error. */
function fromCommander(error: CommanderError, path: string): PavedError {
  const [first, ...rest] = error.message.replace(/^error: /, '').split('\n');
  const suggestion = /^\(Did you mean (.+)\?\)$/.exec(rest.join(' ').trim())?.[1];
  return usageError(path, first.replace(/\.$/, ''), suggestion);
}

/**
 * Each command of `table` under `parent`. A group (`scan`) and the root get an action that
 * only refuses: commander would otherwise print the whole help to stderr for a missing
 * subcommand, and we want one coded line that names what was wrong.
 */
function addCommands(
  parent: Commander,
  path: string,
  table: CommandTable,
  io: CommandIO,
  state: RunState,
  defaultCommand?: string,
): void {
  for (const [name, entry] of Object.entries(table)) {
    const child = configure(parent.command(name), `${path} ${name}`, io);
    const note = name === defaultCommand ? ' (the default command)' : '';
    child.description(entry.description + note);
    if (isGroup(entry)) addCommands(child, `${path} ${name}`, entry.commands, io, state);
    else addAction(child, `${path} ${name}`, entry, io, state);
  }
  const names = Object.keys(table);
  parent.allowExcessArguments(true).action(() => {
    const [given] = parent.args;
    throw given === undefined
      ? usageError(path, `needs a command: ${names.join(', ')}`)
      : usageError(path, `unknown command "${given}" (commands: ${names.join(', ')})`);
  });
}

function addAction(command: Commander, path: string, spec: Command, io: CommandIO, state: RunState): void {
  const options = Object.entries(spec.options).map(([key, option]) => {
    const long = option.type === 'boolean' ? `--${key}` : `--${key} <${option.placeholder ?? key}>`;
    const flags = option.short ? `-${option.short}, ${long}` : long;
    const described = new Option(flags, option.type === 'string' ? withDetails(option) : option.description);
    command.addOption(described);
    return { key, option, attribute: described.attributeName() };
  });
  const positional = Object.entries(spec.arguments);
  for (const [key, argument] of positional) {
    const placeholder = `${argument.placeholder ?? key}${argument.variadic ? '...' : ''}`;
    command.addArgument(
      new Argument(argument.required ? `<${placeholder}>` : `[${placeholder}]`, argument.description),
    );
  }
  const ownFlags = new Set(options.map(({ key }) => `--${key}`));
  command.action(async () => {
    const given = command.opts<Record<string, string | true | undefined>>();
    const input: Record<string, string | string[] | true> = {};
    for (const { key, option, attribute } of options) {
      let value = given[attribute];
      let source = `--${key}`;
      if (option.type === 'string') {
        if (typeof value === 'string' && ownFlags.has(value.split('=')[0]))
          throw usageError(path, `--${key} needs a value, got the option ${value}`);
        if (value === undefined && option.env && io.env[option.env]) {
          value = io.env[option.env];
          source = option.env;
        }
        value ??= option.default;
        if (typeof value === 'string' && option.choices && !option.choices.includes(value))
          throw usageError(path, `${source} must be one of ${option.choices.join(', ')}, got "${value}"`);
      }
      if (value !== undefined) input[key] = value;
    }
    positional.forEach(([key, argument], index) => {
      if (argument.variadic) input[key] = command.args.slice(index);
      else if (command.args[index] !== undefined) input[key] = command.args[index];
    });
    // Option names only: a value can be a secret (a token), and this line may end up in a public issue.
    const namesGiven = options.filter(({ attribute }) => command.getOptionValueSource(attribute) === 'cli');
    state.command = [path, ...namesGiven.map(({ key }) => `--${key}`)].join(' ');
    state.exitCode = await spec.run(input, io);
  });
}

/** The description with what help should say about the value: its choices, default and variable. */
function withDetails(option: StringOption): string {
  const details = [
    option.choices && `one of ${option.choices.join(', ')}`,
    option.default !== undefined && `default ${option.default}`,
    option.env && `env ${option.env}`,
  ].filter(Boolean);
  return details.length > 0 ? `${option.description} (${details.join('; ')})` : option.description;
}
