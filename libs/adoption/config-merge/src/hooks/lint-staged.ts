import { PavedError } from '@paved/errors';
import picomatch from 'picomatch';
import ts from 'typescript';
import { isMap, isScalar, isSeq, type Document, type YAMLMap } from 'yaml';
import { JsSource, isRefusal, unwrap, type Refusal } from '../js-source';
import { JsonFile, YamlFile } from '../config-file';
import { isJsonObject, parseJsonObject, parseYamlDocument, type JsonObject } from '../json-file';
import { PACKAGE_JSON } from '../package-json';
import { type MergePlan } from '../tree';
import { SKIP_HOOKS_OPTION, commandUse, extensionsFor, fixCommand, runsTool, type FixTool } from './commands';
import { JsObjectLiteral, stringValue, type JsProperty } from './js-object';

/** lint-staged's own config files after package.json and package.yaml, in the order it reads them. */
export const LINT_STAGED_FILES = [
  '.lintstagedrc',
  '.lintstagedrc.json',
  '.lintstagedrc.yaml',
  '.lintstagedrc.yml',
  '.lintstagedrc.mjs',
  '.lintstagedrc.mts',
  '.lintstagedrc.js',
  '.lintstagedrc.ts',
  '.lintstagedrc.cjs',
  '.lintstagedrc.cts',
  'lint-staged.config.mjs',
  'lint-staged.config.mts',
  'lint-staged.config.js',
  'lint-staged.config.ts',
  'lint-staged.config.cjs',
  'lint-staged.config.cts',
] as const;

/** Where Paved writes lint-staged's tasks when the workspace has no lint-staged config. */
export const NEW_LINT_STAGED_FILE = '.lintstagedrc.json';

export interface TaskCommand {
  /** The command, or a task function's source (read for the tools it names). */
  text: string;
  kind: 'command' | 'function' | 'other';
}

export interface TaskEntry {
  glob: string;
  commands: TaskCommand[];
}

/** A lint-staged config in any of its forms, read as glob -> commands and edited in place. */
export interface LintStagedConfig {
  /** Where it is, as a user would look for it (`package.json "lint-staged"`). */
  readonly label: string;
  readonly path: string;
  entries(): TaskEntry[];
  /** Adds commands after a glob's own (before a final `git add`, which lint-staged < 10 needs last). */
  append(glob: string, commands: readonly string[]): void;
  add(glob: string, commands: readonly string[]): void;
  changed(): boolean;
  render(): string;
}

function refuse(file: string, refusal: Refusal | { message: string; keyPath?: string }): never {
  throw new PavedError({
    code: 'PAVED-705',
    file,
    keyPath: 'line' in refusal ? `line ${refusal.line}` : refusal.keyPath,
    message: `${refusal.message}, so Paved cannot add its staged-file tasks safely`,
    expected: 'an object of glob -> command (a string, or an array of strings and functions)',
    hint: `make the tasks a plain object, or add Paved's tasks yourself and run init with ${SKIP_HOOKS_OPTION}`,
  });
}

const gitAddLast = (commands: readonly string[]): number =>
  commands.length > 0 && commands[commands.length - 1].trim() === 'git add' ? commands.length - 1 : commands.length;

/** lint-staged 8's advanced format keeps its tasks under `linters`. */
function tasksKeyPath(tasks: unknown): string[] {
  return isJsonObject(tasks) && isJsonObject(tasks.linters) ? ['linters'] : [];
}

/** JSON: package.json's "lint-staged" key, .lintstagedrc(.json). */
class JsonLintStaged extends JsonFile implements LintStagedConfig {
  private readonly tasks: JsonObject;

  constructor(path: string, label: string, root: JsonObject, keyPath: readonly string[], original: string | null) {
    super(path, label, root, original);
    let value: unknown = root;
    for (const key of keyPath) value = (value as JsonObject)[key];
    for (const key of tasksKeyPath(value)) value = (value as JsonObject)[key];
    if (!isJsonObject(value)) refuse(path, { message: `${label} is not an object`, keyPath: keyPath.join('.') });
    this.tasks = value;
  }

