/**
 * bench/secrets, one command (`pnpm bench:secrets`), two questions:
 *
 * 1. Scanner: paved scan secrets --all against the secretlint CLI (13.0.6, recommended preset, the
 *    best alternative that runs here; see docs/security.md) on the same corpus: real files copied
 *    from node_modules plus the detectors' shared samples (libs/security/secrets/src/detectors/
 *    samples: a fake secret of every kind, generated at random for this run, and look-alikes that
 *    are not secrets). Prints wall time (median and range) and files/s, then per kind each tool's
 *    recall (found exactly the planted secret, or a finding overlapping it on its line) and how
 *    many look-alike files it flagged.
 * 2. Hook: the whole pre-commit hook (real `git commit`, husky, lint-staged: prettier, eslint and
 *    the secret scan) on one staged file in a 500-project synthetic workspace, with `paved lint`
 *    (the warm ESLint server) as the hook's lint step; p50 against the 1 s target, the same hook
 *    with ESLint's CLI, and the parts measured alone, to say what dominates.
 *
 *   BENCH_REAL_FILES=3000 BENCH_PLANTED=3 BENCH_RUNS=3 BENCH_PROJECTS=500 BENCH_HOOK_RUNS=7
 *   BENCH_ONLY=scanner|hook   one half only
 *   BENCH_ONLY=accuracy       the samples alone, each tool once: recall and false positives in seconds
 */
import { lintStagedWithSecretScan, ScratchWorkspace, syntheticPolicy, writeSyntheticProjects } from '@paved/scratch';
import { readdirSync, rmSync, statSync, readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { basename, join } from 'node:path';
import { allSamples } from '../../libs/security/secrets/src/detectors/samples';
import {
  git,
  isFound,
  locate,
  median,
  pavedEntry,
  pavedFindings,
  plantRepository,
  ratio,
  repoRoot,
  run,
  runPaved,
  runSecretlint,
  secretlintBin,
  secretlintFindings,
  spread,
  verdictsOf,
  type Located,
} from './scanners';

const only = process.env.BENCH_ONLY;
if (only && !['scanner', 'hook', 'accuracy'].includes(only))
  throw new Error(`BENCH_ONLY must be scanner, hook or accuracy, got "${only}"`);
const accuracyOnly = only === 'accuracy';
const realFiles = accuracyOnly ? 0 : Number(process.env.BENCH_REAL_FILES ?? 3000);
const plantedPerSample = Number(process.env.BENCH_PLANTED ?? 3);
const runs = accuracyOnly ? 1 : Number(process.env.BENCH_RUNS ?? 3);
const projects = Number(process.env.BENCH_PROJECTS ?? 500);
const hookRuns = Number(process.env.BENCH_HOOK_RUNS ?? 7);

const bin = (name: string) => join(repoRoot, 'node_modules', '.bin', name);
// What the pre-commit hook runs: the CLI from its cached bundle (built from source on first use).
const pavedCommand = [pavedEntry(), 'scan', 'secrets'];

/** Real third-party source and docs, sorted so every run picks the same files. */
function ordinaryFiles(limit: number): string[] {
  const store = join(repoRoot, 'node_modules', '.pnpm');
  const picked: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (picked.length >= limit) return;
      const path = join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== '.bin') walk(path);
      else if (entry.isFile() && /\.(?:[cm]?js|ts|json|md)$/.test(entry.name) && statSync(path).size < 200_000)
        picked.push(path);
    }
  };
  for (const pkg of readdirSync(store).sort()) {
    if (picked.length >= limit) break;
    if (pkg !== 'node_modules' && pkg !== 'lock.yaml') walk(join(store, pkg, 'node_modules'));
  }
  return picked;
}

/** One planted sample file: its kind, and where its secret is (none for a look-alike). */
interface Planted {
  kind: string;
  secret?: { line: number; column: number; length: number };
}

