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
