import { PavedError } from '@paved/errors';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { ESLint } from 'eslint';

export interface LintRequest {
  /** Absolute paths. */
  files: string[];
  fix: boolean;
}

/** What the ESLint CLI would have printed and counted for the same files. */
export interface LintOutcome {
  /** The stylish formatter's report, empty when there is nothing to say. */
  output: string;
  errorCount: number;
  warningCount: number;
}

type ESLintModule = { ESLint: typeof ESLint };

/**
 * The workspace's own ESLint, as `eslint --fix --no-warn-ignored <files>` runs it: its version,
 * its flat config, its plugins. Paved brings no ESLint of its own, so a verdict never depends on
 * whether it came from the warm server or from this process.
 */
export class WorkspaceLinter {
  private readonly module: ESLintModule;
  private readonly instances = new Map<boolean, ESLint>();
  private formatter?: Promise<ESLint.LoadedFormatter>;

  constructor(private readonly root: string) {
    try {
      this.module = createRequire(join(root, 'package.json'))('eslint') as ESLintModule;
    } catch (error) {
      throw new PavedError({
        code: 'PAVED-111',
        message: `ESLint is not installed in ${root}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
        expected: 'eslint in the workspace root package.json devDependencies, installed',
        hint: 'install it (`pnpm add -D eslint`), or drop `paved lint` from the hook',
      });
    }
  }

  private instance(fix: boolean): ESLint {
    let eslint = this.instances.get(fix);
    if (!eslint) {
      eslint = new this.module.ESLint({ cwd: this.root, fix, warnIgnored: false });
      this.instances.set(fix, eslint);
    }
    return eslint;
  }

  async lint({ files, fix }: LintRequest): Promise<LintOutcome> {
    const eslint = this.instance(fix);
    const results = await eslint.lintFiles(files);
    if (fix) await this.module.ESLint.outputFixes(results);
    this.formatter ??= eslint.loadFormatter('stylish');
    const formatter = await this.formatter;
    const output = await formatter.format(results);
    const count = (key: 'errorCount' | 'fatalErrorCount' | 'warningCount') =>
      results.reduce((sum, result) => sum + result[key], 0);
    return { output, errorCount: count('errorCount') + count('fatalErrorCount'), warningCount: count('warningCount') };
  }

  /** Loads the config, the parser and the rules, so that the first real request pays for none of them. */
  async warmUp(): Promise<void> {
    await this.instance(true).lintText('export const warm = 1;\n', {
      filePath: join(this.root, '.paved-lint-warm-up.ts'),
    });
  }
}

/** ESLint's own failure (a config that does not load, a file it cannot read), coded. */
export function eslintFailed(error: unknown): PavedError {
  if (error instanceof PavedError) return error;
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0];
  return new PavedError({
    code: 'PAVED-112',
    message: `ESLint could not lint the staged files: ${message}`,
    expected: 'an ESLint flat config that loads, and files it can parse',
    hint: 'run `npx eslint <file>` for the full error; fix the config or the file it names',
  });
}
