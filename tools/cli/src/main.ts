#!/usr/bin/env node
/**
 * The `paved` command. Exit codes: 0 clean, 1 findings, 2 usage or configuration errors.
 */
import { isPavedError } from '@paved/errors';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs, usage } from './args';
import { runCheck, type CheckFlags } from './check';
import { runScanDeps, type ScanDepsFlags } from './scan';

const commands = {
  scan: { lockfile: 'value', advisories: 'value', 'fail-on': 'value', format: 'value', cwd: 'value' },
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
  // `paved scan deps`: the scanner is the second word.
  const [first, second, ...rest] = argv;
  const scanner = first === 'scan' ? second : undefined;
  if (first === 'scan' && scanner !== 'deps') throw usage(`unknown scanner "${scanner ?? ''}": available: scan deps`);
  const { command, flags } = parseArgs(scanner ? [first, ...rest] : argv, commands);
  if (typeof flags.cwd === 'string') {
    const dir = resolve(flags.cwd);
    if (!existsSync(dir)) throw usage(`--cwd ${flags.cwd}: no such folder`);
    process.chdir(dir);
  }
  switch (command) {
    case 'check':
      return runCheck(flags as CheckFlags, (text) => process.stdout.write(text));
    case 'scan':
      return runScanDeps(flags as ScanDepsFlags, (text) => process.stdout.write(text));
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