  entries(): TaskEntry[] {
    return Object.entries(this.tasks).map(([glob, value]) => ({
      glob,
      commands: (Array.isArray(value) ? value : [value]).map((command): TaskCommand =>
        typeof command === 'string'
          ? { text: command, kind: 'command' }
          : { text: JSON.stringify(command), kind: 'other' },
      ),
    }));
  }

  append(glob: string, commands: readonly string[]): void {
    const current = this.tasks[glob];
    const list = (Array.isArray(current) ? [...current] : [current]) as string[];
    list.splice(gitAddLast(list), 0, ...commands);
    this.tasks[glob] = list;
    this.dirty = true;
  }

  add(glob: string, commands: readonly string[]): void {
    this.tasks[glob] = commands.length === 1 ? commands[0] : [...commands];
    this.dirty = true;
  }
}

/** YAML: .lintstagedrc(.yaml|.yml), package.yaml's key; comments and layout survive the edit. */
class YamlLintStaged extends YamlFile implements LintStagedConfig {
  private readonly tasks: YAMLMap;

  constructor(path: string, label: string, document: Document, keyPath: readonly string[]) {
    super(path, label, document);
    const container = keyPath.length === 0 ? document.contents : document.getIn(keyPath, true);
    const linters = isMap(container) ? container.get('linters', true) : undefined;
    const tasks = isMap(linters) ? linters : container;
    if (!isMap(tasks)) refuse(path, { message: `${label} is not a mapping`, keyPath: keyPath.join('.') });
    this.tasks = tasks;
  }

  entries(): TaskEntry[] {
    return this.tasks.items.map((pair) => {
      const value = pair.value;
      const items = isSeq(value) ? value.items : [value];
      return {
        glob: String(isScalar(pair.key) ? pair.key.value : pair.key),
        commands: items.map((item): TaskCommand =>
          isScalar(item) && typeof item.value === 'string'
            ? { text: item.value, kind: 'command' }
            : { text: String(item), kind: 'other' },
        ),
      };
    });
  }

  append(glob: string, commands: readonly string[]): void {
    const value = this.tasks.get(glob, true);
    if (isSeq(value)) {
      const texts = value.items.map((item) => (isScalar(item) ? String(item.value) : ''));
      value.items.splice(gitAddLast(texts), 0, ...commands.map((command) => this.document.createNode(command)));
    } else {
      const existing = isScalar(value) ? String(value.value) : '';
      this.tasks.set(glob, this.document.createNode([existing, ...commands]));
    }
    this.dirty = true;
  }

  add(glob: string, commands: readonly string[]): void {
    this.tasks.set(glob, this.document.createNode(commands.length === 1 ? commands[0] : [...commands]));
    this.dirty = true;
  }
}

/** JavaScript or TypeScript: an exported object literal, edited by offsets. */
class JsLintStaged implements LintStagedConfig {
  readonly label: string;
  private readonly tasks: JsObjectLiteral;
  private readonly properties: JsProperty[];

  constructor(
    readonly path: string,
    text: string,
  ) {
    this.label = path;
    const source = new JsSource(path, text);
    const exported = JsObjectLiteral.exported(source);
    if (isRefusal(exported)) refuse(path, exported);
    let tasks = exported;
    let properties = this.read(tasks);
    const linters = properties.find((p) => p.key === 'linters');
    const nested = linters && tasks.child(linters);
    if (nested) {
      tasks = nested;
      properties = this.read(nested);
    }
    this.tasks = tasks;
    this.properties = properties;
  }

  private read(object: JsObjectLiteral): JsProperty[] {
    const properties = object.properties();
    if (isRefusal(properties)) refuse(this.path, properties);
    return properties;
  }

  private command(node: ts.Expression): TaskCommand {
    const text = stringValue(node);
    if (text !== undefined) return { text, kind: 'command' };
    const value = unwrap(node);
    const source = value.getText(this.tasks.source.sourceFile);
    return ts.isArrowFunction(value) || ts.isFunctionExpression(value)
      ? { text: source, kind: 'function' }
      : { text: source, kind: 'other' };
  }

