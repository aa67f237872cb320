/**
 * End to end with real binaries: `paved lint` and its warm ESLint server in a synthetic workspace
 * with seeded module-boundary violations. Its reports equal ESLint's CLI, cold and warm; a changed
 * config or policy is never answered from the old one; the pre-commit hook refuses a boundary
 * crossing and a secret with the warm server up and with it turned off. Slow.
 */
import { ScratchWorkspace, syntheticPolicy, writeSyntheticProjects, type RunResult } from '@paved/scratch';
import { randomInt } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from './e2e-cli';

const pavedBin = join(repoRoot, 'tools', 'cli', 'bin', 'paved.mjs');
const fakeKeyId = () =>
  `AKIA${Array.from({ length: 16 }, () => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[randomInt(32)]).join('')}`;

describe('paved lint and its warm server', () => {
  let ws: ScratchWorkspace;
  let violating: string[];
  let clean: string[];

  /** `paved lint` as the hook runs it (the cached bundle), saying on stderr who linted. */
  const lint = (server: 'on' | 'off', ...args: string[]): RunResult =>
    ws.run('node', [pavedBin, 'lint', ...args], { PAVED_LINT_SERVER: server, PAVED_DEBUG: '1' });

  /** Lints `file` until the warm server answers (it starts in the background after a cold run). */
  const untilWarm = (file: string): RunResult => {
    for (let attempt = 0; attempt < 120; attempt += 1) {
      const result = lint('on', file);
      if (result.stderr.includes('linted by warm server')) return result;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
    throw new Error('the warm lint server never answered');
  };

  beforeAll(() => {
    ws = ScratchWorkspace.create({ toolchainRoot: repoRoot, policy: syntheticPolicy });
    const synthetic = writeSyntheticProjects(ws.root, {
      projects: 24,
      filesPerProject: 2,
      dependenciesPerProject: 3,
      violationRate: 0.25,
      seed: 11,
    });
    const crossing = (importLine: (typeof synthetic.imports)[number]) =>
      synthetic.expectedViolations.has(`${importLine.source}->${importLine.target}`);
    violating = [...new Set(synthetic.imports.filter(crossing).map((line) => line.file))].slice(0, 3);
    clean = [...new Set(synthetic.imports.filter((line) => !crossing(line)).map((line) => line.file))]
      .filter((file) => !violating.includes(file))
      .slice(0, 1);
    expect(violating.length).toBeGreaterThan(1);
    ws.commitAll('synthetic workspace');
    // The boundary rule reads the project graph Nx cached.
    expect(ws.nx(['show', 'projects']).status).toBe(0);
  });

  afterAll(() => {
    lint('on', '--stop');
    ws.dispose();
  });

  it("reports what ESLint's CLI reports, with the same exit code, cold and from the warm server", () => {
    for (const file of [...violating, ...clean]) {
      const eslint = ws.run('eslint', ['--no-warn-ignored', file]);
      const cold = lint('off', file);
      expect(cold.stderr).toContain('linted by this process');
      expect([cold.status, cold.stdout]).toEqual([eslint.status, eslint.stdout]);
    }
    untilWarm(clean[0]);
    for (const file of [...violating, ...clean]) {
      const eslint = ws.run('eslint', ['--no-warn-ignored', file]);
      const warm = lint('on', file);
      expect(warm.stderr).toContain('linted by warm server');
      expect([warm.status, warm.stdout]).toEqual([eslint.status, eslint.stdout]);
    }
    expect(violating.map((file) => lint('on', file).stdout)).toEqual(
      violating.map(() => expect.stringContaining('@nx/enforce-module-boundaries')),
    );
  });

  it('builds the Nx project graph first in a fresh clone, so the boundary rule is never skipped', () => {
    const graphFile = join(ws.root, '.nx', 'workspace-data', 'project-graph.json');
    rmSync(join(ws.root, '.nx'), { recursive: true, force: true });
    for (const server of ['off', 'on'] as const) {
      rmSync(graphFile, { force: true });
      const result = lint(server, violating[0]);
      expect(result.stderr).toContain('built the Nx project graph');
      expect(result.stdout).toContain('@nx/enforce-module-boundaries');
      expect(result.stdout).not.toContain('No cached ProjectGraph');
      expect(result.status).toBe(1);
      expect(existsSync(graphFile)).toBe(true);
    }
    expect(lint('off', violating[0]).stderr).not.toContain('built the Nx project graph');
  });

  it('answers a changed ESLint config or policy from the new one, never from the warm old one', () => {
    const file = clean[0];
    untilWarm(file);
    const source = ws.read(file);
    ws.write(file, `${source}console.log('legacy');\n`);
    expect(lint('on', file).status).toBe(0);

    const config = ws.read('eslint.config.ts');
    ws.write(
      'eslint.config.ts',
      `${config.replace('export default ', 'const paved = ')}\nexport default [...paved, { rules: { 'no-console': 'error' } }];\n`,
    );
    const changed = lint('on', file);
    expect(changed.stderr).toContain('linted by this process (eslint.config.ts changed)');
    expect([changed.status, changed.stdout]).toEqual([1, expect.stringContaining('no-console')]);
    // The server restarted on the new config answers the same.
    const warm = untilWarm(file);
    expect([warm.status, warm.stdout]).toEqual([1, expect.stringContaining('no-console')]);

    ws.write('eslint.config.ts', config);
    ws.write(file, source);
    untilWarm(file);
    ws.write('paved.json', `${JSON.stringify(JSON.parse(ws.read('paved.json')))}\n`);
    expect(lint('on', file).stderr).toContain('linted by this process (paved.json changed)');
  });

  it.each([
    ['up', 'on', 'linted by warm server'],
    ['turned off', 'off', 'linted by this process'],
  ] as const)(
    'the pre-commit hook refuses a boundary crossing and a secret with the warm server %s',
    (_, server, linter) => {
      if (!existsSync(ws.path('.lintstagedrc.mjs'))) {
        ws.installSecretScanHook(`node ${pavedBin} scan secrets --staged`, `node ${pavedBin} lint --fix`);
      }
      if (server === 'on') untilWarm(clean[0]);
      const commit = () =>
        ws.run('git', ['commit', '-q', '-m', 'change'], { PAVED_LINT_SERVER: server, PAVED_DEBUG: '1' });
      const head = ws.git('rev-parse', 'HEAD');

      const crossing = violating[0];
      const original = ws.read(crossing);
      ws.write(crossing, `${original}export const touched = 1;\n`);
      ws.git('add', crossing);
      const refused = commit();
      expect(refused.status).not.toBe(0);
      expect(refused.stdout + refused.stderr).toContain('@nx/enforce-module-boundaries');
      expect(refused.stdout + refused.stderr).toContain(linter);
      ws.write(crossing, original);
      ws.git('add', crossing);

      const config = join(clean[0], '..', 'config.ts');
      ws.write(config, `export const deployKeyId = '${fakeKeyId()}';\n`);
      ws.git('add', config);
      const secret = commit();
      expect(secret.status).not.toBe(0);
      expect(secret.stdout + secret.stderr).toContain('paved/aws-access-key-id');
      ws.write(config, `export const deployKeyId = process.env.DEPLOY_KEY_ID; // hook with the server ${server}\n`);
      ws.git('add', config);
      const accepted = commit();
      expect(accepted.status, accepted.stdout + accepted.stderr).toBe(0);
      expect(ws.git('rev-parse', 'HEAD')).not.toBe(head);
    },
  );
});
