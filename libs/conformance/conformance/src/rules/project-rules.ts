import { applyLayout } from '@paved/policy';
import { type Rule } from '../model';
import { configFileOf, inProject, nestedProjectRoots, ownersOf, singleTag, tagValues } from './project-facts';

export const requiredTags: Rule = {
  id: 'required-tags',
  description: 'Every project has exactly one declared scope:<scope> and one declared type:<type> tag.',
  run({ model, projects, report }) {
    const declared = { scope: Object.keys(model.policy.scopes), type: Object.keys(model.policy.types) };
    for (const name of projects) {
      const project = model.projects[name];
      for (const prefix of ['scope', 'type'] as const) {
        const values = tagValues(project, prefix);
        const file = configFileOf(project, model);
        const expected = declared[prefix].map((v) => `${prefix}:${v}`).join(', ');
        if (values.length === 0) {
          report({
            project: name,
            file,
            key: `${name}:${prefix}:missing`,
            message: `"${name}" has no ${prefix}:<${prefix}> tag`,
            hint: `add one of ${expected} to its tags`,
          });
        } else if (values.length > 1) {
          report({
            project: name,
            file,
            key: `${name}:${prefix}:many`,
            message: `"${name}" has ${values.length} ${prefix} tags (${values.map((v) => `${prefix}:${v}`).join(', ')})`,
            hint: `keep exactly one ${prefix} tag`,
          });
        } else if (!declared[prefix].includes(values[0])) {
          report({
            project: name,
            file,
            key: `${name}:${prefix}:${values[0]}`,
            message: `"${name}" is tagged ${prefix}:${values[0]}, which paved.json does not declare`,
            hint: `use one of ${expected}, or declare "${values[0]}" under ${prefix === 'scope' ? 'scopes' : 'types'} in paved.json`,
          });
        }
      }
    }
  },
};

export const ownersPresent: Rule = {
  id: 'owners-present',
  description: "Every project has owners: its own, its scope's or the workspace default.",
  run({ model, projects, report }) {
    for (const name of projects) {
      const project = model.projects[name];
      if (ownersOf(project, model.policy).length === 0) {
        report({
          project: name,
          file: configFileOf(project, model),
          key: name,
          message: `"${name}" has no owners`,
          hint: 'set owners for its scope in paved.json (scopes.<scope>.owners), or metadata.paved.owners in project.json',
        });
      }
    }
  },
};

export const projectLayout: Rule = {
  id: 'project-layout',
  description: "A project created from a catalog kind sits where paved.json's layout for that kind says.",
  run({ model, projects, report }) {
    for (const name of projects) {
      const project = model.projects[name];
      const kind = project.paved?.template;
      const scope = singleTag(project, 'scope');
      const type = singleTag(project, 'type');
      if (!kind || !scope || !type) continue;
      const pattern = model.policy.kinds[kind]?.path ?? model.defaultLayout?.(kind);
      if (!pattern) continue;
      const expected = applyLayout(pattern, { scope, type, name });
      if (project.root !== expected) {
        report({
          project: name,
          file: configFileOf(project, model),
          key: `${name}:${expected}`,
          message: `"${name}" (${kind}, scope:${scope}, type:${type}) is at "${project.root}", but the layout puts it at "${expected}"`,
          hint: `move the project (nx g @nx/workspace:move --project ${name} --destination ${expected}), or fix its tags`,
        });
      }
    }
  },
};

const testFilePattern = /\.(spec|test)\.[cm]?[jt]sx?$/;

export const requiredFiles: Rule = {
  id: 'required-files',
  description: 'Every project has a README.md and at least one test.',
  run({ model, projects, report }) {
    for (const name of projects) {
      const project = model.projects[name];
      const readme = inProject(project, 'README.md');
      if (!model.files.exists(readme)) {
        report({
          project: name,
          file: readme,
          key: `${name}:readme`,
          message: `"${name}" has no README.md`,
          hint: 'write a few lines: what it is for, who owns it, how to use it',
        });
      }
      const test = model.files.find(
        project.root,
        (file) => testFilePattern.test(file),
        nestedProjectRoots(project, model),
      );
      if (test === undefined) {
        report({
          project: name,
          file: configFileOf(project, model),
          key: `${name}:tests`,
          message: `"${name}" has no test (*.spec.ts or *.test.ts)`,
          hint: 'add at least one test beside the code',
        });
      }
    }
  },
};
