#!/usr/bin/env node
/**
 * The `paved` command. Exit codes: 0 clean, 1 findings, 2 usage or configuration errors.
 */
import { isPavedError } from '@paved/errors';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs, usage } from './args';
import { type AdvisoriesImportFlags } from './advisories';
import { type CheckFlags } from './check';
import { type DoctorFlags } from './doctor';
import { type ScanDepsFlags } from './scan';
import { type ScanLicensesFlags } from './scan-licenses';
import { type ScanSecretsFlags } from './scan-secrets';

const commands = {
  'scan secrets': {
    staged: 'switch',
    all: 'switch',
    history: 'switch',
    'update-baseline': 'switch',
    format: 'value',
    cwd: 'value',
  },
  'scan deps': {
    lockfile: 'value',
    advisories: 'value',
    'fail-on': 'value',
    'max-age-days': 'value',
    format: 'value',
    cwd: 'value',
  },
  'scan licenses': { prod: 'switch', 'licenses-json': 'value', format: 'value', cwd: 'value' },
  'advisories import': { source: 'positional', format: 'value', cwd: 'value' },
  check: {
    projects: 'value',
    baseline: 'value',
    'update-baseline': 'switch',
    format: 'value',
    cwd: 'value',
    'cached-graph': 'switch',
  },
  doctor: { fix: 'switch', format: 'value', cwd: 'value' },
} as const;

/** Commands of two words (`scan deps`, `advisories import`) and what the first word offers. */
const subcommands: Record<string, string[]> = { scan: ['secrets', 'deps', 'licenses'], advisories: ['import'] };

async function main(argv: string[]): Promise<number> {
  const [first, second, ...rest] = argv;
  const choices = subcommands[first ?? ''];
  if (choices && !choices.includes(second ?? '')) {
    throw usage(
      `unknown ${first} command "${second ?? ''}": available: ${choices.map((c) => `${first} ${c}`).join(', ')}`,
    );
  }
  const { command, flags } = parseArgs(choices ? [`${first} ${second}`, ...rest] : argv, commands);
  if (typeof flags.cwd === 'string') {
    const dir = resolve(flags.cwd);
    if (!existsSync(dir)) throw usage(`--cwd ${flags.cwd}: no such folder`);
    process.chdir(dir);
  }
  const out = (text: string) => process.stdout.write(text);
  const warn = (text: string) => process.stderr.write(text);
  // Each command loads its own libraries: the pre-commit hook runs `scan secrets` on every
  // commit, and should not pay for loading Nx or the conformance rules.
  switch (command) {
    case 'check':
      return (await import('./check')).runCheck(flags as CheckFlags, out);
    case 'doctor':
      return (await import('./doctor')).runDoctor(flags as DoctorFlags, out);
    case 'scan secrets':
      return (await import('./scan-secrets')).runScanSecrets(flags as ScanSecretsFlags, out);
    case 'scan deps':
      return (await import('./scan')).runScanDeps(flags as ScanDepsFlags, out, warn);
    case 'scan licenses':
      return (await import('./scan-licenses')).runScanLicenses(flags as ScanLicensesFlags, out);
    case 'advisories import':
      return (await import('./advisories')).runAdvisoriesImport(flags as AdvisoriesImportFlags, out);
    default:
      throw usage(`unknown command "${command}"`);
  }
}

// The one place errors become exit codes.
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (isPavedError(error)) {
      console.error(error.message);
      process.exitCode = error.exitCode;
    } else {
      console.error(error);
      process.exitCode = 2;
    }
  },
);
