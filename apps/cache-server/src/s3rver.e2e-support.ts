import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

export interface S3rverThread {
  endpoint: string;
  close(): Promise<void>;
}

/**
 * s3rver, started as in libs/cache/cache-storage/src/s3-backend.spec.ts, but on
 * a worker thread: ScratchWorkspace runs nx with spawnSync, which blocks this
 * thread's event loop for the whole run. An s3rver on it could not answer the
 * cache server, whose S3 call would then never return, and Nx, which has no
 * timeout, would wait forever.
 */
export async function startS3rverThread(directory: string, bucket: string): Promise<S3rverThread> {
  const s3rverPath = createRequire(import.meta.url).resolve('s3rver');
  const worker = new Worker(
    `
    const { parentPort, workerData } = require('node:worker_threads');
    const S3rver = require(workerData.s3rverPath);
    const server = new S3rver({
      port: 0,
      address: '127.0.0.1',
      directory: workerData.directory,
      silent: true,
      configureBuckets: [{ name: workerData.bucket }],
    });
    server.run().then(
      ({ port }) => parentPort.postMessage({ port }),
      (error) => parentPort.postMessage({ error: String(error) }),
    );
    parentPort.on('message', () => server.close().then(() => parentPort.postMessage({ closed: true })));
    `,
    { eval: true, workerData: { s3rverPath, directory, bucket } },
  );
  const nextMessage = () =>
    new Promise<{ port?: number; error?: string; closed?: boolean }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
  const started = await nextMessage();
  if (!started.port) {
    await worker.terminate();
    throw new Error(`s3rver did not start: ${started.error}`);
  }
  return {
    endpoint: `http://127.0.0.1:${started.port}`,
    async close() {
      const closed = nextMessage();
      worker.postMessage('close');
      await closed;
      await worker.terminate();
    },
  };
}

export interface S3rverProcess {
  endpoint: string;
  /** SIGSTOP: the store hangs, its connections stay open and its port accepts connections, as a stuck server's do. */
  pause(): void;
  /** SIGCONT: it goes on where it stopped. */
  resume(): void;
  close(): Promise<void>;
}

/** s3rver in a process of its own, so a test can stop it (SIGSTOP) without stopping itself. */
export async function startS3rverProcess(directory: string, bucket: string): Promise<S3rverProcess> {
  const s3rverPath = createRequire(import.meta.url).resolve('s3rver');
  const child = spawn(
    process.execPath,
    [
      '-e',
      `
      const S3rver = require(process.argv[1]);
      new S3rver({ port: 0, address: '127.0.0.1', directory: process.argv[2], silent: true, configureBuckets: [{ name: process.argv[3] }] })
        .run()
        .then(({ port }) => console.log('port ' + port), (error) => { console.error(String(error)); process.exit(1); });
      `,
      s3rverPath,
      directory,
      bucket,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const found = /port (\d+)/.exec(output);
      if (found) resolve(Number(found[1]));
    });
    child.once('exit', (code) => reject(new Error(`s3rver exited with ${code} before it listened`)));
  });
  const signal = (name: NodeJS.Signals) => {
    if (child.exitCode === null) child.kill(name);
  };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    pause: () => signal('SIGSTOP'),
    resume: () => signal('SIGCONT'),
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/**
 * paved-cache's environment for S3 storage in `bucket` of this s3rver, under its own key prefix
 * (one bucket holds many stores). The S3 backend spools uploads to the OS temp folder: `spoolDir`
 * is one per store, so a test can watch an upload arrive.
 */
export function s3StorageEnv(
  s3rver: S3rverThread,
  bucket: string,
  prefix: string,
  spoolDir: string,
): Record<string, string> {
  return {
    PAVED_CACHE_STORAGE: 's3',
    PAVED_CACHE_S3_BUCKET: bucket,
    PAVED_CACHE_S3_ENDPOINT: s3rver.endpoint,
    PAVED_CACHE_S3_REGION: 'us-east-1',
    PAVED_CACHE_S3_FORCE_PATH_STYLE: 'true',
    PAVED_CACHE_S3_PREFIX: prefix,
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    AWS_EC2_METADATA_DISABLED: 'true',
    TMPDIR: spoolDir,
  };
}
