import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type CheckOutcome, type DoctorContext } from '../model';

export const PLUGIN = '@paved/nx';

/** `@paved/nx` in nx.json `plugins` (a string or `{ "plugin": … }`), and installed where Nx will load it from. */
export function checkNxPlugin(context: DoctorContext): CheckOutcome {
  const file = join(context.root, 'nx.json');
  const errors: ParseError[] = [];
  // Nx reads nx.json as JSON with comments.
  const nxJson = parse(readFileSync(file, 'utf-8'), errors, { allowTrailingComma: true }) as unknown;
  if (errors.length > 0 || typeof nxJson !== 'object' || nxJson === null) {
    const first = errors[0];
    return {
      verdict: 'fail',
      reason: `nx.json is not valid JSON${first ? `: ${printParseErrorCode(first.error)} at offset ${first.offset}` : ''}`,
      hint: 'fix nx.json (every nx command fails on it too)',
    };
  }
  const plugins = (nxJson as { plugins?: unknown }).plugins;
  const entries = Array.isArray(plugins) ? plugins : [];
  const index = entries.findIndex(
    (entry) => entry === PLUGIN || (typeof entry === 'object' && entry !== null && entry.plugin === PLUGIN),
  );
  if (index === -1) {
    return {
      verdict: 'fail',
      reason: `nx.json plugins has no ${PLUGIN} entry: the check and scan targets are not inferred`,
      hint: `nx add ${PLUGIN} (registers it), or add "${PLUGIN}" to plugins in nx.json`,
      details: { registered: false },
    };
  }
  const form = typeof entries[index] === 'string' ? 'string' : 'object';
  if (!installedAtOrAbove(context.root, PLUGIN)) {
    return {
      verdict: 'fail',
      reason: `${PLUGIN} is registered in nx.json but not installed: every nx command fails to load it`,
      hint: `add it to the workspace's devDependencies (e.g. \`pnpm add -D ${PLUGIN}\`) and install`,
      details: { registered: true, form, installed: false },
    };
  }
  return {
    verdict: 'pass',
    reason: `${PLUGIN} is registered in nx.json (plugins[${index}]) and installed`,
    details: { registered: true, form, installed: true },
  };
}

/**
 * Whether a node_modules folder at or above the workspace holds the package, as Node finds it
 * for Nx. Only that chain counts: NODE_PATH or global folders of the shell running doctor are
 * not what Nx sees when the team runs it.
 */
function installedAtOrAbove(root: string, name: string): boolean {
  for (let dir = root; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'node_modules', name, 'package.json'))) return true;
    if (dirname(dir) === dir) return false;
  }
}
