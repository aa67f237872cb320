import { Linter } from 'eslint';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parser } from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { securityConfigs } from './preset';

function lint(fixture: string): { ruleId: string | null; line: number }[] {
  const linter = new Linter({ configType: 'flat' });
  const code = readFileSync(join(__dirname, '..', 'fixtures', fixture), 'utf-8');
  return linter
    .verify(code, [{ files: ['**/*.ts'], languageOptions: { parser } }, ...securityConfigs()], 'fixture.ts')
    .map(({ ruleId, line }) => ({ ruleId, line }));
}

describe('the ESLint security preset', () => {
  it('fires on eval and friends, unsafe RegExp, ReDoS, HTML sinks and shell injection', () => {
    expect(lint('unsafe.ts.txt')).toEqual([
      { ruleId: 'no-eval', line: 4 },
      { ruleId: 'no-new-func', line: 5 },
      { ruleId: 'no-implied-eval', line: 6 },
      { ruleId: 'paved-security/no-shell-injection', line: 7 },
      { ruleId: 'paved-security/no-shell-injection', line: 8 },
      { ruleId: 'paved-security/no-shell-injection', line: 9 },
      { ruleId: 'paved-security/no-dynamic-regexp', line: 10 },
      { ruleId: 'paved-security/no-dynamic-regexp', line: 11 },
      { ruleId: 'security/detect-unsafe-regex', line: 12 },
      { ruleId: 'no-unsanitized/property', line: 13 },
      { ruleId: 'paved-security/no-shell-injection', line: 18 },
    ]);
  });

  it('stays quiet on ordinary code: literal commands, no shell, dynamic keys, fs paths, RegExp#exec', () => {
    expect(lint('safe.ts.txt')).toEqual([]);
  });
});
