/** The init option that leaves git hooks alone; named in refusals so the user knows the way out. */
export const SKIP_HOOKS_OPTION = '--no-hooks';

/** Paved's once-per-commit step: the secret scan of what the index is about to commit. */
export const SECRET_SCAN = 'paved scan secrets --staged';
export const PRETTIER_FIX = 'prettier --write --ignore-unknown';
/** ESLint kept warm between commits; the same report and exit code as `eslint --fix --no-warn-ignored`. */
export const ESLINT_FIX = 'paved lint --fix';

export type FixTool = 'prettier' | 'eslint';

export const codeExtensions = ['ts', 'tsx', 'mts', 'cts', 'js', 'jsx', 'mjs', 'cjs'] as const;
export const dataExtensions = ['json', 'md', 'yml', 'yaml', 'css', 'scss', 'html'] as const;

/** The staged files each of Paved's fixers should see. */
export function extensionsFor(tool: FixTool): readonly string[] {
  return tool === 'prettier' ? [...codeExtensions, ...dataExtensions] : codeExtensions;
}

export const fixCommand = (tool: FixTool): string => (tool === 'prettier' ? PRETTIER_FIX : ESLINT_FIX);

// These read shell commands (hook lines, task strings), which no parser of ours understands better
// than the words they run: a formatter, a linter, lint-staged, or Paved's scan.
const formatters = /\b(?:prettier|pretty-quick|nx\s+format(?::write)?|biome\s+(?:check|format|ci)|dprint\s+fmt)\b/;
const linters = /\beslint(?:_d)?\b|\bpaved\s+lint\b|\bnx\b.*?\blint\b(?!-)/;
const lintStaged = /(?:^|[\s/'"`(&|;])lint-staged(?=$|[\s'"`)&|;@])/;
const secretScan = /\bscan\s+secrets\b.*--staged\b/;

export interface CommandUse {
  prettier: boolean;
  eslint: boolean;
  lintStaged: boolean;
  secretScan: boolean;
}

/** What a piece of shell (or a task function's source) runs, as far as Paved's steps go. */
export function commandUse(text: string): CommandUse {
  return {
    prettier: formatters.test(text),
    eslint: linters.test(text),
    lintStaged: lintStaged.test(text),
    secretScan: secretScan.test(text),
  };
}

export function runsTool(text: string, tool: FixTool): boolean {
  return commandUse(text)[tool];
}
