/**
 * Paved's secret detection measured on other scanners' own test examples, locally and never
 * committed: this script holds no data. Fetch a scanner's repository at run time (the `fetch` tool
 * of this project's sessions, or `git clone`) into a folder outside the repository, then:
 *
 *   pnpm bench:secrets:third-party [--paved-ref <git ref>] [--report <file.md>] [--seed <text>] <repository>...
 *
 * <repository> is a checkout or a bare git directory of gitleaks (its rule generator's tps/fps
 * lists, cmd/generate/config/rules), secretlint (its rules' test snapshots), detect-secrets (its
 * plugins' tests' (line, should_flag) pairs), trufflehog (its detectors' test cases), Nosey Parker or
 * Kingfisher (their rule files' examples and negative examples), or ripsecrets (its test files: one
 * secret per line, one per file, none). Each example becomes one file of a scratch repository
 * under the temp folder, scanned with `paved scan secrets --all` of this checkout, or of
 * `--paved-ref` (exported with git archive to the temp folder: other checkouts are not touched).
 * With --with-secretlint the secretlint CLI scans the same files, for comparison. gitleaks' examples
 * are mostly secrets its generator draws from a regex at random; here they are drawn from --seed
 * (default 1), so two runs (two commits of Paved) judge the same examples, and another seed
 * shows how much a figure owes to the draw.
 * The report (markdown; stdout unless --report) gives recall and false positives per source and
 * per kind, the kinds missed, and misses grouped by kind and by context, every value masked.
 * --dump <file.json> writes every judged example unmasked (text, verdict, findings) for reading
 * the misses and false positives themselves; like the report, it must stay outside the repository.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import {
  git,
  isFound,
  locate,
  pavedEntry,
  pavedVerdicts,
  runSecretlint,
  secretlintFindings,
  verdictsOf,
  plantRepository,
  ratio,
  repoRoot,
  run,
  type Located,
  type Verdict,
} from './scanners';
import { examplesIn, type ThirdPartyExample } from './third-party/sources';

interface Judged extends ThirdPartyExample {
  verdict: Verdict;
  findings: Located[];
  /** The secretlint CLI's verdict on the same file (with --with-secretlint). */
  secretlint?: Verdict;
}

function usage(message: string): never {
  console.error(
    `${message}\nusage: third-party.ts [--paved-ref <git ref>] [--report <file.md>] [--dump <file.json>] [--seed <text>] [--with-secretlint] <repository>...`,
  );
  process.exit(2);
}

function parseArguments(argv: string[]) {
  const roots: string[] = [];
  let ref: string | undefined;
  let report: string | undefined;
  let withSecretlint = false;
  let dump: string | undefined;
  let seed = '1';
  for (let index = 0; index < argv.length; index += 1) {
    const value = argv[index];
    if (value === '--paved-ref') ref = argv[++index] ?? usage('--paved-ref needs a git ref');
    else if (value === '--report') report = argv[++index] ?? usage('--report needs a file');
    else if (value === '--with-secretlint') withSecretlint = true;
    else if (value === '--dump') dump = argv[++index] ?? usage('--dump needs a file');
    else if (value === '--seed') seed = argv[++index] ?? usage('--seed needs a value (any text)');
    else if (value.startsWith('-')) usage(`unknown option ${value}`);
    else roots.push(value);
  }
  if (roots.length === 0) usage('name at least one fetched scanner repository');
  for (const root of roots) if (!existsSync(root)) usage(`${root}: no such folder`);
  if (report && relative(repoRoot, report) && !relative(repoRoot, report).startsWith('..'))
    usage(`--report ${report}: write the report outside the repository (it quotes third-party examples, masked)`);
  if (dump && relative(repoRoot, dump) && !relative(repoRoot, dump).startsWith('..'))
    usage(`--dump ${dump}: write the dump outside the repository (it holds third-party examples unmasked)`);
  return { roots, ref, report, withSecretlint, dump, seed };
}

