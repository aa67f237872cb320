/**
 * A property test of `paved affected` against Nx, with real nx and git: 240 random change sets
 * (source edits, added and deleted files, project.json edits, global inputs, nx.json,
 * tsconfig.base.json, root package.json, lockfile packages moving under
 * `projectsAffectedByDependencyUpdates: "auto"`) over a synthetic 14-project workspace whose
 * projects depend on each other and import npm packages. Every case must agree with Nx's
 * filterAffected (explainAffected throws otherwise), one in eight with the real `nx show projects
 * --affected` CLI, and every explanation must hold: each path starts at a touched project and
 * follows real dependency edges. Slow.
 */
import { ScratchWorkspace } from '@paved/scratch';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type PropertyReport } from './affected-property.driver';
import { repoRoot } from './e2e-cli';

const CASES = 240;
const SEED = 20261203;
const CLI_EVERY = 8;

const workspaces: ScratchWorkspace[] = [];
afterAll(() => workspaces.forEach((w) => w.dispose()));

const npmImports = ['semver', 'yaml', 'commander', 'minimatch'];

describe('paved affected, property test against nx', () => {
  let report: PropertyReport;

  beforeAll(() => {
    const ws = ScratchWorkspace.create({ toolchainRoot: repoRoot });
    workspaces.push(ws);
    const nxJson = JSON.parse(ws.read('nx.json'));
    ws.write(
      'nx.json',
      JSON.stringify({
        ...nxJson,
        // Inferred targets are not what this test is about; they only slow every graph down.
        plugins: [],
        namedInputs: {
          default: ['{projectRoot}/**/*', 'sharedGlobals'],
          sharedGlobals: ['{workspaceRoot}/config/shared.json'],
          sources: ['{projectRoot}/src/**/*'],
        },
        pluginsConfig: { '@nx/js': { projectsAffectedByDependencyUpdates: 'auto' } },
      }),
    );
    ws.write('config/shared.json', '{"value": 0}\n');
    ws.write('tsconfig.base.json', JSON.stringify({ compilerOptions: { strict: true } }));
    ws.write('README.md', '# property workspace\n');
    ws.write('.gitignore', 'node_modules\n.nx\n');
    // Fourteen projects, each depending on a few earlier ones and importing at most one npm package;
    // half read the shared global input (the default inputs), half only their sources.
    const names = Array.from({ length: 14 }, (_, index) => `p${index}`);
    names.forEach((name, index) => {
      const dependsOn = names.slice(0, index).filter((_, earlier) => (index * 7 + earlier * 3) % 5 === 0);
      const imported = npmImports[index % (npmImports.length + 1)];
      const inputs = index % 2 === 0 ? ['default'] : ['sources'];
      ws.write(
        `libs/${name}/project.json`,
        JSON.stringify({
          name,
          root: `libs/${name}`,
          implicitDependencies: dependsOn,
          targets: { test: { executor: 'nx:run-commands', inputs, options: { command: 'node -e "0"' } } },
        }),
      );
      ws.write(
        `libs/${name}/src/f0.ts`,
        `${imported ? `import * as imported from '${imported}';\nexport const used = imported;\n` : ''}export const f0 = 0;\n`,
      );
      ws.write(`libs/${name}/src/f1.ts`, 'export const f1 = 1;\n');
    });
    ws.write('property-projects.json', JSON.stringify(names));
    const rootImporter = parse(ws.read('pnpm-lock.yaml')).importers['.'];
    const locked = [...npmImports, 'pino'].map((name) => {
      const entry = rootImporter.devDependencies?.[name] ?? rootImporter.dependencies?.[name];
      return `${name}@${String(entry.version).replace(/\(.*$/, '')}`;
    });
    ws.write('property-packages.json', JSON.stringify(locked));
    ws.commitAll('property workspace');

    const result = ws.run('tsx', [
      '--tsconfig',
      join(repoRoot, 'tsconfig.base.json'),
      join(repoRoot, 'tools', 'cli', 'src', 'affected-property.driver.ts'),
      String(CASES),
      String(SEED),
      String(CLI_EVERY),
    ]);
    expect(result.status, result.stderr).toBe(0);
    report = JSON.parse(result.stdout) as PropertyReport;
  });

  it(`agrees with Nx's filterAffected on all ${CASES} change sets`, () => {
    expect(report.cases).toHaveLength(CASES);
    expect(report.cases.filter((entry) => entry.error).map((entry) => [entry.changes, entry.error])).toEqual([]);
  });

  it('lists exactly what the nx CLI lists on the cases checked against it', () => {
    const checked = report.cases.filter((entry) => entry.nxCli);
    expect(checked.length).toBe(CASES / CLI_EVERY);
    for (const entry of checked)
      expect({ changes: entry.changes, projects: entry.ours }).toEqual({
        changes: entry.changes,
        projects: entry.nxCli,
      });
  });

  it('covers every kind of change, with small, partial and whole-workspace answers', () => {
    const kinds = new Set(report.cases.flatMap((entry) => entry.changes.map((change) => change.split(' ')[0])));
    expect([...kinds].sort()).toEqual(['add', 'delete', 'edit', 'move', 'tag']);
    const sizes = report.cases.map((entry) => entry.ours.length);
    expect(sizes).toContain(0);
    expect(sizes).toContain(14);
    expect(sizes.some((size) => size > 1 && size < 14)).toBe(true);
    const lockfileOnly = report.cases.filter((entry) => entry.changes.every((change) => change.startsWith('move ')));
    expect(lockfileOnly.length).toBeGreaterThan(0);
    // "auto": a moved package affects the projects that import it, not the whole workspace.
    expect(lockfileOnly.some((entry) => entry.ours.length > 0 && entry.ours.length < 14)).toBe(true);
  });

  it('explains every affected project by a path of real dependency edges from a touched one', () => {
    for (const entry of report.cases.filter((each) => !each.error)) {
      for (const [name, path] of Object.entries(entry.paths)) {
        expect(path.at(-1)).toBe(name);
        const start = path[0];
        // A path starts at a touched project, or at an npm package the change moved.
        expect(entry.touched.includes(start) || start.startsWith('npm:'), `${name}: ${path.join(' -> ')}`).toBe(true);
        for (let step = 1; step < path.length; step += 1)
          expect(report.edges[path[step]] ?? [], `${path[step]} depends on ${path[step - 1]}`).toContain(
            path[step - 1],
          );
      }
    }
  });
});
