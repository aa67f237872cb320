import { describe, expect, it } from 'vitest';
import { parseArgs } from './args';

const declared = { check: { projects: 'value', 'update-baseline': 'switch', format: 'value' } } as const;

describe('parseArgs', () => {
  it('reads values, inline values and switches', () => {
    expect(parseArgs(['check', '--projects', 'a,b', '--format=sarif', '--update-baseline'], declared)).toEqual({
      command: 'check',
      flags: { projects: 'a,b', format: 'sarif', 'update-baseline': true },
    });
  });

  it.each([
    [[], 'no command given'],
    [['lint'], 'unknown command "lint"'],
    [['check', '--fast'], 'unknown option "--fast" for check'],
    [['check', '--projects'], '--projects needs a value'],
    [['check', 'extra'], 'unexpected argument "extra"'],
  ])('refuses %j as PAVED-002 with the usage', (argv, message) => {
    expect(() => parseArgs(argv, declared)).toThrow(message);
    try {
      parseArgs(argv, declared);
    } catch (error) {
      expect((error as { code: string; exitCode: number }).code).toBe('PAVED-002');
      expect((error as { exitCode: number }).exitCode).toBe(2);
    }
  });
});
