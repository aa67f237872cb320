// lint-staged, run by .husky/pre-commit on every commit.
export default {
  // paved lint is the workspace's ESLint kept warm between commits (docs/adoption.md, "paved lint"): about 0.2 s
  // a file where ESLint's CLI spends a second loading its config first.
  '*.{ts,tsx,mts,cts,js,mjs,cjs}': ['prettier --write', 'node tools/cli/bin/paved.mjs lint --fix'],
  '*.{json,md,yml,yaml,css,html}': ['prettier --write'],
  // Secret scan of what the index will commit: once per commit, not once per file, so the
  // function ignores the file names lint-staged passes. It reads the staged content itself
  // (git cat-file), so a secret removed from the work tree but still staged is caught. It runs
  // the CLI from a cached bundle (tools/cli/bin/paved.mjs): tsx would add ~0.5 s to every commit.
  '*': () => 'node tools/cli/bin/paved.mjs scan secrets --staged',
};
