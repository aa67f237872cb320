// lint-staged, run by .husky/pre-commit on every commit.
export default {
  '*.{ts,tsx,mts,cts,js,mjs,cjs}': ['prettier --write', 'eslint --fix --no-warn-ignored'],
  '*.{json,md,yml,yaml,css,html}': ['prettier --write'],
  // Secret scan of what the index will commit: once per commit, not once per file, so the
  // function ignores the file names lint-staged passes. It reads the staged content itself
  // (git cat-file), so a secret removed from the work tree but still staged is caught.
  '*': () => 'tsx --tsconfig tsconfig.base.json tools/cli/src/main.ts scan secrets --staged',
};
