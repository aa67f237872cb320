/**
 * The load generator: wrk with one thread (-t1), so on a 2-core machine one core loads and one
 * serves. The requests come from workload.lua; its done() hook prints the summary as JSON. wrk
 * runs under `sh -c '…; times'`, whose `times` reports the CPU its finished child used: exact,
 * where sampling /proc/<pid> would miss the end of the run.
 */
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { newUploadPrefix, type LoadGenerator, type LoadJob, type LoadMeasurement } from './load';
import { ensureDebianCommand } from './system-packages';

const WORKLOAD_SCRIPT = join(__dirname, 'workload.lua');
const RESULT_MARK = 'BENCH_WRK_RESULT ';
/** Per-request timeout: a 10 MiB transfer at 64 connections can legitimately take seconds. */
const REQUEST_TIMEOUT = '30s';

export function ensureWrk(): string {
  return ensureDebianCommand('wrk', 'wrk', 'as its load generator (the bench runs wrk -t1)');
}

/** "wrk debian/4.1.0-3+b2 [epoll]", from the first line of `wrk -v`. */
export function wrkVersion(wrk: string): string {
  const { stdout, stderr } = spawnSync(wrk, ['-v'], { encoding: 'utf-8' });
  return (`${stdout}${stderr}`.split('\n')[0] ?? '').replace(/\s*Copyright.*$/, '').trim();
}

interface WrkResult {
  requests: number;
  durationUs: number;
  bytes: number;
  connectErrors: number;
  readErrors: number;
  writeErrors: number;
  timeouts: number;
  statusErrors: number;
  latencyUs: { p50: number; p99: number; max: number; mean: number };
}

/** The children's user and system time from the second line of `times` ("0m1.230000s 0m0.450000s"). */
function childCpuSeconds(times: string): number | undefined {
  const match = /^(\d+)m([\d.]+)s\s+(\d+)m([\d.]+)s\s*$/m.exec(times.split('\n')[1] ?? '');
  if (!match) return undefined;
  const [, userMinutes, userSeconds, systemMinutes, systemSeconds] = match.map(Number);
  return userMinutes * 60 + userSeconds + systemMinutes * 60 + systemSeconds;
}

/** Process groups of the wrk runs in progress (each runs detached, in a group of its own). */
const running = new Set<number>();

/** Kills the wrk runs in progress (when the bench is interrupted). */
export function killRunningWrk(): void {
  for (const group of running) killGroup(group);
}

function killGroup(group: number): void {
  try {
    process.kill(-group, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** Runs wrk for job.seconds (whole seconds) and returns what it measured; throws if wrk failed. */
export function runWrk(wrk: string, job: LoadJob): Promise<LoadMeasurement> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    BENCH_MODE: job.kind,
    BENCH_TOKEN: job.token,
    BENCH_TEAM: job.team,
    BENCH_GET_HASH: job.getHash ?? '',
    BENCH_BODY_FILE: job.bodyFile ?? '',
    BENCH_PREFIX: newUploadPrefix(),
    BENCH_PUT_EVERY: String(job.putEvery ?? 1),
  };
  const args = [
    '-t1',
    `-c${job.connections}`,
    `-d${job.seconds}s`,
    '--timeout',
    REQUEST_TIMEOUT,
    '-s',
    WORKLOAD_SCRIPT,
    `${job.origin}/`,
  ];
  const started = process.hrtime.bigint();
  // $0 is wrk, "$@" its arguments; `times` goes to fd 3 so wrk's own output stays apart.
  const child = spawn('/bin/sh', ['-c', '"$0" "$@"; status=$?; times >&3; exit $status', wrk, ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    detached: true,
  });
  const output = { stdout: '', stderr: '', times: '' };
  child.stdout?.on('data', (chunk: Buffer) => (output.stdout += chunk.toString('utf-8')));
  child.stderr?.on('data', (chunk: Buffer) => (output.stderr += chunk.toString('utf-8')));
  child.stdio[3]?.on('data', (chunk: Buffer) => (output.times += chunk.toString('utf-8')));
  const group = child.pid;
  if (group !== undefined) running.add(group);
  const killer = setTimeout(() => group !== undefined && killGroup(group), (job.seconds * 2 + 60) * 1000);

  return new Promise((resolve, reject) => {
    child.once('error', (error) => {
      clearTimeout(killer);
      if (group !== undefined) running.delete(group);
      reject(new Error(`wrk could not be started: ${error.message}`));
    });
    child.once('close', (code, signal) => {
      clearTimeout(killer);
      if (group !== undefined) running.delete(group);
      const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
      const line = output.stdout.split('\n').find((text) => text.startsWith(RESULT_MARK));
      const cpu = childCpuSeconds(output.times);
      if (code !== 0 || !line || cpu === undefined) {
        const how = signal ? `killed by ${signal}` : `exit ${code}`;
        reject(new Error(`wrk ${args.join(' ')} failed (${how}):\n${output.stdout}${output.stderr}`));
        return;
      }
      const result = JSON.parse(line.slice(RESULT_MARK.length)) as WrkResult;
      resolve({
        requests: result.requests,
        succeeded: result.requests - result.statusErrors,
        seconds: result.durationUs / 1e6,
        latencyMs: {
          p50: result.latencyUs.p50 / 1000,
          p99: result.latencyUs.p99 / 1000,
          max: result.latencyUs.max / 1000,
        },
        non2xx: result.statusErrors,
        socketErrors: result.connectErrors + result.readErrors + result.writeErrors,
        timeouts: result.timeouts,
        generatorCpuSeconds: cpu,
        generatorWallSeconds: wallSeconds,
      });
    });
  });
}

/** wrk as the bench's load generator: the warm-up is a wrk run of its own, on the same server process. */
export function wrkGenerator(wrk: string): LoadGenerator {
  return {
    name: 'wrk',
    async run(job, warmupSeconds, measuring) {
      if (warmupSeconds > 0) await runWrk(wrk, { ...job, seconds: warmupSeconds });
      measuring();
      return runWrk(wrk, job);
    },
  };
}
