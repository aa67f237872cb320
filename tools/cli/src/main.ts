#!/usr/bin/env node
/**
 * The `paved` command: the commands are defined in commands.ts; @paved/cli-kit parses, prints
 * help and --version, and turns errors into exit codes (0 clean, 1 findings, 2 usage or
 * configuration errors).
 */
import { runMain } from '@paved/cli-kit';
import { paved } from './commands';

runMain(paved, __dirname);
