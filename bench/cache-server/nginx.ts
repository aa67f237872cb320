/**
 * nginx as the physical limit of this machine: the same URLs (/v8/artifacts/<hash>?slug=…), the
 * same bearer check, files served with sendfile and uploads through the DAV module's PUT (a temp
 * file, then a rename). One worker process, like one Node event loop; config, temp folders, pid
 * and error log in a scratch folder of the bench; runs as the current user.
 */
import { freePort } from '@paved/scratch';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readyOrStopped, SERVER_LABELS, ServerProcess } from './servers';
import { ensureDebianCommand } from './system-packages';

/** Larger than any artifact the bench uploads (10 MiB). */
const MAX_BODY = '128m';

export interface Nginx {
  binary: string;
  /** "nginx/1.22.1" */
  version: string;
  /** Modules whose temp folder nginx creates at start-up (proxy, fastcgi, uwsgi, scgi, as built in). */
  tempPathModules: string[];
}

/** Finds (or installs) nginx and checks it can take PUTs. */
export function ensureNginx(): Nginx {
  const binary = ensureDebianCommand('nginx', 'nginx-light', 'as the reference server (the physical limit)');
  const { stderr } = spawnSync(binary, ['-V'], { encoding: 'utf-8' });
  if (!stderr.includes('--with-http_dav_module')) {
    throw new Error(`${binary} was built without the DAV module (PUT); install Debian's nginx-light or nginx`);
  }
  const version = /nginx version: (\S+)/.exec(stderr)?.[1] ?? 'nginx';
  const tempPathModules = ['proxy', 'fastcgi', 'uwsgi', 'scgi'].filter(
    (module) => stderr.includes(`--http-${module}-temp-path=`) && !stderr.includes(`--without-http_${module}_module`),
  );
  return { binary, version, tempPathModules };
}

function config(options: { nginx: Nginx; workDir: string; storageDir: string; port: number; token: string }): string {
  const { nginx, workDir, storageDir, port, token } = options;
  const temp = (module: string) => `  ${module}_temp_path ${join(workDir, 'temp', module)};`;
  return [
    // Workers of a master started as root would run as nobody, who cannot write the store.
    ...(process.getuid?.() === 0 ? ['user root;'] : []),
    'daemon off;',
    'master_process on;',
    'worker_processes 1;',
    `pid ${join(workDir, 'nginx.pid')};`,
    `error_log ${join(workDir, 'error.log')} warn;`,
    'events { worker_connections 1024; }',
    'http {',
    '  access_log off;',
    '  sendfile on;',
    // Node's servers keep a connection for any number of requests; nginx closes it after 1,000 by default.
    '  keepalive_requests 1000000;',
    '  default_type application/octet-stream;',
    // Uploads are spooled next to the store, so publishing one is a rename on the same file system.
    `  client_body_temp_path ${join(storageDir, '.nginx-body')};`,
    ...nginx.tempPathModules.map(temp),
    '  server {',
    `    listen 127.0.0.1:${port};`,
    `    root ${storageDir};`,
    '    location = /healthz { return 200 "ok\\n"; }',
    '    location /v8/artifacts/ {',
    `      if ($http_authorization != "Bearer ${token}") { return 401; }`,
    '      dav_methods PUT;',
    '      create_full_put_path on;',
    `      client_max_body_size ${MAX_BODY};`,
    '    }',
    '  }',
    '}',
    '',
  ].join('\n');
}

/**
 * Starts nginx on a free port serving `storageDir` (artifacts are files at
 * <storageDir>/v8/artifacts/<hash>); `workDir` holds its config, temp folders, pid and log.
 */
export async function startNginx(options: {
  nginx: Nginx;
  workDir: string;
  storageDir: string;
  token: string;
}): Promise<ServerProcess> {
  const port = await freePort();
  mkdirSync(join(options.workDir, 'temp'), { recursive: true });
  mkdirSync(options.storageDir, { recursive: true });
  const configFile = join(options.workDir, 'nginx.conf');
  const errorLog = join(options.workDir, 'error.log');
  writeFileSync(configFile, config({ ...options, port }));
  writeFileSync(errorLog, '');
  // -e: the log nginx writes before it has read the config (its built-in path needs root).
  const child = spawn(options.nginx.binary, ['-p', options.workDir, '-c', configFile, '-e', errorLog], {
    cwd: options.workDir,
    env: { PATH: process.env.PATH },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const server = new ServerProcess(
    'nginx',
    SERVER_LABELS.nginx,
    `http://127.0.0.1:${port}`,
    options.storageDir,
    child,
    errorLog,
  );
  await readyOrStopped(server, '/healthz');
  return server;
}
