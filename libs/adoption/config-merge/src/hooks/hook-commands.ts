import { PavedError } from '@paved/errors';
import { isMap, isScalar, type Document } from 'yaml';
import { JsSource, isRefusal, type Refusal } from '../js-source';
import { JsonFile, YamlFile } from '../config-file';
import { isJsonObject, type JsonObject } from '../json-file';
import { JsObjectLiteral, stringValue, type JsProperty } from './js-object';
import { SECRET_SCAN, SKIP_HOOKS_OPTION } from './commands';

/**
 * A config that maps git hook names to one shell command each: husky 4's `hooks`, simple-git-hooks.
 * Paved appends its commands to a hook's with `&&`, so the team's command runs first and unchanged.
 */
export interface HookCommandMap {
  readonly label: string;
  readonly path: string;
  get(hook: string): string | undefined;
  set(hook: string, command: string): void;
  changed(): boolean;
  render(): string;
}

export function refuseHookConfig(file: string, refusal: Refusal | { message: string; keyPath?: string }): never {
  throw new PavedError({
    code: 'PAVED-706',
    file,
    keyPath: 'line' in refusal ? `line ${refusal.line}` : refusal.keyPath,
    message: `${refusal.message}, so Paved cannot add its hook commands safely`,
    expected: 'hook names mapped to command strings',
    hint: `add \`${SECRET_SCAN}\` to your pre-commit hook yourself and run init with ${SKIP_HOOKS_OPTION}`,
  });
}

export class JsonHookCommands extends JsonFile implements HookCommandMap {
  private readonly hooks: JsonObject;

  constructor(path: string, label: string, root: JsonObject, keyPath: readonly string[], original: string | null) {
    super(path, label, root, original);
    let value: unknown = root;
    for (const key of keyPath) {
      const container = value as JsonObject;
      if (container[key] === undefined) container[key] = {};
      value = container[key];
    }
    if (!isJsonObject(value))
      refuseHookConfig(path, { message: `${label} is not an object`, keyPath: keyPath.join('.') });
    this.hooks = value;
  }

  get(hook: string): string | undefined {
    const command = this.hooks[hook];
    if (command === undefined || typeof command === 'string') return command;
    return refuseHookConfig(this.path, { message: `${this.label} "${hook}" is not a command string`, keyPath: hook });
  }

  set(hook: string, command: string): void {
    this.hooks[hook] = command;
    this.dirty = true;
  }
}

export class YamlHookCommands extends YamlFile implements HookCommandMap {
  constructor(
    path: string,
    label: string,
    document: Document,
    private readonly keyPath: readonly string[],
  ) {
    super(path, label, document);
    const hooks = keyPath.length === 0 ? document.contents : document.getIn(keyPath, true);
    if (hooks !== undefined && hooks !== null && !isMap(hooks)) {
      refuseHookConfig(path, { message: `${label} is not a mapping`, keyPath: keyPath.join('.') });
    }
  }

  get(hook: string): string | undefined {
    const node = this.document.getIn([...this.keyPath, hook], true);
    if (node === undefined) return undefined;
    if (isScalar(node) && typeof node.value === 'string') return node.value;
    return refuseHookConfig(this.path, { message: `${this.label} "${hook}" is not a command string`, keyPath: hook });
  }

  set(hook: string, command: string): void {
    this.document.setIn([...this.keyPath, hook], command);
    this.dirty = true;
  }
}

export class JsHookCommands implements HookCommandMap {
  readonly label: string;
  private readonly hooks: JsObjectLiteral;
  private readonly properties: JsProperty[];

  constructor(
    readonly path: string,
    text: string,
    keyPath: readonly string[],
  ) {
    this.label = path;
    const exported = JsObjectLiteral.exported(new JsSource(path, text));
    if (isRefusal(exported)) refuseHookConfig(path, exported);
    let hooks: JsObjectLiteral = exported;
    for (const key of keyPath) {
      const property = this.read(hooks).find((p) => p.key === key);
      const child = property && hooks.child(property);
      if (!child) refuseHookConfig(path, { message: `has no object literal at "${keyPath.join('.')}"` });
      hooks = child;
    }
    this.hooks = hooks;
    this.properties = this.read(hooks);
  }

  private read(object: JsObjectLiteral): JsProperty[] {
    const properties = object.properties();
    if (isRefusal(properties)) refuseHookConfig(this.path, properties);
    return properties;
  }

  get(hook: string): string | undefined {
    const property = this.properties.find((p) => p.key === hook);
    if (!property) return undefined;
    const command = stringValue(property.value);
    if (command !== undefined) return command;
    return refuseHookConfig(
      this.path,
      this.hooks.source.refusal(property.value, `"${hook}" is not a plain command string`),
    );
  }

  set(hook: string, command: string): void {
    const property = this.properties.find((p) => p.key === hook);
    const literal = this.hooks.literal(command);
    if (property) this.hooks.replaceValue(property, literal);
    else this.hooks.addProperty(hook, literal);
  }

  changed(): boolean {
    return this.hooks.changed();
  }

  render(): string {
    return this.hooks.render();
  }
}
