/**
 * Paved's presets composed with a team's own flat config, run through ESLint's real config
 * loading and linting (the boundary rule's verdicts need a project graph: see
 * adoption.e2e.spec.ts). What is checked is what ESLint computes for a file.
 */
import { isPavedError } from '@paved/errors';
import { pavedBoundaryOptions, parsePolicy, type Policy } from '@paved/policy';
import { ESLint, type Linter } from 'eslint';
import { createRequire } from 'node:module';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pavedPresets, withPavedPresets } from './eslint';

const policyJson = {
  npmScope: '@acme',
  scopes: { shop: {}, shared: {} },
  sharedScopes: ['shared'],
  types: { feature: { canDependOn: ['util'] }, util: { canDependOn: ['util'] } },
};
const policy = parsePolicy(JSON.stringify(policyJson)).policy as Policy;
const pavedConstraints = pavedBoundaryOptions(policy).depConstraints;
const BOUNDARY = '@nx/enforce-module-boundaries';

// The team's config loads @nx/eslint-plugin the way an eslint.config.mjs does: module.exports.
const hostRequire = createRequire(__filename);
const nxPlugin = hostRequire('@nx/eslint-plugin') as ESLint.Plugin & { configs: Record<string, Linter.Config[]> };

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'paved-presets-'));
  const files: Record<string, string> = {
    'paved.json': JSON.stringify(policyJson),
    'libs/shop/cart/src/cart.ts': 'const total: number = 1;\nconsole.log(total);\neval("total");\n',
    'libs/shop/cart/src/legacy.js': 'console.log(1);\n',
    'tools/scripts/release.ts': 'export const x = 1;\n',
  };
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function eslintWith(config: Linter.Config[]): ESLint {
  return new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: config });
}

async function boundaryOptionsFor(config: Linter.Config[], file: string): Promise<unknown> {
  const computed = (await eslintWith(config).calculateConfigForFile(join(root, file))) as Linter.Config | undefined;
  return computed?.rules?.[BOUNDARY];
}

const teamBase = (): Linter.Config[] => [
  ...nxPlugin.configs['flat/base'],
  ...nxPlugin.configs['flat/typescript'],
  { files: ['**/*.ts', '**/*.js'], rules: { 'no-console': 'error' } },
];

describe('withPavedPresets over a team config', () => {
  it("keeps the team's rule firing and adds Paved's security rule, on the team's own @nx plugin", async () => {
    const [result] = await eslintWith(withPavedPresets(teamBase(), { workspaceRoot: root })).lintFiles([
      'libs/shop/cart/src/cart.ts',
    ]);
    expect(result.messages.map((m) => [m.ruleId, m.line])).toEqual(
      expect.arrayContaining([
        ['no-console', 2],
        ['no-eval', 3],
      ]),
    );
    expect(result.messages.filter((m) => m.fatal)).toEqual([]);
  });

  it('reuses whatever object the team registered as @nx, where a second one would make ESLint refuse', async () => {
    const theirs = { ...nxPlugin, meta: { name: 'their copy' } };
    const team: Linter.Config[] = [{ plugins: { '@nx': theirs } }, { rules: { 'no-console': 'error' } }];
    await expect(eslintWith([...team, ...pavedPresets({ workspaceRoot: root })]).lintFiles(['libs'])).rejects.toThrow(
      'Cannot redefine plugin "@nx"',
    );
    const [result] = await eslintWith(withPavedPresets(team, { workspaceRoot: root })).lintFiles([
      'libs/shop/cart/src/legacy.js',
    ]);
    expect(result.messages.map((m) => m.ruleId)).toEqual(['no-console']);
  });

  it("merges the team's boundary options where they apply: paved.json's constraints win for its tags", async () => {
    const team: Linter.Config[] = [
      ...teamBase(),
      {
        files: ['**/*.ts'],
        rules: {
          [BOUNDARY]: [
            'warn',
            {
              allow: ['^@acme/legacy'],
              banTransitiveDependencies: true,
              depConstraints: [
                { sourceTag: '*', onlyDependOnLibsWithTags: ['*'] },
                { sourceTag: 'scope:shop', onlyDependOnLibsWithTags: ['*'] },
              ],
            },
          ],
        },
      },
    ];
    const config = withPavedPresets(team, { workspaceRoot: root });
    expect(await boundaryOptionsFor(config, 'libs/shop/cart/src/cart.ts')).toEqual([
      2,
      {
        allow: ['^@acme/legacy'],
        enforceBuildableLibDependency: false,
        banTransitiveDependencies: true,
        depConstraints: [...pavedConstraints, { sourceTag: '*', onlyDependOnLibsWithTags: ['*'] }],
      },
    ]);
    // Where the team's entry does not apply, Paved's own options do.
    expect(await boundaryOptionsFor(config, 'libs/shop/cart/src/legacy.js')).toEqual([2, pavedBoundaryOptions(policy)]);
  });

  it('keeps a team "off" scoped to some files, and overrides one that would switch boundaries off everywhere', async () => {
    const config = withPavedPresets(
      [...teamBase(), { rules: { [BOUNDARY]: 'off' } }, { files: ['tools/**'], rules: { [BOUNDARY]: 'off' } }],
      { workspaceRoot: root },
    );
    // An "off" keeps the options ESLint merged before it; only the severity matters.
    expect(((await boundaryOptionsFor(config, 'tools/scripts/release.ts')) as unknown[])[0]).toBe(0);
    expect(await boundaryOptionsFor(config, 'libs/shop/cart/src/cart.ts')).toEqual([2, pavedBoundaryOptions(policy)]);
  });

  it('lints no file type the team does not: no TypeScript in a JavaScript-only config', async () => {
    const eslint = eslintWith(withPavedPresets([{ rules: { 'no-console': 'error' } }], { workspaceRoot: root }));
    const results = await eslint.lintFiles(['.']);
    expect(results.map((r) => r.filePath.slice(root.length + 1))).toEqual(['libs/shop/cart/src/legacy.js']);
  });

  it("uses the team's eslint-plugin-security when it has one, without rules that version lacks", async () => {
    const security = hostRequire('eslint-plugin-security') as ESLint.Plugin;
    const unsafeRegex = security.rules?.['detect-unsafe-regex'];
    const older: ESLint.Plugin = { rules: unsafeRegex ? { 'detect-unsafe-regex': unsafeRegex } : {} };
    const config = withPavedPresets([{ plugins: { security: older } }, { rules: {} }], { workspaceRoot: root });
    const computed = (await eslintWith(config).calculateConfigForFile(
      join(root, 'libs/shop/cart/src/legacy.js'),
    )) as Linter.Config;
    expect(computed.rules?.['security/detect-unsafe-regex']).toEqual([2]);
    expect(computed.rules).not.toHaveProperty('security/detect-new-buffer');
  });

  it('accepts a single config object, as ESLint does, and refuses anything else with PAVED-701', () => {
    expect(withPavedPresets({ rules: { 'no-console': 'error' } }, { workspaceRoot: root })[0]).toEqual({
      rules: { 'no-console': 'error' },
    });
    try {
      withPavedPresets(() => [], { workspaceRoot: root });
      expect.unreachable();
    } catch (error) {
      expect(isPavedError(error) && error.code).toBe('PAVED-701');
    }
  });
});
