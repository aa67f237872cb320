import { describe, expect, it } from 'vitest';
import { parsePolicy } from './parse-policy';

const valid = {
  npmScope: '@acme',
  scopes: { shop: { owners: ['@acme/shop'] }, shared: {} },
  sharedScopes: ['shared'],
  types: { app: { canDependOn: ['util'] }, util: { canDependOn: ['util'] } },
  kinds: { 'ts-lib': { path: 'libs/{scope}/{name}', types: ['util'] } },
};

const parse = (value: unknown) => parsePolicy(JSON.stringify(value), 'paved.json');

describe('parsePolicy', () => {
  it('accepts a valid policy and fills in defaults', () => {
    const result = parse(valid);
    expect(result.errors).toEqual([]);
    expect(result.policy?.scopes.shared).toEqual({ owners: [], canDependOn: [] });
    expect(result.policy?.owners).toEqual({ default: [] });
    expect(result.policy?.toolchain).toEqual({});
  });

  it('reports a missing file as PAVED-100', () => {
    expect(parsePolicy(undefined).errors.map((e) => e.code)).toEqual(['PAVED-100']);
  });

  it('reports malformed JSON as PAVED-101 naming the file', () => {
    const [error] = parsePolicy('{ "npmScope": ', 'paved.json').errors;
    expect(error).toMatchObject({ code: 'PAVED-101', file: 'paved.json', expected: 'a JSON object' });
  });

  it('reports every schema problem with its key path and what was expected', () => {
    const { errors, policy } = parse({
      ...valid,
      npmScope: 'acme',
      scopes: { Shop: {} },
      types: { app: { canDependOn: 'util' } },
      typo: true,
    });
    expect(policy).toBeUndefined();
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'PAVED-102', file: 'paved.json', keyPath: 'npmScope' }),
        expect.objectContaining({
          code: 'PAVED-102',
          keyPath: 'scopes.Shop',
          message: 'invalid name "Shop": must be kebab-case: lowercase letters and digits, words joined by "-"',
        }),
        expect.objectContaining({ code: 'PAVED-102', keyPath: 'types.app.canDependOn', expected: 'array' }),
        expect.objectContaining({ code: 'PAVED-102', keyPath: '(root)', message: 'unknown key "typo"' }),
      ]),
    );
    expect(errors).toHaveLength(4);
  });

  it('reports references to undeclared scopes and types as PAVED-103 with the exact key', () => {
    const { errors } = parse({
      ...valid,
      sharedScopes: ['common'],
      scopes: { shop: { canDependOn: ['billing'] } },
      types: { app: { canDependOn: ['util', 'feature'] }, util: {} },
      kinds: { 'ts-lib': { types: ['ui'] } },
    });
    expect(errors.map((e) => [e.code, e.keyPath])).toEqual([
      ['PAVED-103', 'sharedScopes[0]'],
      ['PAVED-103', 'scopes.shop.canDependOn[0]'],
      ['PAVED-103', 'types.app.canDependOn[1]'],
      ['PAVED-103', 'kinds.ts-lib.types[0]'],
    ]);
  });

  it('rejects layout patterns that escape the workspace or lack {name}', () => {
    const { errors } = parse({
      ...valid,
      kinds: {
        a: { path: '../outside/{name}' },
        b: { path: 'libs/{scope}' },
        c: { path: '/abs/{name}' },
        d: { path: 'libs/{team}/{name}' },
        e: { path: '.git/hooks/{name}' },
        f: { path: 'libs/node_modules/{name}' },
        g: { path: 'libs/{name}' },
      },
    });
    expect(errors.map((e) => [e.code, e.keyPath])).toEqual([
      ['PAVED-104', 'kinds.a.path'],
      ['PAVED-104', 'kinds.b.path'],
      ['PAVED-104', 'kinds.c.path'],
      ['PAVED-104', 'kinds.d.path'],
      ['PAVED-104', 'kinds.e.path'],
      ['PAVED-104', 'kinds.f.path'],
    ]);
    expect(errors.find((e) => e.keyPath === 'kinds.e.path')?.message).toContain('must not place projects in .git/');
  });

  it('reports unknown conformance rule ids as PAVED-105, listing the known ones', () => {
    const { errors } = parse({
      ...valid,
      rules: { 'module-boundaries': 'warn', 'no-lodash': 'error', 'max-depth': 'off' },
    });
    expect(errors.map((e) => [e.code, e.keyPath])).toEqual([
      ['PAVED-105', 'rules.no-lodash'],
      ['PAVED-105', 'rules.max-depth'],
    ]);
    expect(errors[0].expected).toContain('module-boundaries, no-circular-dependencies');
  });

  it('accepts rule severities and banned dependencies', () => {
    const { policy } = parse({
      ...valid,
      rules: { 'owners-present': 'warn' },
      dependencies: { banned: [{ name: 'moment', reason: 'use date-fns' }] },
    });
    expect(policy?.rules).toEqual({ 'owners-present': 'warn' });
    expect(policy?.dependencies.banned).toEqual([{ name: 'moment', reason: 'use date-fns' }]);
  });

  it('accepts a license policy and fills in its defaults', () => {
    const result = parse({ ...valid, licenses: { allowed: ['MIT', 'Apache-2.0', 'LicenseRef-Acme'] } });
    expect(result.errors).toEqual([]);
    expect(result.policy?.licenses).toEqual({
      allowed: ['MIT', 'Apache-2.0', 'LicenseRef-Acme'],
      exceptions: [],
      scope: 'all',
    });
    expect(result.policy?.advisories).toEqual({ maxAgeDays: 7 });
  });

  it('reports license allowlist entries that are not one SPDX id as PAVED-600, and an empty allowlist', () => {
    const result = parse({ ...valid, licenses: { allowed: ['MIT', 'Apache 2', 'MIT OR ISC'] } });
    expect(result.errors).toEqual([
      expect.objectContaining({
        code: 'PAVED-600',
        keyPath: 'licenses.allowed[1]',
        message: '"Apache 2" is not an SPDX license id',
      }),
      expect.objectContaining({
        code: 'PAVED-600',
        keyPath: 'licenses.allowed[2]',
        message: '"MIT OR ISC" is an expression; list each allowed license id on its own',
      }),
    ]);
    expect(parse({ ...valid, licenses: { allowed: [] } }).errors).toEqual([
      expect.objectContaining({
        code: 'PAVED-102',
        keyPath: 'licenses.allowed',
        message: expect.stringContaining('at least one SPDX license id'),
      }),
    ]);
    expect(parse({ ...valid, licenses: { allowed: ['MIT'], exceptions: [{ name: 'x' }] } }).errors).toEqual([
      expect.objectContaining({ code: 'PAVED-102', keyPath: 'licenses.exceptions[0].reason' }),
    ]);
  });

  it('warns about scopes nobody owns, without failing', () => {
    const { errors, warnings, policy } = parse(valid);
    expect(errors).toEqual([]);
    expect(policy).toBeDefined();
    expect(warnings.map((w) => w.keyPath)).toEqual(['scopes.shared.owners']);
  });
});
