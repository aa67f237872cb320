import type { Rule } from 'eslint';

type Node = Rule.Node;
type Expression = { type: string; [key: string]: unknown };

const shellFunctions = new Set(['exec', 'execSync']);
const spawnFunctions = new Set(['spawn', 'spawnSync', 'execFile', 'execFileSync']);
const childProcessModules = new Set(['child_process', 'node:child_process']);

/**
 * The child_process functions a file can call: named imports (by their local
 * names) and namespaces (`import * as cp`, `import cp`, `require(...)`).
 * `regex.exec(text)` is not a shell, so only these are checked.
 */
function trackChildProcess() {
  const functions = new Map<string, string>();
  const namespaces = new Set<string>();
  return {
    functions,
    namespaces,
    visitors: {
      ImportDeclaration(node: Node) {
        const declaration = node as unknown as Expression;
        if (!childProcessModules.has((declaration.source as Expression).value as string)) return;
        for (const specifier of declaration.specifiers as Expression[]) {
          const local = (specifier.local as Expression).name as string;
          if (specifier.type === 'ImportSpecifier')
            functions.set(local, (specifier.imported as Expression).name as string);
          else namespaces.add(local);
        }
      },
      VariableDeclarator(node: Node) {
        const declarator = node as unknown as Expression;
        const init = declarator.init as Expression | null;
        const isRequire =
          init?.type === 'CallExpression' &&
          (init.callee as Expression).type === 'Identifier' &&
          (init.callee as Expression).name === 'require' &&
          childProcessModules.has(((init.arguments as Expression[])[0]?.value as string) ?? '');
        const id = declarator.id as Expression;
        if (!isRequire) return;
        if (id.type === 'Identifier') namespaces.add(id.name as string);
        if (id.type === 'ObjectPattern') {
          for (const property of id.properties as Expression[]) {
            if (property.type === 'Property' && (property.value as Expression).type === 'Identifier') {
              functions.set((property.value as Expression).name as string, (property.key as Expression).name as string);
            }
          }
        }
      },
    },
  };
}

/** The child_process function a call invokes, if it is one. */
function childProcessCall(callee: Expression, tracked: ReturnType<typeof trackChildProcess>): string | undefined {
  if (callee.type === 'Identifier') return tracked.functions.get(callee.name as string);
  if (
    callee.type === 'MemberExpression' &&
    !callee.computed &&
    (callee.object as Expression).type === 'Identifier' &&
    tracked.namespaces.has((callee.object as Expression).name as string)
  ) {
    return (callee.property as Expression).name as string;
  }
  return undefined;
}

/** Whether an expression is fixed text: a string literal or a template without placeholders. */
function isConstantText(node: Expression | undefined): boolean {
  if (!node) return true;
  if (node.type === 'Literal') return typeof node.value === 'string';
  if (node.type === 'TemplateLiteral') return (node.expressions as unknown[]).length === 0;
  return false;
}

function describe(node: Expression): string {
  if (node.type === 'TemplateLiteral') return 'a template with placeholders';
  if (node.type === 'BinaryExpression') return 'string concatenation';
  return 'a value that is not a literal';
}

function hasShellOption(args: Expression[]): boolean {
  return args.some(
    (arg) =>
      arg.type === 'ObjectExpression' &&
      (arg.properties as Expression[]).some(
        (p) =>
          p.type === 'Property' &&
          (p.key as Expression).type === 'Identifier' &&
          (p.key as Expression).name === 'shell' &&
          !((p.value as Expression).type === 'Literal' && (p.value as Expression).value === false),
      ),
  );
}

/**
 * exec/execSync run their argument through a shell, and so do spawn and
 * execFile with `shell: true`. A command assembled from input can then carry
 * `; rm -rf ~`. eslint-plugin-security only looks at calls named `exec`.
 */
export const noShellInjection: Rule.RuleModule = {
  meta: {
    type: 'problem',
    docs: { description: 'Disallow shell commands built from non-literal input' },
    schema: [],
    messages: {
      shell:
        '{{fn}}() runs {{what}} through a shell. Pass the program and its arguments separately (execFile/spawn without shell: true) so input cannot inject commands.',
    },
  },
  create(context) {
    const tracked = trackChildProcess();
    return {
      ...tracked.visitors,
      CallExpression(node: Node) {
        const call = node as unknown as Expression;
        const name = childProcessCall(call.callee as Expression, tracked);
        const args = call.arguments as Expression[];
        if (!name || args.length === 0) return;
        if (shellFunctions.has(name) && !isConstantText(args[0])) {
          context.report({ node, messageId: 'shell', data: { fn: name, what: describe(args[0]) } });
        } else if (spawnFunctions.has(name) && hasShellOption(args)) {
          const dynamic = [args[0], args[1]].find(
            (arg) =>
              arg &&
              !isConstantText(arg) &&
              !(arg.type === 'ArrayExpression' && (arg.elements as Expression[]).every((e) => isConstantText(e))),
          );
          if (dynamic) context.report({ node, messageId: 'shell', data: { fn: name, what: describe(dynamic) } });
        }
      },
    };
  },
};

/**
 * A pattern built at run time from input can be made to backtrack forever
 * (ReDoS) or to match what it should not. Covers `RegExp(x)` without `new`,
 * which eslint-plugin-security misses.
 */
export const noDynamicRegexp: Rule.RuleModule = {
  meta: {
    type: 'problem',
    docs: { description: 'Disallow RegExp built from non-literal patterns' },
    schema: [],
    messages: {
      dynamic:
        'RegExp built from {{what}}. Use a literal, or escape the input first and say why it is safe in an eslint-disable comment.',
    },
  },
  create(context) {
    const check = (node: Node) => {
      const call = node as unknown as Expression;
      const callee = call.callee as Expression;
      const first = (call.arguments as Expression[])[0];
      if (callee.type === 'Identifier' && callee.name === 'RegExp' && first && !isConstantText(first)) {
        context.report({ node, messageId: 'dynamic', data: { what: describe(first) } });
      }
    };
    return { CallExpression: check, NewExpression: check };
  },
};
