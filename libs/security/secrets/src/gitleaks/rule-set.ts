import { PavedError, type Problem } from '@paved/errors';
import { type DetectionRules } from '../detector';
import { defaultDetectors, shannonEntropy, type SecretDetector } from '../detectors';
import { type RawFinding } from '../finding';
import { pavedRuleIds } from '../rules';
import { loadGitleaksConfig, type GitleaksAllowlistConfig, type GitleaksConfig, type GoRegex } from './config';
import { Re2TranslationError, translateRe2 } from './re2';

/** Where gitleaks looks for a repository's own configuration. */
export const GITLEAKS_CONFIG_FILE = '.gitleaks.toml';

/** The rules of one scan, and what runs on each file. */
export interface SecretRuleSet {
  /** Repository-relative path of the .gitleaks.toml read, if one was. */
  config?: string;
  warnings: readonly string[];
  /** True when a global path allowlist accepts everything in the file (so it need not be read). */
  skipsFile(file: string): boolean;
  forFile(file: string, commit?: string): FileRules;
}

export interface FileRules extends DetectionRules {
  /** Whether the .gitleaks.toml's allowlists accept a rules.ts finding (detectors judge their own). */
  accepts(finding: RawFinding, text: string): boolean;
  /** How many matches the .gitleaks.toml's allowlists accepted inside the detectors. */
  allowlisted: number;
}

/** Every id a `disabledRules` or an allowlist-only `[[rules]]` may name among Paved's defaults. */
const defaultRuleIds: ReadonlySet<string> = new Set([
  ...defaultDetectors.map((detector) => detector.id),
  ...pavedRuleIds,
]);

interface CompiledAllowlist {
  and: boolean;
  commits: Set<string>;
  paths: RegExp[];
  regexes: RegExp[];
  target: GitleaksAllowlistConfig['regexTarget'];
  stopwords: string[];
  targetRules?: Set<string>;
}

interface Candidate {
  file: string;
  commit?: string;
  secret: string;
  match: string;
  /** The whole lines the match is on. */
  line: string;
}

/** gitleaks' allowlist decision: any check (OR, the default) or every check the list has (AND). */
function allowlistAccepts(list: CompiledAllowlist, candidate: Candidate): boolean {
  const checks: boolean[] = [];
  if (list.commits.size > 0)
    checks.push(candidate.commit !== undefined && list.commits.has(candidate.commit.toLowerCase()));
  if (list.paths.length > 0) checks.push(list.paths.some((path) => path.test(candidate.file)));
  if (list.regexes.length > 0) {
    const target = candidate[list.target === 'secret' ? 'secret' : list.target];
    checks.push(list.regexes.some((regex) => regex.test(target)));
  }
  if (list.stopwords.length > 0) {
    const secret = candidate.secret.toLowerCase();
    checks.push(list.stopwords.some((word) => secret.includes(word)));
  }
  return list.and ? checks.every(Boolean) : checks.some(Boolean);
}

function linesAround(text: string, start: number, end: number): string {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const lineEnd = text.indexOf('\n', end);
  return text.slice(lineStart, lineEnd === -1 ? undefined : lineEnd);
}

/** Compiles the file's Go regexes, collecting every refusal before throwing them together. */
class RegexCompiler {
  readonly problems: Problem[] = [];

  compile(regex: GoRegex, ruleId: string | undefined, global: boolean, secretGroup?: number): RegExp | undefined {
    const where = ruleId === undefined ? '' : `rule ${ruleId}: `;
    try {
      const translated = translateRe2(regex.source, secretGroup === undefined ? {} : { secretGroup });
      if (secretGroup !== undefined && secretGroup > translated.captureCount) {
        this.problems.push({
          code: 'PAVED-412',
          file: regex.file,
          keyPath: regex.keyPath.replace(/\.regex$/, '.secretGroup'),
          message: `${where}secretGroup is ${secretGroup}, but the regex has ${translated.captureCount} group(s)`,
          expected: `a group number from 1 to ${translated.captureCount}, or no secretGroup`,
        });
        return undefined;
      }
      // The source is the repository's own gitleaks configuration, translated from RE2 (linear by construction).
      // eslint-disable-next-line paved-security/no-dynamic-regexp
      return new RegExp(translated.source, translated.flags + (global ? 'g' : ''));
    } catch (error) {
      const offset = error instanceof Re2TranslationError ? ` (at character ${error.offset + 1})` : '';
      this.problems.push({
        code: 'PAVED-413',
        file: regex.file,
        keyPath: regex.keyPath,
        message: `${where}${JSON.stringify(regex.source)}: ${(error as Error).message}${offset}`,
        expected: 'a Go RE2 expression Paved can translate (docs/security.md, "Migrating from gitleaks")',
      });
      return undefined;
    }
  }