  entries(): TaskEntry[] {
    return this.properties.map((property) => {
      const value = unwrap(property.value);
      const elements = ts.isArrayLiteralExpression(value) ? [...value.elements] : [value];
      return { glob: property.key, commands: elements.map((element) => this.command(element)) };
    });
  }

  append(glob: string, commands: readonly string[]): void {
    const property = this.properties.find((p) => p.key === glob);
    if (!property) return this.add(glob, commands);
    const literals = commands.map((command) => this.tasks.literal(command));
    const value = unwrap(property.value);
    if (ts.isArrayLiteralExpression(value)) {
      const texts = value.elements.map((element) => stringValue(element) ?? '');
      this.tasks.insertIntoArray(value, gitAddLast(texts), literals);
    } else {
      this.tasks.replaceValue(
        property,
        `[${[property.value.getText(this.tasks.source.sourceFile), ...literals].join(', ')}]`,
      );
    }
  }

  add(glob: string, commands: readonly string[]): void {
    const literals = commands.map((command) => this.tasks.literal(command));
    this.tasks.addProperty(glob, literals.length === 1 ? literals[0] : `[${literals.join(', ')}]`);
  }

  changed(): boolean {
    return this.tasks.changed();
  }

  render(): string {
    return this.tasks.render();
  }
}

function fromYamlOrJson(path: string, text: string): LintStagedConfig {
  try {
    const json = JSON.parse(text) as unknown;
    if (isJsonObject(json)) return new JsonLintStaged(path, path, json, [], text);
  } catch {
    // Not JSON: lint-staged reads .lintstagedrc as YAML too.
  }
  return new YamlLintStaged(path, path, parseYamlDocument(text, path), []);
}

/** The lint-staged config lint-staged itself would use at the workspace root, if any. */
export function loadLintStaged(plan: MergePlan, pkg: JsonObject): LintStagedConfig | undefined {
  if ('lint-staged' in pkg) {
    return new JsonLintStaged(
      PACKAGE_JSON,
      'package.json "lint-staged"',
      pkg,
      ['lint-staged'],
      plan.read(PACKAGE_JSON),
    );
  }
  const packageYaml = plan.read('package.yaml');
  if (packageYaml !== null) {
    const document = parseYamlDocument(packageYaml, 'package.yaml');
    if (document.has('lint-staged'))
      return new YamlLintStaged('package.yaml', 'package.yaml "lint-staged"', document, ['lint-staged']);
  }
  for (const path of LINT_STAGED_FILES) {
    const text = plan.read(path);
    if (text === null) continue;
    if (path === '.lintstagedrc') return fromYamlOrJson(path, text);
    if (path.endsWith('.json')) return new JsonLintStaged(path, path, parseJsonObject(text, path), [], text);
    if (/\.ya?ml$/.test(path)) return new YamlLintStaged(path, path, parseYamlDocument(text, path), []);
    return new JsLintStaged(path, text);
  }
  return undefined;
}

export function newLintStaged(): LintStagedConfig {
  return new JsonLintStaged(NEW_LINT_STAGED_FILE, NEW_LINT_STAGED_FILE, {}, [], null);
}

/** Does a glob take files with this extension (in the root or a folder), as lint-staged matches it? */
function globTakes(glob: string, extension: string): boolean {
  const isMatch = picomatch(glob, { dot: true, matchBase: !glob.includes('/'), strictBrackets: true });
  return [`file.${extension}`, `src/file.${extension}`].some((file) => isMatch(file));
}

const globOf = (extensions: readonly string[]): string =>
  extensions.length === 1 ? `*.${extensions[0]}` : `*.{${extensions.join(',')}}`;

export interface TaskPlan {
  /** Commands appended to a team glob, so they run after the team's commands, never at the same time. */
  appended: Map<string, FixTool[]>;
  /** New globs for file types no team glob takes. */
  added: Map<string, FixTool[]>;
  /** Fixers Paved could not place without racing the team's overlapping globs: tool -> extensions. */
  unplaced: Map<FixTool, string[]>;
}

const knownExtensions = [...new Set([...extensionsFor('prettier'), ...extensionsFor('eslint')])];

