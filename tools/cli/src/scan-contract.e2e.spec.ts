/**
 * End to end with real binaries: every scanner reports the same through `paved scan <scanner>`
 * and the `scan` Nx target (@paved/scanner's contract), and a malformed baseline is the same
 * coded error (PAVED-430) for every scanner that has one, through the CLI and through Nx. Slow.
 */
import { ScratchWorkspace, type RunResult } from '@paved/scratch';
import { randomInt } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = join(__dirname, '..', '..', '..');
const cli = join(repoRoot, 'tools', 'cli', 'src', 'main.ts');
const advisories = join(repoRoot, 'libs', 'security', 'advisories', 'fixtures');
let ws: ScratchWorkspace;
afterAll(() => ws?.dispose());

// A fake AWS key id, random per run: never issued, never committed to this repository.
const fakeKeyId = () =>
  `AKIA${Array.from({ length: 16 }, () => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[randomInt(32)]).join('')}`;

function paved(...args: string[]): RunResult {
  return ws.run('tsx', ['--tsconfig', join(repoRoot, 'tsconfig.base.json'), cli, ...args, '--cwd', ws.root]);
}

/** The first JSON document of a command's output: Nx frames the task's output with its own lines. */
function jsonIn(output: string): unknown {
  const document = /^\{$[\s\S]*?^\}$/m.exec(output);
  if (!document) throw new Error(`no JSON document in:\n${output}`);
  return JSON.parse(document[0]);
}

beforeAll(() => {
  ws = ScratchWorkspace.create({ toolchainRoot: repoRoot });
  const generated = ws.generateProject('--kind', 'ts-lib', '--name', 'money', '--scope', 'shared', '--type', 'util');
  expect(generated.status, generated.stdout + generated.stderr).toBe(0);
  // The workspace root is a project too, so its scan target covers what `paved scan` covers:
  // the whole tree for secrets, and the root importer, the only one this lockfile has.
  ws.write(
    'project.json',
    JSON.stringify({ name: 'workspace', $schema: 'node_modules/nx/schemas/project-schema.json' }),
  );
  const lockfile = readFileSync(join(advisories, 'lockfiles', 'pnpm-lock.yaml'), 'utf-8');
  ws.write('pnpm-lock.yaml', lockfile.replace(/\n {2}apps\/api:\n[\s\S]*?\n(?=packages:)/, '\n'));
  const policy = JSON.parse(ws.read('paved.json')) as Record<string, unknown>;
  ws.write('paved.json', JSON.stringify({ ...policy, licenses: { allowed: ['MIT', 'ISC', 'Apache-2.0'] } }, null, 2));
  // What `pnpm licenses list --json` would say of that lockfile: one denied, one to review.
  const listed = (name: string, version: string, license: string) => ({
    name,
    versions: [version],
    paths: [],
    license,
  });
  ws.write(
    'licenses.json',
    JSON.stringify({
      MIT: [
        listed('express', '4.17.0', 'MIT'),
        listed('body-parser', '1.19.0', 'MIT'),
        listed('lodash', '4.17.21', 'MIT'),
      ],
      'GPL-3.0-only': [listed('cookie', '0.4.0', 'GPL-3.0-only')],
      'SEE LICENSE IN LICENSE.md': [listed('path-to-regexp', '0.1.7', 'SEE LICENSE IN LICENSE.md')],
    }),
  );
  ws.write('libs/shared/money/src/config.ts', `export const deployKeyId = '${fakeKeyId()}';\n`);
  ws.commitAll('a project, a secret, a vulnerable lockfile and a license policy');
  const imported = paved('advisories', 'import', join(advisories, 'npm'));
  expect(imported.status, imported.stdout + imported.stderr).toBe(0);
});

