export {
  defineCommand,
  defineGroup,
  type ArgumentSpec,
  type BooleanOption,
  type Command,
  type CommandGroup,
  type CommandInput,
  type CommandIO,
  type CommandTable,
  type OptionSpec,
  type StringOption,
} from './command';
export { REPORT_URL } from './error-boundary';
export { packageVersion, type ShippingPackage } from './package-version';
export { runMain, runProgram, usageError, type ProgramSpec, type RunOptions } from './program';
