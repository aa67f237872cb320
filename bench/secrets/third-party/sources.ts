import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { GoEvaluator, tokenizeGo, type GoText, type GoValue } from './go-literals';
import { sampleOfRegex, seededRandom, type RandomBelow } from './regex-sample';

/** One example another scanner's tests use: a secret it must find, or a look-alike it must not. */
export interface ThirdPartyExample {
  /** Which scanner's test data: gitleaks, secretlint, detect-secrets. */
  source: string;
  /** Their name for the kind (gitleaks rule id, secretlint rule, detect-secrets plugin). */
  kind: string;
  /** Where it comes from in their repository, to look it up there (never the text). */
  origin: string;
  /** File name to plant it under (their path when they give one). */
  file: string;
  text: string;
  /** The exact secret, when their data says which part of the text it is. */
  secret?: string;
  positive: boolean;
  /** How the secret is carried: their template name, else a judgement of the text (see contextOf). */
  context: string;
}

/** A checkout or a bare git directory (what the `fetch` tool brings): list and read files. */
export class RepositoryFiles {
  private readonly bare: boolean;
  private listing?: string[];
  private readonly contents = new Map<string, string>();
  constructor(readonly root: string) {
    this.bare = !existsSync(join(root, '.git')) && existsSync(join(root, 'HEAD')) && existsSync(join(root, 'objects'));
  }

  list(): string[] {
    if (this.listing) return this.listing;
    if (this.bare) {
      const result = spawnSync('git', ['--git-dir', this.root, 'ls-tree', '-r', '--name-only', 'HEAD'], {
        encoding: 'utf-8',
        maxBuffer: 1 << 28,
      });
      this.listing = result.stdout.split('\n').filter(Boolean);
    } else {
      const files: string[] = [];
      const walk = (dir: string) => {
        for (const entry of readdirSync(dir, { withFileTypes: true })) {
          if (entry.name === '.git' || entry.name === 'node_modules') continue;
          const path = join(dir, entry.name);
          if (entry.isDirectory()) walk(path);
          else if (entry.isFile() && statSync(path).size < 2_000_000) files.push(relative(this.root, path));
        }
      };
      walk(this.root);
      this.listing = files;
    }
    return this.listing;
  }

  read(path: string): string {
    if (!this.bare) return readFileSync(join(this.root, path), 'utf-8');
    const cached = this.contents.get(path);
    if (cached !== undefined) return cached;
    const result = spawnSync('git', ['--git-dir', this.root, 'show', `HEAD:${path}`], {
      encoding: 'utf-8',
      maxBuffer: 1 << 28,
    });
    if (result.status !== 0) throw new Error(`cannot read ${path} from ${this.root}: ${result.stderr}`);
    return result.stdout;
  }

  /** Loads many files of a bare repository with one `git cat-file --batch` (one process, not one per file). */
  prefetch(paths: readonly string[]): void {
    if (!this.bare || paths.length === 0) return;
    const result = spawnSync('git', ['--git-dir', this.root, 'cat-file', '--batch'], {
      input: paths.map((path) => `HEAD:${path}`).join('\n') + '\n',
      maxBuffer: 1 << 30,
    });
    const output = result.stdout;
    let offset = 0;
    for (const path of paths) {
      const headerEnd = output.indexOf(10, offset);
      const header = output.subarray(offset, headerEnd).toString('utf-8');
      const size = /^\S+ blob (\d+)$/.exec(header)?.[1];
      if (size === undefined) {
        offset = headerEnd + 1; // "<object> missing"
        continue;
      }
      this.contents.set(path, output.subarray(headerEnd + 1, headerEnd + 1 + Number(size)).toString('utf-8'));
      offset = headerEnd + 1 + Number(size) + 1;
    }
  }

  has(path: string): boolean {
    return this.list().some((file) => file === path || file.startsWith(`${path}/`));
  }
}

