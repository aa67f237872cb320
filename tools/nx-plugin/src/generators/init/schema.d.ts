export interface InitGeneratorSchema {
  /** Write baselines of existing findings (default true; `--no-baseline` leaves them out). */
  baseline?: boolean;
  skipEslint?: boolean;
  skipHooks?: boolean;
  skipInstall?: boolean;
  skipFormat?: boolean;
  keepExistingVersions?: boolean;
}
