export interface InitGeneratorSchema {
  /** Write baselines of existing findings (default true; `--no-baseline` leaves them out). */
  baseline?: boolean;
  /** Merge Paved's ESLint presets (default true; `--no-eslint`). */
  eslint?: boolean;
  /** Join or set up the pre-commit hook (default true; `--no-hooks`). */
  hooks?: boolean;
  /** Write Paved's GitHub Actions and GitLab CI pipelines (default true; `--no-ci`). */
  ci?: boolean;
  skipInstall?: boolean;
  skipFormat?: boolean;
  keepExistingVersions?: boolean;
}
