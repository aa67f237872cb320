/**
 * `paved affected --explain`: the projects a change affects, as Nx computes them, and why. Nx 23
 * has no explain of its own; the reasons live in its internal locators (which project a file is
 * in, which global inputs a project reads, which npm packages a lockfile change moved). They are
 * imported here and nowhere else (nx-internals.ts), and every answer is checked against Nx's own
 * `filterAffected`: a disagreement is an internal error, never a wrong list.
 */
import { gitOutput } from '@paved/ci-base';
import { PavedError } from '@paved/errors';
import { loadNxAffected } from './nx-internals';
import { affectedPaths } from './paths';

export interface AffectedRequest {
  root: string;
  /** Compare from this commit (the merge base of it and head is used, as Nx does). */
  base: string;
  /** Up to this commit; absent: the work tree, uncommitted and untracked files included (as Nx does). */
  head?: string;
  /** These files instead of a git comparison (Nx's --files). */
  files?: readonly string[];
  /** Keep the projects that have one of these targets. */
  targets?: readonly string[];
}

/** Why a project is touched: a file in it, a global input it reads, an npm package it uses, a glob or config of the workspace. */
export interface TouchReason {
  kind: 'file' | 'global-input' | 'npm-package' | 'workspace';
  /** The files (or, for npm-package, the packages) that did it. */
  because: string[];
}

export interface AffectedProject {
  name: string;
  /** Set when the change touches the project itself. */
  touched?: TouchReason[];
  /** From a touched project to this one, each depending on the one before; just [name] when touched itself. */
  path: string[];
}

export interface AffectedResult {
  base: string;
  head: string;
  files: string[];
  projects: AffectedProject[];
}

const git = gitOutput;

const lines = (text: string) => text.split('\n').filter(Boolean);

/** The files Nx would compare: `git diff` between the merge base and head, or the work tree too when no head is given. */
function changedFiles(request: AffectedRequest): { base: string; head: string; files: string[] } {
  const head = request.head ?? 'HEAD';
  const base = git(request.root, 'merge-base', request.base, head).trim();
  if (request.files) return { base, head, files: [...request.files] };
  const files = lines(
    git(
      request.root,
      'diff',
      '--name-only',
      '--no-renames',
      '--relative',
      base,
      ...(request.head ? [request.head] : []),
    ),
  );
  if (!request.head) files.push(...lines(git(request.root, 'ls-files', '--others', '--exclude-standard')));
  return { base, head, files: [...new Set(files)].sort() };
}

/** The affected projects and why, agreeing with Nx's filterAffected or throwing. */
export async function explainAffected(request: AffectedRequest): Promise<AffectedResult> {
  const { base, head, files } = changedFiles(request);
  const nx = loadNxAffected(request.root);
  const graph = await nx.projectGraph();
  const changes = nx.fileChanges(files, { base, head: request.head });
  const touches = await nx.touches(changes, graph);

  const reasons = new Map<string, TouchReason[]>();
  const add = (node: string, reason: TouchReason) => reasons.set(node, [...(reasons.get(node) ?? []), reason]);
  for (const [project, owned] of touches.byFile) add(project, { kind: 'file', because: owned });
  for (const [project, inputs] of touches.byGlobalInput) add(project, { kind: 'global-input', because: inputs });
  for (const node of touches.byWorkspace)
    add(node, {
      kind: node.startsWith('npm:') ? 'npm-package' : 'workspace',
      because: node.startsWith('npm:') ? [node.slice(4)] : files.filter((file) => !touches.ownedFiles.has(file)),
    });

  // External nodes (npm:…) start the walk like projects; only projects are listed.
  const paths = affectedPaths(graph, [...reasons.keys()]);
  const projects = [...paths.entries()]
    .filter(([name]) => graph.nodes[name] !== undefined)
    .filter(
      ([name]) =>
        !request.targets?.length ||
        request.targets.some((target) => graph.nodes[name].data.targets?.[target] !== undefined),
    )
    .map(([name, path]): AffectedProject => ({
      name,
      path,
      ...(reasons.has(name) ? { touched: reasons.get(name) } : {}),
    }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  const expected = new Set(await nx.filterAffected(changes, graph));
  const ours = new Set([...paths.keys()].filter((name) => graph.nodes[name] !== undefined));
  const differ = [...new Set([...expected, ...ours])].filter((name) => expected.has(name) !== ours.has(name));
  if (differ.length)
    throw new PavedError({
      code: 'PAVED-001',
      message: `paved affected disagrees with Nx on ${differ.join(', ')} (Nx: ${[...expected].sort().join(', ') || 'none'})`,
      hint: 'the Nx internals paved affected reads changed shape: pin nx to the version Paved supports',
    });
  return { base, head, files, projects };
}

/** The affected projects for people; with `explain`, what touched each and the path to the rest. */
export function renderAffected(result: AffectedResult, explain: boolean): string {
  if (!explain) return result.projects.map((project) => `${project.name}\n`).join('');
  const out = [
    `${result.projects.length} project(s) affected by ${result.files.length} changed file(s) between ${result.base.slice(0, 12)} and ${result.head}`,
  ];
  for (const project of result.projects) {
    if (project.touched)
      for (const reason of project.touched)
        out.push(
          `${project.name}: ${{ file: 'changed file', 'global-input': 'global input', 'npm-package': 'npm package', workspace: 'workspace change' }[reason.kind]} ${reason.because.slice(0, 5).join(', ')}${reason.because.length > 5 ? ` and ${reason.because.length - 5} more` : ''}`,
        );
    else out.push(`${project.name}: through its dependencies ${[...project.path].reverse().join(' -> ')}`);
  }
  return `${out.join('\n')}\n`;
}
