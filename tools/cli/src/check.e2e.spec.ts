/**
 * End to end with real binaries: `paved check` and the inferred `check` target
 * in scratch workspaces, nx sync for CODEOWNERS, and parity with the ESLint
 * rule @nx/enforce-module-boundaries on a synthetic workspace. Slow.
 */
import { eslintBoundaryPairs, ScratchWorkspace, syntheticPolicy, writeSyntheticProjects } from '@paved/scratch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paved, repoRoot } from './e2e-cli';

const workspaces: ScratchWorkspace[] = [];
afterAll(() => workspaces.forEach((w) => w.dispose()));

describe('paved check and nx check on a generated workspace', () => {
  let ws: ScratchWorkspace;

  beforeAll(() => {
    ws = ScratchWorkspace.create({ toolchainRoot: repoRoot });
    workspaces.push(ws);
    for (const args of [
      ['--kind', 'ts-lib', '--name', 'money', '--scope', 'shared', '--type', 'util'],
      ['--kind', 'ts-lib', '--name', 'cart', '--scope', 'shop', '--type', 'feature'],
      ['--kind', 'ts-lib', '--name', 'invoices', '--scope', 'billing', '--type', 'feature'],
    ]) {
      const result = ws.generateProject(...args);
      expect(result.status, result.stdout + result.stderr).toBe(0);
    }
    ws.write(
      'libs/shop/cart/src/cart.ts',
      "import { money } from '@acme/money';\n\nexport const cart = (): string => money();\n",
    );
    ws.commitAll('three projects');
  });

  it('passes a workspace made by the paved road, through the CLI and the Nx targets', () => {
    const result = paved(ws, 'check');
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain('3 projects checked against 8 rules');
    expect(ws.nx(['run-many', '-t', 'check', '--outputStyle=static']).status).toBe(0);
  });

  it('finds a boundary violation with the importing file, and nx affected -t check runs only what changed', () => {
    ws.write(
      'libs/billing/invoices/src/invoices.ts',
      "import { cart } from '@acme/cart';\n\nexport const invoices = (): string => cart();\n",
    );
    const json = JSON.parse(paved(ws, 'check', '--format', 'json').stdout);
    expect(json.ok).toBe(false);
    expect(json.findings).toEqual([
      expect.objectContaining({
        ruleId: 'module-boundaries',
        project: 'invoices',
        file: 'libs/billing/invoices/src/invoices.ts',
      }),
    ]);
    const cliExit = paved(ws, 'check').status;
    expect(cliExit).toBe(1);
    const affected = ws.nx(['affected', '-t', 'check', '--base=HEAD', '--outputStyle=static']);
    expect(affected.status).not.toBe(0);
    expect(affected.stdout).toContain('nx run invoices:check');
    expect(affected.stdout).not.toContain('nx run cart:check');
    expect(affected.stdout).toContain(
      '"invoices" depends on "cart" (scope:shop, type:feature), but projects tagged "type:feature" may only depend on "type:data-access", "type:util"',
    );
  });

  it("a baseline accepts today's findings and fails only new ones", () => {
    expect(paved(ws, 'check', '--update-baseline').status).toBe(0);
    expect(ws.read('paved-baseline.json')).toContain('module-boundaries:invoices->cart');
    const known = paved(ws, 'check');
    expect(known.status).toBe(0);
    expect(known.stdout).toContain('1 known (baseline)');
    ws.write('libs/shared/money/src/extra.ts', "import { cart } from '@acme/cart';\n\nexport const extra = cart;\n");
    const fresh = paved(ws, 'check', '--format', 'sarif');
    expect(fresh.status).toBe(1);
    const sarif = JSON.parse(fresh.stdout);
    expect(
      sarif.runs[0].results.map((r: { baselineState: string; partialFingerprints: { pavedFingerprint: string } }) => [
        r.partialFingerprints.pavedFingerprint,
        r.baselineState,
      ]),
    ).toEqual(
      expect.arrayContaining([
        ['module-boundaries:money->cart', 'new'],
        ['module-boundaries:invoices->cart', 'unchanged'],
      ]),
    );
    ws.git('checkout', '--', '.');
    ws.git('clean', '-fdq', 'libs');
  });

  it('refuses an unknown rule id and a malformed paved.json with exit code 2, running nothing', () => {
    const policy = JSON.parse(ws.read('paved.json'));
    ws.write('paved.json', JSON.stringify({ ...policy, rules: { 'no-lodash': 'error' } }));
    const unknown = paved(ws, 'check');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('PAVED-105 paved.json: rules.no-lodash: unknown conformance rule "no-lodash"');
    // Raised inside Nx's graph by Paved's plugin, and still reported as the policy error it is.
    expect(unknown.stderr).not.toContain('PAVED-001');
    ws.write('paved.json', '{ "npmScope": ');
    const malformed = paved(ws, 'check');
    expect(malformed.status).toBe(2);
    expect(malformed.stderr).toContain('PAVED-101 paved.json');
    // Validated before Nx builds its graph: the coded line, not Nx's error dump.
    expect(malformed.stderr).not.toContain('ProjectGraphError');
    expect(malformed.stderr.trim().split('\n').length).toBeLessThanOrEqual(3);
    ws.git('checkout', '--', 'paved.json');
  });

  it('nx sync writes CODEOWNERS from paved.json, and nx sync:check fails when owners change', () => {
    const nxJson = JSON.parse(ws.read('nx.json'));
    ws.write('nx.json', JSON.stringify({ ...nxJson, sync: { globalGenerators: ['@paved/nx:codeowners'] } }));
    expect(ws.nx(['sync']).status).toBe(0);
    expect(ws.read('.github/CODEOWNERS')).toContain('/libs/shop/cart/ @acme/shop-team');
    expect(ws.read('.gitlab/CODEOWNERS')).toContain('[scope:billing]');
    expect(ws.nx(['sync:check']).status).toBe(0);
    const policy = JSON.parse(ws.read('paved.json'));
    policy.scopes.shop.owners = ['@acme/new-shop-team'];
    ws.write('paved.json', JSON.stringify(policy));
    expect(ws.nx(['sync:check']).status).not.toBe(0);
    expect(ws.nx(['sync']).status).toBe(0);
    expect(ws.read('.github/CODEOWNERS')).toContain('/libs/shop/cart/ @acme/new-shop-team');
  });
});