/**
 * Which of Paved's fixers (Prettier, ESLint --fix) each staged file type still lacks, and where they
 * go. lint-staged runs the commands of one glob in order but different globs at the same time, so
 * two globs that fix the same file race. A fixer therefore gets a glob of its own only for file
 * types no team glob takes, and joins a team glob's commands only when that glob is the one taking
 * its files (no other glob overlaps it); otherwise it is left out, and said so.
 */
export function planTasks(entries: readonly TaskEntry[], tools: readonly FixTool[]): TaskPlan {
  const takes = new Map(
    entries.map((entry) => [entry, new Set(knownExtensions.filter((e) => globTakes(entry.glob, e)))]),
  );
  const overlapsAnother = (entry: TaskEntry): boolean =>
    entries.some((other) => other !== entry && [...(takes.get(entry) ?? [])].some((e) => takes.get(other)?.has(e)));
  const appended = new Map<string, FixTool[]>();
  const unplaced = new Map<FixTool, string[]>();
  const missingByExtension = new Map<string, FixTool[]>();
  for (const tool of tools) {
    for (const extension of extensionsFor(tool)) {
      const taking = entries.filter((entry) => takes.get(entry)?.has(extension));
      if (taking.some((entry) => entry.commands.some((command) => runsTool(command.text, tool)))) continue;
      if (taking.length === 0) {
        missingByExtension.set(extension, [...(missingByExtension.get(extension) ?? []), tool]);
      } else if (taking.length === 1 && !overlapsAnother(taking[0])) {
        const list = appended.get(taking[0].glob) ?? [];
        if (!list.includes(tool)) appended.set(taking[0].glob, [...list, tool]);
      } else {
        unplaced.set(tool, [...(unplaced.get(tool) ?? []), extension]);
      }
    }
  }
  const byTools = new Map<string, { tools: FixTool[]; extensions: string[] }>();
  for (const [extension, missing] of missingByExtension) {
    const key = missing.join('+');
    const group = byTools.get(key) ?? { tools: missing, extensions: [] };
    group.extensions.push(extension);
    byTools.set(key, group);
  }
  const added = new Map([...byTools.values()].map((group) => [globOf(group.extensions), group.tools]));
  return { appended, added, unplaced };
}

export interface TaskMerge {
  /** Human-readable list of what was added, empty when nothing was. */
  added: string[];
  /** Human-readable list of what Paved left for the team to place. */
  unplaced: string[];
}

/** Applies `planTasks` to a config. lint-staged before 10 needs `git add` after fixers to stage their fixes. */
export function mergeTasks(config: LintStagedConfig, tools: readonly FixTool[], lintStagedMajor?: number): TaskMerge {
  const plan = planTasks(config.entries(), tools);
  const commandsFor = (list: readonly FixTool[], withGitAdd: boolean) => [
    ...list.map(fixCommand),
    ...(withGitAdd ? ['git add'] : []),
  ];
  const legacy = lintStagedMajor !== undefined && lintStagedMajor < 10;
  const added: string[] = [];
  for (const [glob, list] of plan.appended) {
    config.append(glob, commandsFor(list, false));
    added.push(`${list.map(fixCommand).join(', ')} after your "${glob}" commands`);
  }
  for (const [glob, list] of plan.added) {
    config.add(glob, commandsFor(list, legacy));
    added.push(`"${glob}": ${list.map(fixCommand).join(', ')}`);
  }
  const unplaced = [...plan.unplaced].map(([tool, extensions]) => `${fixCommand(tool)} for ${globOf(extensions)}`);
  return { added, unplaced };
}

/** The tasks as they are after the merge's edits (a JavaScript config is read again from its new text). */
export function finalEntries(config: LintStagedConfig | undefined): TaskEntry[] {
  if (!config) return [];
  return config instanceof JsLintStaged && config.changed()
    ? new JsLintStaged(config.path, config.render()).entries()
    : config.entries();
}

/** Whether any task of the config already runs Paved's secret scan. */
export function runsSecretScan(config: LintStagedConfig | undefined): boolean {
  return (
    config?.entries().some((entry) => entry.commands.some((command) => commandUse(command.text).secretScan)) ?? false
  );
}
