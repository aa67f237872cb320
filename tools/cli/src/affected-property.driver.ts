/**
 * Run inside a scratch workspace by affected-property.e2e.spec.ts (Nx fixes its workspace root when
 * first loaded, so this runs with the workspace as its working directory, in one process for all
 * cases). For each of `count` random change sets drawn from `seed`: apply the changes to the work
 * tree, ask `explainAffected` (which throws when its answer differs from Nx's filterAffected, the
 * function behind `nx show projects --affected`), check on every `cliEvery`-th case that the real nx
 * CLI lists the same projects, and undo the changes. Prints one JSON report on stdout.
 */
import { explainAffected } from '@paved/ci-affected';
import { execFileSync } from 'node:child_process';
import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface PropertyCase {
  changes: string[];
  files: string[];
  ours: string[];
  /** Set on the cases checked against the nx CLI. */
  nxCli?: string[];
  paths: Record<string, string[]>;
  touched: string[];
  error?: string;
}

export interface PropertyReport {
  edges: Record<string, string[]>;
  cases: PropertyCase[];
}

const [count, seed, cliEvery] = process.argv.slice(2).map(Number);
const root = process.cwd();
const projects = JSON.parse(readFileSync(join(root, 'property-projects.json'), 'utf-8')) as string[];
const lockedPackages = JSON.parse(readFileSync(join(root, 'property-packages.json'), 'utf-8')) as string[];

// mulberry32: a small seeded generator, so a failing case can be replayed from its seed.
let state = seed >>> 0;
function random(): number {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];

const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf-8' });
const edit = (path: string, change: (text: string) => string) =>
  writeFileSync(join(root, path), change(readFileSync(join(root, path), 'utf-8')));
const editJson = (path: string, change: (value: Record<string, unknown>) => void) =>
  edit(path, (text) => {
    const value = JSON.parse(text) as Record<string, unknown>;
    change(value);
    return `${JSON.stringify(value, null, 2)}\n`;
  });

/** Changes that keep the project graph's shape, so one process can compute every case. */
const changeKinds: Record<string, (name: string, index: number) => string> = {
  'edit a source file': (name) => {
    appendFileSync(join(root, `libs/${name}/src/f0.ts`), `export const edited${Math.floor(random() * 1e6)} = 1;\n`);
    return `edit libs/${name}/src/f0.ts`;
  },
  'add a file': (name, index) => {
    writeFileSync(join(root, `libs/${name}/src/added${index}.ts`), 'export const added = 1;\n');
    return `add libs/${name}/src/added${index}.ts`;
  },
  'delete a file': (name) => {
    rmSync(join(root, `libs/${name}/src/f1.ts`), { force: true });
    return `delete libs/${name}/src/f1.ts`;
  },
  'tag a project': (name) => {
    editJson(`libs/${name}/project.json`, (project) => {
      project.tags = [...((project.tags as string[]) ?? []), `t${Math.floor(random() * 100)}`];
    });
    return `tag libs/${name}/project.json`;
  },
  'edit the readme': () => {
    appendFileSync(join(root, 'README.md'), 'more\n');
    return 'edit README.md';
  },
  'edit a shared global input': () => {
    editJson('config/shared.json', (shared) => (shared.value = random()));
    return 'edit config/shared.json';
  },
  'edit the tsconfig': () => {
    editJson('tsconfig.base.json', (tsconfig) => {
      (tsconfig.compilerOptions as Record<string, unknown>).strict = random() < 0.5;
    });
    return 'edit tsconfig.base.json';
  },
  'edit nx.json': () => {
    editJson('nx.json', (nxJson) => (nxJson.parallel = 1 + Math.floor(random() * 8)));
    return 'edit nx.json';
  },
  'edit a root script': () => {
    editJson('package.json', (packageJson) => (packageJson.scripts = { hello: `echo ${random()}` }));
    return 'edit package.json scripts';
  },
  'move a locked package': () => {
    const locked = pick(lockedPackages);
    // A new integrity for one resolved package: what a re-resolved lockfile looks like to Nx.
    edit('pnpm-lock.yaml', (text) => {
      const marker = `\n  ${locked}:\n    resolution: {integrity: sha512-`;
      const at = text.indexOf(marker) + marker.length;
      if (at < marker.length) throw new Error(`${locked} is not in pnpm-lock.yaml's packages`);
      return `${text.slice(0, at)}${text[at] === 'A' ? 'B' : 'A'}${text.slice(at + 1)}`;
    });
    return `move ${locked} in pnpm-lock.yaml`;
  },
};
// Source edits are what most changes are; workspace-wide ones are rarer.
const weighted = [
  ...Array<string>(5).fill('edit a source file'),
  ...Array<string>(2).fill('add a file'),
  'delete a file',
  'tag a project',
  'edit the readme',
  'edit a shared global input',
  'edit the tsconfig',
  'edit nx.json',
  'edit a root script',
  ...Array<string>(3).fill('move a locked package'),
];

async function main(): Promise<void> {
  const report: PropertyReport = { edges: {}, cases: [] };
  for (let index = 0; index < count; index += 1) {
    const changes = Array.from({ length: 1 + Math.floor(random() * 3) }, () =>
      changeKinds[pick(weighted)](pick(projects), index),
    );
    const entry: PropertyCase = { changes, files: [], ours: [], paths: {}, touched: [] };
    try {
      const result = await explainAffected({ root, base: 'HEAD' });
      entry.files = result.files;
      entry.ours = result.projects.map((project) => project.name).sort();
      entry.paths = Object.fromEntries(result.projects.map((project) => [project.name, project.path]));
      entry.touched = result.projects.filter((project) => project.touched).map((project) => project.name);
      if (index % cliEvery === 0) {
        const listed = execFileSync(
          join(root, 'node_modules', '.bin', 'nx'),
          ['show', 'projects', '--affected', '--base', 'HEAD', '--json'],
          { cwd: root, encoding: 'utf-8', env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' } },
        );
        entry.nxCli = (JSON.parse(listed) as string[]).sort();
      }
    } catch (error) {
      entry.error = error instanceof Error ? error.message : String(error);
    }
    report.cases.push(entry);
    git('checkout', '--', '.');
    git('clean', '-fdq', '--', 'libs');
  }
  const { createProjectGraphAsync } = await import('@nx/devkit');
  const graph = await createProjectGraphAsync({ exitOnError: false });
  report.edges = Object.fromEntries(
    Object.entries(graph.dependencies).map(([source, deps]) => [source, deps.map((dep) => dep.target)]),
  );
  process.stdout.write(JSON.stringify(report));
}

void main();
