/**
 * End to end with real nx and git: `paved affected` lists what `nx show projects --affected` lists,
 * on change sets that touch a project, a dependency chain, nx.json, a global input, untracked files
 * and a --files list; `--explain` says why. Slow.
 */
import { ScratchWorkspace } from '@paved/scratch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paved, repoRoot, writeProject } from './e2e-cli';

const workspaces: ScratchWorkspace[] = [];
afterAll(() => workspaces.forEach((w) => w.dispose()));

const target = { executor: 'nx:run-commands', options: { command: 'node -e "0"' } };

describe('paved affected', () => {
  let ws: ScratchWorkspace;
  let base: string;

  const nxAffected = (...args: string[]) => {
    // Nx takes --files instead of a base, not beside one.
    const range = args.includes('--files') ? [] : ['--base', base];
    const result = ws.nx(['show', 'projects', '--affected', ...range, ...args, '--json']);
    expect(result.status, result.stderr).toBe(0);
    return (JSON.parse(result.stdout) as string[]).sort();
  };
  const pavedAffected = (...args: string[]) => {
    const result = paved(ws, 'affected', '--base', base, ...args, '--format', 'json');
    expect(result.status, result.stderr).toBe(0);
    return JSON.parse(result.stdout) as {
      files: string[];
      projects: { name: string; path: string[]; touched?: { kind: string; because: string[] }[] }[];
    };
  };
  const names = (result: { projects: { name: string }[] }) => result.projects.map((project) => project.name).sort();

  beforeAll(() => {
    ws = ScratchWorkspace.create({ toolchainRoot: repoRoot });
    workspaces.push(ws);
    const projects: Record<string, string[]> = { core: [], api: ['core'], web: ['api'], docs: [], mobile: ['core'] };
    for (const [name, dependsOn] of Object.entries(projects))
      writeProject(ws, name, { test: target, lint: target }, dependsOn);
    ws.write('.gitignore', 'node_modules\n.nx\n');
    ws.commitAll('five projects');
    base = ws.git('rev-parse', 'HEAD').trim();
  });

  it('agrees with nx on a project change, and explains the dependency path to each dependent', () => {
    ws.write('libs/core/src/f0.ts', 'export const core = 2;\n');
    const result = pavedAffected();
    expect(names(result)).toEqual(nxAffected());
    expect(names(result)).toEqual(['api', 'core', 'mobile', 'web']);
    const web = result.projects.find((project) => project.name === 'web');
    expect(web?.path).toEqual(['core', 'api', 'web']);
    expect(result.projects.find((project) => project.name === 'core')?.touched).toEqual([
      { kind: 'file', because: ['libs/core/src/f0.ts'] },
    ]);
    const text = paved(ws, 'affected', '--base', base, '--explain').stdout;
    expect(text).toContain('core: changed file libs/core/src/f0.ts');
    expect(text).toContain('web: through its dependencies web -> api -> core');
    ws.git('checkout', '--', '.');
  });

  it('agrees with nx on untracked files, a --files list and a target filter', () => {
    ws.write('libs/docs/src/new.ts', 'export const added = 1;\n');
    expect(names(pavedAffected())).toEqual(nxAffected());
    expect(names(pavedAffected())).toEqual(['docs']);
    ws.git('clean', '-fdq', 'libs');
    expect(names(pavedAffected('--files', 'libs/api/src/f0.ts'))).toEqual(nxAffected('--files', 'libs/api/src/f0.ts'));
    expect(names(pavedAffected('--files', 'libs/api/src/f0.ts', '-t', 'test'))).toEqual(['api', 'web']);
  });

  it('agrees with nx on committed changes between two commits, and on nx.json, which touches everything', () => {
    ws.write('libs/mobile/src/f0.ts', 'export const mobile = 2;\n');
    ws.commitAll('change mobile');
    expect(names(pavedAffected('--head', 'HEAD'))).toEqual(nxAffected('--head', 'HEAD'));
    expect(names(pavedAffected('--head', 'HEAD'))).toEqual(['mobile']);
    const nxJson = JSON.parse(ws.read('nx.json'));
    ws.write('nx.json', JSON.stringify({ ...nxJson, parallel: 2 }, null, 2));
    const result = pavedAffected();
    expect(names(result)).toEqual(nxAffected());
    expect(names(result)).toEqual(['api', 'core', 'docs', 'mobile', 'web']);
    expect(result.projects.find((project) => project.name === 'docs')?.touched?.map((reason) => reason.kind)).toContain(
      'global-input',
    );
  });
});
