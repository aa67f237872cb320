/**
 * paved-cache: the remote cache server for Nx and Turborepo.
 *
 *   paved-cache serve              configuration from PAVED_CACHE_CONFIG (JSON) and PAVED_CACHE_* variables
 *   paved-cache dev [--dir <d>]    embedded defaults: disk storage under .paved-cache, a generated token
 *   paved-cache hash-token <t>     the sha256 to put in a token's config entry
 */
import { developmentConfig, hashToken, loadCacheConfig, type CacheConfig } from '@paved/cache-config';
import { CacheServer } from '@paved/cache-http';
import { formatProblem, isPavedError } from '@paved/errors';
import { parseCommand } from './cli';

async function run(): Promise<void> {
  const command = parseCommand(process.argv.slice(2), process.env);
  switch (command.name) {
    case 'hash-token':
      console.log(hashToken(command.token));
      return;
    case 'serve': {
      const { config, warnings } = loadCacheConfig(process.env);
      const server = await CacheServer.create({ config });
      for (const warning of warnings) server.logger.warn(formatProblem(warning));
      await server.listen();
      await untilSignal(server);
      return;
    }
    case 'dev': {
      const { config, token } = developmentConfig(command.dir, { port: command.port });
      const server = await CacheServer.create({ config: { ...config, logLevel: 'warn' } });
      printClientSetup(await server.listen(), token, config);
      await untilSignal(server);
      return;
    }
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

/** Graceful shutdown: in-flight requests finish, then the process ends with 0. */
function untilSignal(server: CacheServer): Promise<void> {
  return new Promise((done) => {
    const stop = (signal: NodeJS.Signals) => {
      server.logger.info({ signal }, 'shutting down');
      void server.close().then(done);
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
}

// The one place errors become exit codes.
run().catch((error: unknown) => {
  if (isPavedError(error)) {
    console.error(error.message);
    process.exitCode = error.exitCode;
  } else {
    console.error(error);
    process.exitCode = 1;
  }
});
