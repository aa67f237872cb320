/**
 * Cache server benchmark: paved-cache against turborepo-remote-cache (TRRC),
 * the same Turborepo API requests to both, in one run on this machine.
 *
 *   pnpm bench:cache                      5 s per scenario and server, 1 s warm-up
 *   BENCH_DURATION=10 pnpm bench:cache    longer runs
 *   BENCH_ONLY=get-100k-16,put-100k-1 pnpm bench:cache    a subset (scenario ids below)
 *   BENCH_SERVERS=paved pnpm bench:cache    one server only (paved or trrc): quick checks while tuning; no ratios
 *
 * Each run (scenario x server) gets a freshly started server process and its own
 * autocannon child process. Prints req/s, p50/p99 latency, peak RSS, errors and
 * CPU use per run, our ratios and the three targets; writes everything as JSON
 * (and the tables as Markdown) to bench/cache-server/.baseline/results/.
 * Exit code 0 unless a server or the load generator crashed: missed targets are results.
 */
import { execFileSync, fork } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, release, tmpdir, totalmem } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { type LoadJob, type LoadMeasurement, type WorkerMessage } from './load-worker';
import { cpuSeconds, machineBusySeconds, PeakRssSampler, residentBytes } from './process-stats';
import {
  BASELINE_PACKAGE,
  BASELINE_VERSION,
  buildOurServer,
  SERVER_LABELS,
  ensureBaselineInstalled,
  startBaselineServer,
  startOurServer,
  type ServerId,
  type ServerProcess,
} from './servers';

const KiB = 1024;
const MiB = 1024 * KiB;
/** Memory targets are in decimal megabytes: 100 MB = 100,000,000 bytes (stricter than MiB). */
const MB = 1_000_000;
const WARMUP_SECONDS = 1;
const TEAM = 'bench';
const serverIds: ServerId[] = (() => {
  const wanted = process.env.BENCH_SERVERS?.split(',').map((id) => id.trim());
  if (!wanted) return ['paved', 'trrc'];
  const known: ServerId[] = ['paved', 'trrc'];
  const unknown = wanted.filter((id) => !known.includes(id as ServerId));
  if (unknown.length > 0) throw new Error(`BENCH_SERVERS: unknown server(s) ${unknown.join(', ')}; known: paved, trrc`);
  return wanted as ServerId[];
})();
/** A generator process using this much of one core is probably the bottleneck, not the server. */
const GENERATOR_SATURATION_PERCENT = 90;
/** With 2 cores, anything else using a quarter of one during a run is worth flagging. */
const CONTENDED_PERCENT = 25;

interface Scenario {
  id: string;
  method: 'GET' | 'PUT';
  artifactBytes: number;
  connections: number;
}

function scenario(method: Scenario['method'], artifactBytes: number, connections: number): Scenario {
  return { id: scenarioId({ method, artifactBytes, connections }), method, artifactBytes, connections };
}

const scenarios: Scenario[] = [
  ...[1 * KiB, 100 * KiB, 10 * MiB].flatMap((bytes) =>
    [1, 16, 64].map((connections) => scenario('GET', bytes, connections)),
  ),
  scenario('PUT', 100 * KiB, 1),
  scenario('PUT', 100 * KiB, 16),
  scenario('PUT', 10 * MiB, 16),
];

function scenarioId({ method, artifactBytes, connections }: Omit<Scenario, 'id'>): string {
  const size = artifactBytes >= MiB ? `${artifactBytes / MiB}m` : `${artifactBytes / KiB}k`;
  return `${method.toLowerCase()}-${size}-${connections}`;
}

function describe(scenario: Scenario): string {
  const size =
    scenario.artifactBytes >= MiB ? `${scenario.artifactBytes / MiB} MiB` : `${scenario.artifactBytes / KiB} KiB`;
  return `${scenario.method} ${size} x${scenario.connections}`;
}

interface Target {
  label: string;
  evaluate(runs: RunRecord[]): { verdict: 'PASS' | 'MISS' | 'n/a'; detail: string };
}

