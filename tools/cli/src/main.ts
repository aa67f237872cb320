#!/usr/bin/env node
/**
 * The `paved` command. Exit codes: 0 clean, 1 findings, 2 usage or configuration errors.
 */
import { isPavedError } from '@paved/errors';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs, usage } from './args';
import { type CheckFlags } from './check';
import { type ScanDepsFlags } from './scan';
import { type ScanSecretsFlags } from './scan-secrets';

const scanners = ['deps', 'secrets'] as const;

const commands = {
  'scan deps': { lockfile: 'value', advisories: 'value', 'fail-on': 'value', format: 'value', cwd: 'value' },
  'scan secrets': {
    staged: 'switch',
    all: 'switch',
    history: 'switch',
    'update-baseline': 'switch',
    format: 'value',
    cwd: 'value',
  },
  check: {
    projects: 'value',
    baseline: 'value',
    'update-baseline': 'switch',
    format: 'value',
    cwd: 'value',
    'cached-graph': 'switch',
  },
} as const;

async function main(argv: string[]): Promise<number> {
  // `paved scan deps|secrets`: the scanner is the second word.
  const [first, second, ...rest] = argv;
  if (first === 'scan' && !scanners.includes(second as (typeof scanners)[number]))
    throw usage(`unknown scanner "${second ?? ''}": available: ${scanners.map((s) => `scan ${s}`).join(', ')}`);
  const { command, flags } = parseArgs(first === 'scan' ? [`scan ${second}`, ...rest] : argv, commands);
  if (typeof flags.cwd === 'string') {
    const dir = resolve(flags.cwd);
    if (!existsSync(dir)) throw usage(`--cwd ${flags.cwd}: no such folder`);
    process.chdir(dir);
  }
  const out = (text: string) => process.stdout.write(text);
  // Each command loads its own libraries: the pre-commit hook runs `scan secrets` on every
  // commit, and should not pay for loading Nx or the conformance rules.
  switch (command) {
    case 'check':
      return (await import('./check')).runCheck(flags as CheckFlags, out);
    case 'scan deps':
      return (await import('./scan')).runScanDeps(flags as ScanDepsFlags, out);
    case 'scan secrets':
      return (await import('./scan-secrets')).runScanSecrets(flags as ScanSecretsFlags, out);
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
