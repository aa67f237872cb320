/**
 * The load generator: one child process per measured run, forked by run.ts so
 * that autocannon never shares a CPU with the server's event loop. It gets a
 * LoadJob over IPC, runs a warm-up and then the measured run, and answers with
 * the measurement. The same code drives both servers.
 */
import autocannon from 'autocannon';
import { randomBytes } from 'node:crypto';

export interface LoadJob {
  /** Origin of the server under test, e.g. http://127.0.0.1:41001. */
  origin: string;
  method: 'GET' | 'PUT';
  /** GET: the artifact to fetch over and over (pre-uploaded by run.ts). */
  artifactHash?: string;
  /** PUT: size of each upload; every upload goes to a new hash. */
  uploadBytes?: number;
  team: string;
  token: string;
  connections: number;
  warmupSeconds: number;
  durationSeconds: number;
}

export interface LoadMeasurement {
  /** Responses completed in the measured window, any status. */
  completed: number;
  succeeded: number;
  /** Wall time of the measured window as autocannon reports it. */
  seconds: number;
  /** Percentiles over successful responses, in ms, from autocannon's sub-ms timings. */
  latencyMs: { p50: number; p99: number; max: number };
  non2xx: number;
  connectionErrors: number;
  timeouts: number;
  statusCounts: Record<string, number>;
  /** Upload hashes generated (PUT only, warm-up included); checked to be all distinct. */
  uniqueUploadHashes: number;
}

export type WorkerMessage =
  { type: 'measuring' } | { type: 'measured'; measurement: LoadMeasurement } | { type: 'failed'; message: string };

/** Turbo artifact hashes the servers accept: /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/. */
function uploadHashes(): () => string {
  // A random prefix per process keeps runs (and warm-ups) from ever reusing a hash.
  const prefix = `put${randomBytes(6).toString('hex')}`;
  let counter = 0;
  return () => `${prefix}-${(counter++).toString(16)}`;
}

interface SingleRun {
  result: autocannon.Result;
  successLatenciesMs: number[];
}

function runOnce(job: LoadJob, seconds: number, nextUploadHash: () => string, uploadBody?: Buffer): Promise<SingleRun> {
  const artifactPath = (hash: string) => `/v8/artifacts/${hash}?slug=${encodeURIComponent(job.team)}`;
  const headers: Record<string, string> = { authorization: `Bearer ${job.token}` };
  const options: autocannon.Options = {
    url: job.origin,
    connections: job.connections,
    duration: seconds,
    pipelining: 1,
    timeout: 30,
    // autocannon appends every response body to a string (utf-8 decoding 10 MiB
    // per GET); nothing here reads bodies, so skip that work in the generator.
    setupClient: (client) => {
      client.pipelinedRequests.addBody = () => undefined;
    },
  };
  if (job.method === 'GET') {
    if (!job.artifactHash) throw new Error('GET job without artifactHash');
    options.method = 'GET';
    options.headers = headers;
    options.requests = [{ method: 'GET', path: artifactPath(job.artifactHash) }];
  } else {
    if (!uploadBody) throw new Error('PUT job without a body');
    options.method = 'PUT';
    // Turbo sends this, and turborepo-remote-cache answers 415 without it.
    options.headers = { ...headers, 'content-type': 'application/octet-stream' };
    options.body = uploadBody;
    options.requests = [
      { method: 'PUT', setupRequest: (request) => ({ ...request, path: artifactPath(nextUploadHash()) }) },
    ];
  }

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

function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
}

async function measure(job: LoadJob): Promise<LoadMeasurement> {
  const uploadBody = job.method === 'PUT' ? randomBytes(job.uploadBytes ?? 0) : undefined;
  let uploadPathsIssued = 0;
  const hashes = uploadHashes();
  const seen = new Set<string>();
  const nextUploadHash = () => {
    const hash = hashes();
    uploadPathsIssued += 1;
    seen.add(hash);
    return hash;
  };

  if (job.warmupSeconds > 0) await runOnce(job, job.warmupSeconds, nextUploadHash, uploadBody);
  send({ type: 'measuring' });
  const { result, successLatenciesMs } = await runOnce(job, job.durationSeconds, nextUploadHash, uploadBody);

  const sorted = Float64Array.from(successLatenciesMs).sort();
  const latencies = Array.from(sorted);
  const statusCounts: Record<string, number> = {};
  for (const [status, { count }] of Object.entries(result.statusCodeStats)) statusCounts[status] = count;
  if (seen.size !== uploadPathsIssued)
    throw new Error(`upload hashes repeated: ${uploadPathsIssued} issued, ${seen.size} distinct`);
  return {
    completed: result.requests.total,
    succeeded: result['2xx'],
    seconds: result.duration,
    latencyMs: { p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), max: percentile(latencies, 1) },
    non2xx: result.non2xx,
    connectionErrors: result.errors,
    timeouts: result.timeouts,
    statusCounts,
    uniqueUploadHashes: seen.size,
  };
}

function send(message: WorkerMessage): void {
  process.send?.(message);
}

process.once('message', (job: LoadJob) => {
  measure(job).then(
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
