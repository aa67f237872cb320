import { type PavedError } from '@paved/errors';
import { describe, expect, it } from 'vitest';
import { compileAllowlist, globToRegExp } from './allowlist';

const finding = (secret: string, ruleId = 'paved/generic-high-entropy') => ({ ruleId, message: '', secret, start: 0 });

describe('allowlist', () => {
  it('reads globs: * within a folder, ** across folders', () => {
    expect(globToRegExp('libs/**/fixtures/**').test('libs/security/secrets/fixtures/planted/a.txt')).toBe(true);
    expect(globToRegExp('**/*.test.ts').test('a.test.ts')).toBe(true);
    expect(globToRegExp('**/*.test.ts').test('src/deep/a.test.ts')).toBe(true);
    expect(globToRegExp('src/*.ts').test('src/deep/a.ts')).toBe(false);
    expect(globToRegExp('docs/a+b.md').test('docs/a+b.md')).toBe(true);
    expect(globToRegExp('docs/a+b.md').test('docs/aab.md')).toBe(false);
  });

  it('accepts findings by path, value, pattern, and only for the rules an entry names', () => {
    const allowlist = compileAllowlist([
      { reason: 'fixtures', paths: ['fixtures/**'] },
      { reason: 'published test key', values: ['pk_test_known_value_123456'] },
      { reason: 'sandbox tokens', patterns: ['^sandbox_[0-9a-z]{16,}$'], rules: ['paved/generic-high-entropy'] },
    ]);
    expect(allowlist.skipsFile('fixtures/planted/a.txt')).toBe(true);
    expect(allowlist.skipsFile('src/a.ts')).toBe(false);
    expect(allowlist.accepts('src/a.ts', finding('pk_test_known_value_123456'))).toBe(true);
    expect(allowlist.accepts('src/a.ts', finding('sandbox_0123456789abcdef'))).toBe(true);
    expect(allowlist.accepts('src/a.ts', finding('sandbox_0123456789abcdef', 'paved/jwt'))).toBe(false);
    expect(allowlist.accepts('src/a.ts', finding('another-secret-value-999'))).toBe(false);
  });

  it('limits a value entry to its paths when both are given', () => {
    const allowlist = compileAllowlist([{ reason: 'docs example', paths: ['docs/**'], values: ['sk_example_123'] }]);
    expect(allowlist.skipsFile('docs/a.md')).toBe(false);
    expect(allowlist.accepts('docs/a.md', finding('sk_example_123'))).toBe(true);
    expect(allowlist.accepts('src/a.ts', finding('sk_example_123'))).toBe(false);
  });

  it('refuses an invalid pattern with PAVED-400 naming the key', () => {
    try {
      compileAllowlist([{ reason: 'x', patterns: ['ok', '(unclosed'] }]);
      throw new Error('expected a refusal');
    } catch (error) {
      expect((error as PavedError).code).toBe('PAVED-400');
      expect((error as PavedError).message).toContain('secrets.allowlist[0].patterns[1]');
    }
  });
});
