/**
 * What bench/secrets and third-party.ts share: planting example files in a scratch git
 * repository, running the paved CLI and the secretlint CLI on it, and judging their findings
 * against what was planted. Findings carry positions and lengths only, never secrets.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';

export const repoRoot = join(__dirname, '..', '..');

export interface Timed {
  ms: number;
  status: number;
  stdout: string;
  stderr: string;
}

export function run(command: string, args: readonly string[], cwd: string): Timed {
  const started = performance.now();
  const result = spawnSync(command, args, { cwd, encoding: 'utf-8', maxBuffer: 1 << 30 });
  return {
    ms: performance.now() - started,
    // Killed by a signal (the OOM killer on a loaded machine) is a failure, never "findings".
    status: result.status ?? 128,
    stdout: result.stdout ?? '',
    stderr:
      (result.stderr ?? '') +
      (result.error ? String(result.error) : '') +
      (result.signal ? ` (killed by ${result.signal})` : ''),
  };
}

export const git = (cwd: string, ...args: string[]) => {
  const result = run('git', args, cwd);
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
};

/** A scratch repository under the system temp folder, with every file added to git's index. */
export function plantRepository(prefix: string, files: Iterable<[path: string, text: string]>): string {
  const root = mkdtempSync(join(tmpdir(), prefix));
  for (const [path, text] of files) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  // secretlint resolves its preset from the folder it runs in.
  symlinkSync(join(repoRoot, 'libs', 'security', 'secrets', 'node_modules'), join(root, 'node_modules'), 'dir');
  writeFileSync(join(root, '.gitignore'), 'node_modules\n');
  writeFileSync(
    join(root, '.secretlintrc.json'),
    JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }),
  );
  git(root, 'init', '-q');
  git(root, 'add', '-A');
  return root;
}

/** One reported secret: where it starts (1-based line and column) and how long it is. */
export interface Located {
  file: string;
  line: number;
  column: number;
  length: number;
  ruleId: string;
}

/** The paved CLI's entry: the pre-commit hook's cached bundle, of this checkout unless told another. */
export const pavedEntry = (checkout = repoRoot) => join(checkout, 'tools', 'cli', 'bin', 'paved.mjs');

export function runPaved(root: string, entry = pavedEntry()): Timed {
  return run(process.execPath, [entry, 'scan', 'secrets', '--all', '--format', 'json', '--cwd', root], root);
}

export function pavedFindings(result: Timed): Located[] {
  if (result.status > 1) throw new Error(`paved failed (exit ${result.status}): ${result.stderr}${result.stdout}`);
  const report = JSON.parse(result.stdout) as {
    findings: { file: string; line: number; column: number; ruleId: string; preview: string }[];
  };
  return report.findings.map((finding) => ({
    file: finding.file,
    line: finding.line,
    column: finding.column,
    // maskSecret's preview ends in "(<length> chars)": the length is all a judgement needs.
    length: Number(/\((\d+) chars\)$/.exec(finding.preview)?.[1] ?? 0),
    ruleId: finding.ruleId,
  }));
}

export const secretlintBin = join(repoRoot, 'node_modules', '.bin', 'secretlint');

export function runSecretlint(root: string): Timed {
  return run(secretlintBin, ['**/*', '--format', 'json'], root);
}

export function secretlintFindings(result: Timed, root: string): Located[] {
  if (result.status > 1) throw new Error(`secretlint failed (exit ${result.status}): ${result.stderr}`);
  const reports = JSON.parse(result.stdout) as {
    filePath: string;
    messages: { ruleId: string; range: [number, number]; loc: { start: { line: number; column: number } } }[];
  }[];
  return reports.flatMap((report) =>
    report.messages.map((message) => ({
      file: relative(root, report.filePath),
      line: message.loc.start.line,
      // secretlint's columns are 0-based.
      column: message.loc.start.column + 1,
      length: message.range[1] - message.range[0],
      ruleId: message.ruleId,
    })),
  );
}

/** Where `secret` sits in `text`, as a finding would say it; undefined when it is not there. */
export function locate(text: string, secret: string): { line: number; column: number; length: number } | undefined {
  const offset = text.indexOf(secret);
  if (offset === -1) return undefined;
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1, length: secret.length };
}

export type Verdict = 'exact' | 'overlap' | 'elsewhere' | 'missed';

/**
 * How a scanner did on one planted file: found exactly the secret, a finding overlapping it on its
 * line, only findings elsewhere in the file (not counted as found), or nothing. Without a known
 * secret, any finding in the file counts as found.
 */
export function verdictOf(
  findings: readonly Located[],
  planted: { line: number; column: number; length: number } | undefined,
): Verdict {
  if (findings.length === 0) return 'missed';
  if (!planted) return 'overlap';
  const end = planted.column + planted.length;
  if (findings.some((f) => f.line === planted.line && f.column === planted.column && f.length === planted.length))
    return 'exact';
  const onLine = findings.some(
    (f) => f.line === planted.line && f.column < end && planted.column < f.column + f.length,
  );
  // A multi-line secret (a key block) is reported from its first line.
  return onLine ? 'overlap' : 'elsewhere';
}

export const isFound = (verdict: Verdict) => verdict === 'exact' || verdict === 'overlap';

/**
 * Every planted file's verdict and its findings. `planted` maps a file to where its secret is, or to
 * undefined when the file's data does not say (an unknown secret, or a look-alike: any finding counts).
 */
export function verdictsOf(
  planted: ReadonlyMap<string, { line: number; column: number; length: number } | undefined>,
  findings: readonly Located[],
): Map<string, { verdict: Verdict; findings: Located[] }> {
  const inFile = new Map<string, Located[]>();
  for (const finding of findings) inFile.set(finding.file, [...(inFile.get(finding.file) ?? []), finding]);
  return new Map(
    [...planted].map(([file, secret]) => {
      const found = inFile.get(file) ?? [];
      return [file, { verdict: verdictOf(found, secret), findings: found }];
    }),
  );
}

/** One paved scan of a planted repository, judged file by file (see verdictsOf). */
export function pavedVerdicts(root: string, planted: Parameters<typeof verdictsOf>[0], entry = pavedEntry()) {
  return verdictsOf(planted, pavedFindings(runPaved(root, entry)));
}

export const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Median with min–max across runs: one run's time on a shared machine says little alone. */
export function spread(values: readonly number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  return `${Math.round(median(sorted))} (${Math.round(sorted[0])}–${Math.round(sorted[sorted.length - 1])})`;
}

export const ratio = (part: number, whole: number) =>
  whole === 0 ? '–' : `${part}/${whole} (${((100 * part) / whole).toFixed(part === whole || part === 0 ? 0 : 1)}%)`;