/** How a secret sits in its text, judged from the text: what the misses are grouped by. */
export function contextOf(text: string, secret?: string): string {
  const line = secret ? (text.split('\n').find((l) => l.includes(secret)) ?? text) : text;
  if (/-----BEGIN [A-Z0-9 ]*(?:PRIVATE KEY|KEY BLOCK)/.test(text)) return 'key block';
  if (/^\s*kind:\s*["']?Secret/im.test(text)) return 'Kubernetes manifest';
  if (/\bcurl\b|\s--?(?:u|user|password|pass|token)\b[ =]/.test(line)) return 'command line';
  if (/[a-z][\w+.-]*:\/\/[^\s/]*:[^\s/@]*@/i.test(line)) return 'URL with credentials';
  if (/[a-z][\w+.-]*:\/\//i.test(line)) return 'URL';
  if (/\b(?:authorization|bearer|x-[\w-]+):?\s/i.test(line)) return 'HTTP header';
  if (/^\s*[{[]/.test(text) || /"[\w.-]+"\s*:\s*"/.test(line)) return 'JSON';
  if (/<[\w:-]+[\s>]/.test(text)) return 'XML';
  if (/^\s*-?\s*["']?[\w.-]+["']?:\s+\S/m.test(line) && !/[=;]/.test(line)) return 'YAML key';
  if (/[\w.-]+["']?\s*(?::=|=>|\?=|=|:)\s*/.test(line)) return 'assignment';
  if (/^\s*\S+\s*$/.test(line)) return 'bare token';
  return 'prose';
}

/** gitleaks' sample templates by family: the file extension to plant them under and the context they show. */
const templateFamilies: Record<string, { extension: string; context: string }> = {
  ini: { extension: 'ini', context: 'assignment (ini/env)' },
  json: { extension: 'json', context: 'JSON' },
  xml: { extension: 'xml', context: 'XML' },
  yaml: { extension: 'yaml', context: 'YAML key' },
  'c#': { extension: 'cs', context: 'string in code' },
  go: { extension: 'go', context: 'string in code' },
  java: { extension: 'java', context: 'string in code' },
  kotlin: { extension: 'kt', context: 'string in code' },
  php: { extension: 'php', context: 'string in code' },
  python: { extension: 'py', context: 'string in code' },
  misc: { extension: 'java', context: 'call argument in code' },
  make: { extension: 'mk', context: 'Makefile assignment' },
  logstash: { extension: 'conf', context: 'logstash setting' },
};
const familyOf = (template: string) =>
  templateFamilies[template.split(' ')[0].toLowerCase()] ?? { extension: 'txt', context: template };

/**
 * gitleaks: every rule function in cmd/generate/config/rules/*.go validates itself on `tps` and
 * `fps`. Literal examples are taken as written; generated ones (`secrets.NewSecret(regex)` inside
 * `utils.GenerateSampleSecret(s)`) are generated again here, in every template the generator uses:
 * from `seed` and the rule function's name, so the same seed gives the same secrets in every run.
 */
export function gitleaksExamples(
  repository: RepositoryFiles,
  seed: string,
): { examples: ThirdPartyExample[]; skipped: string[] } {
  const rulesDir = 'cmd/generate/config/rules/';
  const utilsDir = 'cmd/generate/config/utils/';
  const patterns = new Map<string, string>();
  for (const match of repository
    .read(`${utilsDir}patterns.go`)
    .matchAll(
      /func (\w{1,60})\((?:size string)?\) string \{[ \t\n]{1,20}return (?:fmt\.Sprintf\(`([^`]*)`, size\)|`([^`]*)`)/g,
    ))
    patterns.set(match[1], match[2] ?? match[3]);
  const templates = sampleTemplates(repository.read(`${utilsDir}generate.go`));
  let random: RandomBelow = seededRandom(seed);
  const calls = {
    'secrets.NewSecret': ([regex]: GoValue[]) => {
      if (!regex || Array.isArray(regex)) return undefined;
      try {
        return { text: sampleOfRegex(regex.text, random) };
      } catch {
        return undefined;
      }
    },
    'utils.GenerateSampleSecret': ([identifier, secret]: GoValue[]) => {
      if (!identifier || !secret || Array.isArray(identifier) || Array.isArray(secret)) return undefined;
      return { text: `${identifier.text}_api_token = "${secret.text}"`, secret: secret.text, template: 'ini' };
    },
    'utils.GenerateSampleSecrets': ([identifier, secret]: GoValue[]) => {
      if (!identifier || !secret || Array.isArray(identifier) || Array.isArray(secret)) return undefined;
      return templates.map(([template, shape]): GoText => ({
        text: shape
          .replaceAll('{i}', identifier.text)
          .replaceAll('{I}', identifier.text.toUpperCase())
          .replaceAll('{s}', secret.text),
        secret: secret.text,
        template,
      }));
    },
    ...Object.fromEntries(
      [...patterns].map(([name, shape]) => [
        `utils.${name}`,
        ([size]: GoValue[]) =>
          shape.includes('%s')
            ? size && !Array.isArray(size)
              ? { text: shape.replace('%s', size.text) }
              : undefined
            : { text: shape },
      ]),
    ),
  };

  const ruleFiles = repository
    .list()
    .filter((p) => p.startsWith(rulesDir) && p.endsWith('.go') && !p.endsWith('_test.go'));
  repository.prefetch(ruleFiles);
  const examples: ThirdPartyExample[] = [];
  const skipped: string[] = [];
  const assigned = { tps: /\btps\s{0,4}:?=/, fps: /\bfps\s{0,4}:?=/ };
  for (const path of ruleFiles) {
    const source = repository.read(path);
    for (const body of source.split(/\nfunc /).slice(1)) {
      const name = /^(\w+)/.exec(body)?.[1] ?? '?';
      const ruleId = /RuleID:\s*"([^"]+)"/.exec(body)?.[1];
      if (!ruleId || !/\b(?:tps|fps)\b/.test(body)) continue;
      random = seededRandom(`${seed}\0${name}`);
      const tokens = tokenizeGo(body);
      const variables = new Map<string, GoValue>();
      const evaluator = new GoEvaluator(tokens, variables, calls);
      // Straight-line assignments, in order: `x := expr`, `x = expr`.
      for (let index = 0; index < tokens.length - 2; index += 1) {
        const [target, operator] = [tokens[index], tokens[index + 1]];
        if (target.kind !== 'ident' || (operator.text !== ':=' && operator.text !== '=')) continue;
        if (index > 0 && [',', '.'].includes(tokens[index - 1].text)) continue;
        const [value, next] = evaluator.expression(index + 2);
        variables.set(target.text, value);
        index = next - 1;
      }
      for (const [variable, positive] of [
        ['tps', true],
        ['fps', false],
      ] as const) {
        const value = variables.get(variable);
        if (value === undefined) {
          if (assigned[variable].test(body)) skipped.push(`${path} ${name} ${variable}`);
          continue;
        }
        for (const [index, item] of (Array.isArray(value) ? value : [value]).entries()) {
          const family = item.template ? familyOf(item.template) : undefined;
          examples.push({
            source: 'gitleaks',
            kind: ruleId,
            origin: `${path} ${name}() ${variable}[${index}]`,
            file: item.path ?? `example.${family?.extension ?? 'txt'}`,
            text: item.text,
            ...(item.secret && item.text.includes(item.secret) ? { secret: item.secret } : {}),
            positive,
            context: family?.context ?? contextOf(item.text, item.secret),
          });
        }
      }
    }
  }
  return { examples, skipped };
}

/** The `samples := map[string]string{…}` templates of GenerateSampleSecrets, read from their source. */
function sampleTemplates(generateGo: string): [string, string][] {
  const start = generateGo.indexOf('func GenerateSampleSecrets');
  const body = generateGo.slice(
    start,
    generateGo.indexOf('\nfunc ', start + 1) === -1 ? undefined : generateGo.indexOf('\nfunc ', start + 1),
  );
  const tokens = tokenizeGo(body);
  const variables = new Map<string, GoValue>();
  const mapStart = tokens.findIndex((token, index) => token.text === 'samples' && tokens[index + 1]?.text === ':=');
  const [value] = new GoEvaluator(tokens, variables, {}).expression(mapStart + 2);
  if (!Array.isArray(value) || value.length === 0)
    throw new Error('gitleaks: GenerateSampleSecrets templates not found');
  return value.map((item) => [item.path ?? '?', item.text]);
}

/**
 * secretlint: each rule's test/snapshots/<case>/input.* with output.json, which lists the
 * messages (and their ranges) the rule must report on it: none means a look-alike.
 */
export function secretlintExamples(repository: RepositoryFiles): { examples: ThirdPartyExample[]; skipped: string[] } {
  const examples: ThirdPartyExample[] = [];
  const skipped: string[] = [];
  // Rules about a file's name or the user's own patterns are not kinds of secret.
  const notKinds = /^(?:secretlint-rule-(?:preset-\w+|pattern|example|filter-comments|no-dotenv|no-homedir))$/;
  const snapshot = /^packages\/@secretlint\/(secretlint-rule-[\w-]+)\/test\/snapshots\/([^/]+)\/(input\.[^/]+)$/;
  const files = new Set(repository.list());
  const cases = [...files].flatMap((input) => {
    const match = snapshot.exec(input);
    const output = input.replace(/input\.[^/]+$/, 'output.json');
    return match && !notKinds.test(match[1]) && files.has(output) ? [{ input, output, match }] : [];
  });
  repository.prefetch(cases.flatMap(({ input, output }) => [input, output]));
  for (const { input, output: outputPath, match } of cases) {
    const text = repository.read(input);
    // A binary fixture (a .p12 keystore) would not survive the trip through a text file.
    if (text.includes('\uFFFD') || text.includes('\0')) {
      skipped.push(input);
      continue;
    }
    let messages: { range?: [number, number] }[];
    try {
      messages =
        (JSON.parse(repository.read(outputPath)) as { messages?: { range?: [number, number] }[] }).messages ?? [];
    } catch {
      continue;
    }
    const first = messages.find((message) => message.range);
    const secret = first?.range ? text.slice(first.range[0], first.range[1]) : undefined;
    examples.push({
      source: 'secretlint',
      kind: match[1].replace(/^secretlint-rule-/, ''),
      origin: input,
      file: match[3],
      text,
      ...(secret ? { secret } : {}),
      positive: messages.length > 0,
      context: contextOf(text, secret),
    });
  }
  return { examples, skipped };
}

/**
 * detect-secrets: the plugins' tests (tests/plugins/*_test.py) list `(line, should_flag)` pairs.
 * Only plain string literals are taken; formatted or concatenated ones are left out.
 */
export function detectSecretsExamples(repository: RepositoryFiles): ThirdPartyExample[] {
  const examples: ThirdPartyExample[] = [];
  for (const path of repository.list().filter((p) => /^tests\/plugins\/\w+_test\.py$/.test(p))) {
    const kind = path.slice(path.lastIndexOf('/') + 1, -'_test.py'.length);
    if (kind === 'base') continue;
    const source = repository.read(path);
    let index = 0;
    for (const match of source.matchAll(/\(\s*(r?)(['"])((?:\\.|(?!\2)[^\\\n])*)\2\s*,\s*(True|False)\s*,?\s*\)/g)) {
      const raw = match[1] === 'r';
      const literal = match[3];
      if (literal.includes('{') && literal.includes('}')) continue; // .format() templates
      const text = raw ? literal : literal.replace(/\\(['"\\nt])/g, (_, c: string) => ({ n: '\n', t: '\t' })[c] ?? c);
      examples.push({
        source: 'detect-secrets',
        kind,
        origin: `${path} #${index++}`,
        file: 'example.txt',
        text,
        positive: match[4] === 'True',
        context: contextOf(text),
      });
    }
  }
  return examples;
}

/**
 * trufflehog: each detector's pattern test (pkg/detectors/<name>/<name>_test.go, not the
 * integration tests) lists cases `{name, input, want}`; `want` lists the secrets the detector must
 * report, empty for a look-alike. Inputs are evaluated from the file's own variables.
 */
export function trufflehogExamples(repository: RepositoryFiles): { examples: ThirdPartyExample[]; skipped: string[] } {
  const tests = repository
    .list()
    .filter((p) => p.startsWith('pkg/detectors/') && p.endsWith('_test.go') && !p.includes('integration'));
  repository.prefetch(tests);
  const examples: ThirdPartyExample[] = [];
  const skipped: string[] = [];
  for (const path of tests) {
    const source = repository.read(path);
    if (!/\binput:/.test(source) || !/\bwant:/.test(source)) continue;
    const fromThisFile: ThirdPartyExample[] = [];
    const kind = path.split('/').slice(2, -1).join('/');
    const tokens = tokenizeGo(source);
    const variables = new Map<string, GoValue>();
    const evaluator = new GoEvaluator(tokens, variables, {});
    let input: GoValue;
    let caseIndex = 0;
    for (let index = 0; index < tokens.length - 2; index += 1) {
      const [target, operator] = [tokens[index], tokens[index + 1]];
      if (target.kind !== 'ident') continue;
      if ((operator.text === '=' || operator.text === ':=') && ![',', '.'].includes(tokens[index - 1]?.text ?? '')) {
        const [value, next] = evaluator.expression(index + 2);
        variables.set(target.text, value);
        index = next - 1;
      } else if (operator.text === ':' && target.text === 'input') {
        [input] = evaluator.expression(index + 2);
      } else if (operator.text === ':' && target.text === 'want') {
        const [want] = evaluator.expression(index + 2);
        const origin = `${path} case ${caseIndex++}`;
        if (!input || Array.isArray(input) || !Array.isArray(want)) {
          skipped.push(origin);
          input = undefined;
          continue;
        }
        const secret = want
          .map((w) => w.text)
          .find((w) => w.length > 0 && input && !Array.isArray(input) && input.text.includes(w));
        fromThisFile.push({
          source: 'trufflehog',
          kind,
          origin,
          file: 'example.txt',
          text: input.text,
          ...(secret ? { secret } : {}),
          positive: want.length > 0,
          context: contextOf(input.text, secret),
        });
        input = undefined;
      }
    }
    examples.push(...withoutContradictions(fromThisFile));
  }
  return { examples, skipped };
}

/**
 * A case that wants nothing for the very input another case of the same test wants a secret from
 * (the same JWT, once with verification skipped) is no look-alike: the label is not the text's.
 */
function withoutContradictions(cases: readonly ThirdPartyExample[]): ThirdPartyExample[] {
  const positiveTexts = new Set(cases.filter((example) => example.positive).map((example) => example.text.trim()));
  return cases.filter((example) => example.positive || !positiveTexts.has(example.text.trim()));
}

/**
 * ripsecrets: every line of `test/one_per_line/<kind>` is one secret, every `test/one_per_file/<kind>`
 * one secret, and no line of `test/none` is one. Its data does not say which part of a line is the
 * secret, so any finding on it counts. A line of `test/none` that only the repository's
 * `.secretsignore` keeps quiet (a value listed there) is left out: its label is that file's, not the line's.
 */
export function ripsecretsExamples(repository: RepositoryFiles): ThirdPartyExample[] {
  const ignored = repository.has('.secretsignore')
    ? (repository.read('.secretsignore').split('[secrets]')[1] ?? '')
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean)
    : [];
  const examples: ThirdPartyExample[] = [];
  const example = (kind: string, origin: string, text: string, positive: boolean): ThirdPartyExample => ({
    source: 'ripsecrets',
    kind,
    origin,
    file: 'example.txt',
    text: text.endsWith('\n') ? text : `${text}\n`,
    positive,
    context: contextOf(text),
  });
  for (const path of repository.list().filter((p) => p.startsWith('test/'))) {
    const [, group, kind] = path.split('/');
    const text = repository.read(path);
    if (group === 'one_per_file' && kind) examples.push(example(kind, path, text, true));
    const lines = text.split('\n').map((line, index) => [line, index] as const);
    for (const [line, index] of lines) {
      if (line.trim() === '') continue;
      if (group === 'one_per_line' && kind) examples.push(example(kind, `${path}:${index + 1}`, line, true));
      if (group === 'none' && !ignored.some((value) => line.includes(value)))
        examples.push(example('none', `${path}:${index + 1}`, line, false));
    }
  }
  return examples;
}

/** Every example in a fetched scanner repository, by what it holds. */
/**
 * Nosey Parker and Kingfisher: each rule file (YAML) lists `examples` its pattern must match and
 * `negative_examples` it must not. Their data does not say which part of an example is the secret,
 * so any finding in the example counts for it.
 */
export function ruleFileExamples(
  repository: RepositoryFiles,
  source: string,
  rulesDir: string,
): { examples: ThirdPartyExample[]; skipped: string[]; notSecrets: string[] } {
  const files = repository.list().filter((path) => path.startsWith(rulesDir) && /\.ya?ml$/.test(path));
  repository.prefetch(files);
  const examples: ThirdPartyExample[] = [];
  const skipped: string[] = [];
  const notSecrets: string[] = [];
  for (const path of files) {
    let document: unknown;
    try {
      document = parseYaml(repository.read(path));
    } catch {
      skipped.push(path);
      continue;
    }
    const rules = (document as { rules?: unknown })?.rules;
    if (!Array.isArray(rules)) continue;
    for (const rule of rules as {
      id?: unknown;
      name?: unknown;
      categories?: unknown;
      examples?: unknown;
      negative_examples?: unknown;
    }[]) {
      const kind = String(rule.id ?? rule.name ?? path);
      // Nosey Parker files each rule under categories: an `identifier` rule without `secret` (AWS
      // ARNs, S3 bucket names, Google OAuth client ids, React usernames) finds what is no secret,
      // so its examples are no secrets to find; its negative examples are still look-alikes.
      const findsSecrets = !Array.isArray(rule.categories) || rule.categories.includes('secret');
      if (!findsSecrets && Array.isArray(rule.examples) && rule.examples.length > 0) {
        notSecrets.push(`${kind} (${rule.examples.length})`);
      }
      const lists: [unknown, boolean][] = [
        [findsSecrets ? rule.examples : undefined, true],
        [rule.negative_examples, false],
      ];
      for (const [list, positive] of lists) {
        if (!Array.isArray(list)) continue;
        list.forEach((text, index) => {
          if (typeof text !== 'string' || text.trim() === '') return;
          examples.push({
            source,
            kind,
            origin: `${path} ${positive ? 'examples' : 'negative_examples'}[${index}]`,
            file: 'example.txt',
            text: text.endsWith('\n') ? text : `${text}\n`,
            positive,
            context: contextOf(text),
          });
        });
      }
    }
  }
  // A rule's negative examples are what that one rule must not match, often another rule's secret
  // (a Slack bot token under the user-token rule): only those that are no rule's example are look-alikes.
  const positiveTexts = new Set(examples.filter((example) => example.positive).map((example) => example.text.trim()));
  return {
    examples: examples.filter((example) => example.positive || !positiveTexts.has(example.text.trim())),
    skipped,
    notSecrets,
  };
}

/** `seed` fixes the secrets generated for gitleaks' examples (the other sources write theirs down). */
export function examplesIn(root: string, seed: string): { examples: ThirdPartyExample[]; notes: string[] } {
  const repository = new RepositoryFiles(root);
  for (const [source, rulesDir] of [
    ['noseyparker', 'crates/noseyparker/data/default/builtin/rules/'],
    ['kingfisher', 'data/rules/'],
  ] as const) {
    if (!repository.has(rulesDir.slice(0, -1))) continue;
    const { examples, skipped, notSecrets } = ruleFileExamples(repository, source, rulesDir);
    const notes = [
      ...(skipped.length ? [`${source}: ${skipped.length} rule files not parsed (skipped)`] : []),
      ...(notSecrets.length
        ? [`${source}: examples of rules not in the secret category left out: ${notSecrets.join(', ')}`]
        : []),
    ];
    return { examples, notes };
  }
  if (repository.has('cmd/generate/config/rules')) {
    const { examples, skipped } = gitleaksExamples(repository, seed);
    return {
      examples,
      notes: skipped.length
        ? [`gitleaks: ${skipped.length} example lists not readable by the extractor (skipped)`]
        : [],
    };
  }
  if (repository.has('pkg/detectors')) {
    const { examples, skipped } = trufflehogExamples(repository);
    return {
      examples,
      notes: skipped.length ? [`trufflehog: ${skipped.length} test cases not readable by the extractor (skipped)`] : [],
    };
  }
  if (repository.list().some((p) => p.startsWith('packages/@secretlint/'))) {
    const { examples, skipped } = secretlintExamples(repository);
    return {
      examples,
      notes: skipped.length ? [`secretlint: ${skipped.length} binary fixtures skipped (${skipped.join(', ')})`] : [],
    };
  }
  if (repository.has('test/one_per_line')) return { examples: ripsecretsExamples(repository), notes: [] };
  if (repository.has('tests/plugins') && repository.has('detect_secrets'))
    return { examples: detectSecretsExamples(repository), notes: [] };
  throw new Error(
    `${root}: not a gitleaks, secretlint, detect-secrets, trufflehog, Nosey Parker, Kingfisher or ripsecrets repository (or a copy of one)`,
  );
}