const targets: Target[] = [
  {
    label: '(a) GET 100 KiB at 16 connections >= 2.0x TRRC req/s',
    evaluate: (runs) => ratioTarget(runs, 'get-100k-16', 2),
  },
  {
    label: '(b) PUT 100 KiB at 1 connection >= 2.0x TRRC req/s',
    evaluate: (runs) => ratioTarget(runs, 'put-100k-1', 2),
  },
  {
    label: '(c) our peak RSS < 100 MB with 10 MiB artifacts at 16-64 connections',
    evaluate: (runs) => rssTarget(runs, ['get-10m-16', 'get-10m-64', 'put-10m-16'], 100 * MB),
  },
];

interface RunRecord {
  scenario: Scenario;
  server: ServerId;
  serverLabel: string;
  /** Absent when the run failed; failure says why. */
  measurement?: LoadMeasurement;
  failure?: string;
  /** RSS of the fresh server process just before the load started. */
  idleRssBytes?: number;
  peakRssBytes?: number;
  serverCpuPercent?: number;
  generatorCpuPercent?: number;
  /** Machine CPU busy minus server and generator (100% = one core): everything else, this benchmark's parent included. */
  otherCpuPercent?: number;
}

function errorCount(measurement: LoadMeasurement): number {
  return measurement.non2xx + measurement.connectionErrors + measurement.timeouts;
}

function successesPerSecond(run: RunRecord): number | undefined {
  return run.measurement ? run.measurement.succeeded / run.measurement.seconds : undefined;
}

function find(runs: RunRecord[], scenarioIdWanted: string, server: ServerId): RunRecord | undefined {
  return runs.find((run) => run.scenario.id === scenarioIdWanted && run.server === server);
}

function ratioOf(runs: RunRecord[], scenarioIdWanted: string): number | undefined {
  const ours = find(runs, scenarioIdWanted, 'paved');
  const theirs = find(runs, scenarioIdWanted, 'trrc');
  const oursRate = ours && successesPerSecond(ours);
  const theirRate = theirs && successesPerSecond(theirs);
  return oursRate !== undefined && theirRate ? oursRate / theirRate : undefined;
}

function ratioTarget(runs: RunRecord[], scenarioIdWanted: string, minimum: number): ReturnType<Target['evaluate']> {
  const ours = find(runs, scenarioIdWanted, 'paved');
  const theirs = find(runs, scenarioIdWanted, 'trrc');
  const ratio = ratioOf(runs, scenarioIdWanted);
  if (!ours || !theirs) return { verdict: 'n/a', detail: `${scenarioIdWanted} was not run` };
  if (ratio === undefined)
    return { verdict: 'MISS', detail: `no measurement (${ours.failure ?? theirs.failure ?? 'failed'})` };
  const numbers = `${formatRate(successesPerSecond(ours))} vs ${formatRate(successesPerSecond(theirs))} req/s = ${ratio.toFixed(2)}x`;
  const ourErrors = ours.measurement ? errorCount(ours.measurement) : 0;
  if (ourErrors > 0) return { verdict: 'MISS', detail: `${numbers}, but ${ourErrors} errors on our side` };
  return { verdict: ratio >= minimum ? 'PASS' : 'MISS', detail: numbers };
}

function rssTarget(runs: RunRecord[], scenarioIds: string[], limitBytes: number): ReturnType<Target['evaluate']> {
  const peaks = scenarioIds.flatMap((id) => {
    const peakRssBytes = find(runs, id, 'paved')?.peakRssBytes;
    return peakRssBytes === undefined ? [] : [{ id, peakRssBytes }];
  });
  if (peaks.length === 0) return { verdict: 'n/a', detail: 'no 10 MiB scenario was run' };
  const highest = Math.max(...peaks.map(({ peakRssBytes }) => peakRssBytes));
  const each = peaks.map(({ id, peakRssBytes }) => `${id} ${formatMb(peakRssBytes)}`).join(', ');
  const missing = scenarioIds.length - peaks.length;
  return {
    verdict: highest < limitBytes ? 'PASS' : 'MISS',
    detail: `max ${formatMb(highest)} MB (${each} MB)${missing > 0 ? `; ${missing} scenario(s) not measured` : ''}`,
  };
}

// ---------------------------------------------------------------- measuring

interface Context {
  token: string;
  durationSeconds: number;
  workerScript: string;
  workspaceRoot: string;
  /** Hash of the pre-uploaded artifact per size, identical on both servers. */
  getArtifacts: Map<number, string>;
}

