/**
 * The cross-check load generator (BENCH_CROSSCHECK=autocannon): autocannon in a child process
 * forked by crosscheck.ts, so it never shares the server's event loop. It gets a WorkerJob over
 * IPC, runs a warm-up, says "measuring", runs the measured window and answers with the
 * measurement. The same requests as workload.lua gives wrk.
 */
import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';
import { newUploadPrefix, type LoadJob, type LoadMeasurement } from './load';

export interface WorkerJob {
  job: LoadJob;
  warmupSeconds: number;
}

/** What autocannon measured; the parent adds the CPU it read from /proc. */
export type WorkerMeasurement = Omit<LoadMeasurement, 'generatorCpuSeconds' | 'generatorWallSeconds'>;

export type WorkerMessage =
  { type: 'measuring' } | { type: 'measured'; measurement: WorkerMeasurement } | { type: 'failed'; message: string };

interface SingleRun {
  result: autocannon.Result;
  successLatenciesMs: number[];
}

function requests(job: LoadJob, body: Buffer | undefined): autocannon.Request[] {
  const artifactPath = (hash: string) => `/v8/artifacts/${hash}?slug=${encodeURIComponent(job.team)}`;
  const authorization = `Bearer ${job.token}`;
  const get: autocannon.Request = { method: 'GET', path: artifactPath(job.getHash ?? ''), headers: { authorization } };
  // A new prefix per autocannon run (warm-up and measurement), a counter per upload.
  const prefix = newUploadPrefix();
  let counter = 0;
  const put: autocannon.Request = {
    method: 'PUT',
    // Turbo sends this, and turborepo-remote-cache answers 415 without it.
    headers: { authorization, 'content-type': 'application/octet-stream' },
    body,
    setupRequest: (request) => ({ ...request, path: artifactPath(`${prefix}${(++counter).toString(16)}`) }),
  };
  if (job.kind === 'get') return [get];
  if (job.kind === 'put') return [put];
  // autocannon sends a connection's requests in this order, over and over: 4 GETs, then a PUT.
  return [...Array.from({ length: (job.putEvery ?? 1) - 1 }, () => get), put];
}

function runOnce(job: LoadJob, seconds: number, body: Buffer | undefined): Promise<SingleRun> {
  const options: autocannon.Options = {
    url: job.origin,
    connections: job.connections,
    duration: seconds,
    pipelining: 1,
    timeout: 30,
    requests: requests(job, body),
    // autocannon appends every response body to a string (utf-8 decoding 10 MiB
    // per GET); nothing here reads bodies, so skip that work in the generator.
    setupClient: (client) => {
      client.pipelinedRequests.addBody = () => undefined;
    },
  };
  return new Promise((resolve, reject) => {
    const successLatenciesMs: number[] = [];
    const tracker = autocannon(options, (error, result) =>
      error ? reject(error) : resolve({ result, successLatenciesMs }),
    );
    tracker.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTimeMs: number) => {
      if (statusCode >= 200 && statusCode < 300) successLatenciesMs.push(responseTimeMs);
    });
  });
}

function percentile(sorted: Float64Array, fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
}

async function measure({ job, warmupSeconds }: WorkerJob): Promise<WorkerMeasurement> {
  const body = job.bodyFile ? readFileSync(job.bodyFile) : undefined;
  if (warmupSeconds > 0) await runOnce(job, warmupSeconds, body);
  send({ type: 'measuring' });
  const { result, successLatenciesMs } = await runOnce(job, job.seconds, body);
  const sorted = Float64Array.from(successLatenciesMs).sort();
  return {
    requests: result.requests.total,
    succeeded: result['2xx'],
    seconds: result.duration,
    latencyMs: { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), max: percentile(sorted, 1) },
    non2xx: result.non2xx,
    // autocannon counts a timeout among its errors as well.
    socketErrors: Math.max(0, result.errors - result.timeouts),
    timeouts: result.timeouts,
  };
}

function send(message: WorkerMessage): void {
  process.send?.(message);
}

process.once('message', (workerJob: WorkerJob) => {
  measure(workerJob).then(
    (measurement) => {
      send({ type: 'measured', measurement });
      process.disconnect?.();
    },
    (error: unknown) => {
      send({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      process.disconnect?.();
      process.exitCode = 1;
    },
  );
});