/** `ref` of this repository as a tree under the temp folder, sharing this checkout's installed packages. */
function exportCheckout(ref: string): { root: string; commit: string } {
  const commit = git(repoRoot, 'rev-parse', '--verify', `${ref}^{commit}`).trim();
  const root = mkdtempSync(join(tmpdir(), 'paved-third-party-checkout-'));
  const archive = run('sh', ['-c', `git -C "${repoRoot}" archive ${commit} | tar -x -C "${root}"`], repoRoot);
  if (archive.status !== 0) throw new Error(`git archive ${ref}: ${archive.stderr}`);
  // pnpm installs a node_modules per project; link each one this checkout has.
  const link = (dir: string, depth: number) => {
    for (const entry of readdirSync(join(repoRoot, dir), { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.name === 'node_modules') {
        if (existsSync(join(root, dir))) symlinkSync(join(repoRoot, path), join(root, path), 'dir');
      } else if (depth < 3) link(path, depth + 1);
    }
  };
  link('', 0);
  return { root, commit };
}

// Whitespace and control characters shown as `·`, so a masked value stays on its table row.
const mask = (value: string) => `${value.slice(0, 4).replace(/[^\x21-\x7e]/g, '·')}…(${value.length})`;
/** The secret when the example says which it is, else its longest token-like run: what a reader needs to recognise it. */
const valueOf = (example: ThirdPartyExample) =>
  example.secret ??
  [...example.text.matchAll(/[\w+/=.~:-]{8,}/g)].map((m) => m[0]).sort((a, b) => b.length - a.length)[0] ??
  example.text.trim();
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function judge(examples: ThirdPartyExample[], entry: string, withSecretlint: boolean): Judged[] {
  const paths = examples.map((example, index) => `examples/${example.source}/${index}/${example.file}`);
  const root = plantRepository(
    'paved-third-party-',
    examples.map((example, index) => [paths[index], example.text]),
  );
  try {
    const planted = new Map(
      examples.map((example, index) => [
        paths[index],
        example.positive && example.secret ? locate(example.text, example.secret) : undefined,
      ]),
    );
    const verdicts = pavedVerdicts(root, planted, entry);
    const secretlint = withSecretlint ? verdictsOf(planted, secretlintFindings(runSecretlint(root), root)) : undefined;
    return examples.map((example, index) => ({
      ...example,
      ...(verdicts.get(paths[index]) ?? { verdict: 'missed' as const, findings: [] }),
      ...(secretlint ? { secretlint: secretlint.get(paths[index])?.verdict ?? 'missed' } : {}),
    }));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** One over the number of positives that plant the same secret of the same kind and source: each distinct secret weighs one in total. */
function distinctWeights(positives: readonly Judged[]): (example: Judged) => number {
  const keyOf = (example: Judged) => `${example.source}\0${example.kind}\0${example.secret ?? example.origin}`;
  const counts = countMap(positives.map(keyOf));
  return (example) => 1 / (counts.get(keyOf(example)) ?? 1);
}

function distinctRecall(positives: readonly Judged[], weightOf: (example: Judged) => number): string {
  const total = positives.reduce((sum, example) => sum + weightOf(example), 0);
  const found = positives
    .filter((example) => isFound(example.verdict))
    .reduce((sum, example) => sum + weightOf(example), 0);
  return total === 0 ? '–' : `${found.toFixed(0)}/${total.toFixed(0)} (${((100 * found) / total).toFixed(1)}%)`;
}

function report(judged: Judged[], header: string[], notes: string[]): string {
  const lines = [...header, ''];
  const positives = judged.filter((j) => j.positive);
  const lookAlikes = judged.filter((j) => !j.positive);
  const found = positives.filter((j) => isFound(j.verdict));
  const flagged = lookAlikes.filter((j) => j.verdict !== 'missed');
  lines.push(
    '## Summary',
    '',
    '| source | kinds | recall | recall, each distinct secret once | exact secret | found elsewhere in the file only | mean recall per kind | kinds at recall ≥ 0.8 | look-alikes flagged (FP rate) |',
  );
  lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  const weightOf = distinctWeights(positives);
  const sources = [...new Set(judged.map((j) => j.source))];
  for (const source of [...sources, 'all']) {
    const mine = judged.filter((j) => source === 'all' || j.source === source);
    const pos = mine.filter((j) => j.positive);
    const neg = mine.filter((j) => !j.positive);
    const perKind = [...groupBy(pos, (j) => `${j.source}/${j.kind}`).values()].map(
      (list) => list.filter((j) => isFound(j.verdict)).length / list.length,
    );
    const meanRecall = perKind.length ? (perKind.reduce((a, b) => a + b, 0) / perKind.length).toFixed(2) : '–';
    lines.push(
      `| ${source} | ${perKind.length} | ${ratio(pos.filter((j) => isFound(j.verdict)).length, pos.length)} | ${distinctRecall(pos, weightOf)} | ${ratio(pos.filter((j) => j.verdict === 'exact').length, pos.length)} | ${pos.filter((j) => j.verdict === 'elsewhere').length} | ${meanRecall} | ${ratio(perKind.filter((r) => r >= 0.8).length, perKind.length)} | ${ratio(neg.filter((j) => j.verdict !== 'missed').length, neg.length)} |`,
    );
  }
  lines.push(
    '',
    `Overall: recall ${ratio(found.length, positives.length)} (each distinct secret once: ${distinctRecall(positives, weightOf)}), false-positive rate ${ratio(flagged.length, lookAlikes.length)}.`,
    '"Each distinct secret once" weighs every positive by one over the number of files that plant the same secret of the same kind (gitleaks plants a generated secret in 26 templates): the recall of a corpus in which each example occurs once.',
    'Recall counts a positive as found when a finding is exactly its secret or overlaps it on its line (for examples whose data does not say which part is the secret, any finding in the file). "Found elsewhere" are positives with findings, none on the secret: counted as missed.',
    "gitleaks plants each generated secret in every template of its sample generator (26 shapes: ini, JSON, XML, YAML, code strings, Makefiles), so a kind with a generated example weighs 26 times a literal one. secretlint's fixtures are placeholder-heavy (`AAAA…`, `aBcDeF…`, `xxxx`), which paved calls placeholders. trufflehog's look-alikes are mostly malformed values next to the vendor's keyword, some are well-formed values with the keyword too far away (a generic rule flagging those is not plainly wrong: read them before tuning), and its positives rely on that keyword being near. Generated secrets come from the seed above: the same seed judges the same examples, and another seed moves recall per file by a few tenths of a percent.",
    ...notes.map((note) => `Note: ${note}`),
  );
  if (judged.some((j) => j.secretlint)) {
    lines.push('', '### The secretlint CLI (recommended preset) on the same files', '');
    lines.push('| source | recall | exact secret | look-alikes flagged (FP rate) |', '| --- | ---: | ---: | ---: |');
    for (const source of [...sources, 'all']) {
      const mine = judged.filter((j) => source === 'all' || j.source === source);
      const pos = mine.filter((j) => j.positive);
      const neg = mine.filter((j) => !j.positive);
      lines.push(
        `| ${source} | ${ratio(pos.filter((j) => j.secretlint && isFound(j.secretlint)).length, pos.length)} | ${ratio(pos.filter((j) => j.secretlint === 'exact').length, pos.length)} | ${ratio(neg.filter((j) => j.secretlint && j.secretlint !== 'missed').length, neg.length)} |`,
      );
    }
  }

  const kinds = groupBy(positives, (j) => `${j.source}/${j.kind}`);
  const missedKinds = [...kinds].filter(([, list]) => list.every((j) => !isFound(j.verdict)));
  lines.push('', `## Kinds missed entirely (${missedKinds.length} of ${kinds.size})`, '');
  lines.push(
    missedKinds.length ? missedKinds.map(([kind, list]) => `\`${kind}\` (${list.length})`).join(', ') : 'none',
  );

  lines.push(
    '',
    '## Recall per kind (weakest first)',
    '',
    '| kind | recall | exact | missed contexts |',
    '| --- | ---: | ---: | --- |',
  );
  const recallOf = (list: Judged[]) => list.filter((j) => isFound(j.verdict)).length / list.length;
  for (const [kind, list] of [...kinds].sort((a, b) => recallOf(a[1]) - recallOf(b[1]) || a[0].localeCompare(b[0]))) {
    const missedContexts = countBy(list.filter((j) => !isFound(j.verdict)).map((j) => j.context));
    lines.push(
      `| ${kind} | ${ratio(list.filter((j) => isFound(j.verdict)).length, list.length)} | ${list.filter((j) => j.verdict === 'exact').length} | ${cell(missedContexts)} |`,
    );
  }

  const misses = positives.filter((j) => !isFound(j.verdict));
  lines.push(
    '',
    `## Misses by context (${misses.length})`,
    '',
    '| context | missed | of | kinds missed there |',
    '| --- | ---: | ---: | --- |',
  );
  const contexts = countMap(positives.map((j) => j.context));
  for (const [context, total] of [...contexts].sort((a, b) => b[1] - a[1])) {
    const here = misses.filter((j) => j.context === context);
    if (here.length === 0) continue;
    lines.push(`| ${cell(context)} | ${here.length} | ${total} | ${cell(countBy(here.map((j) => j.kind)))} |`);
  }

  lines.push('', '## Misses by kind, with masked examples', '');
  lines.push(
    'Each: context, masked value (first 4 characters and length), where the example is in its repository, and what was found instead, if anything.',
    '',
  );
  for (const [kind, list] of kinds) {
    const missed = list.filter((j) => !isFound(j.verdict));
    if (missed.length === 0) continue;
    lines.push(`### ${kind}: missed ${missed.length} of ${list.length}`, '');
    for (const j of missed.slice(0, 12))
      lines.push(
        `- ${j.context}: \`${mask(valueOf(j))}\` in \`${j.file}\` (${j.origin})${j.findings.length ? `; found only ${j.findings.map((f) => `${f.ruleId} at line ${f.line}`).join(', ')}` : ''}`,
      );
    if (missed.length > 12) lines.push(`- … and ${missed.length - 12} more`);
    lines.push('');
  }

  lines.push(`## False positives (${flagged.length} of ${lookAlikes.length} look-alikes)`, '');
  lines.push(
    '| rule that fired | source/kind of the look-alike | context | masked value | origin |',
    '| --- | --- | --- | --- | --- |',
  );
  for (const j of [...flagged].sort((a, b) => a.findings[0].ruleId.localeCompare(b.findings[0].ruleId)))
    lines.push(
      `| ${[...new Set(j.findings.map((f) => f.ruleId))].join(', ')} | ${j.source}/${j.kind} | ${cell(j.context)} | \`${cell(mask(valueOf(j)))}\` | ${cell(j.origin)} |`,
    );
  const byRule = countBy(flagged.flatMap((j) => [...new Set(j.findings.map((f) => f.ruleId))]));
  lines.push('', `False positives by rule: ${byRule || 'none'}.`, '');
  return `${lines.join('\n')}\n`;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

function countMap(values: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}
/** "a 3, b 1", most frequent first; past `limit` entries, how many more. */
function countBy(values: string[], limit = 12): string {
  const sorted = [...countMap(values)].sort((a, b) => b[1] - a[1]);
  const shown = sorted.slice(0, limit).map(([value, count]) => `${value} ${count}`);
  return `${shown.join(', ')}${sorted.length > limit ? `, … ${sorted.length - limit} more` : ''}`;
}

function main(): void {
  const { roots, ref, report: reportPath, withSecretlint, dump, seed } = parseArguments(process.argv.slice(2));
  const checkout = ref ? exportCheckout(ref) : undefined;
  try {
    const examples: ThirdPartyExample[] = [];
    const notes: string[] = [];
    const header = ['# Paved secret detection on third-party test examples', ''];
    for (const root of roots) {
      const extracted = examplesIn(root, seed);
      examples.push(...extracted.examples);
      notes.push(...extracted.notes);
      const head = run(
        'git',
        ['--git-dir', existsSync(join(root, '.git')) ? join(root, '.git') : root, 'log', '-1', '--format=%H %cs'],
        root,
      );
      header.push(
        `- ${root}: ${extracted.examples.length} examples${head.status === 0 ? ` at ${head.stdout.trim()}` : ''}`,
      );
    }
    header.push(`- generated gitleaks secrets drawn from seed \`${seed}\``);
    const commit = checkout?.commit ?? git(repoRoot, 'rev-parse', 'HEAD').trim();
    header.push(
      `- paved: ${ref ? `${ref} (${commit.slice(0, 12)})` : `this checkout at ${commit.slice(0, 12)}${git(repoRoot, 'status', '--porcelain').trim() ? ' with uncommitted changes' : ''}`}, \`paved scan secrets --all\`; ${new Date().toISOString()}`,
      '- Generated by bench/secrets/third-party.ts; third-party data is read at run time and never committed. Values are masked: first 4 characters and length.',
    );
    const judged = judge(examples, pavedEntry(checkout?.root), withSecretlint);
    const text = report(judged, header, notes);
    if (dump) writeFileSync(dump, JSON.stringify(judged, null, 1));
    if (reportPath) {
      writeFileSync(reportPath, text);
      const positives = judged.filter((j) => j.positive);
      const lookAlikes = judged.filter((j) => !j.positive);
      console.log(
        `recall ${ratio(positives.filter((j) => isFound(j.verdict)).length, positives.length)} (each distinct secret once: ${distinctRecall(positives, distinctWeights(positives))}), false positives ${ratio(lookAlikes.filter((j) => j.verdict !== 'missed').length, lookAlikes.length)}; report: ${reportPath}`,
      );
    } else process.stdout.write(text);
  } finally {
    if (checkout) rmSync(checkout.root, { recursive: true, force: true });
  }
}

main();
