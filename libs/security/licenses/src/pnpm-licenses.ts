import { PavedError } from '@paved/errors';
import { spawnSync } from 'node:child_process';
import { hostPnpmCandidates, hostPnpmEnv } from './host-pnpm';

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
  /** Every workspace package (`--recursive`); a single-package repository lists only its root. */
  recursive?: boolean;
  env?: NodeJS.ProcessEnv;
}

export interface InstalledListing {
  packages: InstalledLicense[];
  /** Which package manager listed them ("the running pnpm (…)", "pnpm on PATH", …). */
  listedBy: string;
}

/**
 * Runs `pnpm licenses list --json` in the workspace with the host's own pnpm (hostPnpmCandidates),
 * `--recursive` in a pnpm workspace. pnpm reads the installed packages in node_modules/.pnpm, so
 * this works offline; it is the only listing that sees transitive dependencies in pnpm's
 * isolated layout.
 */
export function listInstalledLicenses(options: ListLicensesOptions): InstalledListing {
  const args = [
    'licenses',
    'list',
    '--json',
    ...(options.recursive ? ['--recursive'] : []),
    ...(options.prod ? ['--prod'] : []),
  ];
  const env = options.env ?? process.env;
  const tried: string[] = [];
  for (const pnpm of hostPnpmCandidates(options.root, env)) {
    tried.push(pnpm.label);
    const result = spawnSync(pnpm.command, [...pnpm.args, ...args], {
      cwd: options.root,
      encoding: 'utf-8',
      env: hostPnpmEnv(env),
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
    return { packages: readPnpmLicenses(result.stdout, `${pnpm.label} ${args.join(' ')}`), listedBy: pnpm.label };
  }
  throw new PavedError({
    code: 'PAVED-601',
    message: `pnpm not found (tried ${tried.join(', ')})`,
    hint: 'run through pnpm (`pnpm paved scan licenses`), put pnpm on PATH, pin it in package.json "packageManager", or pass --licenses-json <file>',
  });
}
