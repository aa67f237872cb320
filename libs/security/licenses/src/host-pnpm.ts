import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** A way to run pnpm, and what to call it in messages. */
export interface PnpmCommand {
  label: string;
  command: string;
  args: string[];
}

/**
 * The pnpm the host runs, in order:
 * 1. the one running us (`pnpm paved …`, `pnpm nx …` set npm_execpath);
 * 2. `pnpm` on PATH (a real install or corepack's shim);
 * 3. the version corepack would run for the packageManager pin, when corepack's cache holds it
 *    (run from there: no download, no signature check against the registry);
 * 4. only when none of these exists, the pin through `npx --prefer-offline` (npx's cache first).
 * Whichever runs, hostPnpmEnv keeps it from switching to another version on its own.
 */
export function hostPnpmCandidates(root: string, env: NodeJS.ProcessEnv): PnpmCommand[] {
  const candidates: PnpmCommand[] = [];
  const execPath = env.npm_execpath;
  if (execPath && /pnpm/i.test(execPath) && existsSync(execPath)) {
    candidates.push({ label: `the running pnpm (${execPath})`, ...nodeOrBinary(execPath) });
  }
  candidates.push({ label: 'pnpm on PATH', command: 'pnpm', args: [] });
  const pin = pnpmPin(root);
  if (pin) {
    const cached = corepackCachedPnpm(pin.version, env);
    if (cached)
      candidates.push({ label: `pnpm ${pin.version} from corepack's cache (${cached})`, ...nodeOrBinary(cached) });
    candidates.push({
      label: `npx pnpm@${pin.version}`,
      command: 'npx',
      args: ['--yes', '--prefer-offline', `pnpm@${pin.version}`],
    });
  }
  return candidates;
}

/**
 * The environment pnpm runs in. pnpm 9.7+ (`manage-package-manager-versions`, on by default in
 * pnpm 10) would otherwise download the packageManager pin and re-run itself with it, which
 * fails where the registry has no signatures ("its npm registry signature could not be
 * verified") and in any case is not the pnpm the user chose. Corepack's shim, when that is the
 * host's pnpm, must not prompt (nobody can answer) nor refuse a pin of another manager.
 */
export function hostPnpmEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    ...env,
    npm_config_manage_package_manager_versions: 'false',
    COREPACK_ENABLE_DOWNLOAD_PROMPT: '0',
    COREPACK_ENABLE_STRICT: '0',
    npm_config_fetch_retries: '0',
  };
}

/** A script (pnpm.cjs, pnpm.mjs) runs under this Node; a binary (pnpm 11's single executable) runs itself. */
function nodeOrBinary(path: string): { command: string; args: string[] } {
  return /\.(?:c?js|mjs)$/.test(path) ? { command: process.execPath, args: [path] } : { command: path, args: [] };
}

/** package.json `packageManager: "pnpm@9.15.0+sha512…"` → 9.15.0. */
function pnpmPin(root: string): { version: string } | undefined {
  try {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf-8')) as { packageManager?: unknown };
    const pin = typeof manifest.packageManager === 'string' ? manifest.packageManager.split('+')[0] : undefined;
    const version = pin?.startsWith('pnpm@') ? pin.slice('pnpm@'.length) : undefined;
    return version && /^\d+\.\d+\.\d+[\w.-]*$/.test(version) ? { version } : undefined;
  } catch {
    return undefined;
  }
}

/** Corepack keeps each version at <COREPACK_HOME or ~/.cache/node/corepack>/v1/pnpm/<version>, with its package.json bin. */
function corepackCachedPnpm(version: string, env: NodeJS.ProcessEnv): string | undefined {
  const home = env.COREPACK_HOME ?? join(env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'node', 'corepack');
  const folder = join(home, 'v1', 'pnpm', version);
  try {
    const { bin } = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf-8')) as {
      bin?: string | Record<string, string>;
    };
    const relative = typeof bin === 'string' ? bin : bin?.pnpm;
    return relative && existsSync(join(folder, relative)) ? join(folder, relative) : undefined;
  } catch {
    return undefined;
  }
}
