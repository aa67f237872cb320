/**
 * paved-cache: the remote cache server for Nx and Turborepo.
 *
 *   paved-cache serve              configuration from PAVED_CACHE_CONFIG (JSON) and PAVED_CACHE_* variables
 *   paved-cache dev [--dir <d>]    embedded defaults: disk storage under .paved-cache, a generated token
 *   paved-cache hash-token <t>     the sha256 to put in a token's config entry
 */
import { developmentConfig, hashToken, loadCacheConfig, type CacheConfig } from '@paved/cache-config';
import { CacheServer } from '@paved/cache-http';
import { PavedError, formatProblem, isPavedError } from '@paved/errors';
import { resolve } from 'node:path';

const USAGE = 'usage: paved-cache serve | paved-cache dev [--dir <folder>] [--port <n>] | paved-cache hash-token <token>';

async function run(argv: string[]): Promise<void> {
  const [command = 'serve', ...rest] = argv;
  switch (command) {
    case 'hash-token': {
      if (rest.length !== 1) throw usage('hash-token takes exactly one token');
      console.log(hashToken(rest[0]));
      return;
    }
    case 'serve': {
      const { config, warnings } = loadCacheConfig(process.env);
      const server = await CacheServer.create({ config });
      for (const warning of warnings) server.logger.warn(formatProblem(warning));
      await serveUntilSignal(server);
      return;
    }
    case 'dev': {
      const dir = resolve(option(rest, '--dir') ?? process.env.PAVED_CACHE_DIR ?? '.paved-cache');
      const port = Number(option(rest, '--port') ?? process.env.PAVED_CACHE_PORT ?? 3000);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw usage(`--port must be 0-65535, got "${option(rest, '--port')}"`);
      const { config, token } = developmentConfig(dir, { port });
      const server = await CacheServer.create({ config: { ...config, logLevel: 'warn' } });
      const url = await server.listen();
      printClientSetup(url, token, config);
      await serveUntilSignal(server, false);
      return;
    }
    default:
      throw usage(`unknown command "${command}"`);
  }
}

function printClientSetup(url: string, token: string, config: CacheConfig): void {
  console.log(`Paved cache server listening on ${url}`);
  console.log(`storage: ${config.storage.type === 'fs' ? config.storage.dir : config.storage.bucket}`);
  console.log('\n# Nx (23.x): put these in the environment of nx');
  console.log(`export NX_SELF_HOSTED_REMOTE_CACHE_SERVER=${url}`);
  console.log(`export NX_SELF_HOSTED_REMOTE_CACHE_ACCESS_TOKEN=${token}`);
  console.log('\n# Turborepo (2.x)');
  console.log(`export TURBO_API=${url}`);
  console.log(`export TURBO_TOKEN=${token}`);
  console.log('export TURBO_TEAM=paved');
  console.log(`\n# health: curl ${url}/healthz   metrics: curl ${url}/metrics`);
  console.log('# Press Ctrl+C to stop.');
}

async function serveUntilSignal(server: CacheServer, listen = true): Promise<void> {
  if (listen) await server.listen();
  await new Promise<void>((done) => {
    const stop = (signal: NodeJS.Signals) => {
      server.logger.info({ signal }, 'shutting down');
      void server.close().then(done);
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
}

function option(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index === -1 ? undefined : args[index + 1];
}

function usage(message: string): PavedError {
  return new PavedError({ code: 'PAVED-002', message, hint: USAGE });
}

// The one place errors become exit codes.
run(process.argv.slice(2)).catch((error: unknown) => {
  if (isPavedError(error)) {
    console.error(error.message);
    process.exitCode = error.exitCode;
  } else {
    console.error(error);
    process.exitCode = 1;
  }
});