function buildCorpus(): { root: string; planted: Map<string, Planted>; files: number } {
  const files: [string, string][] = ordinaryFiles(realFiles).map((file, index) => [
    `real/${index}-${basename(file)}`,
    readFileSync(file, 'utf-8'),
  ]);
  const planted = new Map<string, Planted>();
  allSamples.forEach((sample, sampleIndex) => {
    for (let copy = 0; copy < plantedPerSample; copy += 1) {
      // The sample's own path (structured detectors read `.netrc`, `nuget.config` by name), in a folder of its own.
      const path = `samples/${sampleIndex}-${copy}/${sample.file}`;
      const { text, secret } = sample.make();
      const at = secret === undefined ? undefined : locate(text, secret);
      if (secret !== undefined && !at)
        throw new Error(`sample ${sample.kind} (${sample.file}): its secret is not in its text`);
      files.push([path, text]);
      planted.set(path, { kind: sample.kind, ...(at ? { secret: at } : {}) });
    }
  });
  const root = plantRepository('paved-secrets-bench-', files);
  return { root, planted, files: files.length + 2 };
}

interface Tally {
  positives: number;
  found: number;
  exact: number;
  lookAlikes: number;
  flagged: number;
}
const emptyTally = (): Tally => ({ positives: 0, found: 0, exact: 0, lookAlikes: 0, flagged: 0 });

/** Per kind and overall: recall on planted secrets and look-alike files flagged. */
function tally(planted: Map<string, Planted>, findings: readonly Located[]) {
  const verdicts = verdictsOf(new Map([...planted].map(([file, { secret }]) => [file, secret])), findings);
  const perKind = new Map<string, Tally>();
  const overall = emptyTally();
  for (const [file, { kind, secret }] of planted) {
    const counts = perKind.get(kind) ?? emptyTally();
    perKind.set(kind, counts);
    const verdict = verdicts.get(file)?.verdict ?? 'missed';
    for (const t of [counts, overall]) {
      if (secret) {
        t.positives += 1;
        if (isFound(verdict)) t.found += 1;
        if (verdict === 'exact') t.exact += 1;
      } else {
        t.lookAlikes += 1;
        if (verdict !== 'missed') t.flagged += 1;
      }
    }
  }
  const realFlagged = new Set(findings.map((f) => f.file).filter((file) => file.startsWith('real/'))).size;
  return { perKind, overall, realFlagged };
}

function scannerComparison(): void {
  const corpus = buildCorpus();
  try {
    const positives = [...corpus.planted.values()].filter((p) => p.secret).length;
    console.log(
      `\ncorpus: ${realFiles} real files from node_modules + ${corpus.planted.size} sample files (${allSamples.length} samples of ${new Set(allSamples.map((s) => s.kind)).size} kinds x ${plantedPerSample}: ${positives} secrets, ${corpus.planted.size - positives} look-alikes)`,
    );
    if (allSamples.length === 0)
      console.log(
        'no shared samples yet (libs/security/secrets/src/detectors/samples is empty): accuracy is not measured',
      );

    const pavedTimes: number[] = [];
    const secretlintTimes: number[] = [];
    let pavedLast: ReturnType<typeof run> | undefined;
    let secretlintLast: ReturnType<typeof run> | undefined;
    for (let index = 0; index < runs; index += 1) {
      pavedLast = runPaved(corpus.root);
      pavedTimes.push(pavedLast.ms);
      secretlintLast = runSecretlint(corpus.root);
      secretlintTimes.push(secretlintLast.ms);
    }
    if (!pavedLast || !secretlintLast) throw new Error('BENCH_RUNS must be at least 1');
    const paved = tally(corpus.planted, pavedFindings(pavedLast));
    const secretlint = tally(corpus.planted, secretlintFindings(secretlintLast, corpus.root));

    const files = corpus.files;
    const pavedMs = median(pavedTimes);
    const secretlintMs = median(secretlintTimes);
    console.log(
      `\n| tool | wall time, ms: median (min–max of ${runs}) | files/s | recall | exact secret | look-alikes flagged | real files flagged |`,
    );
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
    const row = (name: string, times: number[], result: ReturnType<typeof tally>) =>
      console.log(
        `| ${name} | ${spread(times)} | ${Math.round(files / (median(times) / 1000))} | ${ratio(result.overall.found, result.overall.positives)} | ${ratio(result.overall.exact, result.overall.positives)} | ${ratio(result.overall.flagged, result.overall.lookAlikes)} | ${result.realFlagged} |`,
      );
    row('paved scan secrets --all (cached bundle, whole process)', pavedTimes, paved);
    row('secretlint 13.0.6 CLI, recommended preset', secretlintTimes, secretlint);
    console.log(
      accuracyOnly
        ? '\n(BENCH_ONLY=accuracy: one run on the samples alone; its times are not a benchmark)'
        : `\nthroughput ratio (paved / secretlint CLI): ${(secretlintMs / pavedMs).toFixed(2)}x`,
    );

    console.log(
      '\n| kind | paved recall | secretlint recall | paved look-alikes flagged | secretlint look-alikes flagged |',
    );
    console.log('| --- | ---: | ---: | ---: | ---: |');
    for (const kind of [...paved.perKind.keys()].sort()) {
      const p = paved.perKind.get(kind) ?? emptyTally();
      const s = secretlint.perKind.get(kind) ?? emptyTally();
      console.log(
        `| ${kind} | ${ratio(p.found, p.positives)} | ${ratio(s.found, s.positives)} | ${ratio(p.flagged, p.lookAlikes)} | ${ratio(s.flagged, s.lookAlikes)} |`,
      );
    }
  } finally {
    rmSync(corpus.root, { recursive: true, force: true });
  }
}

