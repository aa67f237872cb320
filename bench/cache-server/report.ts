/**
 * From runs to results: the medians per scenario and server, the ratios and targets, and the
 * tables (plain text for the terminal, Markdown for docs/benchmarks.md).
 */
import { errorCount } from './load';
import { GENERATOR_BOUND_PERCENT, type RunRecord } from './measure';
import { describeScenario, MB, MiB, scenarios, type Scenario } from './scenarios';
import { SERVER_LABELS, type ServerId } from './servers';

export interface Spread {
  median: number;
  min: number;
  max: number;
}

/** The wrk runs of one scenario on one server, summed up. */
export interface Summary {
  scenarioId: string;
  server: ServerId;
  serverLabel: string;
  runs: number;
  failed: number;
  /** Measured runs whose generator was at >= GENERATOR_BOUND_PERCENT of a core. */
  bounded: number;
  /**
   * The medians below are over the measured runs that were not bounded (`basis` of them). When
   * every measured run was bounded they are over those, and boundedOnly is set: then they say
   * what the generator managed, and no ratio uses them.
   */
  boundedOnly: boolean;
  basis: number;
  reqPerSec?: Spread;
  p50Ms?: number;
  p99Ms?: number;
  cpuMicrosPerRequest?: number;
  serverCpuPercent?: number;
  generatorCpuPercent?: number;
  otherCpuPercent?: number;
  idleRssBytes?: number;
  /** The highest of all runs, bounded or not. */
  peakRssBytes?: number;
  /** Non-2xx, socket errors and timeouts over all runs. */
  errors: number;
}

function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function medianOf(runs: RunRecord[], pick: (run: RunRecord) => number | undefined): number | undefined {
  return median(runs.map(pick).filter((value): value is number => value !== undefined && Number.isFinite(value)));
}

export function successesPerSecond(run: RunRecord): number | undefined {
  return run.measurement ? run.measurement.succeeded / run.measurement.seconds : undefined;
}

export function summarize(runs: RunRecord[], scenarioId: string, server: ServerId): Summary | undefined {
  const own = runs.filter((run) => run.scenarioId === scenarioId && run.server === server);
  if (own.length === 0) return undefined;
  const measured = own.filter((run) => run.measurement && !run.failure);
  const unbounded = measured.filter((run) => !run.bounded);
  const boundedOnly = unbounded.length === 0 && measured.length > 0;
  const basis = boundedOnly ? measured : unbounded;
  const rates = basis.map(successesPerSecond).filter((rate): rate is number => rate !== undefined);
  const rateMedian = median(rates);
  // Memory used counts even in a run that failed otherwise (nothing completed in a short window).
  const peaks = own.map((run) => run.peakRssBytes).filter((bytes): bytes is number => bytes !== undefined);
  return {
    scenarioId,
    server,
    serverLabel: SERVER_LABELS[server],
    runs: own.length,
    failed: own.length - measured.length,
    bounded: measured.length - unbounded.length,
    boundedOnly,
    basis: basis.length,
    reqPerSec:
      rateMedian === undefined ? undefined : { median: rateMedian, min: Math.min(...rates), max: Math.max(...rates) },
    p50Ms: medianOf(basis, (run) => run.measurement?.latencyMs.p50),
    p99Ms: medianOf(basis, (run) => run.measurement?.latencyMs.p99),
    cpuMicrosPerRequest: medianOf(basis, (run) => run.cpuMicrosPerRequest),
    serverCpuPercent: medianOf(basis, (run) => run.serverCpuPercent),
    generatorCpuPercent: medianOf(basis, (run) => run.generatorCpuPercent),
    otherCpuPercent: medianOf(basis, (run) => run.otherCpuPercent),
    idleRssBytes: medianOf(basis, (run) => run.idleRssBytes),
    peakRssBytes: peaks.length > 0 ? Math.max(...peaks) : undefined,
    errors: own.reduce((sum, run) => sum + (run.measurement ? errorCount(run.measurement) : 0), 0),
  };
}

export function summarizeAll(runs: RunRecord[], selected: Scenario[], servers: readonly ServerId[]): Summary[] {
  return selected.flatMap((scenario) => servers.flatMap((server) => summarize(runs, scenario.id, server) ?? []));
}

// ---------------------------------------------------------------- formatting

export function formatRate(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '-';
  return value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(1);
}

