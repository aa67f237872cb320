/**
 * End to end: the cache server benchmark (`pnpm bench:cache`, bench/cache-server) runs from this
 * checkout as from a fresh clone, against all three servers (paved-cache, turborepo-remote-cache,
 * nginx) with wrk. A smoke run: one repetition of 1 s each of a GET, a PUT and the mixed
 * scenario. It checks that the bench finishes, prints its tables and target lines and writes
 * latest.json with one run per scenario and server; never a timing. CI installs wrk and
 * nginx-light beforehand (.ci/run); the bench installs TRRC into bench/cache-server/.baseline/.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from './server-process.e2e-support';

const SCENARIOS = ['get-100k-16', 'put-100k-1', 'mixed-100k-16'];
const SERVERS = ['paved', 'trrc', 'nginx'];
/** What a smoke run may take at most; it takes about 40 s here (and TRRC's npm install on first use). */
const BENCH_TIMEOUT_MS = 110_000;

interface BenchReport {
  settings: Record<string, unknown>;
  runs: { scenarioId: string; server: string; generator: string; failure?: string; measurement?: unknown }[];
  targets: { label: string; verdict: string }[];
}

let resultsDir: string;
beforeAll(() => {
  resultsDir = mkdtempSync(join(tmpdir(), 'paved-bench-results-'));
});
afterAll(() => rmSync(resultsDir, { recursive: true, force: true }));

describe('pnpm bench:cache, a smoke run', () => {
  it('measures a GET, a PUT and the mixed scenario on all three servers, prints its tables and targets, writes latest.json', () => {
    // Nothing the caller set for the bench (BENCH_ONLY, BENCH_CROSSCHECK, ...) changes this run.
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('BENCH_')));
    const bench = spawnSync(
      join(repoRoot, 'node_modules/.bin/tsx'),
      ['--tsconfig', 'tsconfig.base.json', 'bench/cache-server/run.ts'],
      {
        cwd: repoRoot,
        encoding: 'utf-8',
        env: {
          ...inherited,
          BENCH_DURATION: '1',
          BENCH_REPEAT: '1',
          BENCH_ONLY: SCENARIOS.join(','),
          BENCH_SERVERS: SERVERS.join(','),
          // A small fill: the default 6,000 uploads per store would be most of the run.
          BENCH_FILL: '200',
          // Not the developer's .baseline/results/latest.json.
          BENCH_RESULTS_DIR: resultsDir,
        },
        timeout: BENCH_TIMEOUT_MS,
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    const output = `${bench.stdout}\n${bench.stderr}`;
    expect(bench.error, output).toBeUndefined();
    expect(bench.status, output).toBe(0);

    // The results table, with a row per scenario and server; the ratios table.
    expect(bench.stdout).toMatch(/^scenario +server +runs +req\/s median \(min–max\) .* CPU µs\/req .* peak RSS MB/m);
    const lines = bench.stdout.split('\n');
    for (const row of ['GET 100 KiB x16', 'PUT 100 KiB x1', 'mixed 100 KiB x16']) {
      for (const server of ['paved-cache', 'TRRC 2.12.0', 'nginx']) {
        const found = lines.some(
          (line) => line.startsWith(`${row} `) && line.slice(row.length).trimStart().startsWith(`${server} `),
        );
        expect(found, `a results row for ${row} on ${server}`).toBe(true);
      }
    }
    expect(bench.stdout).toMatch(/^scenario +req\/s ours\/TRRC +req\/s ours\/nginx +CPU\/req ours\/TRRC/m);
    // A verdict line per target; the five on these scenarios have a verdict, the two on 10 MiB artifacts n/a.
    const targetLines = lines.filter((line) => /^ {2}(PASS|MISS|bounded|n\/a) +\S/.test(line));
    expect(targetLines).toHaveLength(7);
    expect(targetLines.filter((line) => /^ {2}(PASS|MISS|bounded) /.test(line))).toHaveLength(5);

    const report = JSON.parse(readFileSync(join(resultsDir, 'latest.json'), 'utf-8')) as BenchReport;
    expect(report.settings).toMatchObject({
      durationSeconds: 1,
      repetitions: 1,
      scenarios: SCENARIOS,
      servers: SERVERS,
    });
    const runs = report.runs.map(({ scenarioId, server, generator }) => `${scenarioId} ${server} ${generator}`).sort();
    expect(runs).toEqual(SCENARIOS.flatMap((id) => SERVERS.map((server) => `${id} ${server} wrk`)).sort());
    for (const run of report.runs) {
      expect(run.failure, `${run.scenarioId} ${run.server}`).toBeUndefined();
      expect(run.measurement, `${run.scenarioId} ${run.server}`).toBeDefined();
    }
    expect(report.targets.map((target) => target.verdict)).not.toContain(undefined);
    expect(readFileSync(join(resultsDir, 'latest.md'), 'utf-8')).toContain('| scenario | server | runs |');
  }, 150_000);
});
