/**
 * Cache server benchmark: paved-cache against turborepo-remote-cache (TRRC, the peer) and nginx
 * (the physical limit of the machine), the same Turborepo API requests to each, in one run.
 *
 *   pnpm bench:cache                                   every scenario, 3 repetitions of 5 s (~17 min)
 *   BENCH_DURATION=10 pnpm bench:cache                 measured seconds per run (whole seconds)
 *   BENCH_REPEAT=1 pnpm bench:cache                    repetitions (medians are over them)
 *   BENCH_ONLY=get-100k-16,mixed-100k-16 pnpm bench:cache    a subset (scenario ids in scenarios.ts)
 *   BENCH_SERVERS=paved,nginx pnpm bench:cache         a subset of paved, trrc, nginx
 *   BENCH_FILL=500 pnpm bench:cache                    uploads into each store before the runs (default 6000)
 *   BENCH_CROSSCHECK=autocannon pnpm bench:cache       also send each scenario with autocannon once
 *   BENCH_RESULTS_DIR=/tmp/r pnpm bench:cache          where latest.json and latest.md go
 *   BENCH_TUNING=off pnpm bench:cache                  paved-cache with its CacheServerTuning switched off
 *
 * The load generator is wrk with one thread (wrk.ts), so on 2 cores one loads and one serves.
 * Each run (repetition x scenario x server) gets a freshly started server process; the order of
 * the servers rotates from one repetition (and scenario) to the next. A run whose wrk used >= 90%
 * of a core is "bounded (load generator)" and no ratio uses it. Prints per scenario and server
 * the median req/s of the repetitions with min-max, p50/p99, server CPU microseconds per request
 * (/proc utime + stime over the measured window), peak RSS and errors; the ratios and the
 * targets; writes JSON and Markdown to bench/cache-server/.baseline/results/.
 * Exit code 0 unless a server or the load generator crashed or failed: missed targets are results.
 */
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, release, tmpdir, totalmem } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { autocannonGenerator, CROSSCHECK_GENERATORS } from './crosscheck';
import { errorCount, type LoadGenerator } from './load';
import {
  DEFAULT_FILL_ARTIFACTS,
  fillStore,
  GENERATOR_BOUND_PERCENT,
  measureRun,
  preUpload,
  removeUploads,
  WARMUP_SECONDS,
  type Context,
  type RunRecord,
} from './measure';
import { ensureNginx, startNginx, type Nginx } from './nginx';
import { totalResidentBytes } from './process-stats';
import {
  crosscheckColumns,
  crosscheckRow,
  describeId,
  evaluateTargets,
  formatMb,
  formatMicros,
  formatMs,
  formatPercent,
  formatRate,
  markdownTable,
  ratioColumns,
  ratioRow,
  resultColumns,
  resultRow,
  successesPerSecond,
  summarizeAll,
  tallyLog,
  textTable,
  type TargetResult,
} from './report';
import { downloads, scenarios, uploads, type Scenario, type StorageKind } from './scenarios';
import {
  BASELINE_PACKAGE,
  BASELINE_VERSION,
  buildOurServer,
  ensureBaselineInstalled,
  SERVER_IDS,
  SERVER_LABELS,
  startBaselineServer,
  startOurServer,
  TUNING_OFF,
  type ServerId,
  type ServerProcess,
} from './servers';
import { killRunningWrk, wrkGenerator, wrkVersion, ensureWrk } from './wrk';

/** With 2 cores, anything else using a quarter of one during a run is worth flagging. */
const CONTENDED_PERCENT = 25;
const TMPFS_DIR = '/dev/shm';
const TMPFS_MAGIC = 0x01021994;

// ---------------------------------------------------------------- settings

interface Settings {
  durationSeconds: number;
  repetitions: number;
  fillArtifacts: number;
  selected: Scenario[];
  servers: ServerId[];
  crosscheck?: (typeof CROSSCHECK_GENERATORS)[number];
  resultsDir: string;
  /** paved-cache as shipped ('on'), or with every CacheServerTuning option off, to measure what they buy. */
  tuning: 'on' | 'off';
}

