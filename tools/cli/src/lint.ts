import { usageError, type CommandIO } from '@paved/cli-kit';
import { findWorkspaceRoot } from '@paved/conformance';
import { lintFiles, lintSocketPath, serveLint, stopLintServer } from '@paved/lint-server';
import { spawn } from 'node:child_process';

export interface LintFlags {
  files?: string[];
  fix?: true;
  stop?: true;
  serve?: true;
}

/**
 * PAVED_LINT_SERVER=on or off decides; otherwise the warm server is used except in CI, which runs
 * each hook once: a server left behind would only hold the runner's memory.
 */
function warmServerWanted(env: NodeJS.ProcessEnv): boolean {
  if (env.PAVED_LINT_SERVER === 'on' || env.PAVED_LINT_SERVER === 'off') return env.PAVED_LINT_SERVER === 'on';
  return env.CI === undefined || env.CI === '' || env.CI === 'false' || env.CI === '0';
}

/** `paved lint --serve` for this workspace, detached: it outlives the hook that started it. */
function startServer(root: string): void {
  const entry = process.argv[1];
  if (!entry) return;
  spawn(process.execPath, [...process.execArgv, entry, 'lint', '--serve', '--cwd', root], {
    cwd: root,
    detached: true,
    stdio: 'ignore',
  }).unref();
}

export async function runLint(flags: LintFlags, io: CommandIO): Promise<0 | 1> {
  const root = findWorkspaceRoot(process.cwd()) ?? process.cwd();
  const files = flags.files ?? [];
  if ((flags.serve || flags.stop) && files.length > 0)
    throw usageError('paved lint', `--${flags.serve ? 'serve' : 'stop'} takes no files, got ${files.join(' ')}`);
  if (flags.serve && flags.stop) throw usageError('paved lint', '--serve and --stop: pick one');
  if (flags.serve) {
    await serveLint({ root, socketPath: lintSocketPath(root), log: (line) => io.err(`paved lint: ${line}\n`) });
    return 0;
  }
  if (flags.stop) {
    io.out(
      (await stopLintServer(root))
        ? 'paved lint: stopped the warm lint server\n'
        : 'paved lint: no warm lint server was running\n',
    );
    return 0;
  }
  const result = await lintFiles({
    root,
    files,
    fix: flags.fix === true,
    warm: warmServerWanted(io.env),
    startServer: () => startServer(root),
  });
  // ESLint's CLI prints its report with console.log: the same bytes, its trailing newline too.
  if (result.output) io.out(`${result.output}\n`);
  if (io.env.PAVED_DEBUG) {
    if (result.builtProjectGraph) io.err('paved lint: built the Nx project graph the boundary rule reads\n');
    io.err(`paved lint: linted by ${result.linter}${result.reason ? ` (${result.reason})` : ''}\n`);
  }
  return result.errorCount > 0 ? 1 : 0;
}
