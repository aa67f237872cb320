import { PavedError } from '@paved/errors';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One installed package version and the license pnpm read from its package.json. */
export interface InstalledLicense {
  name: string;
  version: string;
  /** As pnpm reports it: an SPDX expression, "Unknown", "SEE LICENSE IN …" or free text. */
  license: string;
}

interface PnpmLicenseEntry {
  name?: unknown;
  versions?: unknown;
  license?: unknown;
}

/**
 * Reads the output of `pnpm licenses list --json` (pnpm 9 and 10):
 * `{"<license>": [{name, versions[], paths[], license, …}]}`, one row per
 * package name with every installed version. Anything else is refused with
 * the file and the entry that broke the shape.
 */
export function readPnpmLicenses(text: string, source = 'pnpm licenses list --json'): InstalledLicense[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw malformed(source, `not JSON: ${(error as Error).message}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw malformed(source, 'expected an object keyed by license');
  }
  const found: InstalledLicense[] = [];
  for (const [group, entries] of Object.entries(raw)) {
    if (!Array.isArray(entries)) throw malformed(source, `"${group}" is not a list of packages`);
    entries.forEach((entry: PnpmLicenseEntry, index) => {
      const where = `${JSON.stringify(group)}[${index}]`;
      if (typeof entry?.name !== 'string' || !Array.isArray(entry.versions)) {
        throw malformed(source, `${where} has no name or versions`);
      }
      const license = typeof entry.license === 'string' ? entry.license : group;
      for (const version of entry.versions) found.push({ name: entry.name, version: String(version), license });
    });
  }
  return found.sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
}

function malformed(source: string, message: string): PavedError {
  return new PavedError({
    code: 'PAVED-602',
    file: source,
    message,
    expected: 'the output of `pnpm licenses list --json -r`',
  });
}

export interface ListLicensesOptions {
  /** Workspace root (where pnpm-lock.yaml and node_modules are). */
  root: string;
  /** Production dependencies only (`--prod`). */
  prod?: boolean;
  env?: NodeJS.ProcessEnv;
}

/**
 * Runs `pnpm licenses list --json -r` in the workspace. pnpm reads the
 * installed packages in node_modules/.pnpm, so this works offline; it is the
 * only listing that sees transitive dependencies in pnpm's isolated layout.
 */
export function listInstalledLicenses(options: ListLicensesOptions): InstalledLicense[] {
  const args = ['licenses', 'list', '--json', '--recursive', ...(options.prod ? ['--prod'] : [])];
  const tried: string[] = [];
  for (const pnpm of pnpmCandidates(options.root, options.env ?? process.env)) {
    tried.push(pnpm.label);
    const result = spawnSync(pnpm.command, [...pnpm.args, ...args], {
      cwd: options.root,
      encoding: 'utf-8',
      env: { ...(options.env ?? process.env), npm_config_fetch_retries: '0' },
      maxBuffer: 256 * 1024 * 1024,
    });
    if ((result.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') continue;
    if (result.status !== 0) {
      // pnpm reports its own errors as JSON on stdout; stderr may hold only npx's noise.
      const output = [result.stdout, result.stderr].map((text) => text.trim()).filter(Boolean);
      throw new PavedError({
        code: 'PAVED-601',
        message: `\`${pnpm.label} ${args.join(' ')}\` exited ${String(result.status)}: ${output.join('\n').slice(0, 2000)}`,
        hint: 'run `pnpm install` first (pnpm fails when pnpm-lock.yaml does not list every workspace package), or pass pnpm output with --licenses-json <file>',
      });
    }
    return readPnpmLicenses(result.stdout, `${pnpm.label} ${args.join(' ')}`);
  }
  throw new PavedError({
    code: 'PAVED-601',
    message: `pnpm not found (tried ${tried.join(', ')})`,
    hint: 'run through pnpm (`pnpm paved scan licenses`), put pnpm on PATH, or pass --licenses-json <file>',
  });
}

interface PnpmCommand {
  label: string;
  command: string;
  args: string[];
}

/**
 * Which pnpm to run, in order: the one running us (`pnpm paved …` sets
 * npm_execpath), pnpm on PATH, then the workspace's packageManager pin via npx
 * (which uses npx's cache when offline).
 */
function pnpmCandidates(root: string, env: NodeJS.ProcessEnv): PnpmCommand[] {
  const candidates: PnpmCommand[] = [];
  const execPath = env.npm_execpath;
  if (execPath && /pnpm/i.test(execPath) && existsSync(execPath)) {
    const isScript = /\.(?:c?js|mjs)$/.test(execPath);
    candidates.push({
      label: execPath,
      command: isScript ? process.execPath : execPath,
      args: isScript ? [execPath] : [],
    });
  }
  candidates.push({ label: 'pnpm', command: 'pnpm', args: [] });
  const pin = packageManagerPin(root);
  if (pin) candidates.push({ label: `npx ${pin}`, command: 'npx', args: ['-y', pin] });
  return candidates;
}

function packageManagerPin(root: string): string | undefined {
  try {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf-8')) as { packageManager?: unknown };
    const pin = typeof manifest.packageManager === 'string' ? manifest.packageManager.split('+')[0] : undefined;
    return pin && /^pnpm@\d+\.\d+\.\d+$/.test(pin) ? pin : undefined;
  } catch {
    return undefined;
  }
}
