export {
  defineCommand,
  defineGroup,
  type ArgumentSpec,
  type ArgumentSpecs,
  type BooleanOption,
  type Command,
  type CommandGroup,
  type CommandInput,
  type CommandIO,
  type CommandSpec,
  type CommandTable,
  type OptionSpec,
  type OptionSpecs,
  type StringOption,
} from './command';
export { REPORT_URL } from './error-boundary';
export { packageVersion, type ShippingPackage } from './package-version';
export { runMain, runProgram, usageError, type ProgramSpec, type RunOptions } from './program';
