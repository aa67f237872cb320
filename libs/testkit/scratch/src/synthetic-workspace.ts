import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { defaultScratchPolicy, type ScratchPolicy } from './scratch-files';

export interface SyntheticOptions {
  projects: number;
  /** Source files per project; each imports some of the project's dependencies. */
  filesPerProject: number;
  /** Average dependencies per project (edges of a random DAG: a project only depends on lower-numbered ones). */
  dependenciesPerProject: number;
  /** Share of edges that break a boundary rule on purpose. */
  violationRate: number;
  seed: number;
}

export interface SyntheticImport {
  source: string;
  target: string;
  file: string;
  line: number;
}

export interface SyntheticWorkspace {
  policy: ScratchPolicy;
  imports: SyntheticImport[];
  /** "source->target" pairs that break a boundary rule. */
  expectedViolations: Set<string>;
}

const scopes = ['orders', 'billing', 'catalog', 'shared'] as const;
const types = ['app', 'feature', 'data-access', 'util'] as const;

export const syntheticPolicy: ScratchPolicy = {
  npmScope: '@syn',
  scopes: {
    orders: { owners: ['@syn/orders'] },
    billing: { owners: ['@syn/billing'] },
    catalog: { owners: ['@syn/catalog'] },
    shared: { owners: ['@syn/platform'] },
  },
  // The same layers as the scratch workspace's policy; only the scopes differ.
  sharedScopes: defaultScratchPolicy.sharedScopes,
  types: defaultScratchPolicy.types,
};

/** A small, seeded PRNG (mulberry32): the same seed gives the same workspace. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function allowed(
  source: { scope: string; type: (typeof types)[number] },
  target: { scope: string; type: (typeof types)[number] },
): boolean {
  const scopeOk = source.scope === target.scope || target.scope === 'shared';
  const typeOk = syntheticPolicy.types[source.type].canDependOn.includes(target.type);
  return scopeOk && typeOk;
}

/**
 * Writes a synthetic Nx workspace's projects into `root` (which already has the
 * scratch workspace's config): projects p0..pN-1 under libs/, tagged with a
 * scope and a type, wired by imports along a random DAG in which a chosen
 * share of edges breaks the boundary rules. Returns what a correct checker must find.
 */
export function writeSyntheticProjects(root: string, options: SyntheticOptions): SyntheticWorkspace {
  const next = random(options.seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)];
  const projects = Array.from({ length: options.projects }, (_, index) => ({
    name: `p${index}`,
    scope: pick(scopes),
    type: pick(types),
  }));
  const paths: Record<string, string[]> = {};
  const imports: SyntheticImport[] = [];
  const expectedViolations = new Set<string>();
  const write = (path: string, content: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  };

  for (const [index, project] of projects.entries()) {
    const projectRoot = `libs/${project.scope}/${project.name}`;
    paths[`@syn/${project.name}`] = [`./${projectRoot}/src/index.ts`];
    // Dependencies: earlier projects only (a DAG, so no cycles), mostly allowed ones.
    const candidates = projects.slice(0, index);
    const wanted = Math.min(candidates.length, Math.round(options.dependenciesPerProject * (0.5 + next())));
    const targets = new Set<(typeof projects)[number]>();
    for (let attempt = 0; attempt < wanted * 8 && targets.size < wanted; attempt += 1) {
      const target = pick(candidates);
      const breaks = next() < options.violationRate;
      if (allowed(project, target) !== breaks) targets.add(target);
    }
    const targetList = [...targets];
    const files = Array.from({ length: options.filesPerProject }, (_, file) => `${projectRoot}/src/file${file}.ts`);
    for (const [fileIndex, file] of files.entries()) {
      const used = targetList.filter((_, t) => t % options.filesPerProject === fileIndex);
      const lines = used.map((t) => `import { ${t.name} } from '@syn/${t.name}';`);
      used.forEach((target, line) => {
        imports.push({ source: project.name, target: target.name, file, line: line + 1 });
        if (!allowed(project, target)) expectedViolations.add(`${project.name}->${target.name}`);
      });
      lines.push(`export const value${fileIndex} = [${used.map((t) => t.name).join(', ')}].length + ${fileIndex};`);
      write(file, `${lines.join('\n')}\n`);
    }
    write(
      `${projectRoot}/src/index.ts`,
      `export const ${project.name} = '${project.name}';\n${files.map((_, f) => `export * from './file${f}';`).join('\n')}\n`,
    );
    write(
      `${projectRoot}/project.json`,
      `${JSON.stringify({ name: project.name, root: projectRoot, sourceRoot: `${projectRoot}/src`, projectType: 'library', tags: [`scope:${project.scope}`, `type:${project.type}`] }, null, 2)}\n`,
    );
    write(`${projectRoot}/README.md`, `# ${project.name}\n`);
    write(
      `${projectRoot}/src/index.spec.ts`,
      `import { ${project.name} } from './index';\n\nexport const named = ${project.name};\n`,
    );
  }
  write(
    'tsconfig.base.json',
    `${JSON.stringify({ compilerOptions: { target: 'es2022', module: 'preserve', moduleResolution: 'bundler', strict: true, skipLibCheck: true, paths } }, null, 2)}\n`,
  );
  return { policy: syntheticPolicy, imports, expectedViolations };
}

/** The project pairs ESLint's @nx/enforce-module-boundaries reported, mapped back through the imports we wrote. */
export function eslintBoundaryPairs(
  eslintJson: string,
  imports: readonly SyntheticImport[],
  root: string,
): Set<string> {
  const reports = JSON.parse(eslintJson) as { filePath: string; messages: { ruleId: string | null; line: number }[] }[];
  const importAt = new Map(imports.map((i) => [`${join(root, i.file)}:${i.line}`, `${i.source}->${i.target}`]));
  return new Set(
    reports.flatMap((report) =>
      report.messages
        .filter((m) => m.ruleId === '@nx/enforce-module-boundaries')
        .map((m) => importAt.get(`${report.filePath}:${m.line}`) ?? `unmapped ${report.filePath}:${m.line}`),
    ),
  );
}