describe('every scanner through the CLI and through the scan target', () => {
  it('writes the same JSON report, and fails the same way', () => {
    const fromCli = {
      secrets: paved('scan', 'secrets', '--all', '--format', 'json'),
      deps: paved('scan', 'deps', '--format', 'json'),
      licenses: paved('scan', 'licenses', '--licenses-json', 'licenses.json', '--format', 'json'),
    };
    for (const [scanner, result] of Object.entries(fromCli)) expect(result.status, scanner + result.stderr).toBe(1);

    const target = ws.nx([
      'run',
      'workspace:scan',
      '--scanners=secrets,deps,licenses',
      '--licensesJson=licenses.json',
      '--format=json',
      '--outputStyle=static',
      '--skip-nx-cache',
    ]);
    expect(target.status, target.stdout + target.stderr).not.toBe(0);
    const report = jsonIn(target.stdout) as { ok: boolean; scanners: Record<string, unknown> };
    expect(report.ok).toBe(false);
    expect(Object.keys(report.scanners)).toEqual(['secrets', 'deps', 'licenses']);
    for (const [scanner, result] of Object.entries(fromCli)) {
      expect(report.scanners[scanner], scanner).toEqual(JSON.parse(result.stdout));
    }
    // Not a report of nothing: each found what was planted.
    expect(report.scanners).toMatchObject({
      secrets: { findings: [{ file: 'libs/shared/money/src/config.ts', ruleId: 'paved/aws-access-key-id' }] },
      deps: { vulnerabilities: expect.arrayContaining([expect.objectContaining({ package: 'express' })]) },
      licenses: {
        findings: expect.arrayContaining([
          expect.objectContaining({ kind: 'denied', package: 'cookie', paths: ['. > express@4.17.0 > cookie@0.4.0'] }),
          expect.objectContaining({ kind: 'needs-review', package: 'path-to-regexp' }),
        ]),
      },
    });
  });

  it('writes one SARIF log with a run per scanner, each the CLI run', () => {
    const target = ws.nx([
      'run',
      'workspace:scan',
      '--scanners=secrets,deps',
      '--format=sarif',
      '--outputStyle=static',
      '--skip-nx-cache',
    ]);
    const log = jsonIn(target.stdout) as { version: string; runs: unknown[] };
    expect(log.version).toBe('2.1.0');
    const runOf = (...args: string[]) => (JSON.parse(paved(...args, '--format', 'sarif').stdout) as typeof log).runs;
    expect(log.runs).toEqual([...runOf('scan', 'secrets', '--all'), ...runOf('scan', 'deps')]);
  });
});

describe('a malformed baseline, for every scanner that has one', () => {
  const baselines = { check: 'paved-baseline.json', secrets: '.paved/secrets-baseline.json' };

  it.each([
    ['not JSON', (file: string) => ws.write(file, '<<<<<<< HEAD\n'), 'the baseline is not JSON'],
    ['another shape', (file: string) => ws.write(file, '[]'), 'the baseline is not a Paved baseline'],
    [
      'an entry without a fingerprint',
      (file: string) => ws.write(file, '{"version": 1, "findings": [{"fingerprint": 7}]}'),
      'the baseline findings[0] has no "fingerprint" string',
    ],
    ['a folder', (file: string) => mkdirSync(ws.path(file), { recursive: true }), 'the baseline is not a regular file'],
  ])('%s stops paved check and paved scan secrets, and their Nx targets, with PAVED-430', (_, plant, message) => {
    for (const file of Object.values(baselines)) {
      rmSync(ws.path(file), { recursive: true, force: true });
      plant(file);
    }
    const check = paved('check');
    const secrets = paved('scan', 'secrets', '--all');
    for (const [result, file] of [
      [check, baselines.check],
      [secrets, baselines.secrets],
    ] as const) {
      expect(result.status, result.stdout + result.stderr).toBe(2);
      expect(result.stderr).toContain(`PAVED-430 ${file}: ${message}`);
    }
    for (const [target, file] of [
      ['money:check', baselines.check],
      ['money:scan', baselines.secrets],
    ] as const) {
      const result = ws.nx(['run', target, '--outputStyle=static', '--skip-nx-cache']);
      expect(result.status, target).not.toBe(0);
      expect(result.stdout + result.stderr, target).toContain(`PAVED-430 ${file}: ${message}`);
    }
  });

  it('is replaced by an update of everything, which is what PAVED-430 says to run', () => {
    for (const file of Object.values(baselines)) {
      rmSync(ws.path(file), { recursive: true, force: true });
      ws.write(file, 'not json');
    }
    expect(paved('check', '--update-baseline').status).toBe(0);
    expect(paved('scan', 'secrets', '--all', '--update-baseline').status).toBe(0);
    expect(paved('check').status).toBe(0);
    expect(paved('scan', 'secrets', '--all').status).toBe(0);
    expect(JSON.parse(ws.read(baselines.secrets))).toMatchObject({
      version: 1,
      findings: [{ ruleId: 'paved/aws-access-key-id' }],
    });
  });
});
