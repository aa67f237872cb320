/**
 * One measured run (a scenario against one fresh server process), and the preparation of the
 * servers' stores: the artifacts GETs fetch, and the fill that makes PUTs measure a cache in use.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { UPLOAD_HASH_START, type LoadGenerator, type LoadJob, type LoadMeasurement } from './load';
import { machineBusySeconds, PeakRssSampler, totalCpuSeconds, totalResidentBytes } from './process-stats';
import { downloads, MIXED_PUT_EVERY, uploads, type Scenario } from './scenarios';
import { type ServerId, type ServerProcess } from './servers';

export const TEAM = 'bench';
/** Seconds of the same load, on the same server process, before the measured window. */
export const WARMUP_SECONDS = 1;
/** A generator process using this much of one core is probably the bottleneck, not the server. */
export const GENERATOR_BOUND_PERCENT = 90;

export interface Context {
  token: string;
  durationSeconds: number;
  /** Hash of the pre-uploaded artifact per size, the same on every server. */
  getArtifacts: Map<number, string>;
  /** A file of random bytes per upload size: what each PUT sends. */
  bodyFiles: Map<number, string>;
}

export interface RunRecord {
  scenarioId: string;
  server: ServerId;
  serverLabel: string;
  /** 1-based. */
  repetition: number;
  /** Where this server came in its scenario's order in this repetition (1 = first). */
  order: number;
  generator: string;
  /** Absent when the run failed; failure says why. */
  measurement?: LoadMeasurement;
  failure?: string;
  /** RSS of the fresh server process just before the load started. */
  idleRssBytes?: number;
  /** Highest RSS through warm-up and measurement. */
  peakRssBytes?: number;
  /** utime + stime of the server's processes over the measured window. */
  serverCpuSeconds?: number;
  serverCpuPercent?: number;
  /** serverCpuSeconds / completed requests, in microseconds. */
  cpuMicrosPerRequest?: number;
  generatorCpuPercent?: number;
  /** Machine CPU busy minus server and generator (100% = one core): everything else, this benchmark's parent included. */
  otherCpuPercent?: number;
  /** The generator used >= GENERATOR_BOUND_PERCENT of a core: it, not the server, may have been the limit. */
  bounded: boolean;
}

function artifactUrl(server: ServerProcess, hash: string): string {
  return `${server.origin}/v8/artifacts/${hash}?slug=${TEAM}`;
}

async function put(server: ServerProcess, token: string, hash: string, body: Uint8Array): Promise<void> {
  const response = await fetch(artifactUrl(server, hash), {
    method: 'PUT',
    body,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
  });
  const answer = await response.text();
  // nginx answers 201 (created), the Node servers 200.
  if (!response.ok)
    throw new Error(`${server.label}: PUT ${hash} (${body.length} B) answered ${response.status}: ${answer}`);
}

/**
 * Each server's store gets this many uploads (or BENCH_FILL) before any run, so PUT runs measure a
 * cache in use, the same for every server. On this machine's ext4 the first thousands of files written
 * into a new folder cost ~5x more each (measured: ~600 vs ~110 us per 100 KiB file), so otherwise
 * whichever PUT scenario came first would time the folder's first files.
 */
export const DEFAULT_FILL_ARTIFACTS = 6000;

/** Uploads `count` artifacts of 100 KiB, 8 at a time; returns the milliseconds it took. */
export async function fillStore(server: ServerProcess, token: string, runId: string, count: number): Promise<number> {
  const started = Date.now();
  const body = randomBytes(100 * 1024);
  let next = 0;
  const uploader = async () => {
    while (next < count) await put(server, token, `fill${runId}x${(next++).toString(16)}`, body);
  };
  await Promise.all(Array.from({ length: 8 }, uploader));
  return Date.now() - started;
}

/** Uploads the artifacts GETs will fetch, and reads each back once: no GET run can be measuring 404s or truncated bodies. */
export async function preUpload(
  server: ServerProcess,
  context: Context,
  artifacts: ReadonlyMap<number, Buffer>,
): Promise<void> {
  for (const [bytes, body] of artifacts) {
    const hash = context.getArtifacts.get(bytes) ?? '';
    await put(server, context.token, hash, body);
    const get = await fetch(artifactUrl(server, hash), { headers: { authorization: `Bearer ${context.token}` } });
    const received = Buffer.from(await get.arrayBuffer());
    if (get.status !== 200 || !received.equals(body)) {
      throw new Error(
        `${server.label}: pre-uploaded ${bytes} B artifact read back as ${get.status}, ${received.length} B, different content`,
      );
    }
  }
}