export function formatMs(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '-';
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

export function formatMb(bytes: number | undefined): string {
  return bytes === undefined ? '-' : (bytes / MB).toFixed(1);
}

export function formatPercent(value: number | undefined): string {
  return value === undefined || !Number.isFinite(value) ? '-' : `${value.toFixed(0)}%`;
}

export function formatMicros(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '-';
  return value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(1);
}

function formatRatio(value: number | undefined): string {
  return value === undefined || !Number.isFinite(value) ? '-' : `${value.toFixed(2)}x`;
}

function formatSpread(spread: Spread | undefined): string {
  if (!spread) return '-';
  return `${formatRate(spread.median)} (${formatRate(spread.min)}–${formatRate(spread.max)})`;
}

const scenarioById = new Map(scenarios.map((scenario) => [scenario.id, scenario]));

export function describeId(scenarioId: string): string {
  const scenario = scenarioById.get(scenarioId);
  return scenario ? describeScenario(scenario) : scenarioId;
}

function runsCell(summary: Summary): string {
  if (summary.boundedOnly) return `bounded ${summary.bounded}/${summary.runs}`;
  const notes = [
    ...(summary.bounded > 0 ? [`+${summary.bounded} bounded`] : []),
    ...(summary.failed > 0 ? [`+${summary.failed} failed`] : []),
  ];
  return [String(summary.basis), ...notes].join(' ');
}

export const resultColumns = [
  'scenario',
  'server',
  'runs',
  'req/s median (min–max)',
  'MiB/s',
  'p50 ms',
  'p99 ms',
  'CPU µs/req',
  'server CPU',
  'wrk CPU',
  'other CPU',
  'idle RSS MB',
  'peak RSS MB',
  'errors',
];

export function resultRow(summary: Summary): string[] {
  const scenario = scenarioById.get(summary.scenarioId);
  const rate = summary.reqPerSec?.median;
  return [
    describeId(summary.scenarioId),
    summary.serverLabel,
    runsCell(summary),
    formatSpread(summary.reqPerSec),
    rate === undefined || !scenario ? '-' : ((rate * scenario.artifactBytes) / MiB).toFixed(1),
    formatMs(summary.p50Ms),
    formatMs(summary.p99Ms),
    formatMicros(summary.cpuMicrosPerRequest),
    formatPercent(summary.serverCpuPercent),
    formatPercent(summary.generatorCpuPercent),
    formatPercent(summary.otherCpuPercent),
    formatMb(summary.idleRssBytes),
    formatMb(summary.peakRssBytes),
    summary.errors > 0 ? `${summary.errors} !!` : String(summary.errors),
  ];
}

// ---------------------------------------------------------------- ratios and targets

type Metric = 'reqPerSec' | 'cpuMicrosPerRequest';

function metricOf(summary: Summary, metric: Metric): number | undefined {
  return metric === 'reqPerSec' ? summary.reqPerSec?.median : summary.cpuMicrosPerRequest;
}

/** ours / theirs for a metric, or why there is none ('bounded', 'not run', 'failed'). */
function ratio(ours: Summary | undefined, theirs: Summary | undefined, metric: Metric): number | string {
  if (!ours || !theirs) return 'not run';
  if (ours.boundedOnly || theirs.boundedOnly) return 'bounded';
  const a = metricOf(ours, metric);
  const b = metricOf(theirs, metric);
  return a === undefined || b === undefined || b === 0 ? 'failed' : a / b;
}

function ratioCell(value: number | string): string {
  return typeof value === 'number' ? formatRatio(value) : value === 'not run' ? '-' : value;
}

export function ratioColumns(servers: readonly ServerId[]): string[] {
  const others = servers.filter((id) => id !== 'paved').map((id) => (id === 'trrc' ? 'TRRC' : 'nginx'));
  const all = servers.map((id) => (id === 'paved' ? 'ours' : id === 'trrc' ? 'TRRC' : 'nginx')).join(' / ');
  return [
    'scenario',
    ...others.map((other) => `req/s ours/${other}`),
    ...others.map((other) => `CPU/req ours/${other}`),
    `p99 ms ${all}`,
    `peak RSS MB ${all}`,
  ];
}

export function ratioRow(summaries: Summary[], scenarioId: string, servers: readonly ServerId[]): string[] {
  const of = (server: ServerId) => summaries.find((s) => s.scenarioId === scenarioId && s.server === server);
  const others = servers.filter((id) => id !== 'paved');
  return [
    describeId(scenarioId),
    ...others.map((other) => ratioCell(ratio(of('paved'), of(other), 'reqPerSec'))),
    ...others.map((other) => ratioCell(ratio(of('paved'), of(other), 'cpuMicrosPerRequest'))),
    servers.map((server) => formatMs(of(server)?.p99Ms)).join(' / '),
    servers.map((server) => formatMb(of(server)?.peakRssBytes)).join(' / '),
  ];
}

export type Verdict = 'PASS' | 'MISS' | 'bounded' | 'n/a';

export interface TargetResult {
  label: string;
  verdict: Verdict;
  detail: string;
}

interface Target {
  label: string;
  evaluate(summaries: Summary[]): Omit<TargetResult, 'label'>;
}

function find(summaries: Summary[], scenarioId: string, server: ServerId): Summary | undefined {
  return summaries.find((summary) => summary.scenarioId === scenarioId && summary.server === server);
}

/** A target on ours / theirs of a metric: at least `minimum` (req/s) or at most `maximum` (CPU per request). */
function ratioTarget(
  scenarioId: string,
  other: ServerId,
  metric: Metric,
  limit: { minimum: number } | { maximum: number },
): Target['evaluate'] {
  return (summaries) => {
    const ours = find(summaries, scenarioId, 'paved');
    const theirs = find(summaries, scenarioId, other);
    if (!ours || !theirs) return { verdict: 'n/a', detail: `${scenarioId} was not run on both servers` };
    const value = ratio(ours, theirs, metric);
    const format = metric === 'reqPerSec' ? formatRate : formatMicros;
    const unit = metric === 'reqPerSec' ? 'req/s' : 'CPU µs/req';
    if (value === 'bounded') {
      const which = [ours, theirs].filter((s) => s.boundedOnly).map((s) => s.serverLabel);
      return {
        verdict: 'bounded',
        detail: `every run of ${which.join(' and ')} had wrk at >= ${GENERATOR_BOUND_PERCENT}% of a core (load generator bound)`,
      };
    }
    if (typeof value !== 'number') return { verdict: 'MISS', detail: 'no measurement (runs failed)' };
    const numbers =
      `${format(metricOf(ours, metric))} vs ${format(metricOf(theirs, metric))} ${unit} = ${formatRatio(value)}` +
      ` (medians of ${ours.basis} and ${theirs.basis} runs)`;
    if (ours.errors > 0) return { verdict: 'MISS', detail: `${numbers}, but ${ours.errors} errors on our side` };
    const met = 'minimum' in limit ? value >= limit.minimum : value <= limit.maximum;
    return { verdict: met ? 'PASS' : 'MISS', detail: numbers };
  };
}

function rssTarget(scenarioIds: string[], limitBytes: number): Target['evaluate'] {
  return (summaries) => {
    const peaks = scenarioIds.flatMap((id) => {
      const peakRssBytes = find(summaries, id, 'paved')?.peakRssBytes;
      return peakRssBytes === undefined ? [] : [{ id, peakRssBytes }];
    });
    if (peaks.length === 0) return { verdict: 'n/a', detail: 'no 10 MiB scenario was run on paved-cache' };
    const highest = Math.max(...peaks.map(({ peakRssBytes }) => peakRssBytes));
    const each = peaks.map(({ id, peakRssBytes }) => `${id} ${formatMb(peakRssBytes)}`).join(', ');
    const missing = scenarioIds.length - peaks.length;
    return {
      verdict: highest < limitBytes ? 'PASS' : 'MISS',
      detail: `max ${formatMb(highest)} MB over all runs (${each} MB)${missing > 0 ? `; ${missing} scenario(s) not measured` : ''}`,
    };
  };
}

const targets: Target[] = [
  {
    label: 'GET 100 KiB x16: our server CPU per request <= 0.30x TRRC',
    evaluate: ratioTarget('get-100k-16', 'trrc', 'cpuMicrosPerRequest', { maximum: 0.3 }),
  },
  {
    label: 'GET 100 KiB x16: our server CPU per request <= 3x nginx',
    evaluate: ratioTarget('get-100k-16', 'nginx', 'cpuMicrosPerRequest', { maximum: 3 }),
  },
  {
    label: 'GET 100 KiB x16: req/s >= 2x TRRC',
    evaluate: ratioTarget('get-100k-16', 'trrc', 'reqPerSec', { minimum: 2 }),
  },
  {
    label: 'PUT 100 KiB x1: req/s >= 2x TRRC',
    evaluate: ratioTarget('put-100k-1', 'trrc', 'reqPerSec', { minimum: 2 }),
  },
  {
    label: 'mixed 80% GET / 20% PUT 100 KiB x16: req/s >= 2x TRRC',
    evaluate: ratioTarget('mixed-100k-16', 'trrc', 'reqPerSec', { minimum: 2 }),
  },
  {
    label: 'GET 10 MiB x16: req/s >= 1.0x TRRC',
    evaluate: ratioTarget('get-10m-16', 'trrc', 'reqPerSec', { minimum: 1 }),
  },
  {
    label: 'our peak RSS < 100 MB with 10 MiB artifacts at 16-64 connections',
    evaluate: rssTarget(['get-10m-16', 'get-10m-64', 'put-10m-16'], 100 * MB),
  },
];

export function evaluateTargets(summaries: Summary[]): TargetResult[] {
  return targets.map((target) => ({ label: target.label, ...target.evaluate(summaries) }));
}

// ---------------------------------------------------------------- the autocannon cross-check

export const crosscheckColumns = [
  'scenario',
  'server',
  'wrk req/s',
  'autocannon req/s',
  'autocannon/wrk',
  'wrk CPU',
  'autocannon CPU',
];

/** Each cross-check run against the wrk run of the same scenario, server and repetition. */
export function crosscheckRow(check: RunRecord, runs: RunRecord[]): string[] {
  const wrkRun = runs.find(
    (run) => run.scenarioId === check.scenarioId && run.server === check.server && run.repetition === check.repetition,
  );
  const wrkRate = wrkRun && successesPerSecond(wrkRun);
  const checkRate = successesPerSecond(check);
  return [
    describeId(check.scenarioId),
    check.serverLabel,
    formatRate(wrkRate),
    check.failure ? 'FAILED' : formatRate(checkRate),
    wrkRate && checkRate !== undefined ? formatRatio(checkRate / wrkRate) : '-',
    formatPercent(wrkRun?.generatorCpuPercent),
    formatPercent(check.generatorCpuPercent),
  ];
}

// ---------------------------------------------------------------- tables

/** Plain-text table: the first `left` columns left-aligned, the rest right-aligned; a rule between groups. */
export function textTable(header: string[], groups: string[][][], left = 2): string {
  const rows = groups.flat();
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i < left ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [line(header), rule, groups.map((group) => group.map(line).join('\n')).join(`\n${rule}\n`)].join('\n');
}

export function markdownTable(header: string[], rows: string[][], left = 2): string {
  const escape = (cell: string) => cell.replace(/\|/g, '\\|');
  return [
    `| ${header.map(escape).join(' | ')} |`,
    `| ${header.map((_, i) => (i < left ? '---' : '---:')).join(' | ')} |`,
    ...rows.map((row) => `| ${row.map(escape).join(' | ')} |`),
  ].join('\n');
}

// ---------------------------------------------------------------- server logs

const pinoLevels: Record<number, string> = { 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };

/**
 * Adds a server's log lines to tally as "level message: error", so a thousand identical lines read
 * as one. pino JSON (ours, TRRC) by level, message and error; nginx's lines without their time,
 * pid and connection number.
 */
export function tallyLog(tally: Map<string, number>, output: string): void {
  for (const line of output.split('\n')) {
    if (!line.trim()) continue;
    let key = line
      .replace(/^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d (\[\w+\]) \d+#\d+: /, '$1 ')
      .replace(/^(\[\w+\]) \*\d+ /, '$1 ')
      .replace(/\/v8\/artifacts\/[\w-]+/g, '/v8/artifacts/<hash>')
      .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:<port>')
      .slice(0, 200);
    try {
      const entry = JSON.parse(line) as { level?: number; msg?: string; message?: string; err?: unknown };
      const err = entry.err as { message?: string; code?: string } | string | undefined;
      const detail = typeof err === 'string' ? err : err ? `${err.code ?? ''} ${err.message ?? ''}`.trim() : '';
      // Byte counts vary per aborted upload; without them identical events group together.
      key = `${pinoLevels[entry.level ?? 0] ?? entry.level} "${entry.msg ?? entry.message}"${detail ? `: ${detail.replace(/\d+ of \d+ bytes/, 'N of M bytes')}` : ''}`;
    } catch {
      // Not a JSON record (nginx, a stack trace, a warning from Node): counted as normalised above.
    }
    tally.set(key, (tally.get(key) ?? 0) + 1);
  }
}
