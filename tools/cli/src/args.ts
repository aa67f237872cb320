import { PavedError } from '@paved/errors';

export const USAGE = `usage: paved check [--projects a,b] [--baseline <file>] [--update-baseline] [--format human|json|sarif|compliance|compliance-json] [--cached-graph] [--cwd <workspace>]
       paved doctor [--fix] [--format human|json] [--cwd <workspace>]
       paved scan secrets --staged|--all|--history [--update-baseline] [--format human|json|sarif] [--cwd <workspace>]
       paved scan deps [--lockfile <pnpm-lock.yaml>] [--advisories <folder|zip>] [--fail-on low|moderate|high|critical] [--max-age-days <n>] [--format human|json|sarif] [--cwd <workspace>]
       paved scan licenses [--prod] [--licenses-json <file>] [--format human|json|sarif] [--cwd <workspace>]
       paved advisories import <folder|zip> [--format human|json] [--cwd <workspace>]`;

export interface ParsedArgs {
  command: string;
  flags: Record<string, string | true>;
}

/**
 * `--name value`, `--name=value` and bare `--switch`; a command may declare one
 * `positional` argument (stored under its name). Anything else is a usage error.
 */
export function parseArgs(
  argv: readonly string[],
  declared: Record<string, Record<string, 'value' | 'switch' | 'positional'>>,
): ParsedArgs {
  const [command, ...rest] = argv;
  if (!command || !Object.hasOwn(declared, command)) {
    throw usage(command ? `unknown command "${command}"` : 'no command given');
  }
  const known = declared[command];
  const flags: Record<string, string | true> = {};
  for (let index = 0; index < rest.length; index += 1) {
    const arg = rest[index];
    if (!arg.startsWith('--')) {
      const positional = Object.keys(known).find((name) => known[name] === 'positional');
      if (!positional || flags[positional] !== undefined) throw usage(`unexpected argument "${arg}"`);
      flags[positional] = arg;
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    const kind = known[name];
    if (!kind || kind === 'positional') throw usage(`unknown option "--${name}" for ${command}`);
    if (kind === 'switch') {
      flags[name] = true;
      continue;
    }
    const value = inline ?? rest[++index];
    if (value === undefined || value.startsWith('--')) throw usage(`--${name} needs a value`);
    flags[name] = value;
  }
  return { command, flags };
}

export function usage(message: string): PavedError {
  return new PavedError({ code: 'PAVED-002', message, hint: USAGE });
}
