/** A paved.json for scratch workspaces: the policy shape a product team would start with. */
export interface ScratchPolicy {
  npmScope: string;
  scopes: Record<string, { owners?: string[]; canDependOn?: string[] }>;
  sharedScopes?: string[];
  types: Record<string, { canDependOn: string[] }>;
  kinds?: Record<string, { path?: string; types?: string[] }>;
  owners?: { default: string[] };
}

export const defaultScratchPolicy: ScratchPolicy = {
  npmScope: '@acme',
  scopes: {
    shop: { owners: ['@acme/shop-team'] },
    billing: { owners: ['@acme/billing-team'] },
    shared: { owners: ['@acme/platform'] },
  },
  sharedScopes: ['shared'],
  types: {
    app: { canDependOn: ['feature', 'data-access', 'util'] },
    feature: { canDependOn: ['data-access', 'util'] },
    'data-access': { canDependOn: ['util'] },
    util: { canDependOn: ['util'] },
  },
  owners: { default: ['@acme/platform'] },
};

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

const ESLINT_FIX = 'eslint --fix --no-warn-ignored';

const perFileTasks = (lintCommand = ESLINT_FIX) => ({
  '*.{ts,tsx,mts,cts,js,mjs,cjs}': ['prettier --write', lintCommand],
  '*.{json,md,yml,yaml}': ['prettier --write'],
});

export interface HookCommands {
  /** The secret scan, run once per commit (a function task ignores the file names lint-staged passes). */
  scan?: string;
  /** What lints the staged code files instead of `eslint --fix --no-warn-ignored` (`paved lint --fix`). */
  lint?: string;
}

/** `.lintstagedrc.mjs` with the per-file tasks and, given one, the secret scan: Paved's own hook shape. */
export function lintStagedWithSecretScan(commands: HookCommands = {}): string {
  const tasks = Object.entries(perFileTasks(commands.lint)).map(
    ([glob, steps]) => `  '${glob}': ${JSON.stringify(steps)},`,
  );
  if (commands.scan) tasks.push(`  '*': () => ${JSON.stringify(commands.scan)},`);
  return `export default {\n${tasks.join('\n')}\n};\n`;
}

/** The files of a fresh Nx + Paved workspace, keyed by relative path. */
export function scratchFiles(
  policy: ScratchPolicy = defaultScratchPolicy,
  devDependencies: Record<string, string> = {},
): Record<string, string> {
  // Declared like a real workspace would, so Nx sees eslint, vitest and friends as external nodes.
  const declared = Object.fromEntries(
    Object.entries(devDependencies).map(([name, range]) => [name, range.startsWith('workspace:') ? '*' : range]),
  );
  return {
    'package.json': json({
      name: 'scratch',
      version: '0.0.0',
      private: true,
      license: 'MIT',
      devDependencies: declared,
    }),
    'nx.json': json({
      $schema: './node_modules/nx/schemas/nx-schema.json',
      neverConnectToCloud: true,
      defaultBase: 'main',
      namedInputs: {
        default: ['{projectRoot}/**/*', 'sharedGlobals'],
        production: ['default', '!{projectRoot}/**/*.spec.ts', '!{projectRoot}/vitest.config.mts'],
        sharedGlobals: ['{workspaceRoot}/tsconfig.base.json', '{workspaceRoot}/paved.json'],
      },
      targetDefaults: {
        build: { cache: true, dependsOn: ['^build'], inputs: ['production', '^production'] },
        typecheck: { cache: true, inputs: ['default', '^production'] },
        test: { cache: true, inputs: ['default', '^production'] },
        lint: { cache: true },
      },
      plugins: [
        { plugin: '@nx/eslint/plugin', options: { targetName: 'lint' } },
        { plugin: '@nx/vitest', options: { testTargetName: 'test' } },
        '@paved/nx',
      ],
    }),
    'tsconfig.base.json': json({
      compilerOptions: {
        target: 'es2022',
        lib: ['es2023'],
        module: 'preserve',
        moduleResolution: 'bundler',
        types: ['node'],
        strict: true,
        esModuleInterop: true,
        isolatedModules: true,
        skipLibCheck: true,
        declaration: true,
        sourceMap: true,
        paths: {},
      },
      exclude: ['node_modules', 'tmp', 'dist'],
    }),
    'paved.json': json({ $schema: './node_modules/@paved/nx/paved.schema.json', ...policy }),
    'eslint.config.ts':
      "import { pavedEslintConfig } from '@paved/nx/eslint';\n\nexport default pavedEslintConfig();\n",
    '.prettierrc': '"@paved/nx/prettier"\n',
    '.prettierignore': 'node_modules\ndist\n.nx\n',
    '.lintstagedrc.json': json(perFileTasks()),
    '.husky/pre-commit': 'lint-staged\n',
    '.gitignore': 'node_modules\ndist\n.nx\nout-tsc\n',
    'pnpm-workspace.yaml': 'packages:\n  - apps/*\n  - libs/*/*\n',
    '.changeset/config.json': json({
      changelog: '@changesets/cli/changelog',
      commit: false,
      access: 'public',
      baseBranch: 'main',
      updateInternalDependencies: 'patch',
    }),
  };
}
