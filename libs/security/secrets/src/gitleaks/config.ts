import { PavedError, type Problem } from '@paved/errors';
import { realpathSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { parse, TomlError } from 'smol-toml';
import { readRepositoryFile } from './read-file';

/** A .gitleaks.toml is a few kilobytes (gitleaks' own default config is ~100 KB). */
export const MAX_GITLEAKS_CONFIG_BYTES = 1024 * 1024;
/** gitleaks' own bound on `[extend] path` chains. */
export const MAX_EXTEND_DEPTH = 2;

/** A regular expression as the file wrote it (Go RE2), with where it came from for error messages. */
export interface GoRegex {
  source: string;
  file: string;
  keyPath: string;
}

export interface GitleaksAllowlistConfig {
  condition: 'OR' | 'AND';
  commits: string[];
  paths: GoRegex[];
  regexes: GoRegex[];
  regexTarget: 'secret' | 'match' | 'line';
  stopwords: string[];
  /** Global allowlists only: the rule ids it is limited to. */
  targetRules?: string[];
}

export interface GitleaksRuleConfig {
  id: string;
  description?: string;
  regex?: GoRegex;
  path?: GoRegex;
  keywords: string[];
  entropy?: number;
  secretGroup?: number;
  allowlists: GitleaksAllowlistConfig[];
  file: string;
}

/** A .gitleaks.toml with its [extend] chain resolved. */
export interface GitleaksConfig {
  /** Repository-relative path of the file read. */
  file: string;
  rules: GitleaksRuleConfig[];
  allowlists: GitleaksAllowlistConfig[];
  /** Paved's default detectors stay on (`[extend] useDefault = true` somewhere in the chain). */
  useDefault: boolean;
  /** Default rule ids `disabledRules` names, to be dropped from Paved's defaults. */
  disabledDefaults: string[];
  /** Allowlists an extending file adds to Paved's default rules (a `[[rules]]` with only an id and allowlists). */
  defaultAllowlists: Map<string, GitleaksAllowlistConfig[]>;
  /** What Paved read but does not honour, said once per scan. */
  warnings: string[];
}

type Table = Record<string, unknown>;
const isTable = (value: unknown): value is Table =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);

/** Reads one file's keys, collecting every problem rather than stopping at the first. */
class FieldReader {
  readonly problems: Problem[] = [];
  readonly warnings: string[] = [];
  constructor(readonly file: string) {}

  problem(keyPath: string, message: string, expected: string): void {
    this.problems.push({ code: 'PAVED-412', file: this.file, keyPath, message, expected });
  }

  string(table: Table, key: string, keyPath: string): string | undefined {
    const value = table[key];
    if (value === undefined) return undefined;
    if (typeof value === 'string') return value;
    this.problem(`${keyPath}.${key}`, `is ${typeof value}`, 'a string');
    return undefined;
  }

  strings(table: Table, key: string, keyPath: string): string[] {
    const value = table[key];
    if (value === undefined) return [];
    if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value as string[];
    this.problem(`${keyPath}.${key}`, 'is not a list of strings', 'an array of strings, e.g. ["a", "b"]');
    return [];
  }

  regexes(table: Table, key: string, keyPath: string): GoRegex[] {
    return this.strings(table, key, keyPath).map((source, index) => ({
      source,
      file: this.file,
      keyPath: `${keyPath}.${key}[${index}]`,
    }));
  }

  number(table: Table, key: string, keyPath: string, integer: boolean): number | undefined {
    const value = table[key];
    if (value === undefined) return undefined;
    if (typeof value === 'number' && value >= 0 && (!integer || Number.isInteger(value))) return value;
    if (typeof value === 'bigint' && integer && value >= 0n) return Number(value);
    this.problem(
      `${keyPath}.${key}`,
      `is ${JSON.stringify(String(value))}`,
      integer ? 'a whole number ≥ 0' : 'a number ≥ 0',
    );
    return undefined;
  }

  unknownKeys(table: Table, known: readonly string[], keyPath: string): void {
    for (const key of Object.keys(table)) {
      if (!known.includes(key))
        this.warnings.push(
          `${this.file}: ${keyPath ? `${keyPath}.` : ''}${key} is not a gitleaks key Paved knows; ignored`,
        );
    }
  }

