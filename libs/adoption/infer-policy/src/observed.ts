/** What inference reads about one project: Nx's view of it, plus its package.json name. */
export interface ObservedProject {
  name: string;
  /** Workspace-relative, "/"-separated; "." for a root project. */
  root: string;
  tags: readonly string[];
  projectType?: 'application' | 'library';
  /** The `name` of the project's package.json, when it has one. */
  packageName?: string;
}

/** The workspace as init found it. */
export interface ObservedWorkspace {
  /** The workspace folder's name: the last resort for an npm scope. */
  folderName: string;
  projects: readonly ObservedProject[];
  rootPackageJson?: {
    name?: unknown;
    engines?: { node?: unknown } | unknown;
    packageManager?: unknown;
  };
  /** The import paths the root tsconfig maps (`compilerOptions.paths` keys): how projects are imported. */
  importPaths?: readonly string[];
  /** An existing CODEOWNERS file (the first of GitHub's or GitLab's locations that exists). */
  codeowners?: { path: string; text: string };
  /** Which code hosts the repository shows signs of (.github/, .gitlab-ci.yml, .gitlab/). */
  hosts: { github: boolean; gitlab: boolean };
}

/** One line of the summary init prints: what was decided, and from what. */
export interface Reason {
  /** The paved.json key the decision fills, e.g. `scopes`, `kinds.ts-lib.path`. */
  key: string;
  message: string;
}
