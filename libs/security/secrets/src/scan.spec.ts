import { type PavedError } from '@paved/errors';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderReport } from '@paved/scanner';
import { secretsRenderers } from './report';
import { scanSecrets, type SecretsScanMode, type SecretsSettings } from './scan';

const DEFAULT_SECRETS_BASELINE = '.paved/secrets-baseline.json';

// Fake secrets, generated at random for this test.
const keyId = 'AKIAQ3ZV7WMK2PXJ4TNR';
const token = 'Zx81kPq0rT5vW2yB7nM4cL9dF3hJ6gS1';

const policy = (extra: Partial<SecretsSettings> = {}): SecretsSettings => ({
  allowlist: [],
  baseline: DEFAULT_SECRETS_BASELINE,
  maxFileBytes: 1_048_576,
  ...extra,
});

/** A real git repository in a temp folder. */
function repository() {
  const root = mkdtempSync(join(tmpdir(), 'paved-secrets-'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf-8' });
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'test@paved.invalid');
  git('config', 'user.name', 'Test');
  git('config', 'commit.gpgsign', 'false');
  const write = (path: string, content: string | Buffer) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  };
  const scan = (mode: SecretsScanMode, extra: Partial<SecretsSettings> = {}, updateBaseline = false) =>
    scanSecrets({ cwd: root, mode, policy: policy(extra), updateBaseline });
  return { root, git, write, scan };
}