  /** `value` as a table, its keys other than `known` warned about; undefined (and a problem) if it is none. */
  table(value: unknown, keyPath: string, expected: string, known: readonly string[]): Table | undefined {
    if (!isTable(value)) {
      this.problem(keyPath, 'is not a table', expected);
      return undefined;
    }
    this.unknownKeys(value, known, keyPath);
    return value;
  }

  allowlist(input: unknown, keyPath: string, global: boolean): GitleaksAllowlistConfig | undefined {
    const value = this.table(input, keyPath, 'a TOML table with paths, regexes, stopwords or commits', [
      'description',
      'condition',
      'commits',
      'paths',
      'regexes',
      'regexTarget',
      'stopwords',
      ...(global ? ['targetRules'] : []),
    ]);
    if (!value) return undefined;
    const condition = (this.string(value, 'condition', keyPath) ?? 'OR').toUpperCase();
    if (condition !== 'OR' && condition !== 'AND')
      this.problem(`${keyPath}.condition`, `is "${condition}"`, '"OR" or "AND"');
    const regexTarget = this.string(value, 'regexTarget', keyPath) ?? 'secret';
    if (!['secret', 'match', 'line'].includes(regexTarget))
      this.problem(`${keyPath}.regexTarget`, `is "${regexTarget}"`, '"secret", "match" or "line"');
    const allowlist: GitleaksAllowlistConfig = {
      condition: condition === 'AND' ? 'AND' : 'OR',
      commits: this.strings(value, 'commits', keyPath),
      paths: this.regexes(value, 'paths', keyPath),
      regexes: this.regexes(value, 'regexes', keyPath),
      regexTarget: regexTarget as GitleaksAllowlistConfig['regexTarget'],
      stopwords: this.strings(value, 'stopwords', keyPath),
      ...(global && value.targetRules !== undefined
        ? { targetRules: this.strings(value, 'targetRules', keyPath) }
        : {}),
    };
    if (
      !allowlist.commits.length &&
      !allowlist.paths.length &&
      !allowlist.regexes.length &&
      !allowlist.stopwords.length
    )
      this.problem(keyPath, 'allows nothing', 'at least one of commits, paths, regexes or stopwords');
    return allowlist;
  }

  /** `[[x.allowlists]]` and the legacy single `[x.allowlist]` table, in that order. */
  allowlists(table: Table, keyPath: string, global: boolean): GitleaksAllowlistConfig[] {
    const found: GitleaksAllowlistConfig[] = [];
    const list = table.allowlists;
    if (list !== undefined) {
      if (!Array.isArray(list))
        this.problem(`${keyPath}allowlists`, 'is not an array of tables', '[[allowlists]] tables');
      else
        list.forEach((item, index) =>
          found.push(
            ...[this.allowlist(item, `${keyPath}allowlists[${index}]`, global)].filter((a) => a !== undefined),
          ),
        );
    }
    if (table.allowlist !== undefined) {
      const legacy = this.allowlist(table.allowlist, `${keyPath}allowlist`, global);
      if (legacy) found.push(legacy);
    }
    return found;
  }

  rule(input: unknown, keyPath: string): GitleaksRuleConfig | undefined {
    const value = this.table(input, keyPath, 'a [[rules]] table', [
      'id',
      'description',
      'regex',
      'path',
      'keywords',
      'entropy',
      'secretGroup',
      'allowlist',
      'allowlists',
      'tags',
      'skipReport',
      'required',
    ]);
    if (!value) return undefined;
    const id = this.string(value, 'id', keyPath);
    if (!id) this.problem(`${keyPath}.id`, 'is missing', 'a rule id, e.g. "acme-api-token"');
    const regex = this.string(value, 'regex', keyPath);
    const path = this.string(value, 'path', keyPath);
    if (value.required !== undefined)
      this.warnings.push(
        `${this.file}: rule ${id}: [[rules.required]] (composite rules) is not supported; the rule reports on its own`,
      );
    if (value.skipReport === true) {
      this.warnings.push(`${this.file}: rule ${id} has skipReport = true (only a part of composite rules); not run`);
      return undefined;
    }
    const rule: GitleaksRuleConfig = {
      id: id ?? '',
      keywords: this.strings(value, 'keywords', keyPath).map((keyword) => keyword.toLowerCase()),
      allowlists: this.allowlists(value, `${keyPath}.`, false),
      file: this.file,
    };
    const description = this.string(value, 'description', keyPath);
    if (description) rule.description = description;
    if (regex !== undefined) rule.regex = { source: regex, file: this.file, keyPath: `${keyPath}.regex` };
    if (path !== undefined) rule.path = { source: path, file: this.file, keyPath: `${keyPath}.path` };
    const entropy = this.number(value, 'entropy', keyPath, false);
    if (entropy !== undefined) rule.entropy = entropy;
    const secretGroup = this.number(value, 'secretGroup', keyPath, true);
    if (secretGroup) rule.secretGroup = secretGroup;
    return rule;
  }
}

