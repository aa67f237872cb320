import { type PavedError } from '@paved/errors';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { alphabets, randomFrom } from '../detectors/samples/sample-kit';
import { scanSecrets, type SecretsScanMode, type SecretsSettings } from '../scan';
import { baselineFromGitleaksReport } from './baseline-from-report';

const BASELINE = '.paved/secrets-baseline.json';

// Tokens are generated at run time: this repository's pre-commit scan must not see a literal one.
const acmeToken = () => `acme_${randomFrom(alphabets.alphanumeric, 24)}1`;
const awsKeyId = () => `AKIA${randomFrom(alphabets.upperBase32, 16)}`;

/** A rule finding `acme_…` tokens, with a secret group, keywords and an entropy floor. */
const acmeRule = `
[[rules]]
id = "acme-token"
description = "Acme internal token"
regex = '''(?i)["'](acme_[a-z0-9]{25})["']'''
keywords = ["acme_"]
entropy = 3.0
`;

/** A real git repository in a temp folder. */
function repository(files: Record<string, string> = {}) {
  const root = mkdtempSync(join(tmpdir(), 'paved-gitleaks-'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf-8' });
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'test@paved.invalid');
  git('config', 'user.name', 'Test');
  git('config', 'commit.gpgsign', 'false');
  const write = (path: string, content: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  };
  for (const [path, content] of Object.entries(files)) write(path, content);
  git('add', '-A');
  const scan = (extra: Partial<SecretsSettings> = {}, mode: SecretsScanMode = 'all') =>
    scanSecrets({
      cwd: root,
      mode,
      policy: { allowlist: [], baseline: BASELINE, maxFileBytes: 1_048_576, ...extra },
    });
  const found = async (extra: Partial<SecretsSettings> = {}, mode: SecretsScanMode = 'all') =>
    (await scan(extra, mode)).fresh.map((f) => `${f.file}:${f.line} ${f.ruleId}`);
  return { root, git, write, scan, found };
}

describe('.gitleaks.toml rules', () => {
  it('finds a custom token with the rule id, replacing the defaults when the file has no [extend]', async () => {
    const token = acmeToken();
    const repo = repository({
      '.gitleaks.toml': acmeRule,
      'src/a.ts': `export const client = "${token}";\nexport const id = '${awsKeyId()}';\n`,
    });
    const result = await repo.scan();
    expect(result.fresh).toMatchObject([{ file: 'src/a.ts', line: 1, column: 24, ruleId: 'gitleaks/acme-token' }]);
    expect(result.fresh[0]?.preview).toBe(`${token.slice(0, 4)}…(${token.length} chars)`);
    expect(JSON.stringify(result)).not.toContain(token);
  });

  it('honours entropy, keywords, path and secretGroup', async () => {
    const token = acmeToken();
    const repo = repository({
      '.gitleaks.toml': `
[[rules]]
id = "acme-in-config"
regex = '''(key)\\s*=\\s*(acme_[a-zA-Z0-9]{25})'''
secretGroup = 2
path = '''\\.ini$'''
keywords = ["acme_"]
entropy = 3.0
`,
      'conf/app.ini': `key = ${token}\nkey = acme_aaaaaaaaaaaaaaaaaaaaaaaaa\n`,
      'conf/app.txt': `key = ${token}\n`,
    });
    const result = await repo.scan();
    expect(result.fresh.map((f) => `${f.file}:${f.line}:${f.column}`)).toEqual(['conf/app.ini:1:7']);
    expect(result.fresh[0]?.preview).toBe(`${token.slice(0, 4)}…(${token.length} chars)`);
  });

  it('honours gitleaks:allow on the line of a finding, for its rules and for the defaults', async () => {
    const token = acmeToken();
    const repo = repository({
      '.gitleaks.toml': `[extend]\nuseDefault = true\n${acmeRule}`,
      'src/a.ts': [
        `export const a = "${token}"; // gitleaks:allow`,
        `export const b = '${awsKeyId()}'; // gitleaks:allow`,
        `export const c = '${awsKeyId()}';`,
        '',
      ].join('\n'),
    });
    expect(await repo.found()).toEqual(['src/a.ts:3 paved/aws-access-key-id']);
  });
});

describe('.gitleaks.toml allowlists', () => {
  it.each([
    ['regexes on the secret', `regexes = ['''^acme_TEST''']`, 'secret'],
    ['regexes on the match', `regexTarget = "match"\nregexes = ['''^'acme_''']`, 'match'],
    ['regexes on the line', `regexTarget = "line"\nregexes = ['''// fixture$''']`, 'line'],
    ['stopwords', `stopwords = ["test"]`, 'secret'],
    ['paths', `paths = ['''^src/fixtures/''']`, 'path'],
  ])('[[rules.allowlists]] %s', async (_, allowlist, kind) => {
    const fixture = `acme_TEST${randomFrom(alphabets.alphanumeric, 20)}1`;
    const files: Record<string, string> = {
      '.gitleaks.toml': `${acmeRule}\n[[rules.allowlists]]\n${allowlist}\n`,
      'src/real.ts': `export const r = "${acmeToken()}";\n`,
    };
    if (kind === 'path') files['src/fixtures/a.ts'] = `export const f = "${acmeToken()}";\n`;
    else if (kind === 'match') files['src/b.ts'] = `const c = '${acmeToken()}';\n`;
    else if (kind === 'line') files['src/b.ts'] = `const c = "${acmeToken()}"; // fixture\n`;
    else files['src/b.ts'] = `const c = "${fixture}";\n`;
    const result = await repository(files).scan();
    expect(result.fresh.map((f) => f.file)).toEqual(['src/real.ts']);
    expect(result.allowlisted).toBe(1);
  });

  it('legacy [rules.allowlist], condition AND, and commits', async () => {
    const repo = repository({
      '.gitleaks.toml': `${acmeRule}
[rules.allowlist]
condition = "AND"
paths = ['''^test/''']
stopwords = ["test"]
`,
      'test/a.ts': `export const a = "${acmeToken()}";\nexport const b = "acme_test${randomFrom(alphabets.alphanumeric, 16)}";\n`,
    });
    // AND: in test/ but without the stopword is still found.
    expect(await repo.found()).toEqual(['test/a.ts:1 gitleaks/acme-token']);

    repo.git('commit', '-qm', 'add');
    const commit = repo.git('rev-parse', 'HEAD').trim();
    repo.write('.gitleaks.toml', `${acmeRule}\n[[allowlists]]\ncommits = ["${commit.toUpperCase()}"]\n`);
    repo.git('rm', '-q', 'test/a.ts');
    repo.git('add', '-A');
    repo.git('commit', '-qm', 'remove');
    expect(await repo.found({}, 'history')).toEqual([]);
  });

  it('global [allowlist] paths skip the file; [[allowlists]] targetRules limit a list to some rules', async () => {
    const repo = repository({
      '.gitleaks.toml': `[extend]
useDefault = true
${acmeRule}
[allowlist]
paths = ['''(^|/)vendor/''']

[[allowlists]]
targetRules = ["acme-token"]
regexTarget = "line"
regexes = ['''example''']
`,
      'vendor/lib.ts': `export const a = "${acmeToken()}";\n`,
      'src/a.ts': `// example\nexport const a = "${acmeToken()}"; // example\nexport const b = '${awsKeyId()}'; // example\n`,
    });
    const result = await repo.scan();
    expect(result.fresh.map((f) => `${f.file}:${f.line} ${f.ruleId}`)).toEqual(['src/a.ts:3 paved/aws-access-key-id']);
    expect(result.filesScanned).toBe(2); // .gitleaks.toml and src/a.ts: vendor/ is not read
  });
});

describe('[extend]', () => {
  it('useDefault keeps the defaults; disabledRules drops one and warns about ids that are no rule here', async () => {
    const files = {
      'src/a.ts': `export const a = "${acmeToken()}";\nexport const b = '${awsKeyId()}';\n`,
    };
    const kept = repository({ ...files, '.gitleaks.toml': `[extend]\nuseDefault = true\n${acmeRule}` });
    expect(await kept.found()).toEqual(['src/a.ts:1 gitleaks/acme-token', 'src/a.ts:2 paved/aws-access-key-id']);

    const disabled = repository({
      ...files,
      '.gitleaks.toml': `[extend]\nuseDefault = true\ndisabledRules = ["paved/aws-access-key-id", "aws-access-token"]\n${acmeRule}`,
    });
    const result = await disabled.scan();
    expect(result.fresh.map((f) => f.ruleId)).toEqual(['gitleaks/acme-token']);
    expect(result.warnings).toEqual([expect.stringContaining('disabledRules names "aws-access-token"')]);
  });

  it('a [[rules]] with only an id and allowlists adds them to a default rule', async () => {
    const repo = repository({
      '.gitleaks.toml': `[extend]
useDefault = true
[[rules]]
id = "paved/aws-access-key-id"
[[rules.allowlists]]
paths = ['''^docs/''']
`,
      'docs/a.md': `${awsKeyId()}\n`,
      'src/a.ts': `export const b = '${awsKeyId()}';\n`,
    });
    expect(await repo.found()).toEqual(['src/a.ts:1 paved/aws-access-key-id']);
  });

  it('path loads a base: its rules, minus disabledRules, merged with redefined ones', async () => {
    const repo = repository({
      'config/base.toml': `${acmeRule}
[[rules]]
id = "beta-token"
regex = '''beta_[0-9]{12}'''
`,
      '.gitleaks.toml': `[extend]
path = "config/base.toml"
disabledRules = ["beta-token"]

[[rules]]
id = "acme-token"
[[rules.allowlists]]
stopwords = ["test"]

[[rules]]
id = "gamma-token"
regex = '''gamma_[0-9]{12}'''
`,
      'src/a.ts': [
        `a = "${acmeToken()}"`,
        `b = "acme_test${randomFrom(alphabets.alphanumeric, 16)}"`,
        `c = "beta_${randomFrom(alphabets.digits, 12)}"`,
        `d = "gamma_${randomFrom(alphabets.digits, 12)}"`,
        `e = '${awsKeyId()}'`,
        '',
      ].join('\n'),
    });
    expect(await repo.found()).toEqual(['src/a.ts:1 gitleaks/acme-token', 'src/a.ts:4 gitleaks/gamma-token']);
  });

  it.each([
    [
      'a cycle',
      { '.gitleaks.toml': '[extend]\npath = "b.toml"\n', 'b.toml': '[extend]\npath = ".gitleaks.toml"\n' },
      'extends it back',
    ],
    [
      'a chain deeper than 2',
      {
        '.gitleaks.toml': '[extend]\npath = "b.toml"\n',
        'b.toml': '[extend]\npath = "c.toml"\n',
        'c.toml': '[extend]\npath = "d.toml"\n',
        'd.toml': acmeRule,
      },
      'deeper than 2',
    ],
    [
      'a base outside the repository',
      { '.gitleaks.toml': '[extend]\npath = "../base.toml"\n' },
      'outside the repository',
    ],
    ['a missing base', { '.gitleaks.toml': '[extend]\npath = "none.toml"\n' }, 'does not exist'],
    ['a URL', { '.gitleaks.toml': '[extend]\nurl = "https://example.invalid/x.toml"\n' }, 'by URL'],
  ])('refuses %s (PAVED-414)', async (_, files, message) => {
    const error = (await repository(files)
      .scan()
      .catch((e: unknown) => e)) as PavedError;
    expect(error.code).toBe('PAVED-414');
    expect(error.message).toContain(message);
  });
});

describe('bad configuration is a coded error', () => {
  it('malformed TOML is PAVED-411 with line and column', async () => {
    const repo = repository({ '.gitleaks.toml': "[[rules]]\nid = \"a\"\nregex = '''x\n" });
    await expect(repo.scan()).rejects.toMatchObject({
      code: 'PAVED-411',
      problems: [{ file: '.gitleaks.toml', message: expect.stringMatching(/line \d+, column \d+/) }],
    });
  });

  it('a field of the wrong type is PAVED-412 naming every problem', async () => {
    const repo = repository({
      '.gitleaks.toml': '[[rules]]\nregex = "a"\nentropy = "high"\n[[rules]]\nid = "b"\n',
    });
    const error = (await repo.scan().catch((e: unknown) => e)) as PavedError;
    expect(error.problems.map((p) => [p.code, p.keyPath])).toEqual([
      ['PAVED-412', 'rules[0].id'],
      ['PAVED-412', 'rules[0].entropy'],
    ]);
  });

  it('a rule without regex or path that extends nothing is PAVED-412', async () => {
    await expect(repository({ '.gitleaks.toml': '[[rules]]\nid = "b"\n' }).scan()).rejects.toMatchObject({
      code: 'PAVED-412',
      problems: [{ keyPath: 'rules[0]', message: expect.stringContaining('neither regex nor path') }],
    });
  });

  it('an untranslatable regex is PAVED-413 naming the file, the rule and the key', async () => {
    const repo = repository({
      '.gitleaks.toml': `${acmeRule}\n[[rules]]\nid = "look"\nregex = '''a(?=b)'''\n[[rules.allowlists]]\nregexes = ['''\\pL''']\n`,
    });
    const error = (await repo.scan().catch((e: unknown) => e)) as PavedError;
    expect(error.problems).toMatchObject([
      {
        code: 'PAVED-413',
        file: '.gitleaks.toml',
        keyPath: 'rules[1].regex',
        message: expect.stringContaining('rule look'),
      },
      { code: 'PAVED-413', keyPath: 'rules[1].allowlists[0].regexes[0]', message: expect.stringContaining('Unicode') },
    ]);
  });

  it('a .gitleaks.toml that is a folder, or a gitleaksConfig that does not exist, is PAVED-410', async () => {
    const folder = repository({ '.gitleaks.toml/x': 'a' });
    await expect(folder.scan()).rejects.toMatchObject({ code: 'PAVED-410' });
    await expect(repository().scan({ gitleaksConfig: 'security/gitleaks.toml' })).rejects.toMatchObject({
      code: 'PAVED-410',
      problems: [{ keyPath: 'secrets.gitleaksConfig' }],
    });
  });

  it('reads the file paved.json names, and none with gitleaksConfig false', async () => {
    const repo = repository({ 'security/gitleaks.toml': acmeRule, 'a.ts': `a = "${acmeToken()}"\n` });
    expect(await repo.found({ gitleaksConfig: 'security/gitleaks.toml' })).toEqual(['a.ts:1 gitleaks/acme-token']);
    repo.write('.gitleaks.toml', '[[rules]\n');
    expect(await repo.found({ gitleaksConfig: false })).toEqual([]);
  });
});

describe('baseline from a gitleaks JSON report', () => {
  it('accepts the same findings under Paved rules, stores no secret, and refuses a redacted report', async () => {
    const keyId = awsKeyId();
    const token = acmeToken();
    const later = awsKeyId();
    const repo = repository({
      '.gitleaks.toml': `[extend]\nuseDefault = true\n${acmeRule}`,
      'src/a.ts': `export const id = '${keyId}';\nexport const t = "${token}";\n`,
    });
    // What `gitleaks git --report-format json` writes (fields Paved does not use trimmed).
    const finding = (ruleId: string, file: string, line: number, secret: string) => ({
      RuleID: ruleId,
      Description: ruleId,
      StartLine: line,
      EndLine: line,
      Match: secret,
      Secret: secret,
      File: file,
      Commit: 'f'.repeat(40),
      Fingerprint: `${'f'.repeat(40)}:${file}:${ruleId}:${line}`,
    });
    const report = join(mkdtempSync(join(tmpdir(), 'paved-gitleaks-report-')), 'gitleaks-report.json');
    writeFileSync(
      report,
      JSON.stringify([
        finding('aws-access-token', './src/a.ts', 1, keyId),
        finding('acme-token', 'src/a.ts', 2, token),
      ]),
    );
    expect((await repo.scan()).fresh).toHaveLength(2);

    const imported = baselineFromGitleaksReport({ cwd: repo.root, report, baseline: BASELINE });
    expect(imported).toEqual({ baselineWritten: BASELINE, findings: 2, added: 2, total: 2 });
    const stored = readFileSync(join(repo.root, BASELINE), 'utf-8');
    expect(stored).not.toContain(keyId);
    expect(stored).not.toContain(token);
    expect(
      JSON.parse(stored)
        .findings.map((f: { ruleId: string }) => f.ruleId)
        .sort(),
    ).toEqual(['gitleaks:acme-token', 'gitleaks:aws-access-token']);

    repo.write('src/b.ts', `export const id = '${later}';\n`);
    repo.git('add', '-A');
    const after = await repo.scan();
    expect(after.known.map((f) => `${f.file}:${f.line} ${f.ruleId}`)).toEqual([
      'src/a.ts:1 paved/aws-access-key-id',
      'src/a.ts:2 gitleaks/acme-token',
    ]);
    expect(after.fresh.map((f) => f.file)).toEqual(['src/b.ts']);
    expect(after.resolved).toEqual([]);
    // Importing again adds nothing.
    expect(baselineFromGitleaksReport({ cwd: repo.root, report, baseline: BASELINE })).toMatchObject({
      added: 0,
      total: 2,
    });

    const redacted = join(dirname(report), 'redacted.json');
    writeFileSync(
      redacted,
      JSON.stringify([{ ...finding('aws-access-token', 'src/b.ts', 1, 'REDACTED'), Match: 'REDACTED' }]),
    );
    expect(() => baselineFromGitleaksReport({ cwd: repo.root, report: redacted, baseline: BASELINE })).toThrow(
      expect.objectContaining({ code: 'PAVED-415', problems: [expect.objectContaining({ keyPath: '[0].Secret' })] }),
    );
    expect(readFileSync(join(repo.root, BASELINE), 'utf-8')).toBe(stored);
  });

  it.each([
    ['not JSON', '{', 'not JSON'],
    ['not a list', '{"findings": []}', 'not a list'],
    ['an entry without File', '[{"RuleID": "x", "Secret": "y"}]', 'has no File'],
    ['a File outside the repository', '[{"RuleID": "x", "Secret": "y", "File": "../z.ts"}]', 'outside the repository'],
  ])('refuses %s (PAVED-415)', (_, text, message) => {
    const repo = repository();
    writeFileSync(join(repo.root, 'r.json'), text);
    expect(() => baselineFromGitleaksReport({ cwd: repo.root, report: 'r.json', baseline: BASELINE })).toThrow(message);
  });
});