/**
 * Each server's artifact folder gets FILL_ARTIFACTS uploads before any run, so
 * PUT runs measure a cache in use, the same for both servers. On this
 * machine's ext4 the first thousands of files written into a new folder cost
 * ~5x more each (measured: ~600 vs ~110 us per 100 KiB file), so otherwise
 * whichever PUT scenario came first would time the folder's first files.
 */
const FILL_ARTIFACTS = 6000;

async function fillArtifactFolder(server: ServerProcess, context: Context, runId: string): Promise<number> {
  const started = Date.now();
  const body = randomBytes(100 * 1024);
  let next = 0;
  const uploader = async () => {
    while (next < FILL_ARTIFACTS) {
      const url = `${server.origin}/v8/artifacts/fill${runId}x${(next++).toString(16)}?slug=${TEAM}`;
      const put = await fetch(url, {
        method: 'PUT',
        body,
        headers: { authorization: `Bearer ${context.token}`, 'content-type': 'application/octet-stream' },
      });
      await put.arrayBuffer();
      if (put.status !== 200)
        throw new Error(`${server.label}: filling its artifact folder, PUT answered ${put.status}`);
    }
  };
  await Promise.all(Array.from({ length: 8 }, uploader));
  return Date.now() - started;
}

async function preUpload(
  server: ServerProcess,
  context: Context,
  artifacts: Map<number, Buffer<ArrayBuffer>>,
): Promise<void> {
  for (const [bytes, body] of artifacts) {
    const url = `${server.origin}/v8/artifacts/${context.getArtifacts.get(bytes)}?slug=${TEAM}`;
    const headers = { authorization: `Bearer ${context.token}` };
    const put = await fetch(url, {
      method: 'PUT',
      body,
      headers: { ...headers, 'content-type': 'application/octet-stream' },
    });
    const putAnswer = await put.text();
    if (put.status !== 200)
      throw new Error(`${server.label}: pre-upload PUT ${bytes} B answered ${put.status}: ${putAnswer}`);
    // Read it back once, so a GET scenario can never be measuring 404s or truncated bodies.
    const get = await fetch(url, { headers });
    const received = Buffer.from(await get.arrayBuffer());
    if (get.status !== 200 || !received.equals(body)) {
      throw new Error(
        `${server.label}: pre-uploaded ${bytes} B artifact read back as ${get.status}, ${received.length} B, different content`,
      );
    }
  }
}

