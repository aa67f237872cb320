import { PavedError } from '@paved/errors';
import { resolve } from 'node:path';

export const USAGE =
  'usage: paved-cache serve | paved-cache dev [--dir <folder>] [--port <n>] | paved-cache hash-token <token>';

export type Command =
  { name: 'serve' } | { name: 'dev'; dir: string; port: number } | { name: 'hash-token'; token: string };

/** Reads the command line; a usage mistake is a PAVED-002 error (exit code 2). */
export function parseCommand(argv: readonly string[], env: NodeJS.ProcessEnv = {}, cwd = process.cwd()): Command {
  const [name = 'serve', ...rest] = argv;
  switch (name) {
    case 'serve':
      if (rest.length > 0)
        throw usage(`serve takes no arguments (configure it with PAVED_CACHE_* variables), got "${rest.join(' ')}"`);
      return { name };
    case 'hash-token':
      if (rest.length !== 1 || rest[0] === '') throw usage('hash-token takes exactly one token');
      return { name, token: rest[0] };
    case 'dev': {
      const options = parseOptions(rest, ['--dir', '--port']);
      const portText = options['--port'] ?? env.PAVED_CACHE_PORT ?? '3000';
      const port = Number(portText);
      if (!/^\d+$/.test(portText) || port > 65535)
        throw usage(`--port must be a number from 0 to 65535, got "${portText}"`);
      return { name, port, dir: resolve(cwd, options['--dir'] ?? env.PAVED_CACHE_DIR ?? '.paved-cache') };
    }
    default:
      throw usage(`unknown command "${name}"`);
  }
}

function parseOptions(args: readonly string[], known: readonly string[]): Record<string, string> {
  const options: Record<string, string> = {};
  for (let index = 0; index < args.length; index += 2) {
    const [flag, value] = [args[index], args[index + 1]];
    if (!known.includes(flag)) throw usage(`unknown option "${flag}"`);
    if (value === undefined || value.startsWith('--')) throw usage(`${flag} needs a value`);
    options[flag] = value;
  }
  return options;
}

function usage(message: string): PavedError {
  return new PavedError({ code: 'PAVED-002', message, hint: USAGE });
}
