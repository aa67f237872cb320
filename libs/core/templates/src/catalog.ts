import { PavedError, type Problem } from '@paved/errors';
import { formatKeyPath } from '@paved/policy';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { templateSchema, type Template } from './template-schema';

export const TEMPLATE_FILE = 'template.json';

export interface Kind {
  name: string;
  /** Absolute folder holding template.json and files/. */
  dir: string;
  template: Template;
}

/**
 * A template catalog is a list of folders, searched in order; the first that
 * has `<kind>/template.json` wins. A workspace lists its own generators/ first
 * so a platform team can add or override kinds without touching TypeScript.
 */
export class Catalog {
  constructor(readonly dirs: readonly string[]) {}

  kindNames(): string[] {
    const names = new Set<string>();
    for (const dir of this.dirs.filter((d) => existsSync(d))) {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory() && existsSync(join(dir, entry.name, TEMPLATE_FILE))) names.add(entry.name);
      }
    }
    return [...names].sort();
  }

  /** The kind, undefined when no catalog folder has it; a PavedError when its template.json is broken. */
  find(name: string): Kind | undefined {
    for (const dir of this.dirs) {
      const kindDir = join(dir, name);
      if (existsSync(join(kindDir, TEMPLATE_FILE))) {
        return { name, dir: kindDir, template: readTemplate(kindDir) };
      }
    }
    return undefined;
  }
}

/**
 * The kinds Paved ships. A published bundle carries them in `catalog/` beside the package.json
 * of the package it ships in, whatever folder inside that package the bundle sits in. Run from
 * this repository's sources, no package around the code has a `catalog/`, and the kinds are the
 * repository's own generators/ folder. `from` is the folder of the running code.
 */
export function builtInCatalogDirs(from: string = __dirname): string[] {
  const packageRoot = nearestPackageRoot(from);
  const shipped = packageRoot === undefined ? undefined : join(packageRoot, 'catalog');
  if (shipped !== undefined && existsSync(shipped)) return [shipped];
  const source = join(from, '..', '..', '..', '..', 'generators');
  return existsSync(source) ? [source] : [];
}

function nearestPackageRoot(from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

export function readTemplate(kindDir: string): Template {
  const file = join(kindDir, TEMPLATE_FILE);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf-8'));
  } catch (error) {
    throw new PavedError({ code: 'PAVED-110', file, message: (error as Error).message, expected: 'a JSON object' });
  }
  const parsed = templateSchema.safeParse(raw);
  if (!parsed.success) {
    throw new PavedError(
      parsed.error.issues.map((issue): Problem => ({
        code: 'PAVED-110',
        file,
        keyPath: issue.path.length > 0 ? formatKeyPath(issue.path) : '(root)',
        message: issue.message,
      })),
    );
  }
  return parsed.data;
}