async function measureRun(server: ServerProcess, scenario: Scenario, context: Context): Promise<RunRecord> {
  const record: RunRecord = { scenario, server: server.id, serverLabel: server.label };
  const job: LoadJob = {
    origin: server.origin,
    method: scenario.method,
    team: TEAM,
    token: context.token,
    connections: scenario.connections,
    warmupSeconds: WARMUP_SECONDS,
    durationSeconds: context.durationSeconds,
    ...(scenario.method === 'GET'
      ? { artifactHash: context.getArtifacts.get(scenario.artifactBytes) }
      : { uploadBytes: scenario.artifactBytes }),
  };
  const worker = fork(context.workerScript, [], {
    cwd: context.workspaceRoot,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  record.idleRssBytes = residentBytes(server.pid);
  // Peak RSS covers warm-up and measurement: memory used under load counts whenever it peaks.
  const rss = new PeakRssSampler(server.pid);
  let windowStart: { at: bigint; server?: number; generator?: number; machine?: number } | undefined;
  const deadlineMs = (WARMUP_SECONDS + context.durationSeconds) * 2000 + 60_000;
  const killer = setTimeout(() => worker.kill('SIGKILL'), deadlineMs);

  try {
    await new Promise<void>((done) => {
      worker.on('message', (message: WorkerMessage) => {
        if (message.type === 'measuring') {
          windowStart = {
            at: process.hrtime.bigint(),
            server: cpuSeconds(server.pid),
            generator: cpuSeconds(worker.pid ?? -1),
            machine: machineBusySeconds(),
          };
        } else if (message.type === 'measured') {
          if (windowStart) {
            const wallSeconds = Number(process.hrtime.bigint() - windowStart.at) / 1e9;
            const percent = (start: number | undefined, end: number | undefined) =>
              start === undefined || end === undefined ? undefined : ((end - start) / wallSeconds) * 100;
            record.serverCpuPercent = percent(windowStart.server, cpuSeconds(server.pid));
            record.generatorCpuPercent = percent(windowStart.generator, cpuSeconds(worker.pid ?? -1));
            const machinePercent = percent(windowStart.machine, machineBusySeconds());
            if (machinePercent !== undefined && record.serverCpuPercent !== undefined) {
              const others = machinePercent - record.serverCpuPercent - (record.generatorCpuPercent ?? 0);
              record.otherCpuPercent = Math.max(0, others);
            }
          }
          record.measurement = message.measurement;
        } else {
          record.failure = `load generator failed: ${message.message}`;
        }
      });
      worker.once('exit', (code, signal) => {
        if (!record.measurement && !record.failure)
          record.failure = `load generator exited (code ${code}, signal ${signal}) without a result`;
        done();
      });
      worker.send(job);
    });
  } finally {
    clearTimeout(killer);
    record.peakRssBytes = rss.stop() || undefined;
  }
  if (server.crashed) {
    record.failure = `${server.label} CRASHED during this run (exit code ${server.exit?.code}, signal ${server.exit?.signal})`;
  }
  return record;
}

// ---------------------------------------------------------------- reporting

function formatRate(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '-';
  return value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(1);
}

function formatMs(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '-';
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

function formatMb(bytes: number | undefined): string {
  return bytes === undefined ? '-' : (bytes / MB).toFixed(1);
}

function formatPercent(value: number | undefined): string {
  return value === undefined ? '-' : `${value.toFixed(0)}%`;
}

function describeErrors(run: RunRecord): string {
  if (!run.measurement) return 'FAILED';
  const count = errorCount(run.measurement);
  if (count === 0) return '0';
  const statuses = Object.entries(run.measurement.statusCounts)
    .filter(([status]) => !status.startsWith('2'))
    .map(([status, n]) => `${status}:${n}`);
  if (run.measurement.connectionErrors > 0) statuses.push(`conn:${run.measurement.connectionErrors}`);
  if (run.measurement.timeouts > 0) statuses.push(`timeout:${run.measurement.timeouts}`);
  return `${count} (${statuses.join(' ')}) !!`;
}

const columns = [
  'scenario',
  'server',
  'req/s',
  'MiB/s',
  'p50 ms',
  'p99 ms',
  'idle RSS MB',
  'peak RSS MB',
  'errors',
  'server CPU',
  'loadgen CPU',
  'other CPU',
];

function rowOf(run: RunRecord): string[] {
  const perSecond = successesPerSecond(run);
  return [
    describe(run.scenario),
    run.serverLabel,
    formatRate(perSecond),
    perSecond === undefined ? '-' : ((perSecond * run.scenario.artifactBytes) / MiB).toFixed(1),
    formatMs(run.measurement?.latencyMs.p50),
    formatMs(run.measurement?.latencyMs.p99),
    formatMb(run.idleRssBytes),
    formatMb(run.peakRssBytes),
    describeErrors(run),
    formatPercent(run.serverCpuPercent),
    formatPercent(run.generatorCpuPercent),
    formatPercent(run.otherCpuPercent),
  ];
}

/** Plain-text table; numbers right-aligned, a rule between scenarios. */
function textTable(header: string[], groups: string[][][]): string {
  const rows = groups.flat();
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i].length)));
  const numeric = header.map((_, i) => rows.every((row) => /^[-\d.,%x]+$/.test(row[i])));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (numeric[i] ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [
    line(header),
    rule,
    ...groups
      .map((group) => group.map(line).join('\n'))
      .join(`\n${rule}\n`)
      .split('\n'),
  ].join('\n');
}

function markdownTable(header: string[], rows: string[][]): string {
  const escape = (cell: string) => cell.replace(/\|/g, '\\|');
  return [
    `| ${header.map(escape).join(' | ')} |`,
    `| ${header.map((_, i) => (i < 2 ? '---' : '---:')).join(' | ')} |`,
    ...rows.map((row) => `| ${row.map(escape).join(' | ')} |`),
  ].join('\n');
}

function summaryRows(runs: RunRecord[], scenarioList: Scenario[]): string[][] {
  return scenarioList.map((scenario) => {
    const ours = find(runs, scenario.id, 'paved');
    const theirs = find(runs, scenario.id, 'trrc');
    const ratio = ratioOf(runs, scenario.id);
    return [
      describe(scenario),
      ratio === undefined ? '-' : `${ratio.toFixed(2)}x`,
      `${formatMs(ours?.measurement?.latencyMs.p99)} / ${formatMs(theirs?.measurement?.latencyMs.p99)}`,
      `${formatMb(ours?.peakRssBytes)} / ${formatMb(theirs?.peakRssBytes)}`,
    ];
  });
}

