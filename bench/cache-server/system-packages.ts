/**
 * The two system programs the bench drives, wrk and nginx, come from Debian packages. When one is
 * missing the bench installs it with apt-get if it can (root, or sudo without a password), and
 * otherwise stops with the command that would install it. CI installs both beforehand (.ci/run).
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Folders searched besides PATH: nginx lives in /usr/sbin, which a normal user's PATH often lacks. */
const EXTRA_BIN_DIRS = ['/usr/sbin', '/usr/local/sbin', '/sbin'];

/** The full path of an executable called `command`, or undefined. */
export function findExecutable(command: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), ...EXTRA_BIN_DIRS];
  for (const dir of dirs) {
    const candidate = join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Runs a command to its end; throws with the reason (could not start, signal, exit code and output). */
export function runOrThrow(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): string {
  const result = spawnSync(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    encoding: 'utf-8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const commandLine = `${command} ${args.join(' ')}`;
  // spawnSync reports a program that never ran (missing, or a cwd that does not exist) in
  // result.error, with status and signal null: say that, not "exit null".
  if (result.error) {
    const where = options.cwd ? ` (cwd ${options.cwd})` : '';
    throw new Error(`${commandLine} could not be run${where}: ${result.error.message}`);
  }
  if (result.status !== 0) {
    const how = result.signal ? `killed by ${result.signal}` : `exit ${result.status}`;
    throw new Error(`${commandLine} failed (${how}):\n${result.stdout}\n${result.stderr}`);
  }
  return result.stdout;
}

function canSudoWithoutPassword(): boolean {
  if (!findExecutable('sudo')) return false;
  return spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
}

/**
 * The path of `command`, installing Debian package `debianPackage` first when it is missing.
 * `purpose` says in the error message what the bench needs it for.
 */
export function ensureDebianCommand(command: string, debianPackage: string, purpose: string): string {
  const found = findExecutable(command);
  if (found) return found;
  const manual =
    `${command} is not installed; the cache server bench needs it ${purpose}. Install it and rerun:\n` +
    `  sudo apt-get install ${debianPackage}     (Debian, Ubuntu)`;
  const isRoot = process.getuid?.() === 0;
  const sudo = isRoot ? [] : canSudoWithoutPassword() ? ['sudo', '-n'] : undefined;
  if (!sudo || !findExecutable('apt-get')) throw new Error(manual);

  console.log(`${command} is missing: installing the Debian package ${debianPackage} with apt-get ...`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const aptGet = (...args: string[]) => {
    const [program, ...rest] = [...sudo, 'apt-get', ...args];
    runOrThrow(program, rest, { env });
  };
  try {
    aptGet('install', '-y', '-q', debianPackage);
  } catch {
    // A fresh machine or container often has no package lists yet.
    try {
      aptGet('update', '-q');
      aptGet('install', '-y', '-q', debianPackage);
    } catch (error) {
      throw new Error(`${manual}\n(apt-get failed: ${error instanceof Error ? error.message : String(error)})`);
    }
  }
  const installed = findExecutable(command);
  if (!installed) throw new Error(`${manual}\n(apt-get installed ${debianPackage}, but no ${command} was found)`);
  return installed;
}
