import { describe, expect, it } from 'vitest';
import { catchAllRule, ownersOfFolder, parseCodeowners, patternCovers } from './codeowners-rules';

describe('patternCovers', () => {
  it.each([
    ['*', 'libs/a/x', true],
    ['/libs/a/', 'libs/a/x', true],
    ['/libs/a/', 'libs/ab/x', false],
    ['libs/a', 'libs/a/x', true],
    ['a/', 'libs/a/x', true],
    ['a', 'libs/a/x', true],
    ['/a', 'libs/a/x', false],
    ['*.md', 'libs/a/x', false],
    ['libs/**', 'libs/a/b/x', true],
    ['/libs/*/', 'libs/a/x', true],
    ['docs/*', 'libs/a/x', false],
  ])('%s covers %s: %s', (pattern, path, expected) => {
    expect(patternCovers(pattern, path)).toBe(expected);
  });
});

describe('parseCodeowners', () => {
  const text = [
    '# comment',
    '* @org/all',
    '',
    '[Backend][2] @org/backend',
    '/apps/api/',
    '/apps/api/db/ @org/dba @@maintainer',
    '/docs/My\\ Guide.md @org/docs # inline comment',
  ].join('\n');

  it('reads patterns, owners and lines; section owners apply to bare lines; roles are unsupported', () => {
    const rules = parseCodeowners(text);
    expect(rules.map((r) => [r.pattern, r.owners, r.line])).toEqual([
      ['*', ['@org/all'], 2],
      ['/apps/api/', ['@org/backend'], 5],
      ['/apps/api/db/', ['@org/dba'], 6],
      ['/docs/My Guide.md', ['@org/docs'], 7],
    ]);
    expect(rules[2].unsupported).toEqual(['@@maintainer']);
  });

  it('gives a folder the owners of the last rule covering it', () => {
    const rules = parseCodeowners(text);
    expect(ownersOfFolder(rules, 'apps/api')?.owners).toEqual(['@org/backend']);
    expect(ownersOfFolder(rules, 'apps/api/db')?.owners).toEqual(['@org/dba']);
    expect(ownersOfFolder(rules, 'libs/x')?.owners).toEqual(['@org/all']);
    expect(ownersOfFolder(parseCodeowners('/apps/ @a'), 'libs/x')).toBeUndefined();
    expect(catchAllRule(rules)?.owners).toEqual(['@org/all']);
  });
});