const pinoLevels: Record<number, string> = { 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };

/** Adds a server's log lines to tally as "level message: error", so a thousand identical lines read as one. */
function tallyLog(tally: Map<string, number>, output: string): void {
  for (const line of output.split('\n')) {
    if (!line.trim()) continue;
    let key = line.slice(0, 200);
    try {
      const entry = JSON.parse(line) as { level?: number; msg?: string; message?: string; err?: unknown };
      const err = entry.err as { message?: string; code?: string } | string | undefined;
      const detail = typeof err === 'string' ? err : err ? `${err.code ?? ''} ${err.message ?? ''}`.trim() : '';
      // Byte counts vary per aborted upload; without them identical events group together.
      key = `${pinoLevels[entry.level ?? 0] ?? entry.level} "${entry.msg ?? entry.message}"${detail ? `: ${detail.replace(/\d+ of \d+ bytes/, 'N of M bytes')}` : ''}`;
    } catch {
      // Not a log record (a stack trace, a warning from Node): counted verbatim.
    }
    tally.set(key, (tally.get(key) ?? 0) + 1);
  }
}

const summaryColumns = ['scenario', 'ours/TRRC req/s', 'p99 ms ours / TRRC', 'peak RSS MB ours / TRRC'];

// ---------------------------------------------------------------- main

/** Which commit our bundle was built from, and whether the server's sources had uncommitted changes. */
function sourceRevision(workspaceRoot: string): { commit?: string; uncommittedServerChanges?: boolean } {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: workspaceRoot, encoding: 'utf-8' }).trim();
    const commit = git('rev-parse', '--short', 'HEAD');
    const uncommitted = git('status', '--porcelain', '--', 'libs/cache', 'apps/cache-server') !== '';
    return { commit, uncommittedServerChanges: uncommitted };
  } catch {
    return {};
  }
}

interface Settings {
  durationSeconds: number;
  selected: Scenario[];
}

function readSettings(): Settings {
  const durationSeconds = Number(process.env.BENCH_DURATION ?? 5);
  if (!Number.isFinite(durationSeconds) || durationSeconds <= 0) {
    throw new Error(`BENCH_DURATION must be a positive number of seconds, got "${process.env.BENCH_DURATION}"`);
  }
  const only = process.env.BENCH_ONLY?.split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  const selected = only ? scenarios.filter((scenario) => only.includes(scenario.id)) : scenarios;
  if (selected.length === 0) {
    throw new Error(`BENCH_ONLY matched no scenario; ids: ${scenarios.map((s) => s.id).join(', ')}`);
  }
  return { durationSeconds, selected };
}

function printProgress(run: RunRecord, done: number, total: number): void {
  const [scenario, server, rate, , p50, p99, idle, peak, errors, serverCpu, generatorCpu, otherCpu] = rowOf(run);
  console.log(
    `[${String(done).padStart(2)}/${total}] ${scenario.padEnd(16)} ${server.padEnd(11)} ${rate.padStart(8)} req/s  ` +
      `p50 ${p50} ms  p99 ${p99} ms  RSS ${idle} -> ${peak} MB  errors ${errors}  cpu server ${serverCpu} loadgen ${generatorCpu} other ${otherCpu}`,
  );
  if (run.failure) console.error(`    ${run.failure}`);
}

