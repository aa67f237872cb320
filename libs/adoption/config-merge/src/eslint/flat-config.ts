import ts from 'typescript';
import { JsSource, applyEdits, isRefusal, unwrap, type ExportSite, type Refusal } from '../js-source';

/** The module Paved's presets are imported from in a workspace's ESLint config. */
export const PAVED_ESLINT_MODULE = '@paved/nx/eslint';
export const WRAPPER = 'withPavedPresets';

/**
 * Functions known to return a flat config array, by the module they come from and their name
 * there. A call to anything else could return anything (a function, a promise, a legacy config),
 * so Paved does not wrap it.
 */
const knownConfigFunctions: Record<string, readonly string[]> = {
  'eslint/config': ['defineConfig'],
  '@eslint/config-helpers': ['defineConfig'],
  'typescript-eslint': ['config'],
};
/** FlatCompat's methods, each returning an array of flat configs. */
const flatCompatMethods = new Set(['extends', 'config', 'plugins', 'env']);

function isKnownModuleFunction(module: string, name: string): boolean {
  return knownConfigFunctions[module]?.includes(name) ?? false;
}

/** Whether `name` is bound to `new FlatCompat(...)` with FlatCompat from @eslint/eslintrc. */
function isFlatCompatInstance(source: JsSource, name: string): boolean {
  const binding = source.binding(name);
  const initializer = binding?.kind === 'variable' ? binding.initializer && unwrap(binding.initializer) : undefined;
  if (!initializer || !ts.isNewExpression(initializer)) return false;
  const callee = initializer.expression;
  if (ts.isIdentifier(callee)) {
    const origin = source.moduleOf(callee.text);
    return origin?.module === '@eslint/eslintrc' && origin.imported === 'FlatCompat';
  }
  if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression)) {
    return source.moduleOf(callee.expression.text)?.module === '@eslint/eslintrc' && callee.name.text === 'FlatCompat';
  }
  return false;
}

function describeCallee(source: JsSource, call: ts.CallExpression): string {
  return `${call.expression.getText(source.sourceFile)}()`;
}

/** Whether a call is one of the known config builders: defineConfig, tseslint.config, compat.*, require. */
function isKnownConfigCall(source: JsSource, call: ts.CallExpression): boolean {
  const callee = unwrap(call.expression);
  if (ts.isIdentifier(callee)) {
    if (callee.text === 'require' && !source.binding('require')) return true;
    const origin = source.moduleOf(callee.text);
    return origin !== undefined && isKnownModuleFunction(origin.module, origin.imported);
  }
  if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression)) {
    const method = callee.name.text;
    const object = callee.expression.text;
    const origin = source.moduleOf(object);
    if (origin && ['*', 'default'].includes(origin.imported) && isKnownModuleFunction(origin.module, method)) {
      return true;
    }
    return flatCompatMethods.has(method) && isFlatCompatInstance(source, object);
  }
  return false;
}

/**
 * Decides whether the exported value is something Paved can wrap: an array or object literal, a
 * known config builder's result, or a value imported from another module (a shared config package;
 * `withPavedPresets` checks at load time that it is a config). Anything computed is refused.
 */
function checkExportedValue(source: JsSource, site: ExportSite): Refusal | undefined {
  const value = source.resolve(site.expression);
  if (isRefusal(value)) return value;
  if (ts.isArrayLiteralExpression(value) || ts.isObjectLiteralExpression(value)) return undefined;
  if (ts.isIdentifier(value)) {
    const binding = source.binding(value.text);
    if (binding?.kind === 'import' || source.moduleOf(value.text)) return undefined;
    return source.refusal(value, `\`${value.text}\` is not declared in this file`);
  }
  if (ts.isCallExpression(value)) {
    return isKnownConfigCall(source, value)
      ? undefined
      : source.refusal(
          value,
          `the exported config is the result of ${describeCallee(source, value)}, which Paved does not know`,
        );
  }
  if (ts.isArrowFunction(value) || ts.isFunctionExpression(value)) {
    return source.refusal(value, 'the exported config is a function');
  }
  if (ts.isAwaitExpression(value)) return source.refusal(value, 'the exported config is an awaited value');
  return source.refusal(value, `the exported config is a computed value (${ts.SyntaxKind[value.kind]})`);
}

export type FlatConfigEdit =
  | { kind: 'already-paved' }
  | { kind: 'edited'; text: string; system: 'esm' | 'cjs' }
  | { kind: 'refused'; refusal: Refusal };

/**
 * Wraps the exported config in `withPavedPresets(...)` and imports it the way the file loads its
 * other modules. Only offsets are edited: the team's code keeps its formatting and comments.
 */
export function editFlatConfig(path: string, text: string): FlatConfigEdit {
  const source = new JsSource(path, text);
  if (source.referencesModule(PAVED_ESLINT_MODULE)) return { kind: 'already-paved' };
  const site = source.exportSite();
  if (isRefusal(site)) return { kind: 'refused', refusal: site };
  const refusal = checkExportedValue(source, site);
  if (refusal) return { kind: 'refused', refusal };

  const name = source.freeName(WRAPPER);
  const q = source.quote();
  const semi = source.usesSemicolons() ? ';' : '';
  const specifier = `${q}${PAVED_ESLINT_MODULE}${q}`;
  const binding = name === WRAPPER ? WRAPPER : `${WRAPPER} as ${name}`;
  const statement =
    site.system === 'esm'
      ? `import { ${binding} } from ${specifier}${semi}`
      : `const { ${name === WRAPPER ? WRAPPER : `${WRAPPER}: ${name}`} } = require(${specifier})${semi}`;
  const start = site.expression.getStart(source.sourceFile);
  const end = site.expression.getEnd();
  return {
    kind: 'edited',
    system: site.system,
    text: applyEdits(text, [
      source.insertImport(statement, site.system, site.statement),
      { start, end: start, text: `${name}(` },
      { start: end, end, text: ')' },
    ]),
  };
}