  allowlist(list: GitleaksAllowlistConfig, ruleId?: string): CompiledAllowlist {
    const compileAll = (regexes: GoRegex[]) =>
      regexes.flatMap((regex) => [this.compile(regex, ruleId, false)].filter((r) => r !== undefined));
    return {
      and: list.condition === 'AND',
      commits: new Set(list.commits.map((commit) => commit.toLowerCase())),
      paths: compileAll(list.paths),
      regexes: compileAll(list.regexes),
      target: list.regexTarget,
      stopwords: list.stopwords.map((word) => word.toLowerCase()),
      ...(list.targetRules ? { targetRules: new Set(list.targetRules) } : {}),
    };
  }
}

/** A detector and what it needs to judge a match in one file. */
interface RuleTemplate {
  detector: SecretDetector;
  allowlists: CompiledAllowlist[];
  /** gitleaks' entropy floor (a match must be strictly above it). */
  entropy?: number;
  /** gitleaks requires a digit in the secrets of `generic*` rules that have an entropy floor. */
  needsDigit: boolean;
}

function ruleTemplates(config: GitleaksConfig, compiler: RegexCompiler, globals: CompiledAllowlist[]): RuleTemplate[] {
  const globalsFor = (...ids: string[]) =>
    globals.filter((list) => !list.targetRules || ids.some((id) => list.targetRules?.has(id)));
  const own = config.rules.flatMap((rule): RuleTemplate[] => {
    if (!rule.regex) return [];
    const probe = compiler.compile(rule.regex, rule.id, true);
    const allowlists = rule.allowlists.map((list) => compiler.allowlist(list, rule.id));
    if (!probe) return [];
    // gitleaks takes the first capturing group when secretGroup is not set (see docs/security.md).
    const groups = translateRe2(rule.regex.source).captureCount;
    const secretGroup = rule.secretGroup ?? (groups > 0 ? 1 : undefined);
    const pattern = secretGroup === undefined ? probe : compiler.compile(rule.regex, rule.id, true, secretGroup);
    const files = rule.path ? compiler.compile(rule.path, rule.id, false) : undefined;
    if (!pattern || (rule.path && !files)) return [];
    const detector: SecretDetector = {
      id: `gitleaks/${rule.id}`,
      what: rule.description ?? rule.id,
      keywords: rule.keywords,
      pattern,
      ...(files ? { files } : {}),
    };
    return [
      {
        detector,
        allowlists: [...allowlists, ...globalsFor(rule.id, detector.id)],
        ...(rule.entropy ? { entropy: rule.entropy } : {}),
        needsDigit: rule.id.startsWith('generic') && rule.entropy !== undefined,
      },
    ];
  });
  const disabled = new Set(config.disabledDefaults);
  const defaults = config.useDefault
    ? defaultDetectors
        .filter((detector) => !disabled.has(detector.id))
        .map((detector) => ({
          detector,
          allowlists: [
            ...(config.defaultAllowlists.get(detector.id) ?? []).map((list) => compiler.allowlist(list, detector.id)),
            ...globalsFor(detector.id),
          ],
          needsDigit: false,
        }))
    : [];
  // The team's own rules first: of two overlapping matches the first detector's is kept.
  return [...own, ...defaults];
}