interface ParsedFile {
  rules: GitleaksRuleConfig[];
  allowlists: GitleaksAllowlistConfig[];
  useDefault: boolean;
  extendPath?: string;
  disabledRules: string[];
  warnings: string[];
}

function parseFile(text: string, file: string): ParsedFile {
  let document: Table;
  try {
    document = parse(text) as Table;
  } catch (error) {
    const where = error instanceof TomlError ? ` at line ${error.line}, column ${error.column}` : '';
    throw new PavedError({
      code: 'PAVED-411',
      file,
      message: `is not valid TOML${where}: ${(error as Error).message.split('\n')[0]}`,
      expected: 'a gitleaks configuration in TOML',
    });
  }
  const reader = new FieldReader(file);
  reader.unknownKeys(document, ['title', 'minVersion', 'extend', 'rules', 'allowlist', 'allowlists'], '');
  const extend = document.extend === undefined ? {} : document.extend;
  if (!isTable(extend)) reader.problem('extend', 'is not a table', 'an [extend] table');
  const extendTable = isTable(extend) ? extend : {};
  reader.unknownKeys(extendTable, ['useDefault', 'path', 'url', 'disabledRules'], 'extend');
  if (extendTable.url !== undefined)
    throw new PavedError({
      code: 'PAVED-414',
      file,
      keyPath: 'extend.url',
      message: 'extends a configuration by URL, which Paved does not fetch',
      expected: '[extend] path naming a file in the repository, or useDefault = true',
    });
  if (extendTable.useDefault !== undefined && typeof extendTable.useDefault !== 'boolean')
    reader.problem('extend.useDefault', `is ${typeof extendTable.useDefault}`, 'true or false');
  const rulesValue = document.rules ?? [];
  if (!Array.isArray(rulesValue)) reader.problem('rules', 'is not an array of tables', '[[rules]] tables');
  const rules = (Array.isArray(rulesValue) ? rulesValue : []).flatMap((value, index) => {
    const rule = reader.rule(value, `rules[${index}]`);
    return rule ? [rule] : [];
  });
  const ids = new Set<string>();
  rules.forEach((rule, index) => {
    if (ids.has(rule.id))
      reader.problem(
        `rules[${index}].id`,
        `"${rule.id}" is used by an earlier rule too`,
        'a rule id unique in the file',
      );
    ids.add(rule.id);
  });
  const allowlists = reader.allowlists(document, '', true);
  const extendPath = reader.string(extendTable, 'path', 'extend');
  const disabledRules = reader.strings(extendTable, 'disabledRules', 'extend');
  if (reader.problems.length > 0) throw new PavedError(reader.problems);
  return {
    rules,
    allowlists,
    useDefault: extendTable.useDefault === true,
    ...(extendPath ? { extendPath } : {}),
    disabledRules,
    warnings: reader.warnings,
  };
}

/** gitleaks' merge of a rule the extending file redefines: its fields win, lists are joined. */
function mergeRule(base: GitleaksRuleConfig, own: GitleaksRuleConfig): GitleaksRuleConfig {
  return {
    ...base,
    ...own,
    keywords: [...new Set([...base.keywords, ...own.keywords])],
    allowlists: [...base.allowlists, ...own.allowlists],
  };
}

/**
 * Reads `file` (repository-relative) and the files its `[extend] path` names, gitleaks' way:
 * the base's rules and allowlists, minus `disabledRules`, with the extending file's rules added
 * (a rule of the same id is merged into the base's). A base path is resolved from the
 * repository root (where gitleaks runs) and must stay inside it.
 */