describe('parity with @nx/enforce-module-boundaries', () => {
  it('reports the same violating project pairs on a synthetic workspace with seeded violations', () => {
    const ws = ScratchWorkspace.create({ toolchainRoot: repoRoot, policy: syntheticPolicy });
    workspaces.push(ws);
    const synthetic = writeSyntheticProjects(ws.root, {
      projects: 40,
      filesPerProject: 3,
      dependenciesPerProject: 3,
      violationRate: 0.15,
      seed: 7,
    });
    expect(synthetic.expectedViolations.size).toBeGreaterThan(5);
    expect(ws.nx(['show', 'projects']).status).toBe(0);

    const ours = JSON.parse(paved(ws, 'check', '--format', 'json').stdout) as {
      findings: { ruleId: string; fingerprint: string }[];
    };
    const ourPairs = new Set(
      ours.findings
        .filter((f) => f.ruleId === 'module-boundaries')
        .map((f) => f.fingerprint.replace('module-boundaries:', '')),
    );

    const eslintPairs = eslintBoundaryPairs(
      ws.run('eslint', ['--format', 'json', 'libs']).stdout,
      synthetic.imports,
      ws.root,
    );

    expect([...ourPairs].sort()).toEqual([...synthetic.expectedViolations].sort());
    expect([...eslintPairs].sort()).toEqual([...ourPairs].sort());
  });
});

describe('nx run-many -t check with a baseline, 20 projects', () => {
  let ws: ScratchWorkspace;
  let synthetic: ReturnType<typeof writeSyntheticProjects>;
  const entriesOf = (project: string) =>
    (JSON.parse(ws.read('paved-baseline.json')).findings as { project?: string }[]).filter(
      (entry) => entry.project === project,
    ).length;
  /** Each task's output, keyed by project, from `nx run-many` in static style. */
  const taskOutputs = (stdout: string) =>
    new Map(
      stdout
        .split(/^> nx run /m)
        .slice(1)
        .map((chunk) => [chunk.slice(0, chunk.indexOf(':check')), chunk] as const),
    );

  beforeAll(() => {
    ws = ScratchWorkspace.create({ toolchainRoot: repoRoot, policy: syntheticPolicy });
    workspaces.push(ws);
    synthetic = writeSyntheticProjects(ws.root, {
      projects: 20,
      filesPerProject: 2,
      dependenciesPerProject: 2,
      violationRate: 0.3,
      seed: 3,
    });
    ws.commitAll('20 projects');
    const accepted = paved(ws, 'check', '--update-baseline');
    expect(accepted.status, accepted.stdout + accepted.stderr).toBe(0);
    ws.commitAll('baseline');
  });

  it.each([
    ['in one batch', []],
    ['one process per task', ['--batch=false']],
  ])('passes %s, each task judging only its own baseline entries', (_, mode) => {
    const violators = new Set([...synthetic.expectedViolations].map((pair) => pair.split('->')[0]));
    expect(violators.size).toBeGreaterThan(3);
    const run = ws.nx(['run-many', '-t', 'check', '--outputStyle=static', '--skip-nx-cache', ...mode]);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    const outputs = taskOutputs(run.stdout);
    expect(outputs.size).toBe(20);
    for (const [project, output] of outputs) {
      expect(output, project).not.toContain('fixed');
      const known = entriesOf(project);
      if (known > 0) expect(output, project).toContain(`${known} known (baseline)`);
      else expect(output, project).not.toContain('known (baseline)');
    }
  });

  it('reports a fixed entry in the fixing project only', () => {
    const [pair] = [...synthetic.expectedViolations].sort();
    const [source, target] = pair.split('->');
    const edit = synthetic.imports.find((i) => i.source === source && i.target === target);
    if (!edit) throw new Error(`no import for ${pair}`);
    const lines = ws.read(edit.file).split('\n');
    ws.write(edit.file, lines.filter((line) => !line.includes(`from '@syn/${target}'`)).join('\n'));
    const run = ws.nx(['run-many', '-t', 'check', '--outputStyle=static', '--skip-nx-cache']);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    const fixedIn = [...taskOutputs(run.stdout)].filter(([, output]) => output.includes('baseline entry fixed'));
    expect(fixedIn.map(([project]) => project)).toEqual([source]);
    ws.git('checkout', '--', '.');
  });
});