async function main(): Promise<number> {
  const benchDir = __dirname;
  const workspaceRoot = resolve(benchDir, '../..');
  const baselineDir = join(benchDir, '.baseline');
  const resultsDir = join(baselineDir, 'results');
  const { durationSeconds, selected } = readSettings();

  console.log(`cache server benchmark: paved-cache vs ${BASELINE_PACKAGE}@${BASELINE_VERSION}`);
  console.log(
    `${selected.length} scenarios x ${serverIds.length} server(s), ${WARMUP_SECONDS} s warm-up + ${durationSeconds} s each, ` +
      'fresh server processes per scenario, load generator: autocannon in a child process\n',
  );
  console.log('building cache-server (nx, cached when unchanged) ...');
  const builtBundle = buildOurServer(workspaceRoot);
  const revision = sourceRevision(workspaceRoot);
  const baselinePackage = ensureBaselineInstalled(baselineDir);

  const scratch = mkdtempSync(join(tmpdir(), 'paved-bench-'));
  // Servers restart per scenario; a private copy keeps every scenario on the same build even if
  // someone rebuilds or cleans dist/ meanwhile (the bundle is self-contained: third-party code included).
  const bundle = join(scratch, 'paved-cache', 'main.cjs');
  cpSync(builtBundle, dirname(bundle), { recursive: true });
  const token = randomBytes(24).toString('hex');
  const storage: Record<ServerId, string> = { paved: join(scratch, 'paved'), trrc: join(scratch, 'trrc') };
  let running: ServerProcess[] = [];
  const logTally: Record<ServerId, Map<string, number>> = { paved: new Map(), trrc: new Map() };
  const crashes: { scenario: string; server: string; exit: unknown; output: string }[] = [];
  const stopAll = async () => {
    await Promise.all(running.map((server) => server.stop()));
    for (const server of running) tallyLog(logTally[server.id], server.outputTail());
    running = [];
  };
  // Every run gets a new server process on the same storage folder, and only that one runs: no run
  // inherits another's heap, memory tier or garbage, so peak RSS and req/s belong to that run alone,
  // and a crash costs one run.
  const starters: Record<ServerId, () => Promise<ServerProcess>> = {
    paved: () => startOurServer({ bundle, workspaceRoot, storageDir: storage.paved, token }),
    trrc: () => startBaselineServer({ packageDir: baselinePackage, storageDir: storage.trrc, token }),
  };
  const start = async (id: ServerId) => {
    const server = await starters[id]();
    running.push(server);
    return server;
  };
  const cleanUp = async () => {
    await stopAll();
    rmSync(scratch, { recursive: true, force: true });
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: stopping servers, removing ${scratch}`);
      void cleanUp().finally(() => process.exit(130));
    });
  }

  try {
    const runId = randomBytes(4).toString('hex');
    const context: Context = {
      token,
      durationSeconds,
      workerScript: join(benchDir, 'load-worker.ts'),
      workspaceRoot,
      getArtifacts: new Map(),
    };
    const getSizes = [...new Set(selected.filter((s) => s.method === 'GET').map((s) => s.artifactBytes))];
    const artifacts = new Map(getSizes.map((bytes) => [bytes, randomBytes(bytes)]));
    for (const bytes of getSizes) context.getArtifacts.set(bytes, `get${bytes}x${runId}`);
    for (const id of serverIds) {
      const server = await start(id);
      console.log(`${server.label}: idle RSS after start ${formatMb(residentBytes(server.pid))} MB`);
      await preUpload(server, context, artifacts);
      const warm = await fillArtifactFolder(server, context, runId);
      console.log(`${server.label}: artifact folder filled with ${FILL_ARTIFACTS} x 100 KiB in ${warm} ms`);
    }
    await stopAll();

    const runs: RunRecord[] = [];
    const total = selected.length * serverIds.length;
    for (const [index, scenario] of selected.entries()) {
      // Alternate who goes first, so neither server always runs on a machine the other just warmed up.
      for (const id of index % 2 === 0 ? serverIds : [...serverIds].reverse()) {
        let server: ServerProcess;
        try {
          server = await start(id);
        } catch (error) {
          const failure = `${SERVER_LABELS[id]} did not start: ${error instanceof Error ? error.message : String(error)}`;
          runs.push({ scenario, server: id, serverLabel: SERVER_LABELS[id], failure });
          crashes.push({ scenario: scenario.id, server: SERVER_LABELS[id], exit: 'start failed', output: failure });
          console.error(`    ${failure}`);
          continue;
        }
        const run = await measureRun(server, scenario, context);
        runs.push(run);
        printProgress(run, runs.length, total);
        if (server.crashed) {
          crashes.push({ scenario: scenario.id, server: server.label, exit: server.exit, output: server.outputTail() });
          console.error(`    last output of ${server.label}:\n${server.outputTail()}`);
        }
        await stopAll();
      }
    }

    const groups = selected.map((scenario) =>
      runs
        .filter((run) => run.scenario.id === scenario.id)
        .sort((a, b) => a.server.localeCompare(b.server))
        .map(rowOf),
    );
    const verdicts = targets.map((target) => ({ label: target.label, ...target.evaluate(runs) }));
    const withErrors = runs.filter((run) => !run.measurement || errorCount(run.measurement) > 0);
    const generatorBound = runs.filter((run) => (run.generatorCpuPercent ?? 0) >= GENERATOR_SATURATION_PERCENT);
    const serverLogs = Object.fromEntries(
      (Object.keys(logTally) as ServerId[]).map((id) => [
        id,
        [...logTally[id]].map(([line, count]) => `${String(count).padStart(5)} x ${line}`),
      ]),
    );

    console.log(
      `\nResults (${durationSeconds} s per run after ${WARMUP_SECONDS} s warm-up; req/s counts 2xx only; ` +
        'RSS in MB = 10^6 bytes: idle = fresh process before load, peak = max of 100 ms samples under load)\n',
    );
    console.log(textTable(columns, groups));
    console.log('\nOurs vs TRRC\n');
    console.log(
      textTable(
        summaryColumns,
        summaryRows(runs, selected).map((row) => [row]),
      ),
    );
    if (withErrors.length > 0) {
      console.log('\nERRORS in:');
      for (const run of withErrors) {
        console.log(`  ${describe(run.scenario)} ${run.serverLabel}: ${run.failure ?? describeErrors(run)}`);
      }
    }
    if (generatorBound.length > 0) {
      console.log(
        `\nLoad generator at >= ${GENERATOR_SATURATION_PERCENT}% of a core (it, not the server, may be the limit) in:`,
      );
      for (const run of generatorBound) {
        console.log(
          `  ${describe(run.scenario)} ${run.serverLabel}: loadgen ${formatPercent(run.generatorCpuPercent)}, server ${formatPercent(run.serverCpuPercent)}`,
        );
      }
    }
    const contended = runs.filter((run) => (run.otherCpuPercent ?? 0) >= CONTENDED_PERCENT);
    if (contended.length > 0) {
      console.log(
        `\nOther processes used >= ${CONTENDED_PERCENT}% of a core while measuring (numbers less trustworthy) in:\n  ` +
          contended
            .map((run) => `${describe(run.scenario)} ${run.serverLabel} (${formatPercent(run.otherCpuPercent)})`)
            .join(', '),
      );
    }
    console.log('\nTargets');
    for (const verdict of verdicts) console.log(`  ${verdict.verdict.padEnd(4)} ${verdict.label}: ${verdict.detail}`);
    for (const id of serverIds) {
      if (serverLogs[id].length === 0) continue;
      console.log(`\n${SERVER_LABELS[id]} logged (warn and above, all scenarios):`);
      for (const line of serverLogs[id]) console.log(`  ${line}`);
    }

    mkdirSync(resultsDir, { recursive: true });
    const report = {
      machine: {
        cpus: availableParallelism(),
        cpuModel: cpus()[0]?.model,
        memoryBytes: totalmem(),
        node: process.version,
        kernel: release(),
        date: new Date().toISOString(),
      },
      settings: {
        durationSeconds,
        warmupSeconds: WARMUP_SECONDS,
        loadGenerator: 'autocannon 8.0.0 in a child process, pipelining 1',
        freshServerProcessPerScenario: true,
      },
      ourBuild: {
        bundleSha256: createHash('sha256').update(readFileSync(bundle)).digest('hex').slice(0, 12),
        ...revision,
      },
      runs,
      targets: verdicts,
      serverLogs,
      crashes,
    };
    writeFileSync(join(resultsDir, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
    const markdown = [
      markdownTable(columns, groups.flat()),
      markdownTable(summaryColumns, summaryRows(runs, selected)),
      verdicts.map((verdict) => `- **${verdict.verdict}** ${verdict.label}: ${verdict.detail}`).join('\n'),
    ].join('\n\n');
    writeFileSync(join(resultsDir, 'latest.md'), `${markdown}\n`);
    console.log(
      `\nfull results: ${relative(workspaceRoot, join(resultsDir, 'latest.json'))} (tables as Markdown: latest.md)`,
    );

    // A benchmark reports rather than fails: only a crash or a broken run is an error.
    return crashes.length > 0 || runs.some((run) => run.failure) ? 1 : 0;
  } finally {
    await cleanUp();
  }
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
  },
);
