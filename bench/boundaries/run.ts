/**
 * bench/boundaries: graph-level module boundaries (paved check) against the
 * ESLint rule @nx/enforce-module-boundaries with the same constraints, on one
 * synthetic workspace, in one run. Prints wall times, the ratio, and whether
 * both report the same violating project pairs.
 *
 *   pnpm bench:boundaries            1,000 projects x 10 files (BENCH_PROJECTS, BENCH_FILES, BENCH_RUNS to change)
 */
import {
  eslintBoundaryPairs,
  ScratchWorkspace,
  syntheticPolicy,
  writeSyntheticProjects,
  type RunResult,
} from '@paved/scratch';
import { spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

const repoRoot = join(__dirname, '..', '..');
const projects = Number(process.env.BENCH_PROJECTS ?? 1000);
const filesPerProject = Number(process.env.BENCH_FILES ?? 10);
const runs = Number(process.env.BENCH_RUNS ?? 3);

function timed(run: () => RunResult): { ms: number; result: RunResult } {
  const started = performance.now();
  const result = run();
  return { ms: performance.now() - started, result };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const pavedBundle = join(repoRoot, 'dist', 'tools', 'cli', 'main.cjs');

function buildCli(): void {
  const build = spawnSync(join(repoRoot, 'node_modules', '.bin', 'nx'), ['run', 'cli:build', '--outputStyle=static'], {
    cwd: repoRoot,
    encoding: 'utf-8',
    env: { ...process.env, NX_DAEMON: 'false' },
  });
  if (build.status !== 0) throw new Error(`nx run cli:build failed:\n${build.stdout}\n${build.stderr}`);
}

function main(): void {
  buildCli();
  const ws = ScratchWorkspace.create({ toolchainRoot: repoRoot, policy: syntheticPolicy });
  try {
    console.log(`machine: ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`);
    const synthetic = writeSyntheticProjects(ws.root, {
      projects,
      filesPerProject,
      dependenciesPerProject: 3,
      violationRate: 0.02,
      seed: 42,
    });
    ws.write(
      'eslint.boundaries.config.ts',
      "import { pavedBoundariesOnlyConfig } from '@paved/nx/eslint';\n\nexport default pavedBoundariesOnlyConfig();\n",
    );
    const files = projects * (filesPerProject + 2);
    console.log(
      `workspace: ${projects} projects, ${files} TypeScript files, ${synthetic.imports.length} imports, ${synthetic.expectedViolations.size} seeded violating pairs`,
    );

    // Both tools read the project graph Nx caches; build it once, outside the timings.
    const graph = timed(() => ws.nx(['show', 'projects', '--json']));
    if (graph.result.status !== 0) throw new Error(graph.result.stderr);
    console.log(`nx project graph (shared, not timed below): ${Math.round(graph.ms)} ms`);

    // The paved CLI as shipped (one bundled file) and ESLint's own CLI. Like the ESLint rule, paved reads
    // the graph Nx cached above (--cached-graph); the fresh-graph time is reported too.
    const pavedCli =
      (...extra: string[]) =>
      () =>
        ws.run(process.execPath, [pavedBundle, 'check', '--format', 'json', '--cwd', ws.root, ...extra]);
    const paved = pavedCli('--cached-graph');
    const eslint = () => ws.run('eslint', ['-c', 'eslint.boundaries.config.ts', '--format', 'json', 'libs']);

    const pavedTimes: number[] = [];
    const checkTimes: number[] = [];
    const eslintTimes: number[] = [];
    let pavedOutput = '';
    let eslintOutput = '';
    for (let run = 1; run <= runs; run += 1) {
      const ours = timed(paved);
      pavedTimes.push(ours.ms);
      pavedOutput = ours.result.stdout;
      checkTimes.push(JSON.parse(pavedOutput).durationMs ?? NaN);
      const theirs = timed(eslint);
      eslintTimes.push(theirs.ms);
      eslintOutput = theirs.result.stdout;
      console.log(`run ${run}/${runs}: paved check ${Math.round(ours.ms)} ms, eslint ${Math.round(theirs.ms)} ms`);
    }

    const ours = new Set(
      (JSON.parse(pavedOutput).findings as { ruleId: string; fingerprint: string }[])
        .filter((f) => f.ruleId === 'module-boundaries')
        .map((f) => f.fingerprint.replace('module-boundaries:', '')),
    );
    const theirs = eslintBoundaryPairs(eslintOutput, synthetic.imports, ws.root);
    const same = ours.size === theirs.size && [...ours].every((pair) => theirs.has(pair));
    const expected =
      [...synthetic.expectedViolations].every((pair) => ours.has(pair)) &&
      ours.size === synthetic.expectedViolations.size;

    const fresh = timed(pavedCli());
    const pavedMs = median(pavedTimes);
    const eslintMs = median(eslintTimes);
    console.log('\n| tool | median wall time (ms) | violating pairs |');
    console.log('| --- | ---: | ---: |');
    console.log(`| paved check --cached-graph (bundled CLI, whole process) | ${Math.round(pavedMs)} | ${ours.size} |`);
    console.log(`| eslint + @nx/enforce-module-boundaries only | ${Math.round(eslintMs)} | ${theirs.size} |`);
    console.log(
      `| paved check building a fresh graph (as in CI), 1 run | ${Math.round(fresh.ms)} | ${JSON.parse(fresh.result.stdout).findings.length} |`,
    );
    console.log(
      `\nratio (eslint / paved check, both on the cached graph): ${(eslintMs / pavedMs).toFixed(1)}x; with a fresh graph: ${(eslintMs / fresh.ms).toFixed(1)}x; rule evaluation inside paved check: ${median(checkTimes)} ms`,
    );
    console.log(`verdicts identical: ${same ? 'yes' : 'NO'}; all seeded violations found: ${expected ? 'yes' : 'NO'}`);
    console.log(`target (>= 20x with identical verdicts): ${eslintMs / pavedMs >= 20 && same ? 'PASS' : 'MISS'}`);
  } finally {
    ws.dispose();
  }
}

main();
