import {
  addProjectConfiguration,
  formatFiles,
  generateFiles,
  getProjects,
  names,
  offsetFromRoot,
  readJson,
  type ProjectConfiguration,
  type Tree,
} from '@nx/devkit';
import { parsePolicy, policyOrThrow, POLICY_FILE, type Policy } from '@paved/policy';
import { builtInCatalogDirs, Catalog, planProject, type ProjectPlan } from '@paved/templates';
import { join } from 'node:path';
import { type ProjectGeneratorSchema } from './schema';
import { detectTypescriptSetup, takenImportPaths, registerProject, type TypescriptSetup } from './typescript-setup';

export async function projectGenerator(tree: Tree, schema: ProjectGeneratorSchema): Promise<void> {
  const typescript = detectTypescriptSetup(tree);
  const { plan, policy } = normalizeOptions(tree, schema, typescript);
  addFiles(tree, plan, policy, typescript);
  addProjectConfiguration(tree, plan.name, projectConfiguration(plan));
  registerProject(tree, typescript, { root: plan.projectRoot, importPath: plan.importPath });
  if (!schema.skipFormat) {
    await formatFiles(tree);
  }
}

export default projectGenerator;

function normalizeOptions(
  tree: Tree,
  schema: ProjectGeneratorSchema,
  typescript: TypescriptSetup,
): { plan: ProjectPlan; policy: Policy } {
  const policy = policyOrThrow(parsePolicy(tree.read(POLICY_FILE, 'utf-8'), POLICY_FILE));
  const catalog = new Catalog([join(tree.root, 'generators'), ...builtInCatalogDirs()]);
  const projects = getProjects(tree);
  const taken = takenImportPaths(
    tree,
    typescript,
    [...projects.values()].map((project) => project.root),
  );
  const plan = planProject(schema, policy, catalog, {
    projectNames: new Set(projects.keys()),
    importPaths: taken.paths,
    importPathsFile: taken.file,
    exists: (path) => tree.exists(path),
  });
  return { plan, policy };
}

function addFiles(tree: Tree, plan: ProjectPlan, policy: Policy, typescript: TypescriptSetup): void {
  const rootPackageJson = tree.exists('package.json') ? readJson(tree, 'package.json') : {};
  const substitutions = {
    tmpl: '',
    name: plan.name,
    propertyName: names(plan.name).propertyName,
    kind: plan.kind.name,
    templateVersion: plan.kind.template.version,
    scope: plan.scope,
    type: plan.type,
    owners: plan.owners,
    description: plan.description,
    publishable: plan.publishable,
    projectRoot: plan.projectRoot,
    importPath: plan.importPath,
    npmScope: policy.npmScope,
    license: typeof rootPackageJson.license === 'string' ? rootPackageJson.license : 'UNLICENSED',
    offsetFromRoot: offsetFromRoot(plan.projectRoot),
    rootTsconfig: typescript.extend,
  };
  generateFiles(tree, join(__dirname, 'files'), plan.projectRoot, substitutions);
  generateFiles(tree, join(plan.kind.dir, 'files'), plan.projectRoot, substitutions);
}

function projectConfiguration(plan: ProjectPlan): ProjectConfiguration {
  return {
    root: plan.projectRoot,
    sourceRoot: `${plan.projectRoot}/src`,
    projectType: plan.kind.template.projectType,
    tags: plan.tags,
    targets: structuredClone(plan.kind.template.targets) as ProjectConfiguration['targets'],
    metadata: {
      description: plan.description,
      // Recorded so a future migration knows which template and options made this project.
      paved: {
        template: plan.kind.name,
        templateVersion: plan.kind.template.version,
        // Only owners given with --owners belong to the project; the rest follow paved.json as it changes.
        ...(plan.explicitOwners.length > 0 ? { owners: plan.explicitOwners } : {}),
        options: {
          kind: plan.kind.name,
          name: plan.name,
          scope: plan.scope,
          type: plan.type,
          ...(plan.explicitOwners.length > 0 ? { owners: plan.explicitOwners } : {}),
          publishable: plan.publishable,
        },
      },
    } as ProjectConfiguration['metadata'],
  };
}
