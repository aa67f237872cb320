import { type PavedError } from '@paved/errors';
import { describe, expect, it } from 'vitest';
import { parseCommand } from './cli';

function usageError(argv: string[]): PavedError {
  try {
    parseCommand(argv);
  } catch (error) {
    return error as PavedError;
  }
  throw new Error(`expected ${argv.join(' ')} to be refused`);
}

describe('parseCommand', () => {
  it('serves by default', () => {
    expect(parseCommand([])).toEqual({ name: 'serve' });
  });

  it('reads dev options, then the environment, then defaults', () => {
    expect(parseCommand(['dev', '--port', '0', '--dir', 'store'], {}, '/w')).toEqual({
      name: 'dev',
      port: 0,
      dir: '/w/store',
    });
    expect(parseCommand(['dev'], { PAVED_CACHE_PORT: '4000', PAVED_CACHE_DIR: '/data' }, '/w')).toEqual({
      name: 'dev',
      port: 4000,
      dir: '/data',
    });
    expect(parseCommand(['dev'], {}, '/w')).toEqual({ name: 'dev', port: 3000, dir: '/w/.paved-cache' });
  });

  it('takes exactly one token to hash', () => {
    expect(parseCommand(['hash-token', 's3cret'])).toEqual({ name: 'hash-token', token: 's3cret' });
  });

  it.each([
    [['launch'], 'unknown command "launch"'],
    [['dev', '--port', 'http'], '--port must be a number from 0 to 65535'],
    [['dev', '--port', '70000'], '--port must be a number'],
    [['dev', '--verbose', 'x'], 'unknown option "--verbose"'],
    [['dev', '--dir'], '--dir needs a value'],
    [['hash-token'], 'hash-token takes exactly one token'],
    [['serve', 'now'], 'serve takes no arguments'],
  ])('refuses %j with a usage error (exit code 2)', (argv, message) => {
    const error = usageError(argv);
    expect(error.code).toBe('PAVED-002');
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain(message);
    expect(error.message).toContain('usage: paved-cache');
  });
});
