import { PavedError } from '@paved/errors';
import { posix } from 'node:path';

/** A bundle the package ships: one source file with everything internal it imports. */
export interface BundleEntry {
  /** Workspace-relative source file, e.g. `tools/nx-plugin/src/index.ts`. */
  source: string;
  /** Path inside the package, e.g. `src/index.js` (`.js` or `.cjs`). */
  output: string;
  /** The `#!` line of an executable (bin) entry. */
  shebang?: string;
}

/** A file or folder copied into the package as it is. */
export interface CopiedPath {
  /** Workspace-relative file or folder. */
  source: string;
  /** Path inside the package. */
  output: string;
  /** Copied only when it exists (a CHANGELOG.md before the first release). */
  optional?: boolean;
  /**
   * Rewrites a copied file for its place in the package (e.g. a `$schema` path that is
   * relative in the checkout); gets the package path and the content, returns the new content.
   */
  transform?: (file: string, content: string) => string;
}

/**
 * Where every shipped file comes from. The manifest is written through `locate`, so a
 * package.json field can only name a file the package really contains.
 */
export class PackageLayout {
  readonly entries: BundleEntry[] = [];
  readonly copies: CopiedPath[] = [];

  entry(source: string, output: string, options: { shebang?: string } = {}): this {
    this.entries.push({ source: normalize(source), output: normalize(output), ...options });
    return this;
  }

  copy(source: string, output: string, options: Pick<CopiedPath, 'optional' | 'transform'> = {}): this {
    this.copies.push({ source: normalize(source), output: normalize(output), ...options });
    return this;
  }

  /**
   * The package path (`./src/index.js`) of a workspace-relative source file or of a file inside
   * a copied folder; a PAVED-900 error when the package does not ship it.
   */
  locate(source: string): string {
    const wanted = normalize(source);
    const entry = this.entries.find((candidate) => candidate.source === wanted);
    if (entry) return `./${entry.output}`;
    for (const copy of this.copies) {
      if (copy.source === wanted) return `./${copy.output}`;
      if (wanted.startsWith(`${copy.source}/`)) return `./${copy.output}${wanted.slice(copy.source.length)}`;
    }
    throw new PavedError({
      code: 'PAVED-900',
      message: `"${wanted}" is not part of the package`,
      expected: 'a bundle entry or a copied file',
      hint: 'add it to the package layout (tools/release) or stop referring to it',
    });
  }
}

/** Workspace- and package-relative paths are posix, without `./`. */
function normalize(path: string): string {
  return posix.normalize(path.replaceAll('\\', '/')).replace(/^\.\//, '');
}