function hookBench(): void {
  // The warm lint server is what the hook uses on a developer's machine; CI would turn it off.
  process.env.PAVED_LINT_SERVER = 'on';
  const ws = ScratchWorkspace.create({ toolchainRoot: repoRoot, policy: syntheticPolicy });
  const pavedLint = ['node', pavedEntry(), 'lint', '--fix'].join(' ');
  try {
    writeSyntheticProjects(ws.root, {
      projects,
      filesPerProject: 5,
      dependenciesPerProject: 3,
      violationRate: 0,
      seed: 7,
    });
    ws.commitAll('synthetic workspace');
    // This repository's hook shape: prettier and paved lint per file, the secret scan once per commit.
    ws.installSecretScanHook(['node', ...pavedCommand, '--staged'].join(' '), pavedLint);
    const scope = readdirSync(ws.path('libs')).sort()[0];
    const project = readdirSync(ws.path(`libs/${scope}`)).sort()[0];
    const file = `libs/${scope}/${project}/src/file0.ts`;
    console.log(
      `\nworkspace: ${projects} projects x 7 files, git-tracked; staged: ${file} (one line changed per commit)`,
    );

    const stageChange = (index: number) => {
      ws.write(file, `${ws.read(file)}export const touched${index} = ${index};\n`);
      git(ws.root, 'add', file);
    };
    const parts = {
      commit: [] as number[],
      noVerify: [] as number[],
      scan: [] as number[],
      secretlint: [] as number[],
      pavedLint: [] as number[],
      eslint: [] as number[],
      eslintConfig: [] as number[],
      prettier: [] as number[],
    };
    let cold = 0;
    for (let index = 0; index <= hookRuns; index += 1) {
      stageChange(index);
      // The parts alone, on the same staged change, before the commit consumes it.
      const scan = run(process.execPath, [...pavedCommand, '--staged'], ws.root);
      if (scan.status !== 0) throw new Error(`scan failed: ${scan.stdout}${scan.stderr}`);
      const secretlint = run(secretlintBin, [file], ws.root);
      const lint = run(process.execPath, [pavedEntry(), 'lint', file], ws.root);
      if (lint.status !== 0) throw new Error(`paved lint failed: ${lint.stdout}${lint.stderr}`);
      const eslint = run(bin('eslint'), ['--no-warn-ignored', file], ws.root);
      const eslintConfig = run(bin('eslint'), ['--print-config', file], ws.root);
      const prettier = run(bin('prettier'), ['--check', file], ws.root);
      const commit = run('git', ['commit', '-q', '-m', `change ${index}`], ws.root);
      if (commit.status !== 0) throw new Error(`git commit failed:\n${commit.stdout}\n${commit.stderr}`);
      stageChange(index + 1000);
      const noVerify = run('git', ['commit', '-q', '--no-verify', '-m', `baseline ${index}`], ws.root);
      // The first round warms Nx's project graph cache (read by the ESLint boundary rule) and starts
      // the warm lint server: reported apart.
      if (index === 0) {
        cold = commit.ms;
        continue;
      }
      parts.commit.push(commit.ms);
      parts.noVerify.push(noVerify.ms);
      parts.scan.push(scan.ms);
      parts.secretlint.push(secretlint.ms);
      parts.pavedLint.push(lint.ms);
      parts.eslint.push(eslint.ms);
      parts.eslintConfig.push(eslintConfig.ms);
      parts.prettier.push(prettier.ms);
    }
    // The same hook with ESLint's CLI instead of paved lint (what every commit paid before the warm
    // server), and without the secret scan: what each adds to a commit.
    let change = 2000;
    const commitsWith = (hook: string, label: string): number[] => {
      ws.write('.lintstagedrc.mjs', hook);
      ws.commitAll(`hook: ${label}`);
      return Array.from({ length: hookRuns }, (_, index) => {
        stageChange((change += 1));
        const commit = run('git', ['commit', '-q', '-m', `${label} ${index}`], ws.root);
        if (commit.status !== 0) throw new Error(`git commit failed:\n${commit.stdout}\n${commit.stderr}`);
        return commit.ms;
      });
    };
    const withoutScan = commitsWith(lintStagedWithSecretScan({ lint: pavedLint }), 'no scan');
    const withEslintCli = commitsWith(
      lintStagedWithSecretScan({ scan: ['node', ...pavedCommand, '--staged'].join(' ') }),
      'eslint cli',
    );
    const p50 = (values: number[]) => Math.round(median(values));
    console.log('\n| step (one staged file) | p50 (min–max), ms |');
    console.log('| --- | ---: |');
    console.log(`| git commit with the whole hook (husky + lint-staged, paved lint warm) | ${spread(parts.commit)} |`);
    console.log(`| git commit with the same hook minus the secret scan | ${spread(withoutScan)} |`);
    console.log(`| git commit with the same hook, ESLint's CLI instead of paved lint | ${spread(withEslintCli)} |`);
    console.log(`| git commit --no-verify (git alone) | ${spread(parts.noVerify)} |`);
    console.log(`| paved scan secrets --staged alone | ${spread(parts.scan)} |`);
    console.log(`| secretlint CLI on the staged file alone (alternative) | ${spread(parts.secretlint)} |`);
    console.log(`| paved lint on the file alone (warm server) | ${spread(parts.pavedLint)} |`);
    console.log(`| eslint CLI on the file alone | ${spread(parts.eslint)} |`);
    console.log(
      `| eslint --print-config on the file (loading the config, no linting) | ${spread(parts.eslintConfig)} |`,
    );
    console.log(`| prettier --check on the file alone | ${spread(parts.prettier)} |`);
    console.log(
      `\nfirst commit (cold Nx graph cache, no warm lint server yet; not in the p50): ${Math.round(cold)} ms; runs: ${parts.commit.length}`,
    );
    console.log(
      `target (whole hook p50 < 1000 ms): ${p50(parts.commit) < 1000 ? 'PASS' : 'MISS'}; ` +
        `ESLint's CLI instead / paved lint: ${(median(withEslintCli) / median(parts.commit)).toFixed(2)}x; load average now ${loadavg()[0].toFixed(1)}`,
    );
  } finally {
    run(process.execPath, [pavedEntry(), 'lint', '--stop'], ws.root);
    ws.dispose();
  }
}

console.log(
  `machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}; ${new Date().toISOString()}; load average ${loadavg()[0].toFixed(1)} (other work on the machine inflates every time)`,
);
// Builds the cached bundle if the sources changed since the last run, outside every timing.
const warm = run(process.execPath, [...pavedCommand, '--staged', '--cwd', repoRoot], repoRoot);
console.log(`paved CLI bundle ready in ${Math.round(warm.ms)} ms (includes the esbuild build after a source change)`);
if (only !== 'hook') scannerComparison();
if (only === undefined || only === 'hook') hookBench();
