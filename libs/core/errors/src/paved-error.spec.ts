import { describe, expect, it } from 'vitest';
import { PavedError, errorCodes, formatProblem, isErrorCode, isPavedError, throwIfProblems } from './index';

describe('formatProblem', () => {
  it('puts the code, the location, the message, what was expected and the hint on one line', () => {
    expect(
      formatProblem({
        code: 'PAVED-102',
        file: 'paved.json',
        keyPath: 'types.app.canDependOn[1]',
        message: 'unknown type "feature"',
        expected: 'one of: domain, util',
        hint: 'declare the type under "types" first',
      }),
    ).toBe(
      'PAVED-102 paved.json: types.app.canDependOn[1]: unknown type "feature" (expected one of: domain, util; declare the type under "types" first)',
    );
  });

  it('omits the parts a problem does not have', () => {
    expect(formatProblem({ code: 'PAVED-200', message: 'unknown kind "x"' })).toBe('PAVED-200 unknown kind "x"');
  });
});

describe('PavedError', () => {
  it('keeps every problem and lists them all in its message', () => {
    const error = new PavedError([
      { code: 'PAVED-201', message: 'unknown scope "a"' },
      { code: 'PAVED-204', message: 'invalid name "B"' },
    ]);
    expect(error.problems).toHaveLength(2);
    expect(error.code).toBe('PAVED-201');
    expect(error.message.split('\n')).toEqual(['PAVED-201 unknown scope "a"', 'PAVED-204 invalid name "B"']);
    expect(isPavedError(error)).toBe(true);
    expect(isPavedError(new Error('x'))).toBe(false);
  });

  it('maps configuration and usage problems to exit code 2', () => {
    expect(new PavedError({ code: 'PAVED-100', message: 'missing' }).exitCode).toBe(2);
  });

  it('refuses to be built without a problem', () => {
    expect(() => new PavedError([])).toThrow(TypeError);
  });
});

describe('throwIfProblems', () => {
  it('returns quietly on an empty list and throws a PavedError otherwise', () => {
    expect(() => throwIfProblems([])).not.toThrow();
    expect(() => throwIfProblems([{ code: 'PAVED-206', message: 'exists' }])).toThrow(PavedError);
  });
});

describe('error code registry', () => {
  it('uses the PAVED-### shape for every code', () => {
    for (const code of Object.keys(errorCodes)) {
      expect(code).toMatch(/^PAVED-\d{3}$/);
      expect(isErrorCode(code)).toBe(true);
    }
    expect(isErrorCode('PAVED-999')).toBe(false);
  });
});
