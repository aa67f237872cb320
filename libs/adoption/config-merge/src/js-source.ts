import { PavedError } from '@paved/errors';
import ts from 'typescript';

export type ModuleSystem = 'esm' | 'cjs';

/** Replaces `[start, end)` with `text`; an insertion has start === end. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** Why a file cannot be edited safely, and where. */
export interface Refusal {
  message: string;
  line: number;
}

/** Where a config file hands its value to the tool that loads it. */
export interface ExportSite {
  /** The exported expression as written (parentheses and `satisfies` included). */
  expression: ts.Expression;
  statement: ts.Statement;
  system: ModuleSystem;
}

/** What a name at the top level of the file stands for. */
export type Binding =
  | { kind: 'import'; module: string; imported: string; node: ts.Node }
  | { kind: 'variable'; declaration: 'const' | 'let' | 'var'; initializer?: ts.Expression; node: ts.Node }
  | { kind: 'other'; node: ts.Node };

export function isRefusal(value: unknown): value is Refusal {
  return typeof value === 'object' && value !== null && 'message' in value && 'line' in value;
}

/**
 * Applies non-overlapping edits, last first, so earlier offsets stay valid. Insertions at the same
 * offset land in the order they were made.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  return edits
    .map((edit, order) => ({ edit, order }))
    .sort((a, b) => b.edit.start - a.edit.start || b.edit.end - a.edit.end || b.order - a.order)
    .reduce((result, { edit }) => result.slice(0, edit.start) + edit.text + result.slice(edit.end), text);
}

function scriptKind(path: string): ts.ScriptKind {
  return /\.[mc]?ts$/.test(path) ? ts.ScriptKind.TS : ts.ScriptKind.JS;
}

const wrappers = (node: ts.Expression): ts.Expression | undefined =>
  ts.isParenthesizedExpression(node) ||
  ts.isAsExpression(node) ||
  ts.isSatisfiesExpression(node) ||
  ts.isTypeAssertionExpression(node) ||
  ts.isNonNullExpression(node)
    ? node.expression
    : undefined;

/** The expression without the parentheses and type assertions around it. */
export function unwrap(node: ts.Expression): ts.Expression {
  let current = node;
  for (let inner = wrappers(current); inner; inner = wrappers(current)) current = inner;
  return current;
}

function isRequireCall(node: ts.Node): node is ts.CallExpression {
  return (
    ts.isCallExpression(node) &&
    ts.isIdentifier(node.expression) &&
    node.expression.text === 'require' &&
    node.arguments.length === 1 &&
    ts.isStringLiteralLike(node.arguments[0])
  );
}

/** `require('m')` → m, `require('m').name` → m and name. */
function requiredModule(node: ts.Expression | undefined): { module: string; imported: string } | undefined {
  if (!node) return undefined;
  const expression = unwrap(node);
  if (isRequireCall(expression)) {
    return { module: (expression.arguments[0] as ts.StringLiteralLike).text, imported: '*' };
  }
  if (ts.isPropertyAccessExpression(expression) && isRequireCall(expression.expression)) {
    return {
      module: (expression.expression.arguments[0] as ts.StringLiteralLike).text,
      imported: expression.name.text,
    };
  }
  return undefined;
}

/**
 * A JavaScript or TypeScript config file parsed with TypeScript's compiler API, with what the
 * merges need to read its top level and edit it by offsets (so the rest keeps its formatting).
 */
export class JsSource {
  readonly sourceFile: ts.SourceFile;
  private readonly bindings = new Map<string, Binding>();