describe('scanSecrets on a real git repository', () => {
  it('--staged reads what the index will commit, not the work tree', async () => {
    const repo = repository();
    repo.write('src/config.ts', `export const id = '${keyId}';\n`);
    repo.git('add', 'src/config.ts');
    repo.write('src/config.ts', 'export const id = undefined;\n'); // cleaned in the work tree only
    repo.write('src/unstaged.ts', `export const apiKey = '${token}';\n`);
    const result = await repo.scan('staged');
    expect(result.filesScanned).toBe(1);
    expect(result.fresh).toMatchObject([
      { file: 'src/config.ts', line: 1, column: 20, ruleId: 'paved/aws-access-key-id' },
    ]);
  });

  it('--staged ignores deletions and passes when the staged content is clean', async () => {
    const repo = repository();
    repo.write('a.ts', `export const id = '${keyId}';\n`);
    repo.git('add', '.');
    repo.git('commit', '-qm', 'one');
    repo.git('rm', '-q', 'a.ts');
    repo.write('b.ts', 'export const b = 1;\n');
    repo.git('add', 'b.ts');
    const result = await repo.scan('staged');
    expect(result.filesScanned).toBe(1);
    expect(result.fresh).toEqual([]);
  });

  it('--all scans tracked files in the work tree, skipping untracked, binary and huge files', async () => {
    const repo = repository();
    repo.write('tracked.ts', `export const apiKey = '${token}';\n`);
    repo.write('image.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0, ...Buffer.from(keyId)]));
    repo.write('big.json', `"${keyId}"`.padEnd(2000, ' '));
    repo.git('add', '.');
    repo.write('untracked.ts', `export const id = '${keyId}';\n`);
    const result = await repo.scan('all', { maxFileBytes: 1000 });
    expect(result.fresh.map((f) => f.file)).toEqual(['tracked.ts']);
    expect(result.skipped).toEqual([
      { file: 'big.json', reason: 'too-large' },
      { file: 'image.png', reason: 'binary' },
    ]);
  });

  it('--all never reads a tracked file the work tree replaced with a FIFO or a link to a device', async () => {
    const repo = repository();
    repo.write('fifo.ts', 'export const a = 1;\n');
    repo.write('zero.ts', 'export const b = 1;\n');
    repo.git('add', '.');
    rmSync(join(repo.root, 'fifo.ts'));
    execFileSync('mkfifo', [join(repo.root, 'fifo.ts')]);
    rmSync(join(repo.root, 'zero.ts'));
    symlinkSync('/dev/zero', join(repo.root, 'zero.ts'));
    const result = await repo.scan('all');
    expect(result.skipped).toEqual([
      { file: 'fifo.ts', reason: 'unreadable' },
      { file: 'zero.ts', reason: 'unreadable' },
    ]);
  });

  it('--history finds a secret that was removed again, with the commit that added it', async () => {
    const repo = repository();
    repo.write('src/a.ts', `export const id = '${keyId}';\n`);
    repo.git('add', '.');
    repo.git('commit', '-qm', 'add a key');
    const added = repo.git('rev-parse', 'HEAD').trim();
    repo.write('src/a.ts', `// moved\nexport const id = '${keyId}';\n`);
    repo.git('commit', '-qam', 'touch');
    repo.write('src/a.ts', 'export const id = process.env.ID;\n');
    repo.git('commit', '-qam', 'remove the key');
    expect((await repo.scan('all')).fresh).toEqual([]);
    const history = await repo.scan('history');
    expect(history.fresh).toMatchObject([{ file: 'src/a.ts', ruleId: 'paved/aws-access-key-id', commit: added }]);
  });

  it('--history finds a secret that only a merge commit introduced', async () => {
    const repo = repository();
    repo.write('src/a.ts', 'export const id = 1;\n');
    repo.git('add', '.');
    repo.git('commit', '-qm', 'base');
    repo.git('checkout', '-qb', 'topic');
    repo.write('src/b.ts', 'export const b = 2;\n');
    repo.git('add', '.');
    repo.git('commit', '-qm', 'topic work');
    repo.git('checkout', '-q', 'main');
    repo.git('merge', '-q', '--no-ff', '--no-commit', 'topic');
    // The merge itself adds the key: no commit on either branch ever held it.
    repo.write('src/merged.ts', `export const id = '${keyId}';\n`);
    repo.git('add', '.');
    repo.git('commit', '-qm', 'merge topic');
    const merge = repo.git('rev-parse', 'HEAD').trim();
    repo.git('rm', '-q', 'src/merged.ts');
    repo.git('commit', '-qm', 'drop it');
    const history = await repo.scan('history');
    expect(history.fresh).toMatchObject([{ file: 'src/merged.ts', ruleId: 'paved/aws-access-key-id', commit: merge }]);
  });

  it('limits the scan to one folder with under (an Nx project target)', async () => {
    const repo = repository();
    repo.write('libs/a/src/a.ts', `export const id = '${keyId}';\n`);
    repo.write('libs/ab/src/b.ts', `export const id = '${keyId}';\n`);
    repo.git('add', '.');
    const result = await scanSecrets({ cwd: repo.root, mode: 'all', policy: policy(), under: 'libs/a' });
    expect(result.filesScanned).toBe(1);
    expect(result.fresh.map((f) => f.file)).toEqual(['libs/a/src/a.ts']);
  });

  it("under a folder, judges and rewrites only that folder's baseline entries", async () => {
    const repo = repository();
    repo.write('libs/a/src/a.ts', `export const id = '${keyId}';\n`);
    repo.write('libs/b/src/b.ts', `export const apiKey = '${token}';\n`);
    repo.git('add', '.');
    await repo.scan('all', {}, true);
    const baselinePath = join(repo.root, DEFAULT_SECRETS_BASELINE);
    const files = () =>
      (JSON.parse(readFileSync(baselinePath, 'utf-8')).findings as { file: string }[]).map((f) => f.file);
    expect(files().sort()).toEqual(['libs/a/src/a.ts', 'libs/b/src/b.ts']);

    const underA = await scanSecrets({ cwd: repo.root, mode: 'all', policy: policy(), under: 'libs/a' });
    expect(underA.known.map((f) => f.file)).toEqual(['libs/a/src/a.ts']);
    expect(underA.resolved).toEqual([]);

    repo.write('libs/a/src/a.ts', 'export const id = undefined;\n');
    repo.git('add', '.');
    const fixed = await scanSecrets({ cwd: repo.root, mode: 'all', policy: policy(), under: 'libs/a' });
    expect(fixed.resolved.map((f) => f.file)).toEqual(['libs/a/src/a.ts']);
    await scanSecrets({ cwd: repo.root, mode: 'all', policy: policy(), under: 'libs/a', updateBaseline: true });
    expect(files()).toEqual(['libs/b/src/b.ts']);
  });

  it('applies the allowlist by path and by value', async () => {
    const repo = repository();
    repo.write('fixtures/key.txt', `${keyId}\n`);
    repo.write('src/a.ts', `export const apiKey = '${token}';\nexport const id = '${keyId}';\n`);
    repo.git('add', '.');
    const result = await repo.scan('all', {
      allowlist: [
        { reason: 'test fixtures', paths: ['fixtures/**'] },
        { reason: 'revoked sandbox key', values: [token] },
      ],
    });
    expect(result.fresh.map((f) => `${f.file}:${f.line}`)).toEqual(['src/a.ts:2']);
    expect(result.allowlisted).toBe(1);
    expect(result.filesScanned).toBe(1);
  });

  it('--update-baseline accepts current findings; a new one still fails; a fixed one is reported as resolved', async () => {
    const repo = repository();
    repo.write('src/a.ts', `export const id = '${keyId}';\n`);
    repo.git('add', '.');
    const written = await repo.scan('all', {}, true);
    expect(written.baselineWritten).toBe(DEFAULT_SECRETS_BASELINE);
    const baselineText = readFileSync(join(repo.root, DEFAULT_SECRETS_BASELINE), 'utf-8');
    expect(baselineText).not.toContain(keyId);
    expect(JSON.parse(baselineText).findings).toHaveLength(1);

    expect((await repo.scan('all')).fresh).toEqual([]);
    repo.write('src/b.ts', `export const apiKey = '${token}';\n`);
    repo.git('add', '.');
    const next = await repo.scan('all');
    expect(next.known.map((f) => f.file)).toEqual(['src/a.ts']);
    expect(next.fresh.map((f) => f.file)).toEqual(['src/b.ts']);

    repo.write('src/a.ts', 'export const id = 1;\n');
    expect((await repo.scan('all')).resolved).toHaveLength(1);
  });

  it('refuses a malformed baseline (PAVED-430) and a folder outside git (PAVED-402)', async () => {
    const repo = repository();
    repo.write(DEFAULT_SECRETS_BASELINE, '{"version": 2}');
    await expect(repo.scan('all')).rejects.toMatchObject({ code: 'PAVED-430' } satisfies Partial<PavedError>);
    const outside = mkdtempSync(join(tmpdir(), 'paved-no-git-'));
    await expect(scanSecrets({ cwd: outside, mode: 'all', policy: policy() })).rejects.toMatchObject({
      code: 'PAVED-402',
    });
  });

  it('never prints the secret, in any format', async () => {
    const repo = repository();
    repo.write('src/a.ts', `export const id = '${keyId}';\nexport const apiKey = '${token}';\n`);
    repo.git('add', '.');
    const result = await repo.scan('all');
    expect(result.fresh).toHaveLength(2);
    for (const format of ['human', 'json', 'sarif'] as const) {
      const output = renderReport(secretsRenderers, result, format);
      expect(output).not.toContain(keyId.slice(4));
      expect(output).not.toContain(token.slice(4));
    }
    expect(renderReport(secretsRenderers, result, 'human')).toContain(
      'src/a.ts:1:20  paved/aws-access-key-id  AKIA…(20 chars)',
    );
    const sarif = JSON.parse(renderReport(secretsRenderers, result, 'sarif'));
    expect(sarif.runs[0].results[0]).toMatchObject({
      ruleId: 'paved/aws-access-key-id',
      locations: [
        { physicalLocation: { artifactLocation: { uri: 'src/a.ts' }, region: { startLine: 1, startColumn: 20 } } },
      ],
      partialFingerprints: { pavedSecretFingerprint: result.fresh[0].fingerprint },
    });
  });
});
