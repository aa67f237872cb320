/**
 * How a Paved binary declares its commands: one definition per command gives its parsing,
 * its generated `--help` and the coded usage errors (see program.ts). The value a command's
 * `run` receives is typed from its own definition.
 */

export interface BooleanOption {
  type: 'boolean';
  description: string;
  /** A one-letter alias, as the tool it stands beside spells it (`-t` for Nx's targets). */
  short?: string;
}

export interface StringOption {
  type: 'string';
  description: string;
  /** A one-letter alias, as the tool it stands beside spells it (`-t` for Nx's targets). */
  short?: string;
  /** The value's name in help: `--baseline <file>`. Defaults to the option's name. */
  placeholder?: string;
  /** The only values accepted; anything else is a usage error naming them. */
  choices?: readonly string[];
  /** Used when neither the command line nor `env` gives a value. */
  default?: string;
  /** An environment variable read when the option is not given on the command line. */
  env?: string;
}

export type OptionSpec = BooleanOption | StringOption;

/** A positional argument, e.g. the `<folder|zip>` of `paved advisories import`. */
export interface ArgumentSpec {
  description: string;
  /** The argument's name in help (`<folder|zip>`). Defaults to its key. */
  placeholder?: string;
  required?: boolean;
  /** Takes every remaining word (`<files...>`): the value is a list. Only the last argument can be. */
  variadic?: boolean;
}

export type OptionSpecs = Record<string, OptionSpec>;
export type ArgumentSpecs = Record<string, ArgumentSpec>;

type OptionValue<S> = S extends BooleanOption
  ? true
  : S extends { choices: readonly (infer C extends string)[] }
    ? C
    : string;

type Defaulted<S> = S extends { default: string } ? true : false;
type Required<S> = S extends { required: true } ? true : false;
type ArgumentValue<S> = S extends { variadic: true } ? string[] : string;
type Flatten<T> = { [K in keyof T]: T[K] } & {};

/**
 * What a command's `run` receives, keyed as declared (`'update-baseline'`, not camelCase):
 * a switch is `true` or absent, a string option its value (a choice's literal type), an
 * option with a default is always present, and so is a required argument.
 */
export type CommandInput<O extends OptionSpecs, A extends ArgumentSpecs> = Flatten<
  { -readonly [K in keyof O as Defaulted<O[K]> extends true ? K : never]: OptionValue<O[K]> } & {
    -readonly [K in keyof O as Defaulted<O[K]> extends true ? never : K]?: OptionValue<O[K]>;
  } & { -readonly [K in keyof A as Required<A[K]> extends true ? K : never]: ArgumentValue<A[K]> } & {
    -readonly [K in keyof A as Required<A[K]> extends true ? never : K]?: ArgumentValue<A[K]>;
  }
>;

/** Where a command writes and what it may read; process.stdout, process.stderr and process.env when run for real. */
export interface CommandIO {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
}

export interface CommandSpec<O extends OptionSpecs, A extends ArgumentSpecs> {
  /** One line: shown in the parent's command list and at the top of the command's own help. */
  description: string;
  options?: O;
  arguments?: A;
  /** Does the work and returns the exit code (0 clean, 1 findings); throws a PavedError for anything else. */
  run(input: CommandInput<O, A>, io: CommandIO): number | Promise<number>;
}

/** A command whose definition's types were checked by defineCommand and erased for the command table. */
export interface Command {
  readonly description: string;
  readonly options: OptionSpecs;
  readonly arguments: ArgumentSpecs;
  run(input: Record<string, string | string[] | true>, io: CommandIO): number | Promise<number>;
}

/** Commands of two words (`paved scan deps`): the group is the first word and has no action of its own. */
export interface CommandGroup {
  readonly description: string;
  readonly commands: CommandTable;
}

export type CommandTable = Readonly<Record<string, Command | CommandGroup>>;

export function defineCommand<
  const O extends OptionSpecs = Record<never, never>,
  const A extends ArgumentSpecs = Record<never, never>,
>(spec: CommandSpec<O, A>): Command {
  return {
    description: spec.description,
    options: spec.options ?? {},
    arguments: spec.arguments ?? {},
    run: spec.run as Command['run'],
  };
}

export function defineGroup(description: string, commands: CommandTable): CommandGroup {
  return { description, commands };
}

export function isGroup(entry: Command | CommandGroup): entry is CommandGroup {
  return 'commands' in entry;
}
