import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { JsonFile, YamlFile } from '../config-file';
import { isJsonObject, parseJsonObject, parseYamlDocument, type JsonObject } from '../json-file';
import { type MergePlan } from '../tree';
import { refuseHookConfig } from './hook-commands';

/** lefthook's main config files; the first found is the one it reads. */
export const LEFTHOOK_FILES = [
  'lefthook.yml',
  '.lefthook.yml',
  'lefthook.yaml',
  '.lefthook.yaml',
  'lefthook.toml',
  '.lefthook.toml',
  'lefthook.json',
  '.lefthook.json',
  'lefthook.jsonc',
  '.lefthook.jsonc',
] as const;

export interface LefthookCommand {
  name: string;
  run: string;
  glob?: string;
  /** lefthook re-stages files a command fixed. */
  stageFixed?: boolean;
}

/** A lefthook config, read for what its hook runs and extended with commands of Paved's. */
export interface LefthookConfig {
  readonly path: string;
  /** Every `run` of the hook's commands and jobs (nested groups included). */
  runs(hook: string): string[];
  /** Whether the hook runs its commands in parallel. */
  parallel(hook: string): boolean;
  add(hook: string, command: LefthookCommand): void;
  changed(): boolean;
  render(): string;
}

function commandBody(command: LefthookCommand): JsonObject {
  return {
    ...(command.glob && { glob: command.glob }),
    run: command.run,
    ...(command.stageFixed && { stage_fixed: true }),
  };
}

function collectRuns(value: unknown, runs: string[]): void {
  if (Array.isArray(value)) value.forEach((item) => collectRuns(item, runs));
  else if (isJsonObject(value)) {
    if (typeof value.run === 'string') runs.push(value.run);
    for (const key of ['commands', 'jobs', 'group']) {
      const nested = value[key];
      if (isJsonObject(nested) && key === 'commands') Object.values(nested).forEach((c) => collectRuns(c, runs));
      else collectRuns(nested, runs);
    }
  }
}

/** lefthook.json: edited as data and written back with its indentation. */
class JsonLefthook extends JsonFile implements LefthookConfig {
  private hook(name: string, create = false): JsonObject | undefined {
    const hook = this.root[name];
    if (hook === undefined && create) this.root[name] = {};
    const value = this.root[name];
    if (value !== undefined && !isJsonObject(value))
      refuseHookConfig(this.path, { message: `"${name}" is not an object`, keyPath: name });
    return value as JsonObject | undefined;
  }

  runs(hook: string): string[] {
    const runs: string[] = [];
    collectRuns(this.hook(hook), runs);
    return runs;
  }

  parallel(hook: string): boolean {
    return this.hook(hook)?.parallel === true;
  }

  add(hookName: string, command: LefthookCommand): void {
    const hook = this.hook(hookName, true) as JsonObject;
    if (Array.isArray(hook.jobs)) {
      hook.jobs.push({ name: command.name, ...commandBody(command) });
    } else {
      if (!isJsonObject(hook.commands)) hook.commands = {};
      (hook.commands as JsonObject)[command.name] = commandBody(command);
    }
    this.dirty = true;
  }
}

/** lefthook.yml: edited through the YAML document, so comments and layout stay. */
class YamlLefthook extends YamlFile implements LefthookConfig {
  runs(hook: string): string[] {
    const runs: string[] = [];
    collectRuns(this.document.toJS()?.[hook], runs);
    return runs;
  }

  parallel(hook: string): boolean {
    return this.document.getIn([hook, 'parallel']) === true;
  }

  add(hook: string, command: LefthookCommand): void {
    const node = this.document.getIn([hook], true) as Node | undefined;
    if (node !== undefined && node !== null && !isMap(node) && !(isScalar(node) && node.value === null)) {
      refuseHookConfig(this.path, { message: `"${hook}" is not a mapping`, keyPath: hook });
    }
    const jobs = this.document.getIn([hook, 'jobs'], true);
    if (isSeq(jobs)) {
      jobs.add(this.document.createNode({ name: command.name, ...commandBody(command) }));
    } else {
      this.document.setIn([hook, 'commands', command.name], this.document.createNode(commandBody(command)));
    }
    this.dirty = true;
  }
}

export function loadLefthook(plan: MergePlan): LefthookConfig | undefined {
  const path = LEFTHOOK_FILES.find((file) => plan.exists(file));
  if (!path) return undefined;
  const text = plan.read(path) ?? '';
  if (path.endsWith('.toml')) {
    refuseHookConfig(path, { message: 'is TOML, which Paved does not edit' });
  }
  if (path.endsWith('.jsonc')) {
    refuseHookConfig(path, { message: 'is JSON with comments, which Paved would lose' });
  }
  if (path.endsWith('.json')) return new JsonLefthook(path, path, parseJsonObject(text, path), text);
  return new YamlLefthook(path, path, parseYamlDocument(text, path));
}
