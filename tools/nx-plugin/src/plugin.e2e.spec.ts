/**
 * End to end with the real nx binary: the plugin infers `check` and `scan` for every project Nx
 * knows (package.json-only projects of a pnpm workspace, a root project, a project.json project)
 * and creates none Nx would not (package.json files in fixtures or outside the workspace globs),
 * and the scan target's inputs follow the lockfile the workspace has. Slow.
 */
import { ScratchWorkspace, type RunResult } from '@paved/scratch';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = join(__dirname, '..', '..', '..');
const fixtures = join(repoRoot, 'libs', 'security', 'advisories', 'fixtures', 'workspaces');
let ws: ScratchWorkspace;

function ok(result: RunResult): RunResult {
  expect(result.status, `${result.command}\n${result.stdout}\n${result.stderr}`).toBe(0);
  return result;
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
const projects = (...extra: string[]): string[] =>
  (JSON.parse(ok(ws.nx(['show', 'projects', '--json', ...extra])).stdout) as string[]).sort();
const scanInputs = (project: string): unknown[] =>
  JSON.parse(ok(ws.nx(['show', 'project', project, '--json'])).stdout).targets.scan.inputs;

/** A project as a team would write it: package.json with Nx tags, a README and a test, so its check passes. */
function packageProject(root: string, name: string, tags: string[]) {
  ws.write(`${root}/package.json`, json({ name, version: '1.0.0', private: true, nx: { tags } }));
  ws.write(`${root}/README.md`, `# ${name}\n`);
  ws.write(`${root}/src/index.spec.ts`, 'export const tested = true;\n');
}

beforeAll(() => {
  ws = ScratchWorkspace.create({ toolchainRoot: repoRoot });
  // The root is a project too: package.json with an `nx` key.
  const root = JSON.parse(ws.read('package.json'));
  ws.write('package.json', json({ ...root, nx: { tags: ['scope:shared', 'type:util'] } }));
  ws.write('README.md', '# scratch\n');
  ws.write('workspace.spec.ts', 'export const tested = true;\n');
  packageProject('libs/shop/cart', '@acme/cart', ['scope:shop', 'type:feature']);
  packageProject('libs/shared/money', '@acme/money', ['scope:shared', 'type:util']);
  packageProject('apps/shop', '@acme/shop', ['scope:shop', 'type:app']);
  // A project.json project, with a package.json beside it: one project.
  ws.write('tools/scripts/project.json', json({ name: 'scripts', tags: ['scope:shared', 'type:util'] }));
  ws.write('tools/scripts/package.json', json({ name: '@acme/scripts', version: '0.0.0', private: true }));
  ws.write('tools/scripts/README.md', '# scripts\n');
  ws.write('tools/scripts/run.spec.ts', 'export const tested = true;\n');
  // Not projects: a fixture below a project (libs/*/* does not reach it) and a folder outside the globs.
  ws.write('libs/shop/cart/fixtures/sample/package.json', json({ name: 'sample-fixture', version: '1.0.0' }));
  ws.write('examples/demo/package.json', json({ name: 'demo-example', version: '1.0.0' }));
  ws.commitAll('package.json projects, a root project, a project.json project and two fixtures');
});
afterAll(() => ws?.dispose());

describe('inferred targets for every project Nx knows', () => {
  it('leaves the set of projects exactly as Nx makes it without the plugin', () => {
    const withPlugin = projects();
    expect(withPlugin).toEqual(['@acme/cart', '@acme/money', '@acme/shop', 'scratch', 'scripts']);
    const nxJson = ws.read('nx.json');
    const { plugins, ...rest } = JSON.parse(nxJson);
    ws.write('nx.json', json({ ...rest, plugins: plugins.filter((p: unknown) => p !== '@paved/nx') }));
    try {
      expect(projects()).toEqual(withPlugin);
    } finally {
      ws.write('nx.json', nxJson);
    }
  });

  it('gives every project check and scan, and the checks pass on package.json projects too', () => {
    const all = projects();
    expect(projects('--with-target', 'check')).toEqual(all);
    expect(projects('--with-target', 'scan')).toEqual(all);
    const run = ok(ws.nx(['run-many', '-t', 'check', '--outputStyle=static', '--skip-nx-cache']));
    for (const project of all) expect(run.stdout).toContain(`nx run ${project}:check`);
  });

  it("names the workspace's real lockfile in the scan inputs, and none when there is none", () => {
    expect(scanInputs('@acme/cart')).toContain('{workspaceRoot}/pnpm-lock.yaml');
    rmSync(ws.path('pnpm-lock.yaml'));
    ws.write('package-lock.json', readFileSync(join(fixtures, 'npm', 'package-lock.json'), 'utf-8'));
    try {
      const inputs = scanInputs('@acme/cart');
      expect(inputs).toContain('{workspaceRoot}/package-lock.json');
      expect(inputs).not.toContain('{workspaceRoot}/pnpm-lock.yaml');
      rmSync(ws.path('package-lock.json'));
      expect(scanInputs('@acme/cart').filter((input) => String(input).includes('lock'))).toEqual([]);
    } finally {
      ws.git('checkout', '--', '.');
      rmSync(ws.path('package-lock.json'), { force: true });
    }
  });
});
