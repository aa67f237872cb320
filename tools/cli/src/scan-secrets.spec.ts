import { type PavedError } from '@paved/errors';
import { scratchRepository } from '@paved/scratch-repo';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScanSecrets, type ScanSecretsFlags } from './scan-secrets';

// A fake key id, generated at random for this test, and assembled at run time so that this
// repository's own pre-commit scan does not need an allowlist entry for this file.
const keyId = ['AKIA', 'R7TQ2XWZ5MKP3NVB'].join('');

function repository(files: Record<string, string>, policy?: unknown): string {
  const { root, git } = scratchRepository({ prefix: 'cli-secrets' });
  for (const [path, content] of Object.entries(files)) writeFileSync(join(root, path), content);
  if (policy) writeFileSync(join(root, 'paved.json'), JSON.stringify(policy));
  writeFileSync(join(root, 'nx.json'), '{}');
  git('add', '.');
  return root;
}

async function scan(root: string, flags: ScanSecretsFlags) {
  let output = '';
  let warnings = '';
  const io = { out: (text: string) => (output += text), err: (text: string) => (warnings += text) };
  const code = await runScanSecrets(flags, io, root);
  return { code, output, warnings };
}

const minimalPolicy = {
  npmScope: '@acme',
  scopes: { shared: {} },
  types: { util: {} },
};

describe('paved scan secrets', () => {
  it('exits 1 with the location and a masked preview, and 0 once the finding is allowlisted', async () => {
    const root = repository({ 'config.ts': `export const id = '${keyId}';\n` });
    const { code, output } = await scan(root, { staged: true });
    expect(code).toBe(1);
    expect(output).toContain('config.ts:1:20  paved/aws-access-key-id  AKIA…(20 chars)');
    expect(output).not.toContain(keyId.slice(4));

    const allowed = repository(
      { 'config.ts': `export const id = '${keyId}';\n` },
      { ...minimalPolicy, secrets: { allowlist: [{ reason: 'revoked test key', values: [keyId] }] } },
    );
    expect(await scan(allowed, { all: true })).toMatchObject({ code: 0 });
  });

  it('writes JSON and SARIF that carry the fingerprint but not the secret', async () => {
    const root = repository({ 'config.ts': `export const id = '${keyId}';\n` });
    const json = JSON.parse((await scan(root, { all: true, format: 'json' })).output);
    expect(json).toMatchObject({ ok: false, mode: 'all', filesScanned: 2 });
    expect(json.findings[0].fingerprint).toMatch(/^[0-9a-f]{32}$/);
    const sarif = await scan(root, { all: true, format: 'sarif' });
    expect(JSON.parse(sarif.output).runs[0].results).toHaveLength(1);
    expect(sarif.output).not.toContain(keyId.slice(4));
  });

  it('--baseline-from-gitleaks writes the baseline from a gitleaks report; the scan then passes', async () => {
    const root = repository({ 'config.ts': `export const id = '${keyId}';\n` });
    const report = join(mkdtempSync(join(tmpdir(), 'paved-cli-gitleaks-')), 'report.json');
    writeFileSync(
      report,
      JSON.stringify([{ RuleID: 'aws-access-token', File: 'config.ts', StartLine: 1, Secret: keyId }]),
    );
    expect(await scan(root, { all: true })).toMatchObject({ code: 1 });
    expect(await scan(root, { 'baseline-from-gitleaks': report })).toEqual({
      code: 0,
      output: '1 gitleaks finding(s): 1 new baseline entry, 1 in .paved/secrets-baseline.json\n',
      warnings: '',
    });
    expect(readFileSync(join(root, '.paved/secrets-baseline.json'), 'utf-8')).not.toContain(keyId.slice(4));
    const json = await scan(root, { all: true, format: 'json', 'baseline-from-gitleaks': report });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.output)).toMatchObject({ ok: true });
    expect(json.warnings).toContain('0 new baseline entries');
  });

  it('prints what a .gitleaks.toml asks that Paved does not do as warnings on stderr', async () => {
    const root = repository({
      '.gitleaks.toml': '[extend]\nuseDefault = true\ndisabledRules = ["generic-api-key"]\n',
      'a.ts': 'export const a = 1;\n',
    });
    const result = await scan(root, { all: true });
    expect(result.code).toBe(0);
    expect(result.warnings).toContain('warning: .gitleaks.toml: disabledRules names "generic-api-key"');
  });

  it.each([
    [{}, 'needs exactly one of --staged, --all or --history'],
    [{ staged: true, all: true }, 'got --staged --all'],
    [{ all: true, 'update-baseline': true, 'baseline-from-gitleaks': 'r.json' }, 'pick one'],
  ] as [ScanSecretsFlags, string][])('refuses %j with a usage error', async (flags, message) => {
    const root = repository({ 'a.ts': 'export const a = 1;\n' });
    await expect(scan(root, flags)).rejects.toMatchObject({ code: 'PAVED-002' } satisfies Partial<PavedError>);
    await expect(scan(root, flags)).rejects.toThrow(message);
  });

  it('reports a malformed secrets section of paved.json as a policy error', async () => {
    const root = repository({ 'a.ts': '' }, { ...minimalPolicy, secrets: { allowlist: [{ paths: ['x/**'] }] } });
    await expect(scan(root, { all: true })).rejects.toMatchObject({ code: 'PAVED-102' });
  });
});
