/**
 * Every paved-cache command, one definition each (@paved/cli-kit gives the parsing, --help and
 * the usage errors):
 *
 *   paved-cache serve              configuration from PAVED_CACHE_CONFIG (JSON) and PAVED_CACHE_* variables
 *   paved-cache dev [--dir <d>]    embedded defaults: disk storage under .paved-cache, a generated token, the shipped tuning
 *   paved-cache hash-token <t>     the sha256 to put in a token's config entry
 */
import { developmentConfig, hashToken, loadCacheConfig, type CacheConfig } from '@paved/cache-config';
import { CacheServer } from '@paved/cache-http';
import { defineCommand, usageError, type CommandIO, type ProgramSpec } from '@paved/cli-kit';
import { formatProblem } from '@paved/errors';
import { resolve } from 'node:path';
import { serverConfig, SHIPPED_TUNING } from './server-config';

export const commands = {
  serve: defineCommand({
    description: 'Serve with the configuration of PAVED_CACHE_CONFIG (a JSON file) and PAVED_CACHE_* variables.',
    async run(_input, io) {
      const { config, warnings } = loadCacheConfig(io.env, serverConfig);
      const server = await CacheServer.create({ config, tuning: config.tuning });
      for (const warning of warnings) server.logger.warn(formatProblem(warning));
      await server.listen();
      await untilSignal(server);
      return 0;
    },
  }),
  dev: defineCommand({
    description: 'Serve on this machine with embedded defaults: disk storage and a generated token.',
    options: {
      dir: {
        type: 'string',
        placeholder: 'folder',
        env: 'PAVED_CACHE_DIR',
        default: '.paved-cache',
        description: 'storage folder',
      },
      port: {
        type: 'string',
        placeholder: 'n',
        env: 'PAVED_CACHE_PORT',
        default: '3000',
        description: 'port, 0 for any free one',
      },
    },
    async run(input, io) {
      const { config, token } = developmentConfig(resolve(input.dir), { port: portOf(input.port) });
      const server = await CacheServer.create({ config: { ...config, logLevel: 'warn' }, tuning: SHIPPED_TUNING });
      printClientSetup(await server.listen(), token, config, io);
      await untilSignal(server);
      return 0;
    },
  }),
  'hash-token': defineCommand({
    description: "Print the sha256 of a token, for the token's entry in the configuration.",
    arguments: { token: { required: true, description: 'the token a client will send' } },
    run(input, io) {
      if (input.token === '') throw usageError('paved-cache hash-token', 'the token is empty');
      io.out(`${hashToken(input.token)}\n`);
      return 0;
    },
  }),
};

export const pavedCache: ProgramSpec = {
  name: 'paved-cache',
  description: "Paved's remote cache server for Nx and Turborepo.",
  package: { name: '@paved/cache-server', sourcePackageJson: 'apps/cache-server/package.json' },
  commands,
  defaultCommand: 'serve',
};

function portOf(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) > 65535)
    throw usageError('paved-cache dev', `--port (or PAVED_CACHE_PORT) must be a number from 0 to 65535, got "${text}"`);
  return Number(text);
}

function printClientSetup(url: string, token: string, config: CacheConfig, io: CommandIO): void {
  io.out(
    [
      `Paved cache server listening on ${url}`,
      `storage: ${config.storage.type === 'fs' ? config.storage.dir : config.storage.bucket}`,
      '',
      '# Nx (23.x): put these in the environment of nx',
      `export NX_SELF_HOSTED_REMOTE_CACHE_SERVER=${url}`,
      `export NX_SELF_HOSTED_REMOTE_CACHE_ACCESS_TOKEN=${token}`,
      '',
      '# Turborepo (2.x)',
      `export TURBO_API=${url}`,
      `export TURBO_TOKEN=${token}`,
      'export TURBO_TEAM=paved',
      '',
      `# health: curl ${url}/healthz   metrics: curl ${url}/metrics`,
      '# Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );
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