  constructor(
    readonly path: string,
    readonly text: string,
  ) {
    const { diagnostics = [] } = ts.transpileModule(text, {
      fileName: path,
      reportDiagnostics: true,
      compilerOptions: { allowJs: true, noEmit: true },
    });
    const syntaxError = diagnostics.find((d) => d.category === ts.DiagnosticCategory.Error);
    if (syntaxError) {
      const line =
        syntaxError.file && syntaxError.start !== undefined
          ? syntaxError.file.getLineAndCharacterOfPosition(syntaxError.start).line + 1
          : 1;
      throw new PavedError({
        code: 'PAVED-702',
        file: path,
        keyPath: `line ${line}`,
        message: `cannot be parsed: ${ts.flattenDiagnosticMessageText(syntaxError.messageText, ' ')}`,
        hint: 'fix the syntax error, then run the command again',
      });
    }
    this.sourceFile = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, scriptKind(path));
    this.collectBindings();
  }

  line(node: ts.Node): number {
    return this.sourceFile.getLineAndCharacterOfPosition(node.getStart(this.sourceFile)).line + 1;
  }

  refusal(node: ts.Node, message: string): Refusal {
    return { message, line: this.line(node) };
  }

  binding(name: string): Binding | undefined {
    return this.bindings.get(name);
  }

  /** The module and export name a top-level name comes from: an import, or a `require` in a const. */
  moduleOf(name: string): { module: string; imported: string } | undefined {
    const binding = this.bindings.get(name);
    if (binding?.kind === 'import') return binding;
    if (binding?.kind === 'variable') return requiredModule(binding.initializer);
    return undefined;
  }

  /** Whether the file imports or requires `specifier` anywhere. */
  referencesModule(specifier: string): boolean {
    let found = false;
    const visit = (node: ts.Node): void => {
      if (found) return;
      if (ts.isStringLiteralLike(node) && node.text === specifier) {
        const parent = node.parent;
        found =
          ts.isImportDeclaration(parent) ||
          ts.isExportDeclaration(parent) ||
          ts.isExternalModuleReference(parent) ||
          (ts.isCallExpression(parent) &&
            (parent.expression.kind === ts.SyntaxKind.ImportKeyword ||
              (ts.isIdentifier(parent.expression) && parent.expression.text === 'require')));
        return;
      }
      ts.forEachChild(node, visit);
    };
    visit(this.sourceFile);
    return found;
  }

  /** Whether a string literal with exactly this value appears anywhere in the file. */
  hasString(value: string): boolean {
    let found = false;
    const visit = (node: ts.Node): void => {
      if (found) return;
      if (ts.isStringLiteralLike(node) && node.text === value) found = true;
      else ts.forEachChild(node, visit);
    };
    visit(this.sourceFile);
    return found;
  }

  /** The module specifiers the file imports or requires. */
  importedModules(): string[] {
    const modules: string[] = [];
    const visit = (node: ts.Node): void => {
      if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
        if (ts.isStringLiteralLike(node.moduleSpecifier)) modules.push(node.moduleSpecifier.text);
      } else if (
        isRequireCall(node) ||
        (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword)
      ) {
        const [argument] = (node as ts.CallExpression).arguments;
        if (argument && ts.isStringLiteralLike(argument)) modules.push(argument.text);
      }
      ts.forEachChild(node, visit);
    };
    visit(this.sourceFile);
    return modules;
  }

  /** The one value the file exports: `export default`, `export =` or `module.exports =`. */
  exportSite(): ExportSite | Refusal {
    const sites: ExportSite[] = [];
    for (const statement of this.sourceFile.statements) {
      if (ts.isExportAssignment(statement)) {
        sites.push({ expression: statement.expression, statement, system: statement.isExportEquals ? 'cjs' : 'esm' });
      } else if (isModuleExportsAssignment(statement)) {
        sites.push({ expression: statement.expression.right, statement, system: 'cjs' });
      } else if (
        (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) &&
        statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword)
      ) {
        return this.refusal(
          statement,
          `the default export is a ${ts.isClassDeclaration(statement) ? 'class' : 'function'}`,
        );
      } else if (
        ts.isExportDeclaration(statement) &&
        statement.exportClause &&
        ts.isNamedExports(statement.exportClause) &&
        statement.exportClause.elements.some((element) => element.name.text === 'default')
      ) {
        return this.refusal(statement, 'the default export is re-exported by name (`export { ... as default }`)');
      }
    }
    if (sites.length === 0) {
      return { message: 'exports nothing at its top level (no `export default` or `module.exports =`)', line: 1 };
    }
    if (sites.length > 1) return this.refusal(sites[1].statement, 'assigns its export more than once');
    return sites[0];
  }

  /**
   * Follows an expression to the value it stands for: through parentheses and type assertions,
   * and through top-level names declared with `const` (or `let`/`var` never reassigned).
   * Stops at anything else, an imported name included.
   */
  resolve(expression: ts.Expression, seen = new Set<string>()): ts.Expression | Refusal {
    const value = unwrap(expression);
    if (!ts.isIdentifier(value)) return value;
    const binding = this.bindings.get(value.text);
    if (!binding || binding.kind === 'import') return value;
    if (binding.kind === 'other' || !binding.initializer) {
      return this.refusal(value, `\`${value.text}\` is not a value Paved can follow`);
    }
    if (binding.declaration !== 'const' && this.isReassigned(value.text)) {
      return this.refusal(value, `\`${value.text}\` is reassigned, so its value is only known when the file runs`);
    }
    if (seen.has(value.text)) return this.refusal(value, `\`${value.text}\` refers to itself`);
    seen.add(value.text);
    return requiredModule(binding.initializer) ? value : this.resolve(binding.initializer, seen);
  }

  /** A name that no top-level declaration of the file uses, starting with `wanted`. */
  freeName(wanted: string): string {
    let name = wanted;
    for (let n = 2; this.bindings.has(name); n++) name = `${wanted}${n}`;
    return name;
  }

  /** The quote character the file's string literals use (the first one decides). */
  quote(): "'" | '"' {
    let found: "'" | '"' | undefined;
    const visit = (node: ts.Node): void => {
      if (found) return;
      if (ts.isStringLiteral(node)) {
        found = node.getText(this.sourceFile).startsWith("'") ? "'" : '"';
        return;
      }
      ts.forEachChild(node, visit);
    };
    visit(this.sourceFile);
    return found ?? '"';
  }

  /** Whether statements end with semicolons, judged by the first import, require or export. */
  usesSemicolons(): boolean {
    const sample = this.sourceFile.statements.find(
      (s) =>
        ts.isImportDeclaration(s) ||
        ts.isVariableStatement(s) ||
        ts.isExportAssignment(s) ||
        ts.isExpressionStatement(s),
    );
    return sample ? sample.getText(this.sourceFile).trimEnd().endsWith(';') : true;
  }

  /**
   * Adds a statement that loads a module where the file loads its others: after its last import
   * (ESM) or its last top-level `require` (CJS), else before the first statement, but after header
   * comments (`// @ts-check`, licence blocks) and before the comments that document that statement.
   */
  insertImport(statement: string, system: ModuleSystem, before: ts.Statement): TextEdit {
    const statements = this.sourceFile.statements;
    const upTo = statements.indexOf(before);
    const loaders = statements
      .slice(0, upTo === -1 ? statements.length : upTo)
      .filter((s) =>
        system === 'esm'
          ? ts.isImportDeclaration(s) || ts.isImportEqualsDeclaration(s)
          : ts.isVariableStatement(s) && s.declarationList.declarations.some((d) => requiredModule(d.initializer)),
      );
    const last = loaders.at(-1);
    if (last) {
      const lineEnd = this.text.indexOf('\n', last.getEnd());
      const position = lineEnd === -1 ? this.text.length : lineEnd;
      const eol = this.text[position - 1] === '\r' ? '\r\n' : '\n';
      return {
        start: position - (eol === '\r\n' ? 1 : 0),
        end: position - (eol === '\r\n' ? 1 : 0),
        text: `${eol}${statement}`,
      };
    }
    const first = statements[0];
    const position = first ? this.statementBlockStart(first) : this.text.length;
    return { start: position, end: position, text: `${statement}\n\n` };
  }

  /** Where a statement's attached comments begin: comments with no blank line before the statement. */
  private statementBlockStart(statement: ts.Statement): number {
    const comments = ts.getLeadingCommentRanges(this.text, statement.getFullStart()) ?? [];
    let start = statement.getStart(this.sourceFile);
    for (let i = comments.length - 1; i >= 0; i--) {
      const comment = comments[i];
      const between = this.text.slice(comment.end, start);
      const body = this.text.slice(comment.pos, comment.end);
      if (/\n[ \t]*\r?\n/.test(between) || /@ts-(no)?check|eslint-disable|^#!/.test(body)) break;
      start = comment.pos;
    }
    return start;
  }

  private isReassigned(name: string): boolean {
    let reassigned = false;
    const visit = (node: ts.Node): void => {
      if (reassigned) return;
      if (
        ts.isBinaryExpression(node) &&
        node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
        node.operatorToken.kind <= ts.SyntaxKind.LastAssignment &&
        ts.isIdentifier(unwrap(node.left)) &&
        (unwrap(node.left) as ts.Identifier).text === name
      ) {
        reassigned = true;
        return;
      }
      if (
        (ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) &&
        ts.isIdentifier(node.operand) &&
        node.operand.text === name
      ) {
        reassigned = true;
        return;
      }
      ts.forEachChild(node, visit);
    };
    visit(this.sourceFile);
    return reassigned;
  }

  private collectBindings(): void {
    for (const statement of this.sourceFile.statements) {
      if (ts.isImportDeclaration(statement) && ts.isStringLiteralLike(statement.moduleSpecifier)) {
        const module = statement.moduleSpecifier.text;
        const clause = statement.importClause;
        if (clause?.name)
          this.bindings.set(clause.name.text, { kind: 'import', module, imported: 'default', node: clause });
        const named = clause?.namedBindings;
        if (named && ts.isNamespaceImport(named)) {
          this.bindings.set(named.name.text, { kind: 'import', module, imported: '*', node: named });
        } else if (named) {
          for (const element of named.elements) {
            const imported = (element.propertyName ?? element.name).text;
            this.bindings.set(element.name.text, { kind: 'import', module, imported, node: element });
          }
        }
      } else if (ts.isImportEqualsDeclaration(statement)) {
        const reference = statement.moduleReference;
        if (ts.isExternalModuleReference(reference) && ts.isStringLiteralLike(reference.expression)) {
          this.bindings.set(statement.name.text, {
            kind: 'import',
            module: reference.expression.text,
            imported: '*',
            node: statement,
          });
        }
      } else if (ts.isVariableStatement(statement)) {
        const flags = statement.declarationList.flags;
        const declaration = flags & ts.NodeFlags.Const ? 'const' : flags & ts.NodeFlags.Let ? 'let' : 'var';
        for (const variable of statement.declarationList.declarations) this.bindVariable(variable, declaration);
      } else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name) {
        this.bindings.set(statement.name.text, { kind: 'other', node: statement });
      }
    }
  }

  private bindVariable(variable: ts.VariableDeclaration, declaration: 'const' | 'let' | 'var'): void {
    if (ts.isIdentifier(variable.name)) {
      this.bindings.set(variable.name.text, {
        kind: 'variable',
        declaration,
        initializer: variable.initializer,
        node: variable,
      });
      return;
    }
    // `const { a, b: c } = require('m')` binds like named imports; other destructuring is opaque.
    const required = requiredModule(variable.initializer);
    for (const element of variable.name.elements) {
      if (!ts.isBindingElement(element) || !ts.isIdentifier(element.name)) continue;
      const property =
        element.propertyName && ts.isIdentifier(element.propertyName) ? element.propertyName.text : element.name.text;
      this.bindings.set(
        element.name.text,
        required && ts.isObjectBindingPattern(variable.name)
          ? { kind: 'import', module: required.module, imported: property, node: element }
          : { kind: 'other', node: element },
      );
    }
  }
}

function isModuleExportsAssignment(
  statement: ts.Statement,
): statement is ts.ExpressionStatement & { expression: ts.BinaryExpression } {
  if (!ts.isExpressionStatement(statement) || !ts.isBinaryExpression(statement.expression)) return false;
  const { left, operatorToken } = statement.expression;
  return (
    operatorToken.kind === ts.SyntaxKind.EqualsToken &&
    ts.isPropertyAccessExpression(left) &&
    ts.isIdentifier(left.expression) &&
    left.expression.text === 'module' &&
    left.name.text === 'exports'
  );
}
