export interface CiGeneratorSchema {
  /** How many CI machines share the affected tasks (default 4). */
  shards?: number;
  /** The targets every shard runs, comma-separated (default lint,typecheck,test,build). */
  targets?: string;
  /** Write .github/workflows/paved.yml (default true; `--no-github`). */
  github?: boolean;
  /** Write the GitLab CI pipeline (default true; `--no-gitlab`). */
  gitlab?: boolean;
  skipFormat?: boolean;
}
