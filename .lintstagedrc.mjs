// lint-staged, run by .husky/pre-commit on every commit.
export default {
  '*.{ts,tsx,mts,cts,js,mjs,cjs}': ['prettier --write', 'eslint --fix --no-warn-ignored'],
  '*.{json,md,yml,yaml,css,html}': ['prettier --write'],
  // Secret scan of what the index will commit: once per commit, not once per file, so the
  // function ignores the file names lint-staged passes. It reads the staged content itself
  // (git cat-file), so a secret removed from the work tree but still staged is caught. It runs
  // the CLI from a cached bundle (tools/cli/bin/paved.mjs): tsx would add ~0.5 s to every commit.
  '*': () => 'node tools/cli/bin/paved.mjs scan secrets --staged',
};
