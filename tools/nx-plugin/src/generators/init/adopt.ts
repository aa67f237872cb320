import { formatFiles, logger, type GeneratorCallback, type Tree } from '@nx/devkit';
import { isPavedError } from '@paved/errors';
import { inferPolicy, type Reason } from '@paved/infer-policy';
import { parsePolicy, policyOrThrow, POLICY_FILE, type Policy } from '@paved/policy';
import { builtInCatalogDirs } from '@paved/templates';
import { join } from 'node:path';
import { agentsMdGenerator } from '../agents-md/generator';
import { ciGenerator } from '../ci/generator';
import { ownedProjects, syncCodeowners } from '../codeowners/generator';
import { writeConformanceBaseline, writeSecretsBaseline } from './baselines';
import { updateNxJsonForPaved } from './nx-json';
import { observeWorkspace, type Workspace } from './observe';
import { type InitGeneratorSchema } from './schema';
import { batchingAdvice } from './supported-nx';
import { mergeWorkspaceTools } from './workspace-tools';

/** Init's work once the workspace is known to be adoptable: observe it, then adopt it. */
export async function adopt(tree: Tree, schema: InitGeneratorSchema, nxVersion: string): Promise<GeneratorCallback> {
  return adoptWorkspace(tree, schema, { ...(await observeWorkspace(tree)), nxVersion });
}

/** Everything init writes, given what it observed (unit tests hand it a graph of their own). */
export async function adoptWorkspace(
  tree: Tree,
  schema: InitGeneratorSchema,
  workspace: Workspace,
): Promise<GeneratorCallback> {
  const reasons: Reason[] = [];
  // Everything that can refuse runs before the first write: the team's paved.json is validated
  // and the config merges plan in memory, writing only once nothing is left to refuse.
  const { policy, write: writePolicy } = planPolicy(tree, workspace, reasons);
  const afterWrite = mergeWorkspaceTools(
    tree,
    schema,
    workspace.observed.projects.map((project) => project.root),
    reasons,
  );
  writePolicy();
  updateNxJsonForPaved(tree, workspace.targetNames, reasons);
  const batching = workspace.nxVersion && batchingAdvice(workspace.nxVersion);
  if (batching) reasons.push({ key: 'nx run-many', message: batching });
  await syncCodeowners(tree, ownedProjects(workspace.graph));
  await agentsMdGenerator(tree);
  if (schema.baseline !== false) await addBaselines(tree, workspace, policy, reasons);
  if (schema.ci !== false) await addPipelines(tree, reasons);
  if (!schema.skipFormat) await formatFiles(tree);
  report(reasons);
  return afterWrite;
}

/** paved.json: the team's if there is one (it must be valid), else one inferred from the workspace. */
function planPolicy(tree: Tree, workspace: Workspace, reasons: Reason[]): { policy: Policy; write: () => void } {
  if (tree.exists(POLICY_FILE)) {
    reasons.push({ key: POLICY_FILE, message: 'kept as it is (it already exists)' });
    return { policy: policyOrThrow(parsePolicy(tree.read(POLICY_FILE, 'utf-8'), POLICY_FILE)), write: () => undefined };
  }
  const inferred = inferPolicy(workspace.observed);
  const text = `${JSON.stringify(inferred.policy, null, 2)}\n`;
  reasons.push(...inferred.reasons);
  return { policy: policyOrThrow(parsePolicy(text, POLICY_FILE)), write: () => tree.write(POLICY_FILE, text) };
}

async function addBaselines(tree: Tree, workspace: Workspace, policy: Policy, reasons: Reason[]): Promise<void> {
  const conformance = writeConformanceBaseline(tree, workspace.graph, policy, [
    join(tree.root, 'generators'),
    ...builtInCatalogDirs(),
  ]);
  if (conformance) {
    reasons.push({
      key: conformance.file,
      message: `${conformance.accepted} existing finding${conformance.accepted === 1 ? '' : 's'} accepted; only new ones fail paved check`,
    });
  }
  const secrets = await writeSecretsBaseline(tree, policy);
  if (secrets === 'not a git repository') {
    reasons.push({ key: policy.secrets.baseline, message: 'not written: the workspace is not in a git repository' });
  } else if (secrets) {
    reasons.push({
      key: secrets.file,
      message: `${secrets.accepted} secret${secrets.accepted === 1 ? '' : 's'} already committed accepted${secrets.accepted > 0 ? ': rotate them, the baseline only stops the hook from refusing old ones' : ''}`,
    });
  }
}

/** The CI pipelines; a workspace they cannot be made for (an old Node.js pin) is adopted without them, and told why. */
async function addPipelines(tree: Tree, reasons: Reason[]): Promise<void> {
  try {
    await ciGenerator(tree, { skipFormat: true });
    reasons.push({
      key: 'CI pipelines',
      message:
        'the affected tasks over 4 shards, the remote cache by trust, the green commit recorded (`nx g @paved/nx:ci --shards --targets` to change)',
    });
  } catch (error) {
    if (!isPavedError(error) || error.code !== 'PAVED-807') throw error;
    reasons.push({ key: 'CI pipelines', message: `not written: ${error.message}` });
  }
}

function report(reasons: readonly Reason[]): void {
  logger.info('Paved: what init decided, and why (refine paved.json to taste, then run `nx sync`):');
  for (const { key, message } of reasons) logger.info(`  ${key}: ${message}`);
}