function bind(
  template: RuleTemplate,
  file: string,
  commit: string | undefined,
  counter: { allowlisted: number },
): SecretDetector {
  const { detector, allowlists, entropy, needsDigit } = template;
  if (allowlists.length === 0 && entropy === undefined) return detector;
  return {
    ...detector,
    accept(secret, match, text) {
      if (detector.accept && !detector.accept(secret, match, text)) return false;
      if (entropy !== undefined && (shannonEntropy(secret) <= entropy || (needsDigit && !/\d/.test(secret))))
        return false;
      const candidate: Candidate = {
        file,
        ...(commit ? { commit } : {}),
        secret,
        match: match[0],
        line: linesAround(text, match.index, match.index + match[0].length),
      };
      if (!allowlists.some((list) => allowlistAccepts(list, candidate))) return true;
      counter.allowlisted += 1;
      return false;
    },
  };
}

const noConfig: SecretRuleSet = {
  warnings: [],
  skipsFile: () => false,
  forFile: () => ({
    detectors: defaultDetectors,
    builtIns: true,
    disabled: new Set(),
    accepts: () => false,
    allowlisted: 0,
  }),
};

/**
 * The rules a scan of `root` runs: Paved's defaults, or a .gitleaks.toml's rules (replacing the
 * defaults, as gitleaks does, unless `[extend] useDefault = true` keeps them). `setting` is
 * paved.json's `secrets.gitleaksConfig`: a repository-relative path (which must exist), false to
 * read none, or undefined for `.gitleaks.toml` at the root when there is one.
 */
export function loadSecretRules(root: string, setting: string | false | undefined): SecretRuleSet {
  if (setting === false) return noConfig;
  const config = loadGitleaksConfig(root, setting ?? GITLEAKS_CONFIG_FILE, defaultRuleIds);
  if (!config) {
    if (setting === undefined) return noConfig;
    throw new PavedError({
      code: 'PAVED-410',
      file: 'paved.json',
      keyPath: 'secrets.gitleaksConfig',
      message: `names ${setting}, which does not exist`,
      expected: 'a repository-relative path to a gitleaks configuration, or false to read none',
    });
  }
  const compiler = new RegexCompiler();
  const globals = config.allowlists.map((list) => compiler.allowlist(list));
  const templates = ruleTemplates(config, compiler, globals);
  const detectorIds = new Set<string>(templates.map((template) => template.detector.id));
  const untargeted = globals.filter((list) => !list.targetRules);
  // rules.ts' findings do not pass through a detector's accept: they are judged after.
  const builtInListsById = new Map(
    [...defaultRuleIds]
      .filter((id) => !defaultDetectors.some((detector) => detector.id === id))
      .map((id) => [
        id,
        [
          ...(config.defaultAllowlists.get(id) ?? []).map((list) => compiler.allowlist(list, id)),
          ...globals.filter((list) => !list.targetRules || list.targetRules.has(id)),
        ],
      ]),
  );
  if (compiler.problems.length > 0) throw new PavedError(compiler.problems);
  // Only a list that accepts on its path alone lets a file go unread.
  const fileSkipping = globals.filter((list) => !list.targetRules && list.paths.length > 0 && !list.and);
  const disabled = new Set(config.disabledDefaults);
  return {
    config: config.file,
    warnings: config.warnings,
    skipsFile: (file) => fileSkipping.some((list) => list.paths.some((path) => path.test(file))),
    forFile(file, commit) {
      const counter = { allowlisted: 0 };
      const rules: FileRules = {
        detectors: templates.map((template) => bind(template, file, commit, counter)),
        builtIns: config.useDefault,
        disabled,
        accepts(finding, text) {
          if (detectorIds.has(finding.ruleId)) return false;
          const lists = builtInListsById.get(finding.ruleId) ?? untargeted;
          const end = finding.start + finding.secret.length;
          const candidate: Candidate = {
            file,
            ...(commit ? { commit } : {}),
            secret: finding.secret,
            match: finding.secret,
            line: linesAround(text, finding.start, end),
          };
          return lists.some((list) => allowlistAccepts(list, candidate));
        },
        get allowlisted() {
          return counter.allowlisted;
        },
      };
      return rules;
    },
  };
}