function wholeNumberSetting(name: string, fallback: number): number {
  const text = process.env[name];
  const value = text === undefined || text === '' ? fallback : Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number >= 1, got "${text}"`);
  return value;
}

function listSetting<T extends string>(name: string, known: readonly T[]): T[] | undefined {
  const wanted = process.env[name]
    ?.split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  if (!wanted || wanted.length === 0) return undefined;
  const unknown = wanted.filter((item) => !known.includes(item as T));
  if (unknown.length > 0) throw new Error(`${name}: unknown ${unknown.join(', ')}; known: ${known.join(', ')}`);
  return wanted as T[];
}

function readSettings(defaultResultsDir: string): Settings {
  const only = listSetting(
    'BENCH_ONLY',
    scenarios.map((scenario) => scenario.id),
  );
  const servers = listSetting('BENCH_SERVERS', SERVER_IDS);
  const crosscheck = listSetting('BENCH_CROSSCHECK', CROSSCHECK_GENERATORS)?.[0];
  return {
    // 10 s (the research's runs) makes the whole matrix take ~30 min on 2 cores; 5 s, ~17 min.
    durationSeconds: wholeNumberSetting('BENCH_DURATION', 5),
    repetitions: wholeNumberSetting('BENCH_REPEAT', 3),
    fillArtifacts: wholeNumberSetting('BENCH_FILL', DEFAULT_FILL_ARTIFACTS),
    selected: only ? scenarios.filter((scenario) => only.includes(scenario.id)) : scenarios,
    // Always in the order paved, trrc, nginx: rotation starts from there.
    servers: servers ? SERVER_IDS.filter((id) => servers.includes(id)) : [...SERVER_IDS],
    crosscheck,
    resultsDir: resolve(process.env.BENCH_RESULTS_DIR || defaultResultsDir),
    tuning: listSetting('BENCH_TUNING', ['on', 'off'] as const)?.[0] ?? 'on',
  };
}

// ---------------------------------------------------------------- environment

/** Which commit our bundle was built from, and whether the server's sources had uncommitted changes. */
function sourceRevision(workspaceRoot: string): { commit?: string; uncommittedServerChanges?: boolean } {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: workspaceRoot, encoding: 'utf-8' }).trim();
    const commit = git('rev-parse', '--short', 'HEAD');
    const uncommitted = git('status', '--porcelain', '--', 'libs/cache', 'apps/cache-server', 'bench/cache-server');
    return { commit, uncommittedServerChanges: uncommitted !== '' };
  } catch {
    return {};
  }
}

/** A scratch folder on tmpfs, for the scenarios that leave the disk out. */
function tmpfsScratch(): string {
  let type: number | undefined;
  try {
    type = statfsSync(TMPFS_DIR).type;
  } catch {
    // no such folder
  }
  if (type !== TMPFS_MAGIC) {
    throw new Error(`the tmpfs scenarios need ${TMPFS_DIR} as a tmpfs; leave them out with BENCH_ONLY`);
  }
  return mkdtempSync(join(TMPFS_DIR, 'paved-bench-'));
}

function machine() {
  return {
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model,
    memoryBytes: totalmem(),
    node: process.version,
    kernel: release(),
    loadAverageAtStart: loadavg().map((value) => Number(value.toFixed(2))),
  };
}

// ---------------------------------------------------------------- output

function printRun(run: RunRecord, done: number, total: number): void {
  const m = run.measurement;
  const what = `r${run.repetition} ${describeId(run.scenarioId).padEnd(22)} ${run.serverLabel.padEnd(11)}`;
  const generator = run.generator === 'wrk' ? '' : ` [${run.generator}]`;
  if (!m) {
    console.log(`[${String(done).padStart(3)}/${total}] ${what}${generator} FAILED: ${run.failure}`);
    return;
  }
  console.log(
    `[${String(done).padStart(3)}/${total}] ${what}${generator} ${formatRate(successesPerSecond(run)).padStart(7)} req/s  ` +
      `p50 ${formatMs(m.latencyMs.p50)} p99 ${formatMs(m.latencyMs.p99)} ms  ` +
      `CPU ${formatMicros(run.cpuMicrosPerRequest)} µs/req  server ${formatPercent(run.serverCpuPercent)} ` +
      `${run.generator} ${formatPercent(run.generatorCpuPercent)} other ${formatPercent(run.otherCpuPercent)}  ` +
      `RSS ${formatMb(run.idleRssBytes)} -> ${formatMb(run.peakRssBytes)} MB  errors ${errorCount(m)}` +
      `${run.bounded ? '  BOUNDED (load generator)' : ''}`,
  );
  if (run.failure) console.error(`    ${run.failure}`);
}

function describeRun(run: RunRecord): string {
  return `${describeId(run.scenarioId)} ${run.serverLabel} (repetition ${run.repetition})`;
}

function markdownReport(options: {
  date: string;
  machine: ReturnType<typeof machine>;
  revision: ReturnType<typeof sourceRevision>;
  settingsLine: string;
  results: string;
  ratios: string;
  verdicts: TargetResult[];
}): string {
  const { machine: box, revision } = options;
  const commit = revision.commit
    ? `${revision.commit}${revision.uncommittedServerChanges ? ' with uncommitted changes to the server or bench' : ''}`
    : 'unknown';
  return [
    `Cache server benchmark, ${options.date}: ${box.cpus} cores (${box.cpuModel}), ` +
      `${(box.memoryBytes / 2 ** 30).toFixed(0)} GiB, Linux ${box.kernel}, Node ${box.node}, ` +
      `load average ${box.loadAverageAtStart.join(' ')} at the start; commit ${commit}.`,
    options.settingsLine,
    options.results,
    options.ratios,
    options.verdicts.map((verdict) => `- **${verdict.verdict}** ${verdict.label}: ${verdict.detail}`).join('\n'),
  ].join('\n\n');
}

// ---------------------------------------------------------------- main

async function main(): Promise<number> {
  const startedAt = Date.now();
  const benchDir = __dirname;
  const workspaceRoot = resolve(benchDir, '../..');
  const baselineDir = join(benchDir, '.baseline');
  const settings = readSettings(join(baselineDir, 'results'));
  const { durationSeconds, repetitions, fillArtifacts, selected, servers, tuning } = settings;
  const box = machine();

  console.log(
    `cache server benchmark: ${servers.map((id) => SERVER_LABELS[id]).join(', ')}; ` +
      `${selected.length} scenarios x ${servers.length} servers x ${repetitions} repetitions, ` +
      `${WARMUP_SECONDS} s warm-up + ${durationSeconds} s each, a fresh server process per run`,
  );
  const wrk = ensureWrk();
  const nginx: Nginx | undefined = servers.includes('nginx') ? ensureNginx() : undefined;
  const tools = {
    wrk: wrkVersion(wrk),
    nginx: nginx?.version,
    baseline: servers.includes('trrc') ? `${BASELINE_PACKAGE}@${BASELINE_VERSION}` : undefined,
  };
  console.log(`load generator: ${tools.wrk}, -t1${nginx ? `; reference: ${nginx.version}` : ''}`);
  let builtBundle: string | undefined;
  if (servers.includes('paved')) {
    console.log('building cache-server (nx, cached when unchanged) ...');
    builtBundle = buildOurServer(workspaceRoot);
  }
  const revision = sourceRevision(workspaceRoot);
  const baselinePackage = servers.includes('trrc') ? ensureBaselineInstalled(baselineDir) : undefined;

  const storageKinds = [...new Set(selected.map((scenario) => scenario.storage))];
  const scratch = mkdtempSync(join(tmpdir(), 'paved-bench-'));
  let shm: string | undefined;
  let running: ServerProcess[] = [];
  const logTally = new Map<ServerId, Map<string, number>>(servers.map((id) => [id, new Map()]));
  const crashes: { scenario: string; server: string; exit: unknown; output: string }[] = [];
  const stopAll = async () => {
    await Promise.all(running.map((server) => server.stop()));
    for (const server of running) {
      const tally = logTally.get(server.id) ?? new Map<string, number>();
      logTally.set(server.id, tally);
      tallyLog(tally, server.outputTail());
    }
    running = [];
  };
  const cleanUp = async () => {
    killRunningWrk();
    await stopAll();
    rmSync(scratch, { recursive: true, force: true });
    if (shm) rmSync(shm, { recursive: true, force: true });
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: stopping servers, removing ${scratch}${shm ? ` and ${shm}` : ''}`);
      void cleanUp().finally(() => process.exit(130));
    });
  }

  try {
    if (storageKinds.includes('tmpfs')) shm = tmpfsScratch();
    // Servers restart per run; a private copy keeps every run on the same build even if someone
    // rebuilds or cleans dist/ meanwhile (the bundle is self-contained: third-party code included).
    const bundle = join(scratch, 'paved-cache', 'main.cjs');
    if (builtBundle) cpSync(builtBundle, dirname(bundle), { recursive: true });
    const token = randomBytes(24).toString('hex');
    const storageDir = (id: ServerId, kind: StorageKind) => join(kind === 'tmpfs' && shm ? shm : scratch, 'store', id);
    const starters: Record<ServerId, (dir: string) => Promise<ServerProcess>> = {
      paved: (dir) =>
        startOurServer({ bundle, workspaceRoot, storageDir: dir, token, env: tuning === 'off' ? TUNING_OFF : {} }),
      trrc: (dir) => startBaselineServer({ packageDir: baselinePackage ?? '', storageDir: dir, token }),
      nginx: (dir) => {
        if (!nginx) throw new Error('nginx was not selected');
        return startNginx({ nginx, workDir: join(scratch, 'nginx'), storageDir: dir, token });
      },
    };
    const start = async (id: ServerId, kind: StorageKind): Promise<ServerProcess> => {
      const server = await starters[id](storageDir(id, kind));
      running.push(server);
      return server;
    };

    const runId = randomBytes(4).toString('hex');
    const context: Context = { token, durationSeconds, getArtifacts: new Map(), bodyFiles: new Map() };
    for (const bytes of new Set(selected.filter(uploads).map((scenario) => scenario.artifactBytes))) {
      const file = join(scratch, `body-${bytes}.bin`);
      writeFileSync(file, randomBytes(bytes));
      context.bodyFiles.set(bytes, file);
    }
    const artifactsFor = (kind: StorageKind) => {
      const sizes = selected.filter((s) => s.storage === kind && downloads(s)).map((s) => s.artifactBytes);
      return new Map([...new Set(sizes)].map((bytes) => [bytes, randomBytes(bytes)]));
    };
    for (const kind of storageKinds) {
      const artifacts = artifactsFor(kind);
      for (const bytes of artifacts.keys()) context.getArtifacts.set(bytes, `get${bytes}x${runId}`);
      for (const id of servers) {
        const server = await start(id, kind);
        const idle = formatMb(totalResidentBytes(server.pids));
        await preUpload(server, context, artifacts);
        const filled = await fillStore(server, token, runId, fillArtifacts);
        console.log(
          `${server.label} (${kind}): idle RSS after start ${idle} MB; store filled with ${fillArtifacts} x 100 KiB in ${filled} ms`,
        );
        await stopAll();
      }
    }

    const measureOnce = async (
      id: ServerId,
      scenario: Scenario,
      generator: LoadGenerator,
      position: { repetition: number; order: number },
    ): Promise<RunRecord> => {
      let run: RunRecord;
      try {
        const server = await start(id, scenario.storage);
        run = await measureRun(server, scenario, generator, context, position);
        if (server.crashed) {
          crashes.push({ scenario: scenario.id, server: server.label, exit: server.exit, output: server.outputTail() });
          console.error(`    last output of ${server.label}:\n${server.outputTail()}`);
        }
      } catch (error) {
        const failure = `${SERVER_LABELS[id]} did not start: ${error instanceof Error ? error.message : String(error)}`;
        crashes.push({ scenario: scenario.id, server: SERVER_LABELS[id], exit: 'start failed', output: failure });
        run = {
          scenarioId: scenario.id,
          server: id,
          serverLabel: SERVER_LABELS[id],
          ...position,
          generator: generator.name,
          failure,
          bounded: false,
        };
      }
      await stopAll();
      if (uploads(scenario)) removeUploads(storageDir(id, scenario.storage), scenario.storage === 'disk');
      return run;
    };

    const generator = wrkGenerator(wrk);
    const crosscheck = settings.crosscheck === 'autocannon' ? autocannonGenerator(workspaceRoot) : undefined;
    const runs: RunRecord[] = [];
    const checks: RunRecord[] = [];
    // Cross-check runs come once per scenario and server, in the first repetition.
    const total = (repetitions + (crosscheck ? 1 : 0)) * selected.length * servers.length;
    let done = 0;
    for (let repetition = 1; repetition <= repetitions; repetition++) {
      for (const [index, scenario] of selected.entries()) {
        // Who goes first rotates, so no server always runs on a machine another just warmed up.
        const first = (repetition - 1 + index) % servers.length;
        const order = [...servers.slice(first), ...servers.slice(0, first)];
        for (const [at, id] of order.entries()) {
          const position = { repetition, order: at + 1 };
          const run = await measureOnce(id, scenario, generator, position);
          runs.push(run);
          printRun(run, ++done, total);
          if (crosscheck && repetition === 1) {
            const check = await measureOnce(id, scenario, crosscheck, position);
            checks.push(check);
            printRun(check, ++done, total);
          }
        }
      }
    }

    const summaries = summarizeAll(runs, selected, servers);
    const verdicts = evaluateTargets(summaries);
    const groups = selected.map((scenario) =>
      summaries.filter((summary) => summary.scenarioId === scenario.id).map(resultRow),
    );
    const ratioRows = selected.map((scenario) => ratioRow(summaries, scenario.id, servers));
    const ratioHeader = ratioColumns(servers);
    const serverLogs = Object.fromEntries(
      [...logTally].map(([id, tally]) => [
        id,
        [...tally].map(([line, count]) => `${String(count).padStart(6)} x ${line}`),
      ]),
    );
    const tuningOffSwitches = Object.entries(TUNING_OFF)
      .map(([name, value]) => `${name}=${value}`)
      .join(' ');
    const settingsLine =
      `${tools.wrk} -t1, ${WARMUP_SECONDS} s warm-up + ${durationSeconds} s measured per run, ` +
      `${repetitions} repetition(s) (median, min–max), a fresh server process per run, ` +
      `stores filled with ${fillArtifacts} x 100 KiB; CPU µs/req = server utime+stime / completed requests; ` +
      `runs with wrk at >= ${GENERATOR_BOUND_PERCENT}% of a core are bounded (load generator) and left out of medians and ratios; ` +
      `paved-cache tuning ${tuning === 'off' ? `off (${tuningOffSwitches})` : 'as shipped'}.`;

    console.log(
      `\nResults: ${settingsLine}\nreq/s counts 2xx only; RSS in MB = 10^6 bytes (idle = fresh process before load, ` +
        'peak = max of 100 ms samples under load, over all runs; nginx = master + worker).\n',
    );
    console.log(textTable(resultColumns, groups));
    console.log('\nRatios (of the medians; bounded = a side had only bounded runs)\n');
    console.log(
      textTable(
        ratioHeader,
        ratioRows.map((row) => [row]),
        1,
      ),
    );
    const bounded = runs.filter((run) => run.bounded);
    if (bounded.length > 0) {
      console.log(
        `\nBounded (load generator): wrk at >= ${GENERATOR_BOUND_PERCENT}% of a core in ${bounded.length} run(s):`,
      );
      for (const run of bounded) {
        console.log(
          `  ${describeRun(run)}: wrk ${formatPercent(run.generatorCpuPercent)}, server ${formatPercent(run.serverCpuPercent)}`,
        );
      }
    }
    const withErrors = runs.filter((run) => !run.measurement || errorCount(run.measurement) > 0 || run.failure);
    if (withErrors.length > 0) {
      console.log('\nERRORS in:');
      for (const run of withErrors) {
        const m = run.measurement;
        const detail =
          run.failure ?? `${m?.non2xx} HTTP errors, ${m?.socketErrors} socket errors, ${m?.timeouts} timeouts`;
        console.log(`  ${describeRun(run)}: ${detail}`);
      }
    }
    const contended = runs.filter((run) => (run.otherCpuPercent ?? 0) >= CONTENDED_PERCENT);
    if (contended.length > 0) {
      console.log(
        `\nOther processes used >= ${CONTENDED_PERCENT}% of a core while measuring (numbers less trustworthy) in:\n  ` +
          contended.map((run) => `${describeRun(run)} ${formatPercent(run.otherCpuPercent)}`).join('\n  '),
      );
    }
    if (checks.length > 0) {
      console.log(`\nCross-check with ${crosscheck?.name} (repetition 1; not used for any target)\n`);
      console.log(
        textTable(
          crosscheckColumns,
          selected.map((scenario) =>
            checks.filter((c) => c.scenarioId === scenario.id).map((c) => crosscheckRow(c, runs)),
          ),
        ),
      );
    }
    console.log('\nTargets');
    for (const verdict of verdicts) console.log(`  ${verdict.verdict.padEnd(7)} ${verdict.label}: ${verdict.detail}`);
    for (const id of servers) {
      if (serverLogs[id].length === 0) continue;
      console.log(`\n${SERVER_LABELS[id]} logged (warn and above, all runs):`);
      for (const line of serverLogs[id]) console.log(`  ${line}`);
    }

    const elapsedSeconds = Math.round((Date.now() - startedAt) / 1000);
    const date = new Date().toISOString();
    mkdirSync(settings.resultsDir, { recursive: true });
    const report = {
      date,
      machine: { ...box, loadAverageAtEnd: loadavg().map((value) => Number(value.toFixed(2))) },
      settings: {
        durationSeconds,
        warmupSeconds: WARMUP_SECONDS,
        repetitions,
        scenarios: selected.map((scenario) => scenario.id),
        servers,
        fillArtifacts,
        generatorBoundPercent: GENERATOR_BOUND_PERCENT,
        loadGenerator: `${tools.wrk} -t1`,
        crosscheck: settings.crosscheck,
        freshServerProcessPerRun: true,
      },
      tools,
      ourBuild: {
        ...revision,
        bundleSha256: builtBundle
          ? createHash('sha256').update(readFileSync(bundle)).digest('hex').slice(0, 12)
          : undefined,
      },
      elapsedSeconds,
      summaries,
      targets: verdicts,
      runs,
      crosscheckRuns: checks,
      serverLogs,
      crashes,
    };
    writeFileSync(join(settings.resultsDir, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
    const markdown = markdownReport({
      date,
      machine: box,
      revision,
      settingsLine,
      results: markdownTable(resultColumns, groups.flat()),
      ratios: markdownTable(ratioHeader, ratioRows, 1),
      verdicts,
    });
    writeFileSync(join(settings.resultsDir, 'latest.md'), `${markdown}\n`);
    console.log(
      `\nfull results: ${relative(process.cwd(), join(settings.resultsDir, 'latest.json'))} (tables as Markdown: latest.md)` +
        `; the bench took ${Math.floor(elapsedSeconds / 60)} min ${elapsedSeconds % 60} s`,
    );

    // A benchmark reports rather than fails: only a crash or a broken run is an error.
    return crashes.length > 0 || [...runs, ...checks].some((run) => run.failure) ? 1 : 0;
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
