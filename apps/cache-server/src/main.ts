/**
 * paved-cache: the remote cache server for Nx and Turborepo. The commands are defined in
 * commands.ts; @paved/cli-kit parses, prints help and --version, and turns errors into exit
 * codes (a port in use, a storage folder it cannot write: coded errors saying what to do).
 */
import { runMain } from '@paved/cli-kit';
import { pavedCache } from './commands';

runMain(pavedCache, __dirname);
