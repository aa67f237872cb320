/** What a load generator (wrk, or autocannon for the cross-check) is asked to do, and what it answers. */
import { randomBytes } from 'node:crypto';
import { type ScenarioKind } from './scenarios';

export interface LoadJob {
  /** Origin of the server under test, e.g. http://127.0.0.1:41001. */
  origin: string;
  kind: ScenarioKind;
  team: string;
  token: string;
  connections: number;
  seconds: number;
  /** get, mixed: the pre-uploaded artifact every GET fetches. */
  getHash?: string;
  /** put, mixed: a file holding the body every PUT sends. */
  bodyFile?: string;
  /** mixed: one request in this many is a PUT. */
  putEvery?: number;
}

export interface LoadMeasurement {
  /** Responses completed in the measured window, any status. */
  requests: number;
  /** 2xx responses. */
  succeeded: number;
  /** Wall time of the measured window as the generator reports it. */
  seconds: number;
  /** Latency percentiles in ms (wrk: over all responses; autocannon: over 2xx ones). */
  latencyMs: { p50: number; p99: number; max: number };
  /** HTTP error answers (wrk counts statuses >= 400; no server here sends 1xx or 3xx). */
  non2xx: number;
  /** Connect, read and write errors. */
  socketErrors: number;
  timeouts: number;
  /** CPU seconds (user + system) the generator process used, all its threads. */
  generatorCpuSeconds: number;
  /** The generator's wall seconds from start to exit, warm-up excluded (the base of its CPU %). */
  generatorWallSeconds: number;
}

/**
 * Prefix of the hashes one generator process uploads to: all start with `put`, which is how the
 * bench finds and removes them after a run (pre-uploads start with `get`, the fill with `fill`).
 * Turbo hashes match /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/.
 */
export const UPLOAD_HASH_START = 'put';

export function newUploadPrefix(): string {
  return `${UPLOAD_HASH_START}${randomBytes(6).toString('hex')}-`;
}

export function errorCount(measurement: LoadMeasurement): number {
  return measurement.non2xx + measurement.socketErrors + measurement.timeouts;
}

export interface LoadGenerator {
  /** "wrk" or "autocannon", as reports name it. */
  name: string;
  /** Runs a warm-up of warmupSeconds, calls measuring() just before the measured window, then measures. */
  run(job: LoadJob, warmupSeconds: number, measuring: () => void): Promise<LoadMeasurement>;
}