/**
 * Removes what PUT runs uploaded (files named put…) from a stopped server's store, then flushes
 * the disk: every run starts on the same store (pre-uploads and fill), with no write-back of an
 * earlier run's gigabytes competing with it, and tmpfs (memory) does not fill up.
 */
export function removeUploads(storageDir: string, flushDisk: boolean): number {
  let removed = 0;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.startsWith(UPLOAD_HASH_START)) {
        unlinkSync(path);
        removed += 1;
      }
    }
  };
  walk(storageDir);
  if (flushDisk) spawnSync('sync', { stdio: 'ignore' });
  return removed;
}

export function jobFor(server: ServerProcess, scenario: Scenario, context: Context): LoadJob {
  return {
    origin: server.origin,
    kind: scenario.kind,
    team: TEAM,
    token: context.token,
    connections: scenario.connections,
    seconds: context.durationSeconds,
    getHash: downloads(scenario) ? context.getArtifacts.get(scenario.artifactBytes) : undefined,
    bodyFile: uploads(scenario) ? context.bodyFiles.get(scenario.artifactBytes) : undefined,
    putEvery: scenario.kind === 'mixed' ? MIXED_PUT_EVERY : undefined,
  };
}

interface Reading {
  at: bigint;
  server?: number;
  machine?: number;
}

function read(server: ServerProcess): Reading {
  return { at: process.hrtime.bigint(), server: totalCpuSeconds(server.pids), machine: machineBusySeconds() };
}

/** Warm-up, then the measured window, of one scenario on one (fresh) server process. */
export async function measureRun(
  server: ServerProcess,
  scenario: Scenario,
  generator: LoadGenerator,
  context: Context,
  position: { repetition: number; order: number },
): Promise<RunRecord> {
  const record: RunRecord = {
    scenarioId: scenario.id,
    server: server.id,
    serverLabel: server.label,
    ...position,
    generator: generator.name,
    bounded: false,
  };
  record.idleRssBytes = totalResidentBytes(server.pids);
  // Peak RSS covers warm-up and measurement: memory used under load counts whenever it peaks.
  const rss = new PeakRssSampler(server.pids);
  let start: Reading | undefined;
  try {
    const measurement = await generator.run(jobFor(server, scenario, context), WARMUP_SECONDS, () => {
      start = read(server);
    });
    const end = read(server);
    record.measurement = measurement;
    // At 64 connections x 10 MiB the first responses take over a second: a short window can end before any.
    if (measurement.requests === 0)
      record.failure = 'no request completed in the measured window (raise BENCH_DURATION)';
    if (start) {
      const wallSeconds = Number(end.at - start.at) / 1e9;
      const percent = (seconds: number) => (seconds / wallSeconds) * 100;
      if (start.server !== undefined && end.server !== undefined) {
        record.serverCpuSeconds = end.server - start.server;
        record.serverCpuPercent = percent(record.serverCpuSeconds);
        if (measurement.requests > 0)
          record.cpuMicrosPerRequest = (record.serverCpuSeconds * 1e6) / measurement.requests;
      }
      record.generatorCpuPercent = (measurement.generatorCpuSeconds / measurement.generatorWallSeconds) * 100;
      if (start.machine !== undefined && end.machine !== undefined && record.serverCpuPercent !== undefined) {
        const others =
          percent(end.machine - start.machine) - record.serverCpuPercent - (record.generatorCpuPercent || 0);
        record.otherCpuPercent = Math.max(0, others);
      }
      record.bounded = record.generatorCpuPercent >= GENERATOR_BOUND_PERCENT;
    }
  } catch (error) {
    record.failure = error instanceof Error ? error.message : String(error);
  } finally {
    record.peakRssBytes = rss.stop() || undefined;
  }
  if (server.crashed) {
    record.failure = `${server.label} CRASHED during this run (exit code ${server.exit?.code}, signal ${server.exit?.signal})`;
  }
  return record;
}
