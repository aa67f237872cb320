import { PavedError } from '@paved/errors';
import { lstatSync, realpathSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';

/**
 * The part of @nx/devkit's `Tree` the merges use, so the init generator passes Nx's tree as it is
 * and tests pass `createTreeWithEmptyWorkspace()` or an `FsTree` over a scratch folder.
 * Paths are workspace-relative with forward slashes.
 */
export interface MergeTree {
  readonly root: string;
  read(path: string, encoding: 'utf-8'): string | null;
  write(path: string, content: string, options?: { mode?: number }): void;
  exists(path: string): boolean;
  delete(path: string): void;
  children(dirPath: string): string[];
  isFile(path: string): boolean;
}

/** A file this merge wrote. */
export interface FileChange {
  path: string;
  action: 'created' | 'updated';
}

/** What every merge returns. A merge that refuses throws a PavedError instead and writes nothing. */
export interface MergeResult {
  /** Files written, in the order they were written; empty when everything was already in place. */
  changes: FileChange[];
  /** What the user should know: what was kept, what Paved added, and anything left for them to decide. */
  notes: string[];
  /** Packages the setup needs that the root package.json does not declare yet (name -> version); the caller adds them. */
  devDependencies: Record<string, string>;
}

const toPosix = (path: string): string => path.split(sep).join('/');

/**
 * Where an edit of `path` lands. A symbolic link is followed and its target edited, so every
 * link to a shared config sees the change and the link stays a link. A link to a missing file or
 * to a file outside the workspace is refused: editing it would change something other checkouts
 * or repositories share.
 */
export function editablePath(tree: MergeTree, path: string): { path: string; linkedFrom?: string } {
  const absolute = join(tree.root, path);
  let isLink = false;
  try {
    isLink = lstatSync(absolute).isSymbolicLink();
  } catch {
    return { path }; // Only in the tree (a virtual tree, or written by an earlier step): no link to follow.
  }
  if (!isLink) return { path };
  let target: string;
  try {
    target = realpathSync(absolute);
  } catch {
    throw new PavedError({
      code: 'PAVED-703',
      file: path,
      message: 'is a symbolic link to a file that does not exist',
      hint: 'point the link at the config file, or replace it with the file',
    });
  }
  const inside = relative(realpathSync(tree.root), target);
  if (inside.startsWith('..') || isAbsolute(inside)) {
    throw new PavedError({
      code: 'PAVED-703',
      file: path,
      message: `is a symbolic link to ${target}, outside the workspace`,
      expected: 'a file inside the workspace, or a link to one',
      hint: 'Paved does not edit files other repositories may share: copy the file into the workspace, or skip this step',
    });
  }
  return { path: toPosix(inside), linkedFrom: path };
}

/**
 * The edits of one merge, held until it has decided it can do everything: reads see earlier
 * planned writes, and nothing reaches the tree unless `apply` runs (so a refusal writes nothing).
 */
export class MergePlan {
  private readonly writes = new Map<string, { content: string; mode?: number }>();
  readonly notes: string[] = [];
  readonly devDependencies: Record<string, string> = {};

  constructor(readonly tree: MergeTree) {}

  read(path: string): string | null {
    return this.writes.get(path)?.content ?? this.tree.read(path, 'utf-8');
  }

  exists(path: string): boolean {
    return this.writes.has(path) || this.tree.exists(path);
  }

  isFile(path: string): boolean {
    return this.writes.has(path) || (this.tree.exists(path) && this.tree.isFile(path));
  }

  children(dirPath: string): string[] {
    return this.tree.exists(dirPath) ? this.tree.children(dirPath) : [];
  }

  /** Plans a write; content equal to what the file holds is no change. */
  write(path: string, content: string, mode?: number): void {
    if (this.read(path) === content) return;
    this.writes.set(path, { content, mode });
  }

  note(message: string): void {
    if (!this.notes.includes(message)) this.notes.push(message);
  }

  needs(name: string, version: string): void {
    this.devDependencies[name] = version;
  }

  apply(): MergeResult {
    const changes: FileChange[] = [];
    for (const [path, { content, mode }] of this.writes) {
      const action = this.tree.exists(path) ? 'updated' : 'created';
      this.tree.write(path, content, mode === undefined ? undefined : { mode });
      changes.push({ path, action });
    }
    return { changes, notes: [...this.notes], devDependencies: { ...this.devDependencies } };
  }
}