export function loadGitleaksConfig(
  root: string,
  file: string,
  knownDefaultIds: ReadonlySet<string>,
  chain: readonly string[] = [],
): GitleaksConfig | undefined {
  const absolute = resolve(root, file);
  const shown = relative(root, absolute);
  const parent = chain.at(-1);
  if (shown.startsWith('..') || isAbsolute(shown)) {
    throw new PavedError({
      code: 'PAVED-414',
      file: parent ?? shown,
      ...(parent ? { keyPath: 'extend.path' } : {}),
      message: `${file} is outside the repository`,
      expected: 'a path inside the repository, relative to its root',
    });
  }
  const text = readRepositoryFile(absolute, MAX_GITLEAKS_CONFIG_BYTES, root, 'gitleaks configuration');
  if (text === undefined) {
    if (!parent) return undefined;
    throw new PavedError({
      code: 'PAVED-414',
      file: parent,
      keyPath: 'extend.path',
      message: `names ${shown}, which does not exist`,
      expected: 'a path to a gitleaks configuration inside the repository, relative to its root',
    });
  }
  const real = realpathSync(absolute);
  const visited = chain.map((link) => realpathSync(join(root, link)));
  if (visited.includes(real))
    throw new PavedError({
      code: 'PAVED-414',
      file: parent ?? shown,
      keyPath: 'extend.path',
      message: `extends ${shown}, which extends it back (${[...chain, shown].join(' → ')})`,
      expected: 'an [extend] chain without cycles',
    });
  const own = parseFile(text, shown);
  let base: GitleaksConfig | undefined;
  if (own.extendPath) {
    if (chain.length >= MAX_EXTEND_DEPTH)
      throw new PavedError({
        code: 'PAVED-414',
        file: shown,
        keyPath: 'extend.path',
        message: `extends a chain deeper than ${MAX_EXTEND_DEPTH} files (${[...chain, shown].join(' → ')} → ${own.extendPath})`,
        expected: `at most ${MAX_EXTEND_DEPTH} levels of [extend] path, as in gitleaks`,
      });
    base = loadGitleaksConfig(root, own.extendPath, knownDefaultIds, [...chain, shown]);
  }
  const useDefault = own.useDefault || base?.useDefault === true;
  const disabled = new Set(own.disabledRules);
  const warnings = [...(base?.warnings ?? []), ...own.warnings];
  const baseIds = new Set(base?.rules.map((rule) => rule.id) ?? []);
  const disabledDefaults = [...(base?.disabledDefaults ?? [])];
  for (const id of disabled) {
    if (baseIds.has(id)) continue;
    if (useDefault && knownDefaultIds.has(id)) disabledDefaults.push(id);
    else
      warnings.push(
        `${shown}: disabledRules names "${id}", which is no rule ${useDefault ? "of Paved's defaults or " : ''}of the extended configuration (Paved's default rules are its own, not gitleaks'); ignored`,
      );
  }
  const ownById = new Map(own.rules.map((rule) => [rule.id, rule]));
  const inherited = (base?.rules ?? [])
    .filter((rule) => !disabled.has(rule.id))
    .map((rule) => {
      const redefined = ownById.get(rule.id);
      return redefined ? mergeRule(rule, redefined) : rule;
    });
  const defaultAllowlists = new Map(base?.defaultAllowlists);
  const added: GitleaksRuleConfig[] = [];
  const problems: Problem[] = [];
  for (const rule of own.rules) {
    if (baseIds.has(rule.id)) continue;
    if (rule.regex) added.push(rule);
    else if (rule.path)
      warnings.push(
        `${shown}: rule ${rule.id} has a path but no regex (a finding for a file's name); Paved scans content only, so it is not run`,
      );
    else if (useDefault && knownDefaultIds.has(rule.id))
      defaultAllowlists.set(rule.id, [...(defaultAllowlists.get(rule.id) ?? []), ...rule.allowlists]);
    else
      problems.push({
        code: 'PAVED-412',
        file: shown,
        keyPath: `rules[${own.rules.indexOf(rule)}]`,
        message: `rule ${rule.id} has neither regex nor path, and extends no rule of that id`,
        expected: `a regex (or a path), or the id of a rule of the extended configuration${useDefault ? " or of Paved's defaults" : ''}`,
      });
  }
  if (problems.length > 0) throw new PavedError(problems);
  return {
    file: shown,
    rules: [...inherited.filter((rule) => rule.regex), ...added],
    allowlists: [...(base?.allowlists ?? []), ...own.allowlists],
    useDefault,
    disabledDefaults,
    defaultAllowlists,
    warnings,
  };
}
