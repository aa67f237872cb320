import { type ProjectGraph, type Tree } from '@nx/devkit';
import {
  createBaseline,
  DEFAULT_BASELINE,
  modelFromGraph,
  readNxFileMap,
  runChecks,
  workspaceFiles,
  type GraphLike,
  type WorkspaceFiles,
} from '@paved/conformance';
import { isPavedError } from '@paved/errors';
import { type Policy } from '@paved/policy';
import { createSecretsBaseline, scanSecrets } from '@paved/secrets';
import { Catalog, type Kind } from '@paved/templates';

/** The workspace's files as the tree holds them, so findings see what init itself writes. */
function treeFiles(tree: Tree): WorkspaceFiles {
  return workspaceFiles({
    entries: (dir) =>
      tree.children(dir).map((name) => {
        const isFile = tree.isFile(dir === '' || dir === '.' ? name : `${dir}/${name}`);
        return { name, isFile, isDirectory: !isFile };
      }),
    read: (path) => tree.read(path, 'utf-8') ?? undefined,
    exists: (path) => tree.exists(path),
  });
}

export interface BaselineSummary {
  file: string;
  accepted: number;
}

/**
 * Records what `paved check` finds today under the new policy, so it is green on day one
 * and only findings that appear later fail. An existing baseline is the team's: kept.
 */
export function writeConformanceBaseline(
  tree: Tree,
  graph: ProjectGraph,
  policy: Policy,
  catalogDirs: readonly string[],
): BaselineSummary | undefined {
  if (tree.exists(DEFAULT_BASELINE)) return undefined;
  const catalog = new Catalog(catalogDirs);
  const model = modelFromGraph(graph as unknown as GraphLike, policy, treeFiles(tree), {
    fileMap: readNxFileMap(tree.root),
    defaultLayout: (kind) => (catalog.find(kind) as Kind | undefined)?.template.defaultPath,
  });
  const findings = runChecks(model);
  tree.write(DEFAULT_BASELINE, `${JSON.stringify(createBaseline(findings), null, 2)}\n`);
  return { file: DEFAULT_BASELINE, accepted: findings.length };
}

/**
 * Records the secrets already committed (every tracked file), so the first commit after init
 * is not refused for a secret nobody just added. They stay reported as known, to be rotated.
 */
export async function writeSecretsBaseline(
  tree: Tree,
  policy: Policy,
): Promise<BaselineSummary | 'not a git repository' | undefined> {
  const file = policy.secrets.baseline;
  if (tree.exists(file)) return undefined;
  let result: Awaited<ReturnType<typeof scanSecrets>>;
  try {
    result = await scanSecrets({ cwd: tree.root, mode: 'all', policy: policy.secrets });
  } catch (error) {
    // Without git there are no tracked files to scan, and no commits for a hook to guard.
    if (isPavedError(error) && error.code === 'PAVED-402') return 'not a git repository';
    throw error;
  }
  const findings = [...result.fresh, ...result.known];
  tree.write(file, `${JSON.stringify(createSecretsBaseline(findings), null, 2)}\n`);
  return { file, accepted: findings.length };
}
